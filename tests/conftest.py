"""Shared fixtures: the repository, a scratch copy of the package, the official source files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: The source pack (official workbooks and extracts); CI has it beside the clone.
SOURCES = Path(os.environ.get("KORUS_SOURCES", REPO.parent / "shared" / "sources"))
CENSUS_WORKBOOK = SOURCES / "census" / "country-2026-01.xlsx"
CAPTURES = SOURCES / "census" / "c5800-page-captures.csv"


def copy_package(target: Path) -> Path:
    """A writable copy of the package (data/, datapackage.json, README.md) under ``target``."""
    shutil.copytree(REPO / "data", target / "data")
    for name in ("datapackage.json", "README.md"):
        shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")


@pytest.fixture(scope="session")
def source_pack() -> Path:
    if not CENSUS_WORKBOOK.is_file():
        pytest.skip(f"source pack not found at {SOURCES} (set KORUS_SOURCES to its path)")
    return SOURCES


@pytest.fixture(scope="session")
def census_sources() -> dict[str, Path]:
    if not CENSUS_WORKBOOK.is_file():
        pytest.skip(f"source pack not found at {SOURCES} (set KORUS_SOURCES to its path)")
    return {"workbook": CENSUS_WORKBOOK, "captures": CAPTURES}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a package copy, by relative path, to prove a failed build changed nothing."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }
