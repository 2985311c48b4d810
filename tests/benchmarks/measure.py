"""Performance measurements of korus-data, printed as one table. Run on demand:

    python tests/benchmarks/measure.py [--suite]  # prints the figures
    python -m pytest tests/benchmarks -s          # the same, checked against the targets

Every figure is measured side by side with its baseline in the same run (the machine is shared
and noisy: ratios hold, seconds do not). CPU time of fresh interpreters, median of runs taken in
turn. The command-line figures (validate, CLI start, build) are measured where a user meets
them: a virtual environment holding the wheel and what ``pip install "korus-data[build]"``
brings from the registries (made once, kept in the system's temporary folder); and, beside
them, in this (development) environment, where Pandera also imports Hypothesis and its
plugins. ``--suite`` adds the wall time of the test suite as CI runs it (``pytest -n auto``).

Targets: ``import korus_data`` ≤ 1.15 × ``import pandas``; each ``load(name)`` ≤ 2 ×
``pandas.read_csv`` with the same dtypes; ``validate()`` ≤ 2 × ``pandas.read_csv`` of every
table; ``korus-data --help`` and ``tables`` ≤ 0.3 s; whole-pack build ≤ 10 s; wheel ≤ 7 MB (trade
by NAICS group of every partner made it 1.9 MB; the README says where tables leave the wheel);
test suite ≤ 150 s.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = {
    "import_ratio": 1.15,
    "load_ratio": 2.0,
    "validate_ratio": 2.0,
    "cli_seconds": 0.3,
    "build_seconds": 10.0,
    "wheel_mb": 7.0,
    "suite_seconds": 150.0,
}
SOURCES = REPO.parent / "shared" / "sources"


def _cpu_seconds(argv: list[str]) -> float:
    """CPU time (user + system) a child process used."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def side_by_side(commands: dict[str, list[str]], runs: int = 3) -> dict[str, float]:
    """Median CPU seconds of each command, the commands taken in turn, ``runs`` rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(_cpu_seconds(argv))
    return {name: statistics.median(values) for name, values in times.items()}


READ_EVERY_CSV = (
    "import glob, pandas as pd\n"
    f"for f in sorted(glob.glob({str(REPO / 'data' / '*.csv')!r})): pd.read_csv(f)"
)


def user_python() -> Path | None:
    """The interpreter of a virtual environment holding this checkout's wheel and the
    dependencies ``pip install "korus-data[build]"`` brings (None when the registries cannot
    be reached). Made once per wheel content, in the system's temporary folder."""
    import venv

    wheel = built_wheel()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    env = Path(tempfile.gettempdir()) / f"korus-data-bench-{digest}"
    python = env / "bin" / "python"
    if (env / "installed").is_file():
        return python
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    kept = env / wheel.name
    kept.write_bytes(wheel.read_bytes())
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"korus_data[build] @ {kept.as_uri()}"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"(no user environment: pip said {done.stderr.strip()[-300:]})", file=sys.stderr)
        return None
    (env / "installed").write_text("ok\n")
    return python


#: What any validate() with Pandera pays before reading a byte: its imports.
IMPORTS_ALONE = "import pandas, pyarrow.csv, pyarrow.compute, pandera.pandas"


def validate_against_read_csv(python: str = sys.executable) -> dict[str, float]:
    """validate() and, as the floor of any validation through Pandera, its imports alone,
    against read_csv of every table (CPU of fresh interpreters, side by side)."""
    cpu = side_by_side(
        {
            "read_csv": [python, "-c", READ_EVERY_CSV],
            "validate": [python, "-c", "import korus_data as kd; assert kd.validate().ok"],
            "imports": [python, "-c", IMPORTS_ALONE],
        }
    )
    return {
        **cpu,
        "ratio": cpu["validate"] / cpu["read_csv"],
        "imports_ratio": cpu["imports"] / cpu["read_csv"],
    }


def cli_against_import_pandas(python: str = sys.executable) -> dict[str, float]:
    cli = [python, "-m", "korus_data.cli"]
    return side_by_side(
        {
            "import pandas": [python, "-c", "import pandas"],
            "korus-data --help": [*cli, "--help"],
            "korus-data tables": [*cli, "tables"],
        }
    )


