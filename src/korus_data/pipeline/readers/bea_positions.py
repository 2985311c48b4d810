"""Read BEA's direct-investment position tables by country (CSV downloads).

- ``fdius-position-by-country-2008-2019.csv``: Foreign Direct Investment in the United States,
  position on a historical-cost basis by detailed country, 2008-2019 (years in row 4).
- ``usdia-position-by-country-1982-2014.csv``: U.S. Direct Investment Position Abroad on a
  historical-cost basis, by country, all industries, 1982-2014 (years in row 6).

Millions of dollars. ``(D)`` (suppressed), ``(*)`` (less than $500,000) and ``--`` (not
applicable) are not numbers: such a cell gives no figure, never a zero.
"""

from __future__ import annotations

import csv
import io
import re

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

#: (file name, row label of Korea, index of the row of years) of each table.
FDIUS = ("fdius-position-by-country-2008-2019.csv", "South Korea", 3)
USDIA = ("usdia-position-by-country-1982-2014.csv", "Korea, Republic of", 5)


def number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None  # (D), (*), -- : suppressed or not applicable, never a zero


#: Cells that are not numbers, and what they mean.
MARKS = {
    "(D)": "suppressed",
    "(*)": "under $500,000",
    "n.s.": "not shown",
    "--": "not applicable",
    "---": "not applicable",
    "----": "not applicable",
    "...": "not available",
}


def read_positions(file: InputFile, year_row: int) -> list[tuple[str, dict[int, str]]]:
    """Every data row of a BEA position table: (label without footnote marks, {year: cell}).

    The unlabelled row right under the years (the 2008-2019 table's all-countries line) is
    returned as ``All countries``; notes after the data (a label with no cell) are left out.
    """
    path = file.path
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if len(rows) <= year_row:
        raise BuildError(f"{path.name}: no row of years at line {year_row + 1}")
    years = [(i, int(h)) for i, h in enumerate(rows[year_row]) if h.strip().isdigit()]
    out = []
    for number, row in enumerate(rows[year_row + 1 :], start=year_row + 1):
        cells = {year: row[i].strip() for i, year in years if i < len(row) and row[i].strip()}
        if not cells:
            continue
        label = re.sub(r"\s+\d+$", "", row[0].strip()) if row[0].strip() else ""
        if not label:
            if number != year_row + 1:
                raise BuildError(f"{path.name}: line {number + 1} has figures but no label")
            label = "All countries"
        out.append((label, cells))
    return out


def cell_value(cell: str) -> float | None:
    """A cell's number; None for a mark (``(D)``, ``(*)``, ``n.s.``, dashes); a
    :class:`BuildError` for anything else that is not a number."""
    if cell in MARKS:
        return None
    value = number(cell)
    if value is None:
        raise BuildError(f"BEA position table: the cell {cell!r} is neither a number nor a mark")
    return value
