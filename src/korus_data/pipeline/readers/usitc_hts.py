"""Read a Basic Edition of the Harmonized Tariff Schedule of the United States, as USITC
exports it to CSV.

Columns ``HTS Number, Indent, Description, Unit of Quantity, General Rate of Duty, Special
Rate of Duty, Column 2 Rate of Duty, Quota Quantity, Additional Duties``; UTF-8 with a byte
order mark; one row per heading, subheading, rate line and statistical line, in schedule
order. A row without a number is a heading whose text the lines below it (by indent) carry.
The Special column lists rates followed by the programs they apply to in parentheses, e.g.
``Free (A+,AU,…,KR,…) 3.5% (KR) See 9822.04.01-9822.04.03 (AU)``; KORUS is the program ``KR``.

Example (not run here: it reads the source pack)::

    from korus_data.pipeline.inputs import open_input
    schedule = read_hts(open_input("hts-2026-basic-edition.csv", workdir))
    schedule.rows.head()
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

COLUMNS = [
    "HTS Number",
    "Indent",
    "Description",
    "Unit of Quantity",
    "General Rate of Duty",
    "Special Rate of Duty",
    "Column 2 Rate of Duty",
    "Quota Quantity",
    "Additional Duties",
]
#: A number is 4, 6, 8 or 10 digits, dotted as the schedule writes them.
NUMBER = re.compile(r"^\d{4}(\.\d{2}){0,3}$")
#: Far more rows than an edition has (about 36,000).
MAX_ROWS = 200_000


@dataclass(frozen=True)
class HtsEdition:
    """One edition: its rows in schedule order, with each row's context."""

    #: hts_code (digits only; "" for an unnumbered heading), indent (int), description,
    #: context (the descriptions of the rows above it by indent, joined by " | "),
    #: general, special, column2, additional (the rate columns as published, text)
    rows: pd.DataFrame
    file: InputFile


def read_hts(file: InputFile) -> HtsEdition:
    """Parse one edition; :class:`BuildError` naming the row for anything unexpected."""
    try:
        text = file.path.read_text(encoding="utf-8-sig", errors="strict")
    except (UnicodeDecodeError, OSError) as exc:
        raise BuildError(f"cannot read the tariff schedule {file.label}: {exc}") from exc
    records = list(csv.reader(io.StringIO(text)))
    if not records or records[0] != COLUMNS:
        raise BuildError(
            f"{file.label} is not a USITC tariff schedule export: its header is not "
            f"{', '.join(COLUMNS)}"
        )
    if len(records) > MAX_ROWS:
        raise BuildError(f"{file.label}: {len(records):,} rows; not a tariff schedule")
    rows: list[dict] = []
    stack: list[tuple[int, str]] = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) != len(COLUMNS):
            raise BuildError(f"{file.label} row {number}: {len(record)} cells, not 9")
        code, indent_text, description = record[0].strip(), record[1].strip(), record[2]
        if code and not NUMBER.fullmatch(code):
            raise BuildError(f"{file.label} row {number}: {code!r} is not an HTS number")
        if not indent_text.isdigit():
            raise BuildError(f"{file.label} row {number}: indent {indent_text!r} is not a number")
        indent = int(indent_text)
        description = " ".join(description.split())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        context = " | ".join(d for _, d in stack)
        stack.append((indent, description))
        rows.append(
            {
                "hts_code": code.replace(".", ""),
                "indent": indent,
                "description": description,
                "context": context,
                "general": _clean(record[4]),
                "special": _clean(record[5]),
                "column2": _clean(record[6]),
                "additional": _clean(record[8]),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        raise BuildError(f"{file.label}: no rows")
    return HtsEdition(frame, file)


def _clean(cell: str) -> str:
    """A rate cell with its line breaks and runs of spaces made single spaces."""
    return " ".join(cell.split())