def build_seconds(python: str = sys.executable) -> float | None:
    """Wall time of a whole-pack rebuild into a copy of the package (None without the pack)."""
    if not (SOURCES / "census").is_dir():
        return None
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pkg"
        shutil.copytree(REPO / "data", root / "data")
        for name in ("datapackage.json", "README.md"):
            shutil.copy2(REPO / name, root / name)
        start = time.perf_counter()
        subprocess.run(
            [
                python,
                "-m",
                "korus_data.cli",
                "build",
                "--sources",
                str(SOURCES),
                "--root",
                str(root),
            ],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def suite_seconds() -> float:
    """Wall time of the test suite as CI runs it (the README's command: pytest -n auto)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "auto", "-p", "no:randomly"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def _median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_times(runs: int = 9) -> dict[str, float]:
    """Median wall time of a fresh interpreter importing pandas, and importing korus_data."""
    base = _median_seconds([sys.executable, "-c", "pass"], runs)
    pandas = _median_seconds([sys.executable, "-c", "import pandas"], runs) - base
    korus = _median_seconds([sys.executable, "-c", "import korus_data"], runs) - base
    return {"pandas": pandas, "korus_data": korus, "ratio": korus / pandas}


def _best(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def load_times() -> list[dict]:
    """Per table: uncached ``load`` against ``read_csv`` with the same dtypes."""
    import pandas as pd

    import korus_data as kd

    load_module = importlib.import_module("korus_data.store.loader")
    from korus_data.schema.tables import TABLES
    from korus_data.store.paths import package_root

    rows = []
    for name, table in TABLES.items():
        path = package_root() / table.path

        def bare(path=path, table=table):
            pd.read_csv(path, dtype=table.dtypes, keep_default_na=False, na_values=[""])

        def ours(name=name):
            load_module._parsed.cache_clear()
            kd.load(name)

        bare_s, ours_s = _best(bare), _best(ours)
        rows.append(
            {
                "table": name,
                "read_csv_ms": bare_s * 1e3,
                "load_ms": ours_s * 1e3,
                "ratio": ours_s / bare_s,
            }
        )
    return rows


def peak_memory_mb() -> float:
    """Peak Python allocation while loading every table (cache cleared first)."""
    import korus_data as kd

    load_module = importlib.import_module("korus_data.store.loader")
    from korus_data.schema.tables import TABLES

    load_module._parsed.cache_clear()
    tracemalloc.start()
    for name in TABLES:
        kd.load(name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


@functools.cache
def built_wheel() -> Path:
    """This checkout's wheel, built once per run (into a temporary folder left to the system)."""
    sys.path.insert(0, str(REPO / "tests"))
    from helpers import build_wheel

    return build_wheel(Path(tempfile.mkdtemp(prefix="korus-data-wheel-")))


def wheel_mb() -> float:
    return built_wheel().stat().st_size / 1e6


def report_figures() -> dict[str, float]:
    """Seconds to write the report, and its size without the CSV copies."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "korus_data.cli", "report", "--out", str(out)],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - start
        csvs = sum(p.stat().st_size for p in (out / "data").glob("*.csv"))
        total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"seconds": seconds, "mb": (total - csvs) / 1e6}


def measure(suite: bool = False) -> dict:
    user = user_python()
    where = {"user install": str(user)} if user else {}
    where["this environment"] = sys.executable
    return {
        "report": report_figures(),
        "import": import_times(),
        "load": load_times(),
        "validate": {name: validate_against_read_csv(py) for name, py in where.items()},
        "cli": {name: cli_against_import_pandas(py) for name, py in where.items()},
        "build_s": {name: build_seconds(py) for name, py in where.items()},
        "peak_memory_mb": peak_memory_mb(),
        "wheel_mb": wheel_mb(),
        "suite_s": suite_seconds() if suite else None,
    }


def report(results: dict) -> str:
    imp = results["import"]
    lines = [
        f"import pandas {imp['pandas'] * 1e3:.0f} ms · import korus_data "
        f"{imp['korus_data'] * 1e3:.0f} ms · ratio {imp['ratio']:.2f} "
        f"(target ≤ {TARGETS['import_ratio']})",
        "load(name) against pandas.read_csv with the same dtypes (best of 15, cache cleared):",
    ]
    for row in results["load"]:
        lines.append(
            f"  {row['table']:<34} read_csv {row['read_csv_ms']:7.2f} ms · load "
            f"{row['load_ms']:7.2f} ms · ratio {row['ratio']:.2f} "
            f"(target ≤ {TARGETS['load_ratio']})"
        )
    for where, val in results["validate"].items():
        lines.append(
            f"validate(), fresh interpreter, {where}: {val['validate']:.2f} s CPU against "
            f"read_csv of every table {val['read_csv']:.2f} s · ratio {val['ratio']:.2f} "
            f"(target ≤ {TARGETS['validate_ratio']}); importing pandas, pyarrow and Pandera "
            f"alone {val['imports']:.2f} s · ratio {val['imports_ratio']:.2f}"
        )
    for where, cli in results["cli"].items():
        lines.append(
            f"CLI start, CPU, {where}: "
            + " · ".join(f"{k} {v:.2f} s" for k, v in cli.items())
            + f" (target ≤ {TARGETS['cli_seconds']} s)"
        )
    for where, seconds in results["build_s"].items():
        shown = "source pack absent" if seconds is None else f"{seconds:.1f} s"
        lines.append(f"whole-pack build, {where}: {shown} (target ≤ {TARGETS['build_seconds']} s)")
    if results.get("suite_s") is not None:
        lines.append(
            f"test suite, pytest -n auto on {os.cpu_count()} cores: {results['suite_s']:.0f} s "
            f"(target ≤ {TARGETS['suite_seconds']:.0f} s)"
        )
    lines += [
        f"report: {results['report']['seconds']:.1f} s to write (target ≤ 10 s), "
        f"{results['report']['mb']:.2f} MB without the CSVs (target ≤ 5 MB)",
        f"peak memory loading every table: {results['peak_memory_mb']:.1f} MiB",
        f"wheel: {results['wheel_mb']:.2f} MB (target ≤ {TARGETS['wheel_mb']} MB)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure(suite="--suite" in sys.argv[1:])))
