"""Assemble the U.S.-Korea goods tables from the Census workbook and the c5800 captures.

Rule: for every (month or year, flow) the figure of the newest release wins. A release's age
is its vintage (the last month it shows); on a tie the primary source (the workbook) wins.
Releases that supply no figure are still registered, pointing to the source that replaced them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.pipeline.readers.c5800_captures import Capture
from korus_data.pipeline.readers.census_country import OFFICIAL_URL, CountryWorkbook
from korus_data.schema.codes import KOREA_CENSUS_CODE, VALUATION_OF

C5800_URL = "https://www.census.gov/foreign-trade/balance/c5800.html"
#: The c5800 page shows one decimal: a capture agrees with the workbook within half of it.
CAPTURE_AGREEMENT = 0.05 + 1e-9


@dataclass(frozen=True)
class GoodsTables:
    monthly: pd.DataFrame
    annual: pd.DataFrame
    sources: list[dict]


def workbook_source_id(workbook: CountryWorkbook) -> str:
    return f"census-country-xlsx-{workbook.last_month}"


def workbook_source(workbook: CountryWorkbook) -> dict:
    return {
        "source_id": workbook_source_id(workbook),
        "publisher": "U.S. Census Bureau",
        "title": "U.S. Trade in Goods by Country: bulk workbook country.xlsx "
        f"(data through {workbook.last_month})",
        "url": OFFICIAL_URL,
        "kind": "official_statistics",
        "primary": True,
        "date_published": "",
        "vintage": workbook.last_month,
        "license": "US-Government-Works",
        "sha256": workbook.file.sha256,
        "superseded_by": "",
        "notes": "Exports (total, f.a.s.) and general imports (customs value) by partner, "
        "monthly and annual from 1985, millions of dollars, not seasonally adjusted. "
        "Read as published; values rounded to six decimals (whole dollars) only to drop "
        "floating-point noise. The running year is not published as annual.",
    }


def _capture_source(capture: Capture, table: str, url: str) -> dict:
    return {
        "source_id": f"census-c5800-capture-{capture.date}-{table}",
        "publisher": "U.S. Census Bureau (c5800 page, captured by a third-party scraper)",
        "title": f"Trade in Goods with Korea, South (c5800): {table} table as captured on "
        f"{capture.date} (data through {capture.vintage})",
        "url": url,
        "kind": "secondary_copy",
        "primary": False,
        "date_published": capture.date,
        "vintage": capture.vintage,
        "license": "US-Government-Works",
        "sha256": "",
        "superseded_by": "",
        "notes": f"Census figures as shown on {C5800_URL} (one decimal) on the capture date.",
    }


def _korea_rows(workbook: CountryWorkbook) -> tuple[pd.DataFrame, pd.DataFrame]:
    source = workbook_source_id(workbook)
    monthly = workbook.monthly[workbook.monthly["partner_code"] == KOREA_CENSUS_CODE]
    annual = workbook.annual[workbook.annual["partner_code"] == KOREA_CENSUS_CODE]
    common = {"source_id": source, "vintage": workbook.last_month, "primary": True}
    return (
        monthly[["period", "flow", "value"]].assign(**common),
        annual[["year", "flow", "value"]].assign(**common),
    )


def _complete_years(capture: Capture) -> pd.DataFrame:
    """A capture's annual rows for years it shows as complete (never its running year)."""
    year, month = (int(x) for x in capture.vintage.split("-"))
    last_complete = year if month == 12 else year - 1
    return capture.annual[capture.annual["year"] <= last_complete]


