"""Read a Census Bureau USA Trade Online report of imports and calculated duty by country.

"Standard Report - Imports", All Commodities, annual: a title line, "Current date: MM/DD/YYYY
…", then the column row ``Country, Time, Commodity, Customs Value (Gen) ($US), Calculated Duty
($US)`` and one line per country and year, whole dollars. Calculated duty is the duty the
Census Bureau estimates from each entry's rate provision; duty ÷ value is the average rate paid.

Example (not run here: it reads the source pack)::

    from korus_data.pipeline.inputs import open_input
    report = read_duty_report(open_input("usato-imports-and-calculated-duty-….csv", workdir))
    report.rows.head()
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

COLUMNS = [
    "Country",
    "Time",
    "Commodity",
    "Customs Value (Gen) ($US)",
    "Calculated Duty ($US)",
]
GENERATED = re.compile(r"Current date: (\d{2})/(\d{2})/(\d{4})")
#: Far more lines than a report of every country and year (about 5,700).
MAX_LINES = 100_000


@dataclass(frozen=True)
class DutyReport:
    generated: str  # YYYY-MM-DD: when the report was downloaded
    #: country, year, value (whole dollars), duty (whole dollars; missing where the report
    #: shows none)
    rows: pd.DataFrame
    file: InputFile


def read_duty_report(file: InputFile) -> DutyReport:
    """Parse the report; :class:`BuildError` naming the line for anything unexpected."""
    try:
        text = file.path.read_text(encoding="utf-8-sig", errors="strict")
    except (UnicodeDecodeError, OSError) as exc:
        raise BuildError(f"cannot read the USA Trade Online report {file.label}: {exc}") from exc
    lines = text.splitlines()
    if len(lines) > MAX_LINES or len(lines) < 4:
        raise BuildError(f"{file.label} is not a USA Trade Online report of imports and duty")
    generated = GENERATED.search(lines[1])
    if generated is None:
        raise BuildError(f"{file.label} line 2: no 'Current date: MM/DD/YYYY'")
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines[2:])), dtype=str, keep_default_na=False)
    except Exception as exc:  # a corrupt file raises many kinds
        raise BuildError(f"cannot read the USA Trade Online report {file.label}: {exc}") from exc
    if list(frame.columns) != COLUMNS:
        raise BuildError(f"{file.label} line 3: columns are {list(frame.columns)}, not {COLUMNS}")
    if set(frame["Commodity"]) != {"All Commodities"}:
        raise BuildError(f"{file.label}: Commodity is not 'All Commodities' on every line")
    for column, blank_allowed in zip(COLUMNS[3:], (False, True), strict=True):
        bad = ~frame[column].str.fullmatch(r"\d+")
        if blank_allowed:  # a blank duty: the report shows none
            bad &= frame[column] != ""
        if bad.any():
            line = int(bad.idxmax()) + 4
            raise BuildError(
                f"{file.label} line {line}: {frame[column][bad].iloc[0]!r} is not dollars"
            )
    bad_year = ~frame["Time"].str.fullmatch(r"\d{4}")
    if bad_year.any():
        line = int(bad_year.idxmax()) + 4
        raise BuildError(
            f"{file.label} line {line}: Time {frame['Time'][bad_year].iloc[0]!r} is not a year"
        )
    rows = pd.DataFrame(
        {
            "country": frame["Country"].str.strip(),
            "year": frame["Time"].astype("int64"),
            "value": frame[COLUMNS[3]].astype("int64"),
            "duty": pd.to_numeric(frame[COLUMNS[4]].replace("", None)).astype("Int64"),
        }
    )
    if rows.duplicated(["country", "year"]).any():
        first = rows[rows.duplicated(["country", "year"])].iloc[0]
        raise BuildError(f"{file.label}: {first['country']} {first['year']} appears twice")
    month, day, year = generated.groups()
    return DutyReport(f"{year}-{month}-{day}", rows, file)
