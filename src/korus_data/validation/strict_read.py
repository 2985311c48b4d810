"""Read a CSV cell by cell for validation: every unreadable value is located, none guessed.

:func:`korus_data.store.loader.parse_csv` is the fast path for a file known to be good; this
module is the careful path used by ``validate()`` on files that may be damaged or edited.
Arrow reads every cell as text; each column is then matched against its type's pattern and
converted (vectorised), and a value that does not match is reported with its row.

Example:
    >>> from korus_data.schema.tables import TABLES
    >>> from korus_data.store.paths import package_root
    >>> table = TABLES["goods_trade_annual"]
    >>> frame, failures = read_checked(package_root() / table.path, table)
    >>> failures, str(frame["year"].dtype)
    ([], 'int64')
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from korus_data.schema.codes import YEARMONTH_PATTERN
from korus_data.schema.model import ARROW_TYPES, Table
from korus_data.store.files import file_problem, read_regular
from korus_data.store.loader import NULLABLE
from korus_data.validation.report import Failure

_INTEGER = r"^-?\d+$"
_NUMBER = r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$"
_PATTERNS = {
    "integer": _INTEGER,
    "year": _INTEGER,
    "number": _NUMBER,
    "date": r"^\d{4}-\d{2}-\d{2}$",
    "yearmonth": YEARMONTH_PATTERN,
}


def read_checked(
    path: Path, table: Table, data: bytes | None = None
) -> tuple[pd.DataFrame | None, list[Failure]]:
    """The typed frame (None when unreadable) and every problem found while reading it
    (``data``: the file's bytes, when already read)."""
    name = table.name
    if data is None:
        problem = file_problem(path.parent, path.name)
        if problem:
            return None, [Failure(name, problem)]
        if not path.is_file():
            return None, [Failure(name, f"file {path.name} is missing")]
        data = read_regular(path.parent, path.name)
    if not data or data.isspace():  # isspace stops at the first other byte: no copy
        return None, [Failure(name, "file is empty")]
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]
    try:
        first_line = first.decode("utf-8").removeprefix("\ufeff")  # a header is one line
    except UnicodeDecodeError as exc:
        return None, [Failure(name, f"not UTF-8: byte {exc.start} cannot be decoded", row=1)]

    expected = table.field_names
    header = next(csv.reader([first_line]), [])
    if header != expected:
        return None, [Failure(name, _header_problem(header, expected), row=1)]
    try:
        cells = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(expected, pa.string()),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid as exc:
        undecodable = _not_utf8(data, name)  # Arrow checks UTF-8 but does not say where
        return None, [undecodable or Failure(name, f"not a well-formed CSV: {exc}")]

    failures: list[Failure] = []
    converted = {}
    for f in table.fields:
        values = cells.column(f.name)
        converted[f.name], bad = _convert(values, f.type)
        failures.extend(
            Failure(name, f"{values[i].as_py()!r} is not a valid {f.type}", i + 2, f.name)
            for i in bad
        )
    # one conversion of the whole table (as the loader does), then the nullable columns
    arrow = pa.table(converted)
    frame = arrow.to_pandas()
    for f in table.fields:
        column = frame[f.name]
        if f.loaded_dtype in ("Int64", "boolean"):
            column = arrow.column(f.name).to_pandas(types_mapper=NULLABLE.get)
        gaps = f.type in ("integer", "year") and f.required and column.isna().any()
        if not gaps and column.dtype != f.loaded_dtype:  # gaps: Int64, Pandera names them
            column = column.astype(f.loaded_dtype)
        frame[f.name] = column
    return frame, failures


def _not_utf8(data: bytes, name: str) -> Failure | None:
    """The first byte that is not UTF-8, with its line (None when the text is UTF-8)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Failure(name, f"not UTF-8: byte {exc.start} cannot be decoded", row=line)
    return None


def _header_problem(header: list[str], expected: list[str]) -> str:
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing {missing}")
    if extra:
        parts.append(f"unexpected {extra}")
    if not parts:
        parts.append(f"columns out of order: {header}")
    return "header does not match the definition: " + "; ".join(parts)


def _convert(values: pa.ChunkedArray, kind: str) -> tuple[pa.ChunkedArray, list[int]]:
    """The column converted to its type (bad values missing) and the rows of bad values."""
    if kind == "boolean":
        ok = pc.is_in(values, pa.array(["true", "false"]))
        converted = pc.if_else(ok, pc.equal(values, "true"), None)
    elif kind in _PATTERNS:
        ok = pc.fill_null(pc.match_substring_regex(values, _PATTERNS[kind]), False)
        matching = pc.if_else(ok, values, None)
        target = pa.type_for_alias(ARROW_TYPES[kind]) if kind in ARROW_TYPES else None
        converted = matching if target is None else _cast(matching, target)
        ok = pc.and_(ok, pc.is_valid(converted))  # e.g. 2021-02-29, or too big for int64
    else:
        return values, []  # text: read as text, nothing to convert
    bad = pc.and_(pc.is_valid(values), pc.invert(ok))
    return converted, pc.indices_nonzero(bad).to_pylist()


def _cast(values: pa.ChunkedArray, target: pa.DataType) -> pa.ChunkedArray:
    """``values`` cast to ``target``; values that cannot be cast (a date that does not exist, a
    number too big) become missing, found one distinct value at a time."""
    try:
        return pc.cast(values, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        failing = []
        for value in pc.unique(values).drop_null().to_pylist():
            try:
                pc.cast(pa.array([value]), target)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                failing.append(value)
        kept = pc.if_else(pc.is_in(values, pa.array(failing, pa.string())), None, values)
        return pc.cast(kept, target)