def _newest(candidates: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    ordered = candidates.sort_values(["vintage", "primary"], ascending=False, kind="stable")
    return ordered.drop_duplicates(key, keep="first")


def _bilateral(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    out = frame.assign(reporter="USA", partner="KOR", basis="census")
    out["valuation"] = [VALUATION_OF[("census", f)] for f in out["flow"]]
    out = out.rename(columns={"value": "value_usd_millions"})
    columns = [
        "reporter",
        "partner",
        period,
        "flow",
        "basis",
        "valuation",
        "value_usd_millions",
        "source_id",
    ]
    return out[columns].sort_values([period, "flow"], ignore_index=True)


def goods_tables(workbook: CountryWorkbook, captures: list[Capture]) -> GoodsTables:
    """The monthly and annual Korea tables and the source records behind them."""
    wb_monthly, wb_annual = _korea_rows(workbook)
    monthly_parts, annual_parts, records = [wb_monthly], [wb_annual], [workbook_source(workbook)]
    for cap in captures:
        for table, url, frame, parts in (
            ("monthly", cap.monthly_url, cap.monthly, monthly_parts),
            ("annual", cap.annual_url, _complete_years(cap), annual_parts),
        ):
            if url is None:
                continue
            record = _capture_source(cap, table, url)
            records.append(record)
            parts.append(
                frame.assign(source_id=record["source_id"], vintage=cap.vintage, primary=False)
            )
    monthly_all = pd.concat(monthly_parts, ignore_index=True)
    annual_all = pd.concat(annual_parts, ignore_index=True)
    monthly = _newest(monthly_all, ["period", "flow"])
    annual = _newest(annual_all, ["year", "flow"])

    used = set(monthly["source_id"]) | set(annual["source_id"])
    primary = workbook_source_id(workbook)
    for record in records:
        if record["source_id"] in used:
            continue
        is_monthly = record["source_id"].endswith("monthly")
        key = "period" if is_monthly else "year"
        _mark_superseded(
            record,
            monthly_all if is_monthly else annual_all,
            monthly if is_monthly else annual,
            key,
            primary,
        )
    return GoodsTables(_bilateral(monthly, "period"), _bilateral(annual, "year"), records)


def _mark_superseded(
    record: dict, everything: pd.DataFrame, chosen: pd.DataFrame, key: str, primary: str
) -> None:
    """Point an unused release to the source that replaced most of its figures, and say how
    far its figures agree with the primary workbook's."""
    own = everything[everything["source_id"] == record["source_id"]]
    replacing = own.merge(chosen, on=[key, "flow"], suffixes=("", "_chosen"))["source_id_chosen"]
    record["superseded_by"] = replacing.mode().iloc[0] if len(replacing) else ""
    workbook = everything[everything["source_id"] == primary]
    compared = own.merge(workbook, on=[key, "flow"], suffixes=("", "_workbook"))
    gap = (compared["value"] - compared["value_workbook"]).abs().max() if len(compared) else 0.0
    agreement = (
        "they agree to the decimal shown"
        if gap <= CAPTURE_AGREEMENT
        else f"they differ by up to {gap:.2f}"
    )
    record["notes"] = (
        "Not used: a newer or equal release supplies every figure it shows. "
        f"{len(compared)} of its figures compared with {primary}: {agreement}."
    )


def superseded_workbook(older: CountryWorkbook, newest: CountryWorkbook) -> dict:
    """Register an older vintage of the workbook, with how its Korea figures compare."""
    record = workbook_source(older)
    key = ["period", "flow"]
    old = older.monthly[older.monthly["partner_code"] == KOREA_CENSUS_CODE][[*key, "value"]]
    new = newest.monthly[newest.monthly["partner_code"] == KOREA_CENSUS_CODE][[*key, "value"]]
    both = old.merge(new, on=key, suffixes=("_old", "_new"))
    revised = both[(both["value_old"] - both["value_new"]).abs() > 5e-7]
    first = revised["period"].min()[:4] if len(revised) else None
    record["superseded_by"] = workbook_source_id(newest)
    record["notes"] = (
        f"Not used: an older vintage (data through {older.last_month}). Of its {len(both)} "
        f"monthly Korea figures, {len(revised)} differ in the newest workbook"
        + (f", all from {first} on (later revisions)." if first else ".")
    )
    return record
