"""The writers of each export format (see :mod:`korus_data.exports`); each writes into the
staging folder of :mod:`korus_data.exports.staging` from the files it verified."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from korus_data.__about__ import DATA_VERSION
from korus_data.errors import IntegrityError, UsageError
from korus_data.exports.sql import (
    column_rows,
    create_statements,
    enum_statements,
    ordered_tables,
    referenced_first,
    sql_name,
    sql_text,
)
from korus_data.exports.staging import EXTRAS, final
from korus_data.extras import needs
from korus_data.schema.model import Table
from korus_data.schema.tables import TABLES
from korus_data.store.files import FIX, write_utf8
from korus_data.store.loader import parse_csv

STEM = f"korus-data-{DATA_VERSION}"
ROW_GROUP_ROWS = 65_536
#: Rows of an Excel worksheet, the header's included.
SHEET_ROWS = 1_048_576


def _frames(files: dict[str, bytes]):
    """Every table, typed, from the bytes that were verified (never read a second time)."""
    return {name: parse_csv(files[table.path], table) for name, table in TABLES.items()}


# --- Parquet ----------------------------------------------------------------------------


def _arrow_table(table: Table, frame):
    import pyarrow as pa

    columns, fields = [], []
    for field in table.fields:
        values = frame[field.name]
        if field.type == "date":
            array = pa.array(values.dt.date, type=pa.date32())
        elif field.enum is not None:
            array = pa.array(
                values.astype(object).where(values.notna(), None), type=pa.string()
            ).dictionary_encode()
        elif field.type in ("integer", "year"):
            array = pa.array(
                values.astype("Int64").astype(object).where(values.notna(), None), type=pa.int64()
            )
        elif field.type == "number":
            array = pa.array(values, type=pa.float64(), from_pandas=True)
        elif field.type == "boolean":
            array = pa.array(values.astype(object).where(values.notna(), None), type=pa.bool_())
        else:
            array = pa.array(values.astype(object).where(values.notna(), None), type=pa.string())
        meta = {"description": field.description}
        if field.unit:
            meta["unit"] = field.unit
        fields.append(pa.field(field.name, array.type, nullable=not field.required, metadata=meta))
        columns.append(array)
    # pandas's own metadata: a nullable integer comes back as Int64, not float, in pandas
    pandas = pa.Schema.from_pandas(frame[table.field_names], preserve_index=False).metadata
    kept: dict[str | bytes, str | bytes] = {}
    if pandas and b"pandas" in pandas:
        kept[b"pandas"] = pandas[b"pandas"]
    schema = pa.schema(
        fields,
        metadata={
            **kept,
            "table": table.name,
            "title": table.title,
            "description": table.description,
            "primary_key": json.dumps(list(table.primary_key)),
            "data_version": DATA_VERSION,
        },
    )
    return pa.Table.from_arrays(columns, schema=schema)


def write_parquet(out: Path, files: dict[str, bytes], prefix: str = "") -> list[Path]:
    """One Parquet file per table (``<prefix><table>.parquet``): codes as text, dates as
    dates, vocabularies as dictionaries, each field's description and unit in the schema
    metadata."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UsageError(needs("Parquet needs pyarrow", "export")) from exc
    written = []
    for name, frame in _frames(files).items():
        path = out / f"{prefix}{name}.parquet"
        with final(path) as temporary:
            # row groups of 64 Ki rows with statistics: a reader that filters on the key
            # (partner, year) skips the groups it does not need (rows are in key order)
            pq.write_table(
                _arrow_table(TABLES[name], frame), temporary, row_group_size=ROW_GROUP_ROWS
            )
        written.append(path)
    return written


# --- SQL databases ----------------------------------------------------------------------


def _rows(frame):
    values = frame.astype(object).where(frame.notna(), None)
    for column in frame.columns:
        if str(frame[column].dtype).startswith("datetime"):
            values[column] = [v.date() if v is not None else None for v in values[column]]
    return values.itertuples(index=False, name=None)


