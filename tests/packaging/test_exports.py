"""Each export, opened with its own engine, equals kd.load; bad destinations are refused."""

from __future__ import annotations

import json
import os
import zipfile

import pandas as pd
import pytest
from helpers import REPO

import korus_data as kd
from korus_data.errors import UsageError
from korus_data.exports import export
from korus_data.exports.queries import EXAMPLES
from korus_data.exports.writers import sheet_names
from korus_data.schema.tables import TABLES
from korus_data.validation import validate

CHECKED = ["goods_trade_monthly", "partners", "investment_project_events", "sources"]


def _same(loaded: pd.DataFrame, name: str) -> None:
    _same_frames(loaded, kd.load(name), name)


def _same_frames(loaded: pd.DataFrame, expected: pd.DataFrame, name: str) -> None:
    assert list(loaded.columns) == list(expected.columns)
    assert len(loaded) == len(expected)
    for column in expected.columns:
        left = loaded[column].astype(object).where(loaded[column].notna(), None).tolist()
        right = expected[column].astype(object).where(expected[column].notna(), None).tolist()
        if str(expected[column].dtype).startswith("datetime"):
            left = [str(v)[:10] if v is not None else None for v in left]
            right = [str(v)[:10] if v is not None else None for v in right]
        assert left == right, (name, column)


