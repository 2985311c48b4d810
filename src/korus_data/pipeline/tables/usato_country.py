"""USA Trade Online reports by country and month as vintages of the Census goods tables.

Each report (one flow) becomes one release of the figures the Census workbook also carries:
its months for the partners whose months the package publishes (Korea), and, for every
partner it names, the annual total of each whole year it covers. An annual total is the sum
of the year's twelve months in whole dollars, which is how the Census Bureau totals a year
(the workbooks' annual columns equal the sum of their months to the dollar, a validation
gate).

Before anything is kept, every partner's annual figures must equal, to the dollar, those of
a Census workbook the package holds, year by year: a wrong name-to-code match cannot pass.
Only the report's newest whole year may have no such twin (its first full-year figures, when
no workbook of the same release is held); :attr:`ReportCheck.unmatched` counts them.

Example:
    >>> first_whole_year_months = [f"2020-{m:02d}" for m in range(1, 13)]
    >>> len(first_whole_year_months)
    12
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.readers.census_country import DECIMALS, CountryWorkbook
from korus_data.pipeline.readers.usato_country import UsatoCountryReport
from korus_data.pipeline.tables.usato_names import require_known, usato_codes

SERIES = "census_usato_country"
#: The figures are whole dollars; in millions one dollar is 1e-6 (half of it for rounding).
DOLLAR = 1e-6
COPIES = {
    "2021-03": "https://github.com/aspengorry/econtrends/blob/"
    "51cb3750bfa8b3babead1d507496fd11b7336738/data/",
    "2021-05": "https://github.com/aspengorry/econtrends/blob/"
    "4022ef79c3c33b08d53b5a40edce569c723f6bd9/data/",
}
FILES = {
    "export": "Standard%20Report%20-%20Exports.xlsx",
    "import": "Standard%20Report%20-%20Imports.xlsx",
}
MEASURE_WORDS = {
    "export": "total exports (f.a.s.)",
    "import": "general imports (customs value)",
}


__all__ = ["check_against_workbooks", "report_vintage", "source_record", "usato_codes"]


def release_id(flow: str, last_month: str) -> str:
    return f"census-usato-country-{flow}s-{last_month}"


@dataclass(frozen=True)
class ReportCheck:
    """What the comparison with the held workbooks found for one report."""

    matched: int  # partner-years equal to a held workbook's figure
    unmatched: int  # partner-years of the newest whole year with no such twin


def report_vintage(
    report: UsatoCountryReport,
    codes: dict[str, str | None],
    monthly_for: tuple[str, ...],
) -> CountryWorkbook:
    """The report as a one-flow vintage of the workbook's figures (partner codes resolved;
    groups the package does not publish dropped)."""
    require_known(report.rows["country"], codes, report.file.label)
    rows = report.rows.assign(partner_code=report.rows["country"].map(codes))
    rows = rows[rows["partner_code"].notna()]
    repeated = rows[rows.duplicated(["partner_code", "period"], keep=False)]
    if len(repeated):
        names = sorted(set(repeated["country"]))
        raise BuildError(
            f"{report.file.label}: the names {names} map to the same Census code "
            f"{repeated['partner_code'].iloc[0]}; fix korus_data/curated/usato_partner_names.csv"
        )
    rows = rows.assign(
        year=rows["period"].str[:4].astype("int64"),
        value=(rows["dollars"] / 1e6).round(DECIMALS),
        flow=report.flow,
    )
    last = report.last_month
    whole_through = int(last[:4]) if last.endswith("-12") else int(last[:4]) - 1
    monthly = rows[rows["partner_code"].isin(monthly_for)].rename(
        columns={"country": "partner_name"}
    )[["partner_code", "partner_name", "period", "flow", "value"]]
    whole = rows[rows["year"] <= whole_through]
    annual = (
        whole.groupby(["partner_code", "country", "year"], as_index=False)["dollars"]
        .sum()
        .assign(
            flow=report.flow,
            value=lambda d: (d["dollars"] / 1e6).round(DECIMALS),
        )
        .rename(columns={"country": "partner_name"})
    )[["partner_code", "partner_name", "year", "flow", "value"]]
    return CountryWorkbook(
        monthly.sort_values(["partner_code", "period"], ignore_index=True),
        annual.sort_values(["partner_code", "year"], ignore_index=True),
        last,
        report.file,
        release_id=release_id(report.flow, last),
        series=SERIES,
    )


def check_against_workbooks(
    vintage: CountryWorkbook, workbooks: list[CountryWorkbook]
) -> ReportCheck:
    """:class:`BuildError` unless every annual figure of ``vintage`` equals (to the dollar)
    the same partner-year-flow in one of ``workbooks``, but figures of its newest whole year
    that no workbook has (counted as unmatched)."""
    key = ["partner_code", "year", "flow"]
    held = pd.concat([w.annual[[*key, "value"]] for w in workbooks], ignore_index=True)
    candidates = vintage.annual[[*key, "value"]].merge(
        held, on=key, how="left", suffixes=("", "_wb")
    )
    candidates["equal"] = (candidates["value"] - candidates["value_wb"]).abs() <= DOLLAR * 1.5
    equal = candidates.groupby(key)["equal"].any()
    newest = int(vintage.annual["year"].max()) if len(vintage.annual) else 0
    failing = equal[~equal]
    unexplained = failing[failing.index.get_level_values("year") != newest]
    if len(unexplained):
        code, year, flow = unexplained.index[0]
        mine = vintage.annual.set_index(key).loc[(code, year, flow), "value"]
        others = sorted(held.set_index(key).loc[[(code, year, flow)], "value"].dropna())
        raise BuildError(
            f"{vintage.file.label}: {code} {year} {flow}s total {mine:,.6f} USD millions, "
            f"which no Census workbook read has (they have {others or 'nothing'}; "
            f"{len(unexplained)} such figures). Is the name mapped to the right code in "
            "korus_data/curated/usato_partner_names.csv?"
        )
    return ReportCheck(matched=int(equal.sum()), unmatched=len(failing))


def source_record(vintage: CountryWorkbook, generated: str) -> dict:
    """The registry record of one report."""
    flow = str(vintage.annual["flow"].iloc[0]) if len(vintage.annual) else "export"
    first_year = int(vintage.annual["year"].min()) if len(vintage.annual) else 2010
    return {
        "source_id": vintage.release_id,
        "publisher": "U.S. Census Bureau, USA Trade Online (report copied in a public GitHub "
        "repository)",
        "title": f"Standard Report: {MEASURE_WORDS[flow]} by country and month, All "
        f"Commodities, {first_year}-01 to {vintage.last_month} (report generated {generated})",
        "url": COPIES.get(vintage.last_month, "https://usatrade.census.gov/") + FILES[flow],
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": vintage.last_month,
        "license": "US-Government-Works",
        "sha256": vintage.file.sha256,
        "superseded_by": "",
        "notes": "Whole dollars by country and month, published here in millions with six "
        "decimals; a year's figure is the sum of its twelve months. The figures are those of "
        f"the Census release of {vintage.last_month} data (its day from the release "
        "calendar); the report date is when it was downloaded. Every partner's annual figures "
        "equal a Census workbook the package holds, but the newest whole year's where no "
        "workbook of the same release is held (a build gate). Groups of countries the "
        "workbook does not carry (APEC, the euro area…) are not read.",
    }