def write_sqlite(out: Path, files: dict[str, bytes]) -> list[Path]:
    """An SQLite database: every table with its primary and foreign keys (enforced), each
    vocabulary as a CHECK, and ``_korus_columns`` (every column's type, unit, description and
    allowed values) and ``_korus_tables``; Datasette's metadata for it beside it
    (``<name>.datasette.json``)."""
    import sqlite3

    from korus_data.exports.datasette import metadata

    path = out / f"{STEM}.sqlite"
    frames = _frames(files)
    with final(path) as temporary:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            for name in ordered_tables():
                table = TABLES[name]
                connection.execute(create_statements(table, sqlite=True))
                marks = ", ".join("?" for _ in table.fields)
                connection.executemany(
                    f"INSERT INTO {sql_name(name)} VALUES ({marks})", _rows(frames[name])
                )
            connection.execute(
                "CREATE TABLE _korus_tables (table_name TEXT PRIMARY KEY, title TEXT NOT NULL, "
                "description TEXT NOT NULL)"
            )
            connection.executemany(
                "INSERT INTO _korus_tables VALUES (?, ?, ?)",
                [(t.name, t.title, t.description) for t in TABLES.values()],
            )
            connection.execute(
                "CREATE TABLE _korus_columns (table_name TEXT NOT NULL REFERENCES "
                "_korus_tables(table_name), column_name TEXT NOT NULL, type TEXT NOT NULL, "
                "unit TEXT, description TEXT NOT NULL, allowed TEXT NOT NULL, "
                "PRIMARY KEY (table_name, column_name))"
            )
            connection.executemany(
                "INSERT INTO _korus_columns VALUES (?, ?, ?, ?, ?, ?)", column_rows()
            )
            connection.commit()
        finally:
            connection.close()
    meta = out / f"{STEM}.datasette.json"
    with final(meta) as temporary:
        write_utf8(temporary, json.dumps(metadata(STEM, verdicts=False), indent=2) + "\n")
    return [path, meta]


def write_duckdb(out: Path, files: dict[str, bytes]) -> list[Path]:
    """A DuckDB database: keys as constraints, descriptions as comments."""
    try:
        import duckdb
    except ImportError as exc:
        raise UsageError(needs("DuckDB needs duckdb", "export")) from exc
    path = out / f"{STEM}.duckdb"
    frames = _frames(files)
    with final(path) as temporary:
        connection = duckdb.connect()
        try:  # small blocks: 33 small tables in 256 KiB blocks would take 30 MB
            connection.execute(f"ATTACH {sql_text(str(temporary))} AS korus (BLOCK_SIZE 16384)")
            connection.execute("USE korus")
            for name in ordered_tables():
                table = TABLES[name]
                for statement in enum_statements(table):
                    connection.execute(statement)
                connection.execute(create_statements(table, sqlite=False))
                for part in referenced_first(table, frames[name]):  # noqa: B007
                    connection.execute(f"INSERT INTO {sql_name(name)} SELECT * FROM part")
                connection.execute(
                    f"COMMENT ON TABLE {sql_name(name)} IS {sql_text(table.description)}"
                )
                for field in table.fields:
                    text = field.description + (f" Unit: {field.unit}." if field.unit else "")
                    column = f"{sql_name(name)}.{sql_name(field.name)}"
                    connection.execute(f"COMMENT ON COLUMN {column} IS {sql_text(text)}")
            connection.execute("CHECKPOINT korus")
            connection.execute("USE memory")
            connection.execute("DETACH korus")
        finally:
            connection.close()
    return [path]


# --- Excel ------------------------------------------------------------------------------


#: Words shortened, in turn, until a table's name fits a sheet name.
_SHORTER = (
    ("_annual", ""),
    ("direct_investment", "di"),
    ("us_goods", "us"),
    ("_vintages", "_vint"),
    ("_position", "_pos"),
    ("by_partner", "by_ptr"),
)


