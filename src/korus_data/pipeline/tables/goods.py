"""The U.S.-Korea goods tables and the every-partner table, with every release kept.

Every Census release read (each vintage of the workbook ``country.xlsx``, each capture of the
c5800 page) becomes a row of ``releases`` and contributes its figures to the vintage tables;
the published tables are the latest value of each figure (:mod:`korus_data.pipeline.vintages`).
A capture shows one decimal, so it revises a workbook figure only when it differs by more than
that rounding; a workbook figure consistent with an earlier capture makes it exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.pipeline.readers.c5800_captures import Capture
from korus_data.pipeline.readers.census_country import OFFICIAL_URL, CountryWorkbook
from korus_data.pipeline.vintages import build_vintages, with_history
from korus_data.schema.codes import KOREA_CENSUS_CODE, VALUATION_OF

C5800_URL = "https://www.census.gov/foreign-trade/balance/c5800.html"
#: Rounding unit of each release's figures: whole dollars in millions, or the page's decimal.
WORKBOOK_UNIT, CAPTURE_UNIT = 1e-6, 0.1

#: Groups of the workbook that count imports only (consumption imports under NAFTA/USMCA):
#: their export cells are "not applicable", never a measured zero.
IMPORT_ONLY_GROUPS = ("0005", "0006", "0021", "0022")


def coarse_releases(releases: pd.DataFrame) -> dict[str, float]:
    """Releases whose figures are rounded to more than a dollar (the c5800 page shows one
    decimal of a million), with their rounding unit; every other release is exact."""
    return {
        r: CAPTURE_UNIT
        for r, s in zip(releases["release_id"], releases["series"], strict=True)
        if s == "census_c5800_page"
    }


@dataclass(frozen=True)
class GoodsTables:
    monthly_vintages: pd.DataFrame
    annual_vintages: pd.DataFrame
    by_partner_vintages: pd.DataFrame
    releases: list[dict]
    sources: list[dict]


def workbook_source(workbook: CountryWorkbook, newest: CountryWorkbook) -> dict:
    """The registry record of one vintage of the workbook."""
    record = {
        "source_id": workbook.source_id,
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
    if workbook is not newest:
        record["notes"] = _revised_note(workbook, newest)
    return record


def _revised_note(older: CountryWorkbook, newest: CountryWorkbook) -> str:
    key = ["period", "flow"]
    old = older.monthly[older.monthly["partner_code"] == KOREA_CENSUS_CODE][[*key, "value"]]
    new = newest.monthly[newest.monthly["partner_code"] == KOREA_CENSUS_CODE][[*key, "value"]]
    both = old.merge(new, on=key, suffixes=("_old", "_new"))
    revised = both[(both["value_old"] - both["value_new"]).abs() > 5e-7]
    first = revised["period"].min()[:4] if len(revised) else None
    return (
        f"An older vintage (data through {older.last_month}); its figures are kept in the "
        f"vintage tables. Of its {len(both)} monthly Korea figures, {len(revised)} differ in "
        f"{newest.source_id}" + (f", all from {first} on." if first else ".")
    )


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


def _complete_years(capture: Capture) -> pd.DataFrame:
    """A capture's annual rows for years it shows as complete (never its running year)."""
    year, month = (int(x) for x in capture.vintage.split("-"))
    last_complete = year if month == 12 else year - 1
    return capture.annual[capture.annual["year"] <= last_complete]


def not_applicable(annual: pd.DataFrame) -> pd.Series:
    """True for the workbook's zeros that mean "not applicable", not a measured zero.

    Exports of the import-only groups; and the zero years of a code that has ceased (its rows
    stop before the workbook's last complete year: Czechoslovakia, the USSR, the former
    Yugoslavia…) after its last year with any trade, or in every year when it never shows
    trade. A zero of a code the workbook still lists is a measured zero and is kept, also in
    years before its first trade (Libya in 1992, under embargo; Niue, Tuvalu).
    """
    zero = annual["value"] == 0
    import_only = annual["partner_code"].isin(IMPORT_ONLY_GROUPS) & (annual["flow"] == "export")
    rows_end = annual["partner_code"].map(annual.groupby("partner_code")["year"].max())
    ceased = rows_end < annual["year"].max()
    traded = annual[annual["value"] > 0].groupby("partner_code")["year"].max()
    last_trade = annual["partner_code"].map(traded)
    both_zero = annual.groupby(["partner_code", "year"])["value"].transform("sum") == 0
    after_last = last_trade.isna() | (annual["year"] > last_trade)
    return zero & (import_only | (ceased & both_zero & after_last))


