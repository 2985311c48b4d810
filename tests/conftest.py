"""Shared fixtures: a scratch copy of the package and the official source files."""

from __future__ import annotations

import os
from pathlib import Path

# Hypothesis runs third-party plugins when it is first imported; the one installed here
# (trio's, pulled in by selenium) costs about a second in every process that imports
# Hypothesis, and Pandera imports it. The suite uses no plugin: skip them, in the test
# processes and in the command-line runs they start.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")

import pytest
from helpers import CAPTURES, CENSUS_WORKBOOK, SOURCES, copy_package, without_source_pack


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")


@pytest.fixture(scope="session")
def source_pack() -> Path:
    if not CENSUS_WORKBOOK.is_file():
        without_source_pack()
    return SOURCES


@pytest.fixture(scope="session")
def census_sources() -> dict[str, Path]:
    if not CENSUS_WORKBOOK.is_file():
        without_source_pack()
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


@pytest.fixture(scope="session")
def suite_cache(tmp_path_factory) -> str:
    """The cache folder of the suite's processes: never the user's (refresh reports, serve's
    databases). Processes a module starts once get it from here."""
    return os.environ.get("KORUS_CACHE") or str(tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(autouse=True)
def _cache_outside_home(suite_cache, monkeypatch):
    """No test writes to the user's cache folder."""
    monkeypatch.setenv("KORUS_CACHE", suite_cache)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` first, the others after them in their own order: with
    ``pytest -n``, the long tests start early and the short ones fill the gaps, so the
    workers finish together instead of one waiting on a long test collected last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def release_assets(tmp_path_factory, request) -> Path:
    """The release of the package (``korus-data release``, every gate first), made once for
    the whole session: the test workers share it (a lock makes the first one write it, the
    others wait and read it). Tests read it; one that changes a file copies it first."""
    from filelock import FileLock

    from korus_data.exports.release import make_release

    base = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: the session's folder
        base = base.parent
    target = base / "release-assets"
    with FileLock(str(base / "release-assets.lock")):
        if not (target / "SHA256SUMS").is_file():
            make_release(target)
    return target
