"""A data release: the same bytes every time, whole, verifiable by SHA256SUMS and by clients
that are not this library, refused when a gate fails."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from helpers import copy_package

import korus_data as kd
from korus_data.errors import BuildError
from korus_data.exports.release import STEM, make_release, read_sums
from korus_data.schema.tables import TABLES
from korus_data.validation import validate


@pytest.fixture(scope="module")
def release(release_assets) -> Path:
    return release_assets  # made once for the session, every gate first (conftest)


def _bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.slow
def test_two_releases_are_the_same_bytes_and_sha256sums_lists_every_file(release, tmp_path):
    again = tmp_path / "two"
    make_release(again, check=False)  # the same files; the gates ran for the first
    assert _bytes(release) == _bytes(again)
    sums = read_sums((release / "SHA256SUMS").read_text())
    files = {k: v for k, v in _bytes(release).items() if k != "SHA256SUMS"}
    assert sums.keys() == files.keys()
    assert all(hashlib.sha256(files[k]).hexdigest() == sums[k] for k in files)
    names = set(files)
    assert {f"{STEM}.zip", f"{STEM}.sqlite", f"{STEM}.duckdb.sql", "RELEASE-NOTES.md"} <= names
    assert {f"{STEM}-{n}.parquet" for n in TABLES} <= names
    assert not [n for n in names if "/" in n]  # flat: the assets of a GitHub release


@pytest.mark.slow
def test_the_bundle_unzipped_is_a_valid_package_with_its_licence(release, tmp_path):
    with zipfile.ZipFile(release / f"{STEM}.zip") as archive:
        archive.extractall(tmp_path)
    root = tmp_path / STEM
    for name in ("README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md", "datapackage.json"):
        assert (root / name).is_file(), name
    report = validate(root)
    assert report.ok, [str(f) for f in report.failures[:5]]


@pytest.mark.slow
def test_the_notes_list_every_table_whose_rows_changed(release, tmp_path):
    previous = tmp_path / "previous.zip"
    with zipfile.ZipFile(release / f"{STEM}.zip") as old, zipfile.ZipFile(previous, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.endswith("data/claims.csv"):
                lines = data.decode().splitlines(keepends=True)
                data = "".join([lines[0], *lines[2:]]).encode()  # one claim fewer then
            if item.filename.endswith("data/partners.csv"):
                data = data.replace(b"OPEC", b"OPEC (old name)", 1)
            new.writestr(item, data)
    out = tmp_path / "with-notes"
    make_release(out, previous=previous, check=False)
    notes = (out / "RELEASE-NOTES.md").read_text()
    assert "- `claims`: 1 rows added, 0 removed, 0 changed" in notes
    assert "- `partners`: 0 rows added, 0 removed, 1 changed" in notes
    assert "`goods_trade_monthly`" not in notes.split("## What changed")[0]
    assert "## What changed (from CHANGELOG.md)" in notes and "data-2026.12" in notes


@pytest.mark.slow
def test_the_duckdb_script_builds_every_table_from_the_parquet_set(release):
    duckdb = pytest.importorskip("duckdb")
    import os

    here = os.getcwd()
    os.chdir(release)
    try:
        connection = duckdb.connect()
        connection.execute((release / f"{STEM}.duckdb.sql").read_text())
        every_fk = sum(len(t.foreign_keys) for t in TABLES.values())
        kinds = dict(
            connection.execute(
                "SELECT constraint_type, count(*) FROM duckdb_constraints() GROUP BY 1"
            ).fetchall()
        )
        assert kinds["FOREIGN KEY"] == every_fk and kinds["PRIMARY KEY"] == len(TABLES)
        for name in ("sources", "goods_trade_monthly", "investment_project_events"):
            key = list(TABLES[name].primary_key)
            order = ", ".join(f'"{k}"' for k in key)
            rows = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            assert rows == len(kd.load(name)), name
            frame = connection.execute(f'SELECT * FROM "{name}" ORDER BY {order}').df()
            expected = kd.load(name).sort_values(key, ignore_index=True)
            for column in ("source_id",):
                assert frame[column].astype(str).tolist() == expected[column].tolist()
    finally:
        os.chdir(here)


def test_a_copy_that_fails_a_gate_is_not_released(tmp_path):
    root = copy_package(tmp_path / "pkg")
    claims = root / "data" / "claims.csv"
    claims.write_bytes(claims.read_bytes().replace(b"supported", b"supporter", 1))
    with pytest.raises(BuildError, match="does not pass validate --spec"):
        make_release(tmp_path / "out", root=root)
    assert not (tmp_path / "out").exists()


def test_the_parquet_set_reads_back_with_pandas_types(release):
    events = pd.read_parquet(release / f"{STEM}-investment_project_events.parquet")
    assert str(events["jobs"].dtype) == "Int64"
