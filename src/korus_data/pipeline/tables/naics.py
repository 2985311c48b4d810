"""U.S. trade with every partner by NAICS-based product group, from two USA Trade Online
reports (exports and imports), checked against the Census country workbook of the same
release before anything is kept.

Gates (a failure stops the build, naming what differs):

- every country name resolves to a Census partner code: the partners table's own name, or
  ``curated/usato_partner_names.csv``;
- for each partner, year and flow the groups add up to the report's All Commodities line,
  to the dollar;
- that line equals the workbook of the release whose last month the reports end with, for
  every partner and year (whole years against its annual totals, the running year against the
  sum of its published months), within a dollar, except the differences listed with both
  figures in ``curated/naics_total_differences.csv`` (three, all 2025: Canada's exports and the
  two world totals); the largest difference of the rest is reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.inputs import InputFile
from korus_data.pipeline.readers.census_country import CountryWorkbook
from korus_data.pipeline.readers.usato_naics import UsatoReport

CLASSIFICATION = "census_naics3"
COPIES = (
    "https://github.com/ZeynepYapar06/war-economic-effects-us/blob/"
    "34fa4851d24d8506c30700277b0e513d92bf8599/"
)
REPORT_FILES = {
    "export": "State%20Exports%20by%20NAICS%20Commodities.csv",
    "import": "State%20Imports%20by%20NAICS%20Commodities.csv",
}
REPORT_TITLES = {
    "export": "State Exports by NAICS Commodities (Total Exports Value)",
    "import": "State Imports by NAICS Commodities (Customs Value, general imports)",
}
#: One dollar, in millions: the reports and the workbook are whole dollars.
DOLLAR = 1e-6


@dataclass(frozen=True)
class NaicsTables:
    rows: pd.DataFrame  # us_goods_trade_by_product_annual
    product_codes: pd.DataFrame  # classification, product_code, description
    sources: list[dict]
    releases: list[dict]
    #: the largest difference between a report's total and the workbook, USD millions
    largest_difference: float


def source_id(flow: str, last_month: str) -> str:
    return f"census-usato-naics-{flow}s-{last_month}"


def naics_tables(
    reports: dict[str, tuple[UsatoReport, InputFile]],
    workbook: CountryWorkbook,
    partners: pd.DataFrame,
    release: dict,
) -> NaicsTables:
    """The table's rows from the two reports, after every gate; ``release`` is the workbook's
    release record (its day is the reports' day)."""
    codes = _partner_codes(partners, reports)
    frames, sources, releases, largest = [], [], [], 0.0
    groups: dict[str, str] = {}
    for flow, (report, file) in sorted(reports.items()):
        rows = report.rows.assign(partner_code=report.rows["country"].map(codes))
        last = _last_month(rows)
        if last != workbook.last_month:
            raise BuildError(
                f"{file.label} ends with {last}; the newest Census workbook read ends with "
                f"{workbook.last_month}: give the workbook of the same release"
            )
        _groups_add_up(rows, file.label)
        largest = max(largest, _equals_workbook(rows, workbook, flow, file.label))
        sid = source_id(flow, last)
        frames.append(_published(rows, flow, sid))
        sources.append(_source(flow, report, file, last))
        releases.append(
            {**release, "release_id": sid, "series": "census_usato_naics", "data_through": last}
        )
        groups.update(report.groups)
    product_codes = pd.DataFrame(
        {
            "classification": CLASSIFICATION,
            "product_code": sorted(groups),
            "description": [groups[c] for c in sorted(groups)],
        }
    )
    published = pd.concat(frames, ignore_index=True).sort_values(
        ["partner_code", "year", "flow", "product_code"], ignore_index=True
    )
    return NaicsTables(published, product_codes, sources, releases, largest)


def _partner_codes(
    partners: pd.DataFrame, reports: dict[str, tuple[UsatoReport, InputFile]]
) -> dict[str, str]:
    exact = partners.drop_duplicates("name", keep=False).set_index("name")["partner_code"]
    mapped = read_curated("usato_partner_names").set_index("usato_name")["partner_code"]
    codes = {**exact.to_dict(), **mapped.to_dict()}
    unknown = sorted(
        {name for report, _ in reports.values() for name in report.rows["country"]} - set(codes)
    )
    if unknown:
        raise BuildError(
            f"{len(unknown)} USA Trade Online country names match no Census partner: "
            + "; ".join(unknown[:8])
            + " — add them to korus_data/curated/usato_partner_names.csv"
        )
    return codes


def _last_month(rows: pd.DataFrame) -> str:
    newest = rows[rows["year"] == rows["year"].max()]
    return f"{int(newest['year'].iloc[0])}-{int(newest['months'].max()):02d}"


def _groups_add_up(rows: pd.DataFrame, label: str) -> None:
    key = ["partner_code", "year"]
    total = rows[rows["product_code"].isna()].set_index(key)["dollars"]
    parts = rows[rows["product_code"].notna()].groupby(key)["dollars"].sum()
    both = pd.concat([total.rename("total"), parts.rename("parts")], axis=1).fillna(0)
    wrong = both[both["total"] != both["parts"]]
    if len(wrong):
        (code, year), row = next(iter(wrong.iterrows()))
        raise BuildError(
            f"{label}: the groups of {code} in {year} add up to {int(row['parts']):,} dollars, "
            f"not the All Commodities {int(row['total']):,} ({len(wrong)} such totals)"
        )


def _equals_workbook(rows: pd.DataFrame, workbook: CountryWorkbook, flow: str, label: str):
    """The largest difference from the workbook (USD millions) of the totals not listed in
    ``curated/naics_total_differences.csv``; BuildError for a difference beyond a dollar that
    the list lacks, and for a listed one whose figures are no longer the files'."""
    totals = rows[rows["product_code"].isna()].assign(value=lambda d: d["dollars"] / 1e6)
    annual = workbook.annual[workbook.annual["flow"] == flow][["partner_code", "year", "value"]]
    running = workbook.running_year
    if running is not None:
        annual = pd.concat(
            [annual, running[running["flow"] == flow][["partner_code", "year", "value"]]]
        )
    both = totals.merge(annual, on=["partner_code", "year"], how="left", suffixes=("", "_wb"))
    missing = both[both["value_wb"].isna() & (both["value"] != 0)]
    if len(missing):
        first = missing.iloc[0]
        raise BuildError(
            f"{label}: {first['country']} ({first['partner_code']}) {first['year']} has no "
            f"figure in the workbook {workbook.file.label} ({len(missing)} such totals)"
        )
    both["difference"] = (both["value"] - both["value_wb"].fillna(0)).abs()
    listed = _listed_differences(flow)
    differing = both[both["difference"] > DOLLAR * 1.5]
    for _, row in differing.iterrows():
        known = listed.get((row["partner_code"], int(row["year"])))
        if (
            known is None
            or max(abs(known[0] - row["value"]), abs(known[1] - row["value_wb"])) > DOLLAR
        ):
            raise BuildError(
                f"{label}: {row['country']} ({row['partner_code']}) {row['year']} totals "
                f"{row['value']:,.6f} USD millions; the workbook {workbook.file.label} has "
                f"{row['value_wb']:,.6f}. If both files are right, list it in "
                "korus_data/curated/naics_total_differences.csv"
            )
    found = zip(differing["partner_code"], differing["year"].astype(int), strict=True)
    stale = set(listed) - set(found)
    if stale:
        raise BuildError(
            f"{label}: the listed differences {sorted(stale)} are gone; remove them from "
            "korus_data/curated/naics_total_differences.csv"
        )
    agreeing = both[both["difference"] <= DOLLAR * 1.5]
    return float(agreeing["difference"].max()) if len(agreeing) else 0.0


def _listed_differences(flow: str) -> dict[tuple[str, int], tuple[float, float]]:
    listed = read_curated("naics_total_differences")
    listed = listed[listed["flow"] == flow]
    return {
        (code, int(year)): (float(report), float(book))
        for code, year, report, book in zip(
            listed["partner_code"],
            listed["year"],
            listed["report_usd_millions"],
            listed["workbook_usd_millions"],
            strict=True,
        )
    }


def _published(rows: pd.DataFrame, flow: str, sid: str) -> pd.DataFrame:
    groups = rows[rows["product_code"].notna()]
    return pd.DataFrame(
        {
            "partner_code": groups["partner_code"],
            "year": groups["year"].astype("int64"),
            "months": groups["months"].astype("int64"),
            "flow": flow,
            "classification": CLASSIFICATION,
            "product_code": groups["product_code"],
            "value_usd_millions": (groups["dollars"] / 1e6).round(6),
            "source_id": sid,
        }
    )


def _source(flow: str, report: UsatoReport, file: InputFile, last: str) -> dict:
    years = f"{int(report.rows['year'].min())}-{int(report.rows['year'].max()) - 1}"
    month = dt.date(2000, int(last[5:]), 1).strftime("%B")
    return {
        "source_id": source_id(flow, last),
        "publisher": "U.S. Census Bureau, USA Trade Online (report copied in a public GitHub "
        "repository)",
        "title": f"{REPORT_TITLES[flow]} by 3-digit NAICS group and country, {years} and "
        f"{last[:4]} through {month} (report generated {report.generated})",
        "url": COPIES + REPORT_FILES[flow],
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": last,
        "license": "US-Government-Works",
        "sha256": file.sha256,
        "superseded_by": "",
        "notes": "Whole dollars, published here in millions with six decimals. Its totals equal "
        "the Census country workbook of the same release for every partner and year (a build "
        "gate); the release day is that workbook's.",
    }
