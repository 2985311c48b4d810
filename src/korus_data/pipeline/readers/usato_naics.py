"""Read a Census Bureau USA Trade Online report of trade by NAICS-based product group.

The report "State Exports by NAICS Commodities" (measure "Total Exports Value ($US)") or
"State Imports by NAICS Commodities" ("Customs Value (Gen) ($US)"), saved as CSV: a title
line, "Current date: MM/DD/YYYY …", "Measures: …", then the column row
``State,Commodity,Country,Time,<measure>`` (the imports file adds an empty last column). State
is "All States"; Commodity is "All Commodities" or "<3-digit code> <name>"; Country is a
Census country name or "World Total"; Time is a year or "<year> through <Month>"; values are
whole dollars written with thousands separators.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

#: The measure of each flow, as the report names it.
MEASURES = {"export": "Total Exports Value ($US)", "import": "Customs Value (Gen) ($US)"}
TOTAL = "All Commodities"
COLUMNS = ["State", "Commodity", "Country", "Time"]
GROUP = re.compile(r"^(\d{3}) (.+)$")
PARTIAL = re.compile(r"^(\d{4}) through ([A-Z][a-z]+)$")
GENERATED = re.compile(r"Current date: (\d{2})/(\d{2})/(\d{4})")
MONTHS = {dt.date(2000, m, 1).strftime("%B"): m for m in range(1, 13)}
#: Far more than a report of every partner and group (about 41,000 lines) would have.
MAX_LINES = 500_000


@dataclass(frozen=True)
class UsatoReport:
    """One report: its flow, the day it was generated, its rows and its group names."""

    flow: str
    generated: str  # YYYY-MM-DD
    #: country, product_code (None for All Commodities), year, months, dollars (int)
    rows: pd.DataFrame
    groups: dict[str, str]  # code -> name, as the report writes it


def read_usato_report(file: InputFile, flow: str) -> UsatoReport:
    """Parse a report; :class:`BuildError` naming the line for anything unexpected."""
    text = file.path.read_text(encoding="utf-8-sig", errors="strict")
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise BuildError(f"{file.label}: {len(lines):,} lines; not a USA Trade Online report")
    if len(lines) < 5:
        raise BuildError(f"{file.label} is not a USA Trade Online report: too few lines")
    generated = GENERATED.search(lines[1])
    if generated is None:
        raise BuildError(f"{file.label} line 2: no 'Current date: MM/DD/YYYY'")
    month, day, year = generated.groups()
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines[3:])), dtype=str, keep_default_na=False)
    except Exception as exc:
        raise BuildError(f"cannot read the USA Trade Online report {file.label}: {exc}") from exc
    measure = MEASURES[flow]
    if list(frame.columns[:5]) != [*COLUMNS, measure]:
        raise BuildError(
            f"{file.label} line 4: columns are {list(frame.columns[:5])}, not "
            f"{[*COLUMNS, measure]} (the {flow}s report)"
        )
    extra = [c for c in frame.columns[5:] if (frame[c] != "").any()]
    if extra:
        raise BuildError(f"{file.label}: unexpected filled columns {extra}")
    if set(frame["State"]) != {"All States"}:
        raise BuildError(f"{file.label}: State is not 'All States' on every line")
    rows = _rows(frame, measure, file.label)
    groups = _groups(frame["Commodity"], file.label)
    return UsatoReport(flow, f"{year}-{month}-{day}", rows, groups)


def _rows(frame: pd.DataFrame, measure: str, label: str) -> pd.DataFrame:
    text = frame[measure].str.replace(",", "", regex=False)
    bad = ~text.str.fullmatch(r"\d+")
    if bad.any():
        line = int(bad.idxmax()) + 5
        raise BuildError(f"{label} line {line}: {frame[measure][bad].iloc[0]!r} is not a value")
    years, months = _periods(frame["Time"], label)
    code = frame["Commodity"].str.extract(GROUP)[0]
    rows = pd.DataFrame(
        {
            "country": frame["Country"],
            "product_code": code.where(frame["Commodity"] != TOTAL, None),
            "year": years,
            "months": months,
            "dollars": text.astype("int64"),
        }
    )
    repeated = rows.duplicated(["country", "product_code", "year"], keep=False)
    if repeated.any():
        line = int(repeated.idxmax()) + 5
        raise BuildError(f"{label} line {line}: the same country, group and year twice")
    return rows


def _periods(time: pd.Series, label: str) -> tuple[pd.Series, pd.Series]:
    whole = time.str.fullmatch(r"\d{4}")
    partial = time.str.extract(PARTIAL)
    unknown = ~whole & (partial[0].isna() | ~partial[1].isin(list(MONTHS)))
    if unknown.any():
        line = int(unknown.idxmax()) + 5
        raise BuildError(f"{label} line {line}: Time {time[unknown].iloc[0]!r} is not a period")
    years = time.where(whole, partial[0]).astype(int)
    months = partial[1].map(MONTHS).where(~whole, 12).astype(int)
    return years, months


def _groups(commodity: pd.Series, label: str) -> dict[str, str]:
    names = commodity[commodity != TOTAL].drop_duplicates()
    parsed = names.str.extract(GROUP)
    if parsed[0].isna().any():
        raise BuildError(f"{label}: Commodity {names[parsed[0].isna()].iloc[0]!r} is not a group")
    return dict(zip(parsed[0], parsed[1], strict=True))
