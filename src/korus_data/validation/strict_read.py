"""Read a CSV cell by cell for validation: every unreadable value is located, none guessed.

:func:`korus_data.store.loader.parse_csv` is the fast path for a file known to be good; this
module is the careful path used by ``validate()`` on files that may be damaged or edited.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from korus_data.schema.model import Table
from korus_data.validation.report import Failure

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_checked(path: Path, table: Table) -> tuple[pd.DataFrame | None, list[Failure]]:
    """The typed frame (None when unreadable) and every problem found while reading it."""
    name = table.name
    if not path.is_file():
        return None, [Failure(name, f"file {path.name} is missing")]
    data = path.read_bytes()
    if not data.strip():
        return None, [Failure(name, "file is empty")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Failure(name, f"not UTF-8: byte {exc.start} cannot be decoded", row=line)]
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        return None, [Failure(name, f"not a well-formed CSV: {exc}")]

    expected = table.field_names
    header = list(raw.columns)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        parts = []
        if missing:
            parts.append(f"missing {missing}")
        if extra:
            parts.append(f"unexpected {extra}")
        if not parts:
            parts.append(f"columns out of order: {header}")
        return None, [
            Failure(name, "header does not match the definition: " + "; ".join(parts), row=1)
        ]

    failures: list[Failure] = []
    typed = {}
    for f in table.fields:
        column, bad = _convert(raw[f.name], f.type)
        if not (f.type in ("integer", "year") and f.required and column.isna().any()):
            column = column.astype(f.loaded_dtype)  # else Int64: Pandera names the gaps
        typed[f.name] = column
        failures.extend(
            Failure(
                name, f"{raw.at[i, f.name]!r} is not a valid {f.type}", row=i + 2, column=f.name
            )
            for i in bad
        )
    return pd.DataFrame(typed), failures


_YEARMONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_PATTERNS = {"integer": _INTEGER, "year": _INTEGER, "number": _NUMBER, "yearmonth": _YEARMONTH}


def _matching(values: pd.Series, pattern: re.Pattern) -> pd.Series:
    """True where the text matches the whole pattern; missing values are False. Vectorised
    (Arrow's regular expressions) on pandas's string dtype."""
    return values.str.fullmatch(pattern.pattern).fillna(False).astype(bool)


def _convert(values: pd.Series, kind: str) -> tuple[pd.Series, list[int]]:
    present = values.notna()
    if kind in _PATTERNS:
        ok = _matching(values, _PATTERNS[kind])
        if kind == "yearmonth":
            out = values.where(ok).astype("str")
        else:
            numbers = pd.to_numeric(values.where(ok), errors="coerce")
            out = numbers.astype("float64" if kind == "number" else "Int64")
    elif kind == "boolean":
        ok = values.isin(["true", "false"])
        out = values.map({"true": True, "false": False}).astype("boolean")
    elif kind == "date":
        parsed = pd.to_datetime(values.where(_matching(values, _DATE)), format="%Y-%m-%d",
                                errors="coerce")  # fmt: skip
        ok = parsed.notna()
        out = parsed
    else:
        return values, []  # text: read as text, nothing to convert
    bad = list(values.index[present & ~ok])
    return out, bad