def test_parquet_round_trips_with_types_and_metadata(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    files = export("parquet", tmp_path / "out")
    assert len(files) == len(TABLES)
    table = pq.read_table(tmp_path / "out" / "partners.parquet")
    assert str(table.schema.field("partner_code").type) == "string"
    events = pq.read_table(tmp_path / "out" / "investment_project_events.parquet")
    assert str(events.schema.field("event").type).startswith("dictionary")
    money = pq.read_table(tmp_path / "out" / "goods_trade_monthly.parquet").schema
    assert money.field("value_usd_millions").metadata[b"unit"] == b"USD millions, current"
    sources = pq.read_table(tmp_path / "out" / "sources.parquet").schema
    assert str(sources.field("date_accessed").type) == "date32[day]"
    for name in CHECKED:
        _same(pd.read_parquet(tmp_path / "out" / f"{name}.parquet"), name)
    jobs = pd.read_parquet(tmp_path / "out" / "investment_project_events.parquet")["jobs"]
    assert str(jobs.dtype) == "Int64"  # a nullable integer stays an integer in pandas


def test_duckdb_has_keys_and_comments(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    [path] = export("duckdb", tmp_path / "out")
    connection = duckdb.connect(str(path), read_only=True)
    kinds = dict(
        connection.execute(
            "SELECT constraint_type, count(*) FROM duckdb_constraints() GROUP BY 1"
        ).fetchall()
    )
    every_fk = sum(len(t.foreign_keys) for t in TABLES.values())
    assert kinds["PRIMARY KEY"] == len(TABLES) and kinds["FOREIGN KEY"] == every_fk
    flow_type = connection.execute(
        "SELECT data_type FROM duckdb_columns() WHERE table_name = 'goods_trade_monthly' "
        "AND column_name = 'flow'"
    ).fetchone()[0]
    assert flow_type.startswith("ENUM('export', 'import')"), flow_type
    size = path.stat().st_size
    csvs = sum(p.stat().st_size for p in (REPO / "data").glob("*.csv"))
    assert size < 1.5 * csvs, (size, csvs)  # was 28 MB against 6.7 MB of CSV
    comment = connection.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'goods_trade_monthly' "
        "AND column_name = 'value_usd_millions'"
    ).fetchone()[0]
    assert "USD millions" in comment
    for name in CHECKED:  # rows in the order of the table's key, as the CSV keeps them
        order = ", ".join(f'"{k}"' for k in TABLES[name].primary_key)
        frame = connection.execute(f'SELECT * FROM "{name}" ORDER BY {order}').df()
        expected = kd.load(name).sort_values(list(TABLES[name].primary_key), ignore_index=True)
        _same_frames(frame, expected, name)


def test_sqlite_enforces_keys(tmp_path):
    import sqlite3

    path, meta = export("sqlite", tmp_path / "out")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    for name in CHECKED:
        _same(pd.read_sql(f'SELECT * FROM "{name}"', connection), name)
    described = connection.execute(
        "SELECT unit, description FROM _korus_columns WHERE table_name = 'goods_trade_monthly' "
        "AND column_name = 'value_usd_millions'"
    ).fetchone()
    assert described[0].startswith("USD millions") and described[1]
    assert connection.execute("SELECT count(*) FROM _korus_columns").fetchone()[0] == sum(
        len(t.fields) for t in TABLES.values()
    )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("UPDATE goods_trade_monthly SET flow = 'exports' WHERE rowid = 1")
    # Datasette names a database by its file's stem; every query offered runs on this file
    [(database, described)] = json.loads(meta.read_text())["databases"].items()
    assert database == path.stem and described["queries"]
    for query in described["queries"].values():
        connection.execute(query["sql"], EXAMPLES).fetchall()
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO investment_project_events (project_id, date, date_precision, event, "
            "source_id) VALUES ('no-such-project', '2020', 'year', 'announced', 'x')"
        )
    connection.close()


@pytest.mark.slow
def test_xlsx_has_a_sheet_per_table_and_a_readme(tmp_path):
    [path] = export("xlsx", tmp_path / "out")
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine", dtype=str)
    assert "README" in sheets and len(sheets) == len(TABLES) + 1
    partners = sheets[sheet_names()["partners"]]
    assert partners["partner_code"].iloc[0] == "0001"
    assert len(sheets[sheet_names()["us_goods_trade_by_partner_annual_vintages"]]) == len(
        kd.load("us_goods_trade_by_partner_annual_vintages")
    )
    for name in TABLES:  # every row and column of every table
        assert sheets[sheet_names()[name]].shape == kd.load(name).shape, name
    typed = pd.read_excel(path, sheet_name=sheet_names()["sources"], engine="calamine")
    sources = kd.load("sources")
    assert typed["date_accessed"].tolist() == sources["date_accessed"].tolist()  # dates
    assert typed["date_published"].isna().sum() == sources["date_published"].isna().sum()
    monthly = sheet_names()["goods_trade_monthly"]
    values = pd.read_excel(path, sheet_name=monthly, engine="calamine")["value_usd_millions"]
    assert values.tolist() == kd.load("goods_trade_monthly")["value_usd_millions"].tolist()


@pytest.mark.slow
def test_zip_bundle_validates_once_unzipped(tmp_path):
    """The bundle is the package: its descriptor is the one Frictionless's own CLI validates
    (tests/packaging/test_package.py), and every file matches the hash that descriptor
    records (the integrity gate), so the reference check need not run twice."""
    from frictionless import Package

    [path] = export("zip", tmp_path / "out")
    assert path.name == f"korus-data-{kd.DATA_VERSION}.zip"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / f"korus-data-{kd.DATA_VERSION}"
    assert (root / "README.md").is_file() and (root / "LICENSE").is_file()
    descriptor = (root / "datapackage.json").read_bytes()
    assert descriptor == (REPO / "datapackage.json").read_bytes()
    assert Package.validate_descriptor(str(root / "datapackage.json")).valid
    report = validate(root)
    assert report.ok and {r.table for r in report.results if r.gate == "integrity"} == set(TABLES)


def test_bad_destinations_and_formats_are_refused(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep")
    with pytest.raises(UsageError, match="holds other files"):
        export("zip", busy)
    assert os.listdir(busy) == ["mine.txt"]
    with pytest.raises(UsageError, match="use one of"):
        export("pdf", tmp_path / "new")
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o500)
    try:
        if os.access(readonly, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(UsageError, match="cannot"):
            export("zip", readonly / "sub")
    finally:
        readonly.chmod(0o700)


KILL = r"""
import os, sys
import pyarrow.parquet as pq
from korus_data.exports import export
from korus_data.exports.queries import EXAMPLES

written = []
real = pq.write_table


def write_then_die(*args, **kwargs):
    real(*args, **kwargs)
    written.append(1)
    if len(written) == int(sys.argv[2]):
        os.kill(os.getpid(), 9)


pq.write_table = write_then_die
export("parquet", sys.argv[1])
"""


@pytest.mark.parametrize("after", [1, 12])
def test_a_killed_export_leaves_nothing_under_a_final_name_and_the_next_clears_it(tmp_path, after):
    import subprocess
    import sys

    from korus_data.exports.staging import leftovers

    out = tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", KILL, str(out), str(after)], check=False)
    assert killed.returncode == -9
    assert not out.exists()  # nothing under the final name, not even a partial set
    assert len(leftovers(out)) == 1  # its staging folder, hidden beside the destination
    written = export("parquet", out)
    assert len(written) == len(TABLES) and not leftovers(out)
    assert sorted(os.listdir(out)) == sorted(p.name for p in written)


def test_an_interrupted_export_removes_its_staging_folder(tmp_path, monkeypatch):
    from korus_data.exports import writers
    from korus_data.exports.staging import leftovers

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(writers.zipfile.ZipFile, "writestr", boom)
    with pytest.raises(KeyboardInterrupt):
        export("zip", tmp_path / "out")
    assert not (tmp_path / "out").exists() and not leftovers(tmp_path / "out")


@pytest.mark.parametrize("format", ["parquet", "duckdb", "sqlite", "xlsx", "zip"])
def test_every_format_refuses_a_tampered_copy(tmp_path, format):
    from helpers import copy_package

    from korus_data.errors import IntegrityError

    root = copy_package(tmp_path / "pkg")
    claims = root / "data" / "claims.csv"
    claims.write_bytes(claims.read_bytes().replace(b"supported", b"supporter", 1))
    with pytest.raises(IntegrityError, match="claims"):
        export(format, tmp_path / "out", root=root)
    assert not (tmp_path / "out").exists()


def test_the_zip_is_the_same_bytes_whenever_it_is_made(tmp_path):
    from helpers import copy_package

    root = copy_package(tmp_path / "pkg")
    [first] = export("zip", tmp_path / "one", root=root)
    for path in (root / "data").iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))  # the files' times change
    [second] = export("zip", tmp_path / "two", root=root)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        inside = {n.split("/", 1)[1] for n in names}
    assert {"README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md", "datapackage.json"} <= inside


def test_a_table_longer_than_a_worksheet_is_refused_before_anything_is_written(
    tmp_path, monkeypatch
):
    from korus_data.exports import writers

    monkeypatch.setattr(writers, "SHEET_ROWS", 1000)  # a worksheet as short as a test needs
    with pytest.raises(UsageError, match=r"worksheet holds 999 rows and .* export it as parquet"):
        export("xlsx", tmp_path / "out")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_two_runs_into_one_folder_end_with_one_whole_export_and_one_line(tmp_path):
    """Each run owns its staging folder (a lock held while it runs): neither removes the
    other's as a leftover; the second to finish, or to start while the first runs, refuses."""
    import subprocess
    import sys
    import zipfile

    out = tmp_path / "out"
    argv = [sys.executable, "-m", "korus_data", "export", "--format", "zip", "--out", str(out)]
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    runs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(r.wait(timeout=300), *r.communicate()) for r in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    [(_, _, err)] = [r for r in results if r[0] == 2]
    assert err.count("\n") == 1 and "Traceback" not in err and str(out) in err, err
    [bundle] = out.iterdir()
    assert zipfile.ZipFile(bundle).testzip() is None  # whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder or lock
