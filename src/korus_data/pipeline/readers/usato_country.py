"""Read a Census Bureau USA Trade Online "Standard Report" of trade by country and month.

The report (exports: "Standard Report - Exports", measure "Value ($US)" of total exports;
imports: "Standard Report - Imports", "Customs Value (Gen) ($US)"), All Commodities, saved as
a workbook: a title row, "Current date: MM/DD/YYYY …", a few filter rows ("Commodity: All
Commodities"…), a row naming the measure, a row ``Country, Time``, then one row per country
and month: the country is written on its first row only, the month is a date (its first
day), the value is whole dollars; an empty value is a month with nothing recorded. "World
Total" is the total of every country.

Example (not run here: it reads the source pack)::

    from korus_data.pipeline.inputs import open_input
    report = read_usato_country_report(open_input(path, workdir), "export")
    report.last_month, report.rows.head()
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, calamine, check_workbook_bounds

#: The measure each flow's report carries, and a filter line that says which report it is.
MEASURES = {"export": "Value ($US)", "import": "Customs Value (Gen) ($US)"}
TITLES = {"export": "Standard Report - Exports", "import": "Standard Report - Imports"}
GENERATED = re.compile(r"Current date: (\d{2})/(\d{2})/(\d{4})")
#: A report of every country and month since 2010 has about 36,000 rows.
MAX_ROWS = 400_000


@dataclass(frozen=True)
class UsatoCountryReport:
    """One report: its flow, the day it was generated, and its rows. A name the report gives
    to two blocks of rows is written ``"<name> [2]"`` for the second."""

    flow: str
    generated: str  # YYYY-MM-DD: when the report was downloaded, not when Census published
    #: country (as the report names it), period (YYYY-MM), dollars (int64; absent = empty)
    rows: pd.DataFrame
    file: InputFile

    @property
    def last_month(self) -> str:
        return str(self.rows["period"].max())


def read_usato_country_report(file: InputFile, flow: str) -> UsatoCountryReport:
    """Parse one report; :class:`BuildError` naming the row for anything unexpected."""
    CalamineWorkbook = calamine().CalamineWorkbook
    check_workbook_bounds(file.path)
    try:
        rows = CalamineWorkbook.from_path(str(file.path)).get_sheet_by_index(0).to_python()
    except Exception as exc:  # the reader raises many kinds for a corrupt file
        raise BuildError(f"cannot read the USA Trade Online report {file.label}: {exc}") from exc
    if len(rows) > MAX_ROWS:
        raise BuildError(f"{file.label}: {len(rows):,} rows; not a USA Trade Online report")
    header = _header_end(rows, file.label)
    if not rows or str(rows[0][0]).strip() != TITLES[flow]:
        raise BuildError(f"{file.label} row 1 is not {TITLES[flow]!r} (the {flow}s report)")
    generated = GENERATED.search(str(rows[1][0])) if len(rows) > 1 else None
    if generated is None:
        raise BuildError(f"{file.label} row 2: no 'Current date: MM/DD/YYYY'")
    filters = " | ".join(str(r[0]) for r in rows[2:header])
    if "Commodity: All Commodities" not in filters:
        raise BuildError(f"{file.label}: not a report of All Commodities ({filters})")
    measure = str(rows[header - 1][2]).strip()
    if measure != MEASURES[flow]:
        raise BuildError(
            f"{file.label} row {header}: the measure is {measure!r}, not {MEASURES[flow]!r}"
        )
    month, day, year = generated.groups()
    parsed = _rows(rows[header + 1 :], header + 2, file.label)
    return UsatoCountryReport(flow, f"{year}-{month}-{day}", parsed, file)


def _header_end(rows: list[list], label: str) -> int:
    """The index of the ``Country, Time`` row."""
    for index, row in enumerate(rows[:20]):
        if [str(c).strip() for c in row[:2]] == ["Country", "Time"]:
            return index
    raise BuildError(f"{label}: no 'Country, Time' row in its first 20 rows")


def _rows(body: list[list], first_row: int, label: str) -> pd.DataFrame:
    countries, periods, values = [], [], []
    country = None
    blocks: dict[str, int] = {}
    for offset, row in enumerate(body):
        number = first_row + offset
        if len(row) < 3:
            raise BuildError(f"{label} row {number}: fewer than three cells")
        name, month, value = row[0], row[1], row[2]
        if isinstance(name, str) and name.strip():
            country = name.strip()
            # a name the report uses for two codes ("Unidentified Countries"): the second
            # block is "<name> [2]", so that each block can be mapped to its own code
            blocks[country] = blocks.get(country, 0) + 1
            if blocks[country] > 1:
                country = f"{country} [{blocks[country]}]"
        if country is None:
            raise BuildError(f"{label} row {number}: a value before any country is named")
        if not isinstance(month, dt.date):
            raise BuildError(f"{label} row {number}: {month!r} is not a month")
        if value == "" or value is None:
            continue
        if not isinstance(value, int | float) or value < 0 or float(value) != int(value):
            raise BuildError(f"{label} row {number}: {value!r} is not whole dollars")
        countries.append(country)
        periods.append(f"{month.year}-{month.month:02d}")
        values.append(int(value))
    frame = pd.DataFrame(
        {
            "country": pd.Series(countries, dtype="str"),
            "period": pd.Series(periods, dtype="str"),
            "dollars": pd.Series(values, dtype="int64"),
        }
    )
    if frame.empty:
        raise BuildError(f"{label}: no figures")
    if frame.duplicated(["country", "period"]).any():
        first = frame[frame.duplicated(["country", "period"])].iloc[0]
        raise BuildError(f"{label}: {first['country']} {first['period']} appears twice")
    return frame
