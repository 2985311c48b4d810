"""Helpers shared by the tests: paths, a scratch copy of the package, snapshots, the wheel.

Tests import these by name (``from helpers import REPO``); fixtures live in ``conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The source pack (official workbooks and extracts); CI has it beside the clone.
SOURCES = Path(os.environ.get("KORUS_SOURCES", REPO.parent / "shared" / "sources"))
CENSUS_WORKBOOK = SOURCES / "census" / "country-2026-01.xlsx"
CAPTURES = SOURCES / "census" / "c5800-page-captures.csv"


def without_source_pack() -> None:
    """Skip a test that needs the source pack when it is absent, or fail it when
    ``KORUS_REQUIRE_SOURCES`` is set (CI fetches the pack first: a skip there would hide a
    rebuild that no longer reproduces the tables)."""
    import pytest

    message = (
        f"source pack not found at {SOURCES}: korus-data sources fetch --to {SOURCES} "
        "(or set KORUS_SOURCES to its path)"
    )
    if os.environ.get("KORUS_REQUIRE_SOURCES"):
        pytest.fail(message + "; KORUS_REQUIRE_SOURCES is set, so this does not skip")
    pytest.skip(message)


def copy_package(target: Path) -> Path:
    """A writable copy of the package (data/, datapackage.json and the release's files:
    README.md, LICENSE, CITATION.cff, CHANGELOG.md) under ``target``."""
    shutil.copytree(REPO / "data", target / "data")
    for name in ("datapackage.json", "README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md"):
        shutil.copy2(REPO / name, target / name)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a package copy, by relative path, to prove a failed build changed nothing."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def build_wheel(outdir: Path) -> Path:
    """Build this checkout's wheel into ``outdir``, with this environment's hatchling."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(outdir),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    return next(Path(outdir).glob("korus_data-*.whl"))
