"""Read a Census Bureau USA Trade Online report of imports by HTS 10-digit code and country.

"Standard Report - Imports", one year: a title row, "Current date: MM/DD/YYYY …", a row
naming the measure ("Customs Value (Cons) ($US)": imports for consumption), a row with the
year, a row of country names (one column each), then one row per 10-digit code, "<code>
<description> (<unit>)" in the first cell and whole dollars (empty: nothing imported) in the
countries' columns.

Example (not run here: it reads the source pack)::

    from korus_data.pipeline.inputs import open_input
    report = read_hs10_report(open_input("usato-imports-hs10-by-country-….xlsx", workdir))
    report.rows.head()
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, calamine, check_workbook_bounds

GENERATED = re.compile(r"Current date: (\d{2})/(\d{2})/(\d{4})")
CODE = re.compile(r"^(\d{10}) ")
MEASURE = "Customs Value (Cons) ($US)"
#: Far more rows than the schedule has lines (about 32,600).
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Hs10Report:
    generated: str  # YYYY-MM-DD
    year: int
    #: country, hts_code (ten digits), dollars (int64); only codes with a value
    rows: pd.DataFrame
    file: InputFile


def read_hs10_report(file: InputFile) -> Hs10Report:
    """Parse the report; :class:`BuildError` naming the row for anything unexpected."""
    CalamineWorkbook = calamine().CalamineWorkbook
    check_workbook_bounds(file.path)
    try:
        rows = CalamineWorkbook.from_path(str(file.path)).get_sheet_by_index(0).to_python()
    except Exception as exc:  # the reader raises many kinds for a corrupt file
        raise BuildError(f"cannot read the USA Trade Online report {file.label}: {exc}") from exc
    if len(rows) > MAX_ROWS or len(rows) < 8:
        raise BuildError(f"{file.label} is not a USA Trade Online report by HTS code")
    generated = GENERATED.search(str(rows[1][0]))
    if generated is None:
        raise BuildError(f"{file.label} row 2: no 'Current date: MM/DD/YYYY'")
    head = {str(r[0]).strip(): r for r in rows[2:7]}
    measure = head.get("Measures")
    if measure is None or " ".join(str(measure[1]).split()) != MEASURE:
        raise BuildError(f"{file.label}: the measure is not {MEASURE!r}")
    time = head.get("Time")
    if time is None or not str(time[1]).strip().isdigit():
        raise BuildError(f"{file.label}: no 'Time' row with a year")
    countries = head.get("Country")
    if countries is None:
        raise BuildError(f"{file.label}: no 'Country' row")
    names = [str(c).strip() for c in countries[1:]]
    start = next(i for i, r in enumerate(rows) if str(r[0]).strip() == "Commodity") + 1
    out_country, out_code, out_value = [], [], []
    for number, row in enumerate(rows[start:], start=start + 1):
        matched = CODE.match(str(row[0]))
        if matched is None:
            raise BuildError(f"{file.label} row {number}: {str(row[0])[:40]!r} is not an HTS code")
        for name, cell in zip(names, row[1:], strict=False):
            if cell == "" or cell is None:
                continue
            if not isinstance(cell, int | float) or cell < 0 or float(cell) != int(cell):
                raise BuildError(f"{file.label} row {number}: {cell!r} is not whole dollars")
            out_country.append(name)
            out_code.append(matched.group(1))
            out_value.append(int(cell))
    frame = pd.DataFrame(
        {
            "country": pd.Series(out_country, dtype="str"),
            "hts_code": pd.Series(out_code, dtype="str"),
            "dollars": pd.Series(out_value, dtype="int64"),
        }
    )
    if frame.duplicated(["country", "hts_code"]).any():
        first = frame[frame.duplicated(["country", "hts_code"])].iloc[0]
        raise BuildError(f"{file.label}: {first['country']} {first['hts_code']} appears twice")
    month, day, year = generated.groups()
    return Hs10Report(f"{year}-{month}-{day}", int(str(time[1]).strip()), frame, file)
