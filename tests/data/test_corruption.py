"""Corruption suite: for every table, damaged copies made from its definition must be caught.

Each corruption is applied to a copy of the package (the committed ``datapackage.json`` stays,
so the file no longer matches its recorded hash either); ``validate()`` must fail and name the
table. The module prints the tally ("caught N of N").
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import REPO

from korus_data.schema.model import Table
from korus_data.schema.tables import TABLES
from korus_data.validation import validate

Corruption = Callable[[str, Table], str | bytes]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _first_record(text: str) -> tuple[str, str, str]:
    """The header line, the first record's line and the rest: the record is edited alone,
    every other byte stays as committed."""
    header, first, rest = text.split("\n", 2)
    assert _write(_rows(first)) == first + "\n", "the first record spans lines"
    return header, first, rest


def _set_cell(text: str, table: Table, field: str, value: str) -> str:
    header, first, rest = _first_record(text)
    [cells] = _rows(first)
    cells[table.field_names.index(field)] = value
    return f"{header}\n{_write([cells])}{rest}"


def _first(table: Table, predicate) -> str | None:
    return next((f.name for f in table.fields if predicate(f)), None)


#: The field each field-level corruption damages (None: the table has no such field).
TARGETS: dict[str, Callable[[Table], str | None]] = {
    "wrong_type": lambda t: _first(
        t, lambda f: f.type in ("number", "integer", "year", "date", "boolean")
    ),
    "out_of_range": lambda t: _first(t, lambda f: f.maximum is not None),
    "negative_money": lambda t: _first(t, lambda f: f.minimum == 0 and f.type == "number"),
    "broken_foreign_key": lambda t: next(
        (fk.fields[-1] for fk in t.foreign_keys if fk.table != t.name), None
    ),
    "unknown_vocabulary": lambda t: _first(t, lambda f: f.enum is not None),
}


def applies(kind: str, table: Table) -> bool:
    """Whether a corruption can be made in ``table``, decided from its definition alone
    (collection stays cheap: no file is read)."""
    return kind not in TARGETS or TARGETS[kind](table) is not None


def wrong_type(text, table):
    return _set_cell(text, table, TARGETS["wrong_type"](table), "not-a-value")


def out_of_range(text, table):
    return _set_cell(text, table, TARGETS["out_of_range"](table), "99999")


def negative_money(text, table):
    return _set_cell(text, table, TARGETS["negative_money"](table), "-1")


def duplicate_key(text, table):
    return text + _first_record(text)[1] + "\n"


def broken_foreign_key(text, table):
    field = TARGETS["broken_foreign_key"](table)
    pattern = table.field(field).pattern or ""
    value = "9999" if "\\d{4}" in pattern else "99999" if "\\d{5}" in pattern else "no-such-key"
    return _set_cell(text, table, field, value)


def missing_required(text, table):
    name = _first(table, lambda f: f.required and f.type == "string")
    return _set_cell(text, table, name, "")


def unknown_vocabulary(text, table):
    return _set_cell(text, table, TARGETS["unknown_vocabulary"](table), "not-in-vocabulary")


def extra_column(text, table):
    return _write([[*row, "extra" if i == 0 else "x"] for i, row in enumerate(_rows(text))])


def missing_column(text, table):
    return _write([row[:-1] for row in _rows(text)])


def renamed_column(text, table):
    header, rest = text.split("\n", 1)
    [names] = _rows(header)
    return _write([[names[0] + "_renamed", *names[1:]]]) + rest


def truncated(text, table):
    return text[: len(text) // 2]


def wrong_encoding(text, table):
    return text.encode("utf-16")


def changed_bytes(text, table):
    # A byte that keeps the file valid by every other rule: the last line's end removed.
    return text.rstrip("\n")


def empty_file(text, table):
    return ""


CORRUPTIONS: dict[str, Corruption] = {
    f.__name__: f
    for f in (
        wrong_type,
        out_of_range,
        negative_money,
        duplicate_key,
        broken_foreign_key,
        missing_required,
        unknown_vocabulary,
        extra_column,
        missing_column,
        renamed_column,
        truncated,
        wrong_encoding,
        changed_bytes,
        empty_file,
    )
}

CASES = [(table, kind) for table in TABLES for kind in CORRUPTIONS if applies(kind, TABLES[table])]
TALLY = {"made": 0, "caught": 0}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy2(REPO / "datapackage.json", root / "datapackage.json")
    return root


@pytest.fixture(scope="module", autouse=True)
def tally():
    yield
    print(f"\ncorruption suite: caught {TALLY['caught']} of {TALLY['made']}")


def test_the_pristine_copy_is_valid(pristine):
    assert validate(pristine, tables=["sources"]).ok


@pytest.mark.parametrize("table, kind", CASES, ids=[f"{t}-{k}" for t, k in CASES])
def test_corruption_is_caught_and_located(pristine, tmp_path, table, kind):
    root = tmp_path / "pkg"
    shutil.copytree(pristine, root, copy_function=os.link)  # links: no bytes copied
    path = root / TABLES[table].path
    damaged = CORRUPTIONS[kind](path.read_text(encoding="utf-8"), TABLES[table])
    path.unlink()  # the damaged file is a new file; the pristine one stays as it was
    if isinstance(damaged, bytes):
        path.write_bytes(damaged)
    else:
        path.write_text(damaged, encoding="utf-8", newline="")
    TALLY["made"] += 1
    pristine_file = pristine / TABLES[table].path
    assert pristine_file.read_bytes() == (REPO / TABLES[table].path).read_bytes()
    report = validate(root, tables=[table])
    named = [f for f in report.failures if f.table == table]
    assert not report.ok, f"{kind} in {table} was not caught"
    assert named, f"{kind} in {table}: failures do not name the table: {report.failures[:3]}"
    if kind in (
        "wrong_type",
        "negative_money",
        "out_of_range",
        "unknown_vocabulary",
        "missing_required",
    ):
        assert any(f.row == 2 for f in named), f"{kind}: line 2 not named: {named[:3]}"
    TALLY["caught"] += 1
