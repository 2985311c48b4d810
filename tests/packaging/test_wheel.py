"""The real wheel: built, installed into a fresh virtual environment, every table loaded offline."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import build_wheel

from korus_data.schema.tables import TABLES

pytestmark = pytest.mark.slow

CHECK = r"""
import json, socket, sys

def no_network(*args, **kwargs):
    raise RuntimeError("korus_data tried to use the network")

socket.socket.connect = no_network
socket.create_connection = no_network

import korus_data as kd

out = {"file": kd.__file__, "tables": {}}
for name in kd.tables()["name"]:
    frame = kd.load(name)
    dtypes = {c: str(t) for c, t in frame.dtypes.items()}
    out["tables"][name] = {"rows": len(frame), "dtypes": dtypes}
out["valid"] = kd.validate().ok
import hashlib, tempfile, zipfile
[bundle] = kd.export("zip", tempfile.mkdtemp() + "/bundle")
out["bundle_sha256"] = hashlib.sha256(bundle.read_bytes()).hexdigest()
out["bundle_names"] = zipfile.ZipFile(bundle).namelist()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


def test_wheel_carries_the_data_and_descriptor(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "korus_data/datapackage.json" in names
    assert "korus_data/py.typed" in names
    for table in TABLES.values():
        assert f"korus_data/{table.path}" in names
    assert "korus_data/notebooks/07-how-much-do-the-figures-move.ipynb" in names
    assert "korus_data/curated/release_dates.csv" in names
    # exports are made on demand, never shipped; the code and documents stay small (the data
    # grows with every table and its vintages, and is what the wheel is for)
    archive = zipfile.ZipFile(wheel)
    assert not [n for n in names if n.endswith((".parquet", ".duckdb", ".sqlite", ".xlsx", ".zip"))]
    sizes = {"korus_data/data/": 0, "korus_data/notebooks/": 0, "": 0}
    for info in archive.infolist():
        part = next(p for p in sizes if info.filename.startswith(p))
        sizes[part] += info.compress_size
    assert sizes[""] <= 520_000  # code, descriptor and documents: 470 KB measured
    # nine notebooks with their outputs, charts as SVG: 127 KB measured (as PNG: 1 MB)
    assert sizes["korus_data/notebooks/"] <= 160_000
    # 6.0 MB with every partner's exports by End-Use code (264,000 rows, 23 MB of CSV, 2.1 MB
    # compressed), the tariff schedule's three editions (44,000 lines, 14 MB, 1.2 MB) and the
    # NAICS groups (6 MB, 0.45 MB); the README's "Where CSV stops" gives the size at which
    # tables move to the release
    assert wheel.stat().st_size <= 7_000_000


def test_wheel_installs_in_a_fresh_venv_and_loads_every_table_offline(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)  # pip is run from here, into the venv
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # Dependencies (pandas, pandera, frictionless) come from this environment, appended after
    # the fresh venv's own site-packages, so korus_data itself can only come from the wheel.
    fresh_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (fresh_site / "zz_test_dependencies.pth").write_text("\n".join(deps) + "\n")

    result = subprocess.run(
        [str(python), "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    report = json.loads(result.stdout)
    assert report["file"].startswith(str(env_dir)), report["file"]
    assert report["valid"]
    # the bundle a user makes from the wheel is the bundle made from the checkout, byte for byte
    inside = {n.split("/", 1)[1] for n in report["bundle_names"]}
    assert {"README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md"} <= inside
    from korus_data.exports import export

    [here] = export("zip", tmp_path / "bundle-here")
    import hashlib

    assert report["bundle_sha256"] == hashlib.sha256(here.read_bytes()).hexdigest()
    version = subprocess.run(
        [str(python), "-m", "korus_data", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert version.returncode == 0 and "korus-data" in version.stdout, version.stderr
    for name, table in TABLES.items():
        loaded = report["tables"][name]
        assert loaded["rows"] > 0
        for field in table.fields:
            dtype = loaded["dtypes"][field.name]
            if field.type in ("string", "yearmonth"):
                assert dtype in ("str", "string", "object"), (name, field.name, dtype)
            elif field.type in ("integer", "year"):
                assert dtype.lower().startswith("int"), (name, field.name, dtype)
            elif field.type == "number":
                assert dtype == "float64", (name, field.name, dtype)