def sheet_names() -> dict[str, str]:
    """Table -> sheet name (Excel allows 31 characters), each one different.

    Example:
        >>> sheet_names()["direct_investment_position_by_partner_annual_vintages"]
        'di_position_by_partner_vintages'
    """
    names = {}
    for name in TABLES:
        short = name
        for long, brief in _SHORTER:
            if len(short) <= 31:
                break
            short = short.replace(long, brief)
        names[name] = short[:31]
    if len(set(names.values())) != len(names):  # pragma: no cover - caught by the tests
        raise RuntimeError("two tables share an Excel sheet name: extend _SHORTER")
    return names


def write_xlsx(out: Path, files: dict[str, bytes]) -> list[Path]:
    """One sheet per table and a README sheet (what each sheet is, its source, its licence).

    Cells are written straight through xlsxwriter, typed by the table's definition: codes
    and text as text (leading zeros kept, nothing read as a formula), numbers as numbers,
    dates as dates, a missing value as an empty cell.
    """
    try:
        import xlsxwriter
    except ImportError as exc:
        raise UsageError(needs("Excel needs xlsxwriter", "export")) from exc
    path = out / f"{STEM}.xlsx"
    sheets = sheet_names()
    readme = [(sheets[n], n, t.title, t.description) for n, t in TABLES.items()]
    frames = _frames(files)
    too_long = {n: len(f) for n, f in frames.items() if len(f) >= SHEET_ROWS}
    if too_long:
        name, rows = next(iter(too_long.items()))
        raise UsageError(
            f"a worksheet holds {SHEET_ROWS - 1:,} rows and {name} has {rows:,}: export it as "
            "parquet, duckdb or sqlite instead"
        )
    with final(path) as temporary:
        workbook = xlsxwriter.Workbook(str(temporary))
        try:
            bold = workbook.add_format({"bold": True})
            day = workbook.add_format({"num_format": "yyyy-mm-dd"})
            sheet = workbook.add_worksheet("README")
            sheet.write_row(0, 0, ("sheet", "table", "title", "description"), bold)
            for row, cells in enumerate(readme, start=1):
                sheet.write_row(row, 0, cells)
            for name, frame in frames.items():
                _write_sheet(workbook.add_worksheet(sheets[name]), TABLES[name], frame, bold, day)
        finally:
            workbook.close()
    return [path]


def _write_sheet(sheet, table: Table, frame, bold, day) -> None:
    """One table on one worksheet (text goes to the workbook's shared strings: codes and
    names repeat, so each is stored once)."""
    import pandas as pd

    sheet.write_row(0, 0, table.field_names, bold)
    writers, columns = [], []
    for field in table.fields:
        values = frame[field.name]
        if field.type == "date":
            columns.append([None if v is pd.NaT else v.to_pydatetime() for v in values])
            writers.append(lambda r, c, v, s=sheet: s.write_datetime(r, c, v, day))
        elif field.type in ("integer", "year", "number"):
            columns.append(values.astype("float64").tolist())
            writers.append(sheet.write_number)
        elif field.type == "boolean":
            columns.append(values.astype(object).tolist())
            writers.append(sheet.write_boolean)
        else:
            columns.append(values.astype(object).tolist())
            writers.append(sheet.write_string)
    for row, cells in enumerate(zip(*columns, strict=True), start=1):
        for col, (write, value) in enumerate(zip(writers, cells, strict=True)):
            if value is None or value is pd.NA or value != value:  # missing: an empty cell
                continue
            write(row, col, value)


# --- release bundle ---------------------------------------------------------------------


#: The entry time of every file of the zip: the same bytes whenever and wherever it is made.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def write_zip(out: Path, files: dict[str, bytes]) -> list[Path]:
    """``korus-data-<version>.zip``: the verified files (every CSV, datapackage.json, README,
    LICENSE, CITATION.cff, CHANGELOG) under ``korus-data-<version>/``, in sorted order with a
    fixed entry time and mode, so that the same files give the same bytes."""
    missing = [extra for extra in EXTRAS if extra not in files]
    if missing:
        raise IntegrityError(
            f"{', '.join(missing)} missing from this copy: the bundle carries them (the data "
            f"licence needs attribution); {FIX}"
        )
    path = out / f"{STEM}.zip"
    with final(path) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{STEM}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            zf.writestr(info, files[name], compresslevel=9)
    return [path]
