"""Performance measurements of korus-data, printed as one table. Run on demand:

    python tests/benchmarks/measure.py            # prints the figures
    python -m pytest tests/benchmarks -s          # the same, checked against the targets

Targets: ``import korus_data`` ≤ 1.15 × ``import pandas``; each ``load(name)`` ≤ 2 ×
``pandas.read_csv`` of the same file with the same explicit dtypes; full ``validate()`` ≤ 3 s;
wheel ≤ 2 MB.
"""

from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = {"import_ratio": 1.15, "load_ratio": 2.0, "validate_seconds": 3.0, "wheel_mb": 2.0}


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
            load_module._cached.cache_clear()
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


def validate_seconds() -> float:
    import korus_data as kd

    kd.validate()  # warm: imports pandera and frictionless once
    start = time.perf_counter()
    report = kd.validate()
    elapsed = time.perf_counter() - start
    assert report.ok, str(report)
    return elapsed


def cold_validate_seconds() -> float:
    code = "import korus_data as kd; assert kd.validate().ok"
    return _median_seconds([sys.executable, "-c", code], 3)


def peak_memory_mb() -> float:
    """Peak Python allocation while loading every table (cache cleared first)."""
    import korus_data as kd

    load_module = importlib.import_module("korus_data.store.loader")
    from korus_data.schema.tables import TABLES

    load_module._cached.cache_clear()
    tracemalloc.start()
    for name in TABLES:
        kd.load(name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def wheel_mb() -> float:
    sys.path.insert(0, str(REPO / "tests"))
    from helpers import build_wheel

    with tempfile.TemporaryDirectory() as out:
        return build_wheel(Path(out)).stat().st_size / 1e6


def measure() -> dict:
    return {
        "import": import_times(),
        "load": load_times(),
        "validate_warm_s": validate_seconds(),
        "validate_cold_s": cold_validate_seconds(),
        "peak_memory_mb": peak_memory_mb(),
        "wheel_mb": wheel_mb(),
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
    lines += [
        f"validate(): {results['validate_warm_s']:.2f} s warm, {results['validate_cold_s']:.2f} s "
        f"in a fresh interpreter (target ≤ {TARGETS['validate_seconds']} s)",
        f"peak memory loading every table: {results['peak_memory_mb']:.1f} MiB",
        f"wheel: {results['wheel_mb']:.2f} MB (target ≤ {TARGETS['wheel_mb']} MB)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure()))
