"""Checks that span tables: sums, totals and parts (provenance checks are in provenance.py).

Each check takes ``{table name: typed DataFrame}`` and returns :class:`GateResult` objects.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from korus_data.schema.codes import KOREA_CENSUS_CODE, WORLD_CENSUS_CODE
from korus_data.validation.calendar import releases_match_calendar
from korus_data.validation.enduse import (
    duty_imports_equal_partner_totals,
    enduse_groups_equal_partner_totals,
)
from korus_data.validation.naics import naics_groups_equal_partner_totals
from korus_data.validation.positions import korea_positions_agree
from korus_data.validation.provenance import (
    foreign_keys,
    source_files_match_sources,
    sources_cited_in_code,
    sources_in_use,
    vintages_consistent,
)
from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]


def _rounding_unit(values: pd.Series) -> float:
    """The rounding of published figures taken together (the finest unit among them): 0.1 for
    '800.7' beside '1652', 1e-6 for dollars."""
    return float(_units(values).min())


def _units(values: pd.Series) -> pd.Series:
    """The rounding unit of each published figure: 0.1 for '800.7', 1e-6 for dollars."""
    unit = pd.Series(1e-6, index=values.index)
    for decimals in range(6, -1, -1):
        whole = ((values * 10**decimals).round(6) % 1 == 0).to_numpy()
        unit[whole] = 10.0**-decimals
    return unit


def annual_equals_months(frames: Frames) -> list[GateResult]:
    """Each annual figure equals the sum of its twelve months as they stood when the annual
    figure was released, within the source's rounding.

    The months are read from the monthly vintage table on the day the annual figure's release
    became public (the latest months when there is no vintage table). A page capture that
    revised an annual figure without showing all its months is listed as a warning, not
    hidden; any other gap fails.
    """
    if not {"goods_trade_annual", "goods_trade_monthly"} <= frames.keys():
        return []
    keys = ["reporter", "partner", "basis", "flow", "year"]
    monthly = frames.get("goods_trade_monthly_vintages", frames["goods_trade_monthly"])
    monthly = monthly.dropna(subset=[*keys[:4], "period", "value_usd_millions"])
    monthly = monthly.assign(year=monthly["period"].str[:4].astype(int))
    annual = frames.get("goods_trade_annual_vintages", frames["goods_trade_annual"])
    annual = annual.dropna(subset=[*keys, "value_usd_millions"])
    if "realtime_start" not in annual:
        annual = annual.assign(realtime_start=pd.NaT)
    annual = annual.assign(
        annual_row=annual.index, annual_unit=_units(annual["value_usd_millions"])
    )
    months = monthly[[*keys, "value_usd_millions"]].assign(
        unit=_units(monthly["value_usd_millions"])
    )
    if "realtime_start" in monthly:
        months = months.assign(m_start=monthly["realtime_start"], m_end=monthly["realtime_end"])
    pairs = annual[[*keys, "annual_row", "realtime_start"]].merge(months, on=keys)
    if "m_start" in pairs:
        day = pairs["realtime_start"]
        dated = day.notna()
        valid = ~dated & pairs["m_end"].isna()
        valid |= (
            dated & (pairs["m_start"] <= day) & (pairs["m_end"].isna() | (pairs["m_end"] > day))
        )
        pairs = pairs[valid]
    sums = pairs.groupby("annual_row").agg(
        months=("value_usd_millions", "size"),
        total=("value_usd_millions", "sum"),
        unit=("unit", "max"),
    )
    joined = annual.join(sums, on="annual_row", how="inner")
    joined = joined[joined["months"] == 12]
    unit = joined[["unit", "annual_unit"]].max(axis=1)
    tolerance = 13 * unit / 2 + 1e-9
    gap = joined["value_usd_millions"] - joined["total"]
    series = (
        frames["releases"].set_index("release_id")["series"]
        if "releases" in frames
        else pd.Series()
    )
    from_page = joined["source_id"].map(series).eq("census_c5800_page")
    off = joined[gap.abs() > tolerance]
    failures, seams = [], []
    for index, row in off.iterrows():
        label = f"{row['reporter']}->{row['partner']} {row['flow']} {row['year']}"
        if from_page[index]:
            seams.append(f"{label} ({gap[index]:+.1f}, {row['source_id']})")
            continue
        failures.append(
            Failure(
                "goods_trade_annual",
                f"{label}: annual {row['value_usd_millions']} differs from the sum of "
                f"months {row['total']:.6f} by {gap[index]:.6f} (tolerance "
                f"{tolerance[index]:.6f})",
                row=index + 2,
                column="value_usd_millions",
            )
        )
    results = [
        GateResult.from_failures(
            "annual_equals_months",
            "goods_trade_annual",
            failures,
            note=f"{len(joined) - len(seams)} annual figures equal their months as released",
        )
    ]
    if seams:
        results.append(
            GateResult(
                "annual_equals_months",
                "goods_trade_annual",
                "warn",
                len(seams),
                [],
                note="revised by a page capture that does not show all the year's months: "
                + "; ".join(seams),
            )
        )
    return results


#: Relative gap allowed between the world total and the sum of its partners (rounding of
#: ~240 figures; the largest gap from 1992 on is 0.002 % in 2025).
WORLD_TOLERANCE = 1e-4
#: Before 1992 the Census workbook lists only selected partners, not every economy.
FULL_PARTNER_LIST_FROM = 1992


def _as_known_at(vintages: pd.DataFrame, days: pd.Series, key: list[str]) -> pd.DataFrame:
    """Rows of ``vintages`` that were the latest on the day ``days`` gives for their ``key``."""
    joined = vintages.join(days.rename("_day"), on=key, how="inner")
    start, end = pd.to_datetime(joined["realtime_start"]), pd.to_datetime(joined["realtime_end"])
    valid = (start <= joined["_day"]) & (end.isna() | (end > joined["_day"]))
    return joined[valid].drop(columns="_day")


def partners_sum_to_world(frames: Frames) -> list[GateResult]:
    """Single economies plus unallocated trade add up to the world total, year by year.

    The parts are taken from the release of the world total (the vintage table gives each
    partner's value as it stood then), so a later revision of one partner's figure never
    breaks the sum.
    """
    if not {"us_goods_trade_by_partner_annual", "partners"} <= frames.keys():
        return []
    kind = frames["partners"].set_index("partner_code")["kind"]
    trade = frames["us_goods_trade_by_partner_annual"].dropna()
    world_rows = trade[trade["partner_code"] == WORLD_CENSUS_CODE]
    world = world_rows.set_index(["year", "flow"])["value_usd_millions"]
    vintages = frames.get("us_goods_trade_by_partner_annual_vintages")
    if vintages is not None:
        open_world = vintages[
            (vintages["partner_code"] == WORLD_CENSUS_CODE) & vintages["realtime_end"].isna()
        ]
        days = pd.to_datetime(open_world.set_index(["year", "flow"])["realtime_start"])
        trade = _as_known_at(vintages.dropna(subset=["value_usd_millions"]), days, ["year", "flow"])
    trade = trade.assign(kind=trade["partner_code"].map(kind))
    parts = trade[trade["kind"].isin(["country", "unallocated"])]
    summed = parts.groupby(["year", "flow"])["value_usd_millions"].sum()
    gap = (summed.reindex(world.index) - world) / world
    failures, partial = [], []
    for (year, flow), rel in gap.items():
        if year < FULL_PARTNER_LIST_FROM:
            partial.append(f"{year} {flow} {rel:+.1%}")
        elif abs(rel) > WORLD_TOLERANCE:
            failures.append(
                Failure(
                    "us_goods_trade_by_partner_annual",
                    f"{year} {flow}: partners sum to {summed[(year, flow)]:.1f}, the world "
                    f"total is {world[(year, flow)]:.1f} ({rel:+.4%})",
                )
            )
    results = [
        GateResult.from_failures(
            "partners_sum_to_world",
            "us_goods_trade_by_partner_annual",
            failures,
            note=f"{len(gap) - len(partial)} year-flows within {WORLD_TOLERANCE:.2%} of the "
            "world total of the same release",
        )
    ]
    if partial:
        results.append(
            GateResult(
                "partners_sum_to_world",
                "us_goods_trade_by_partner_annual",
                "warn",
                len(partial),
                note="before 1992 the workbook lists only selected partners: " + "; ".join(partial),
            )
        )
    return results


def korea_matches_bilateral(frames: Frames) -> list[GateResult]:
    """Korea's row of the every-partner table equals the bilateral table from the same source."""
    if not {"us_goods_trade_by_partner_annual", "goods_trade_annual"} <= frames.keys():
        return []
    korea = frames["us_goods_trade_by_partner_annual"]
    korea = korea[korea["partner_code"] == KOREA_CENSUS_CODE].set_index(["year", "flow"])
    bilateral = frames["goods_trade_annual"]
    bilateral = bilateral[(bilateral["reporter"] == "USA") & (bilateral["basis"] == "census")]
    failures, revised = [], []
    for index, row in bilateral.iterrows():
        key = (row["year"], row["flow"])
        if key not in korea.index:
            failures.append(
                Failure(
                    "goods_trade_annual",
                    f"{key} has no row for partner {KOREA_CENSUS_CODE} in "
                    "us_goods_trade_by_partner_annual",
                    row=index + 2,
                )
            )
            continue
        other = korea.loc[key]
        if other["source_id"] != row["source_id"]:
            revised.append(str(row["year"]))
        elif abs(other["value_usd_millions"] - row["value_usd_millions"]) > 1e-6:
            failures.append(
                Failure(
                    "goods_trade_annual",
                    f"{key}: {row['value_usd_millions']} here, "
                    f"{other['value_usd_millions']} for partner {KOREA_CENSUS_CODE}",
                    row=index + 2,
                    column="value_usd_millions",
                )
            )
    note = f"{len(bilateral) - len(revised)} figures equal"
    if revised:
        note += "; from a later release in goods_trade_annual: " + ", ".join(sorted(set(revised)))
    return [
        GateResult.from_failures(
            "korea_matches_bilateral", "goods_trade_annual", failures, note=note
        )
    ]


#: Four quarters and a year, each rounded to the million: up to 2.5 apart.
QUARTER_TOLERANCE = 2.5


def bop_quarters_sum_to_years(frames: Frames) -> list[GateResult]:
    """BEA's four quarters add up to its annual figure within rounding.

    BEA says the quarters of "All other countries" do not sum to its annual totals for
    1999-2012; those years are reported as a warning.
    """
    if not {"bop_trade_annual", "bop_trade_quarterly"} <= frames.keys():
        return []
    keys = ["reporter", "partner", "year", "account", "flow"]
    quarterly = frames["bop_trade_quarterly"].dropna(subset=["period", "value_usd_millions"])
    quarterly = quarterly.assign(year=quarterly["period"].str[:4].astype(int))
    sums = quarterly.groupby(keys)["value_usd_millions"].agg(["sum", "size"])
    annual = frames["bop_trade_annual"].dropna(subset=[*keys, "value_usd_millions"])
    joined = annual.join(sums, on=keys, how="inner")
    joined = joined[joined["size"] == 4]
    gap = joined["sum"] - joined["value_usd_millions"]
    known = (joined["partner"] == "ALL_OTHER_COUNTRIES") & (joined["year"] <= 2012)
    failures = [
        Failure(
            "bop_trade_annual",
            f"{r.partner} {r.year} {r.account} {r.flow}: quarters sum "
            f"to {r['sum']:g}, the year is {r['value_usd_millions']:g}",
            row=i + 2,
            column="value_usd_millions",
        )
        for i, r in joined[(gap.abs() > QUARTER_TOLERANCE) & ~known].iterrows()
    ]
    results = [
        GateResult.from_failures(
            "bop_quarters_sum_to_years",
            "bop_trade_annual",
            failures,
            note=f"{int((~known).sum())} annual figures equal their four quarters within rounding",
        )
    ]
    if known.any():
        results.append(
            GateResult(
                "bop_quarters_sum_to_years",
                "bop_trade_annual",
                "warn",
                int(known.sum()),
                note="BEA: quarters of ALL_OTHER_COUNTRIES do not sum to its years 1999-2012",
            )
        )
    return results


#: USITC digest sectors are compiled from HTS data and revised apart from the Census totals.
SECTOR_TOLERANCE = 0.005


def products_within_totals(frames: Frames) -> list[GateResult]:
    """Categories of one classification add up to no more than their flow's total.

    End-Use imports must equal the Census total of one release (of the every-partner table or
    its vintages: the End-Use file carries the data of one release) within rounding; USITC
    sectors may not exceed the latest Census total by more than 0.5 %.
    """
    needed = {"goods_trade_by_product_annual", "us_goods_trade_by_partner_annual"}
    if not needed <= frames.keys():
        return []
    products = frames["goods_trade_by_product_annual"].dropna(subset=["value_usd_millions"])
    sums = products.groupby(["classification", "flow", "year"])["value_usd_millions"].sum()
    partner = frames.get(
        "us_goods_trade_by_partner_annual_vintages", frames["us_goods_trade_by_partner_annual"]
    )
    korea = partner[partner["partner_code"] == KOREA_CENSUS_CODE]
    releases = korea.groupby(["flow", "year"])["value_usd_millions"].agg(list)
    latest = frames["us_goods_trade_by_partner_annual"]
    latest = latest[latest["partner_code"] == KOREA_CENSUS_CODE]
    totals = latest.set_index(["flow", "year"])["value_usd_millions"]
    failures, ratios = [], []
    for (classification, flow, year), total in sums.items():
        reference = totals.get((flow, year))
        if reference is None or pd.isna(reference):
            continue
        exact = classification.startswith("census_enduse")
        if exact:  # the release whose data the End-Use file carries
            reference = min(releases.get((flow, year), [reference]), key=lambda v: abs(v - total))
        ratio = total / reference
        ratios.append(ratio)
        too_far = abs(total - reference) > 1e-3 if exact else ratio > 1 + SECTOR_TOLERANCE
        if too_far:
            failures.append(
                Failure(
                    "goods_trade_by_product_annual",
                    f"{classification} {flow} {year}: categories sum to {total:.3f}, the total is "
                    f"{reference:.3f}",
                    column="value_usd_millions",
                )
            )
    note = (
        (
            f"{len(ratios)} classification-years; categories cover {min(ratios):.1%} to "
            f"{max(ratios):.1%} of their total"
        )
        if ratios
        else ""
    )
    return [
        GateResult.from_failures(
            "products_within_totals", "goods_trade_by_product_annual", failures, note=note
        )
    ]


#: Every cross-table check, run in this order by ``validate()``.
CHECKS: tuple[Callable[[Frames], list[GateResult]], ...] = (
    foreign_keys,
    annual_equals_months,
    partners_sum_to_world,
    korea_matches_bilateral,
    bop_quarters_sum_to_years,
    products_within_totals,
    naics_groups_equal_partner_totals,
    enduse_groups_equal_partner_totals,
    duty_imports_equal_partner_totals,
    korea_positions_agree,
    sources_in_use,
    sources_cited_in_code,
    source_files_match_sources,
    vintages_consistent,
    releases_match_calendar,
)