def _observations(frame: pd.DataFrame, source_id: str, day: pd.Timestamp, unit: float):
    return frame.assign(source_id=source_id, known_from=day, unit=unit)


def goods_tables(
    workbooks: list[CountryWorkbook],
    captures: list[Capture],
    release_dates: dict[str, dict],
    known_from,
    past: dict[str, pd.DataFrame] | None = None,
) -> GoodsTables:
    """Vintage tables of the Korea monthly and annual series and of every partner's annual
    trade, from the workbook vintages (and other releases of the same figures, such as USA
    Trade Online reports, whose source records their builder makes) and captures read, on
    top of the committed history.

    ``release_dates`` gives, per release id, its ``released``/``date_kind``/
    ``date_source_id`` (curated); ``known_from(released)`` turns a date into the day counted;
    ``past`` holds the committed history of "monthly", "annual" and "partners" as
    observations (:func:`korus_data.pipeline.vintages.history`).
    """
    past = past or {}
    newest = [w for w in workbooks if w.is_workbook][-1]
    monthly, annual, partners, releases, records = [], [], [], [], []
    for workbook in workbooks:
        sid = workbook.source_id
        dates = release_dates[sid]
        day = known_from(dates["released"])
        releases.append(
            {
                "release_id": sid,
                "series": workbook.series,
                "data_through": workbook.last_month,
                **dates,
            }
        )
        if workbook.is_workbook:
            records.append(workbook_source(workbook, newest))
        korea_m = workbook.monthly[workbook.monthly["partner_code"] == KOREA_CENSUS_CODE]
        monthly.append(_observations(korea_m[["period", "flow", "value"]], sid, day, WORKBOOK_UNIT))
        every = workbook.annual[~not_applicable(workbook.annual)]
        every = every[["partner_code", "year", "flow", "value"]]
        partners.append(_observations(every, sid, day, WORKBOOK_UNIT))
        korea_a = every[every["partner_code"] == KOREA_CENSUS_CODE][["year", "flow", "value"]]
        annual.append(_observations(korea_a, sid, day, WORKBOOK_UNIT))
    for capture in captures:
        day = known_from(capture.date)
        for table, url, frame, target in (
            ("monthly", capture.monthly_url, capture.monthly, monthly),
            ("annual", capture.annual_url, _complete_years(capture), annual),
        ):
            if url is None:
                continue
            record = _capture_source(capture, table, url)
            records.append(record)
            releases.append(
                {
                    "release_id": record["source_id"],
                    "series": "census_c5800_page",
                    "data_through": capture.vintage,
                    "released": capture.date,
                    "date_kind": "retrieved",
                    "date_source_id": "",
                }
            )
            target.append(_observations(frame, record["source_id"], day, CAPTURE_UNIT))
            if table == "annual":
                korea = frame.assign(partner_code=KOREA_CENSUS_CODE)
                partners.append(_observations(korea, record["source_id"], day, CAPTURE_UNIT))

    def vintages(name: str, frames: list[pd.DataFrame], key: list[str]) -> pd.DataFrame:
        observations = pd.concat(frames, ignore_index=True)
        if name in past:
            observations = with_history(observations, past[name])
        return build_vintages(observations, key, "value")

    monthly_v = _bilateral(vintages("monthly", monthly, ["period", "flow"]), "period")
    annual_v = _bilateral(vintages("annual", annual, ["year", "flow"]), "year")
    partner_v = vintages("partners", partners, ["partner_code", "year", "flow"])
    partner_v = partner_v.rename(columns={"value": "value_usd_millions"})
    return GoodsTables(monthly_v, annual_v, partner_v, releases, records)


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
        "realtime_start",
        "realtime_end",
    ]
    return out[columns].sort_values([period, "flow", "realtime_start"], ignore_index=True)
