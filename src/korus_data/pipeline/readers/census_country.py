"""Read the Census Bureau's ``country.xlsx`` (U.S. Trade in Goods by Country).

Layout: one row per (year, partner); ``year``, ``CTY_CODE``, ``CTYNAME``, ``IJAN``…``IDEC``,
``IYR`` (general imports, customs value) and ``EJAN``…``EDEC``, ``EYR`` (total exports, f.a.s.);
millions of dollars, not seasonally adjusted. The running year is partial: months after the
last published month hold 0 or nothing and are treated as not published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, read_table_sheet
from korus_data.schema.codes import CENSUS_COUNTRY_WORKBOOK_URL

OFFICIAL_URL = CENSUS_COUNTRY_WORKBOOK_URL
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
FLOW_PREFIX = {"import": "I", "export": "E"}
REQUIRED_COLUMNS = (
    ["year", "CTY_CODE", "CTYNAME"] + [p + m for p in "IE" for m in MONTHS] + ["IYR", "EYR"]
)
#: Census figures are whole dollars; in millions that is six decimals. Rounding to six
#: decimals removes binary floating-point noise from the workbook's computed totals
#: (24072.584913999995 -> 24072.584914) and loses nothing the Census Bureau published.
DECIMALS = 6


@dataclass(frozen=True)
class CountryWorkbook:
    """The workbook's figures in tidy form, with the last month it publishes."""

    monthly: pd.DataFrame  # partner_code, partner_name, period, flow, value (monthly_for)
    annual: pd.DataFrame  # partner_code, partner_name, year, flow, value (complete years)
    last_month: str  # "YYYY-MM"
    file: InputFile
    #: the running year so far, every partner: partner_code, year, months, flow, value (the
    #: sum of its published months; empty when the last year is complete)
    running_year: pd.DataFrame | None = None
    #: the release these figures are (empty: the workbook's own, named by its last month);
    #: another series of the same figures, such as a USA Trade Online report, names its own
    release_id: str = ""
    series: str = "census_country_workbook"

    @property
    def source_id(self) -> str:
        """The release id of these figures: ``census-country-xlsx-YYYY-MM`` for a workbook."""
        return self.release_id or f"census-country-xlsx-{self.last_month}"

    @property
    def is_workbook(self) -> bool:
        return self.series == "census_country_workbook"


def read_country_workbook(
    file: InputFile, monthly_for: tuple[str, ...] | None = None
) -> CountryWorkbook:
    """Parse the workbook; :class:`BuildError` when it is not the expected shape.

    Every partner's row is checked and every partner's annual figures are kept; the monthly
    figures are tidied for the partner codes in ``monthly_for`` only (all when None): the
    package publishes Korea's months, and the whole workbook is about 250 times as many.
    """
    try:
        raw = read_table_sheet(file.path, ("year", "CTY_CODE", "CTYNAME"))
    except Exception as exc:  # the reader raises many kinds for a corrupt file
        raise BuildError(f"cannot read the Census workbook {file.label}: {exc}") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise BuildError(
            f"the Census workbook {file.label} is not country.xlsx: it lacks the columns "
            f"{', '.join(missing[:6])}{'…' if len(missing) > 6 else ''}"
        )
    raw = raw.dropna(subset=["year", "CTY_CODE"])
    if raw.empty:
        raise BuildError(f"the Census workbook {file.label} has no data rows")
    if not raw["year"].str.fullmatch(r"\d{4}").all():
        raise BuildError(f"the Census workbook {file.label} has a year that is not YYYY")
    raw["CTY_CODE"] = raw["CTY_CODE"].str.zfill(4)
    if raw.duplicated(["year", "CTY_CODE"]).any():
        raise BuildError(f"the Census workbook {file.label} repeats a (year, CTY_CODE) pair")

    value_columns = [p + m for p in "IE" for m in MONTHS] + ["IYR", "EYR"]
    try:
        raw[value_columns] = raw[value_columns].apply(pd.to_numeric, errors="raise")
    except (ValueError, TypeError) as exc:
        raise BuildError(
            f"the Census workbook {file.label} has a non-numeric value: {exc}"
        ) from exc
    if (raw[value_columns] < 0).any().any():
        raise BuildError(f"the Census workbook {file.label} has a negative trade value")

    last_year = raw["year"].max()
    latest = raw[raw["year"] == last_year]
    published = [
        i
        for i, m in enumerate(MONTHS, start=1)
        if latest[["I" + m, "E" + m]].fillna(0).abs().to_numpy().sum() > 0
    ]
    if not published:
        raise BuildError(f"the Census workbook {file.label} publishes no month of {last_year}")
    last_month_number = max(published)
    last_month = f"{last_year}-{last_month_number:02d}"

    months_of = raw if monthly_for is None else raw[raw["CTY_CODE"].isin(monthly_for)]
    monthly = _tidy_months(months_of, last_year, last_month_number)
    complete = raw if last_month_number == 12 else raw[raw["year"] < last_year]
    annual = (
        complete.melt(
            id_vars=["year", "CTY_CODE", "CTYNAME"],
            value_vars=["EYR", "IYR"],
            var_name="column",
            value_name="value",
        )
        .dropna(subset=["value"])
        .assign(
            flow=lambda d: d["column"].map({"EYR": "export", "IYR": "import"}),
            year=lambda d: d["year"].astype("int64"),
            value=lambda d: d["value"].round(DECIMALS),
        )
        .rename(columns={"CTY_CODE": "partner_code", "CTYNAME": "partner_name"})[
            ["partner_code", "partner_name", "year", "flow", "value"]
        ]
        .sort_values(["partner_code", "year", "flow"], ignore_index=True)
    )
    running = _running_year(latest, last_month_number) if last_month_number < 12 else None
    return CountryWorkbook(monthly, annual, last_month, file, running)


def _running_year(latest: pd.DataFrame, months: int) -> pd.DataFrame:
    """Each partner's total of the running year's published months, by flow."""
    frames = [
        pd.DataFrame(
            {
                "partner_code": latest["CTY_CODE"],
                "year": latest["year"].astype("int64"),
                "months": months,
                "flow": flow,
                "value": latest[[prefix + m for m in MONTHS[:months]]]
                .fillna(0)
                .sum(axis=1)
                .round(DECIMALS),
            }
        )
        for flow, prefix in FLOW_PREFIX.items()
    ]
    return pd.concat(frames, ignore_index=True)


def _tidy_months(raw: pd.DataFrame, last_year: str, last_month_number: int) -> pd.DataFrame:
    columns = {p + m: (flow, i) for flow, p in FLOW_PREFIX.items() for i, m in enumerate(MONTHS, 1)}
    long = raw.melt(
        id_vars=["year", "CTY_CODE", "CTYNAME"],
        value_vars=list(columns),
        var_name="column",
        value_name="value",
    ).dropna(subset=["value"])
    column = long["column"].astype("category")  # 24 names: map them, not 200,000 cells
    long["flow"] = column.map({c: flow for c, (flow, _) in columns.items()}).astype(str)
    month = column.map({c: number for c, (_, number) in columns.items()}).astype(int)
    unpublished = (long["year"] == last_year) & (month > last_month_number)
    long = long[~unpublished]
    month = month[~unpublished]
    long["period"] = long["year"] + "-" + month.astype(int).astype(str).str.zfill(2)
    long["value"] = long["value"].round(DECIMALS)
    return long.rename(columns={"CTY_CODE": "partner_code", "CTYNAME": "partner_name"})[
        ["partner_code", "partner_name", "period", "flow", "value"]
    ].sort_values(["partner_code", "period", "flow"], ignore_index=True)
