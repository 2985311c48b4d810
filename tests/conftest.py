"""Shared fixtures: a scratch copy of the package and the official source files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import CAPTURES, CENSUS_WORKBOOK, SOURCES, copy_package


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


@pytest.fixture
def curated_copy(tmp_path, monkeypatch):
    """A copy of the curated inputs that the package reads instead of its own."""
    import shutil

    from korus_data.store import paths

    copy = tmp_path / "korus_data"
    shutil.copytree(paths.curated_dir(), copy / "curated")
    monkeypatch.setattr(paths, "package_dir", lambda: copy)
    return copy / "curated"


@pytest.fixture(autouse=True)
def _cache_outside_home(tmp_path_factory, monkeypatch):
    """No test writes to the user's cache folder (refresh reports, serve's databases)."""
    if "KORUS_CACHE" not in os.environ:
        monkeypatch.setenv("KORUS_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
