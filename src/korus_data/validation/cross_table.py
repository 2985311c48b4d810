"""Checks that span tables: foreign keys, and annual figures against the sum of their months.

Each check takes ``{table name: typed DataFrame}`` and returns :class:`GateResult` objects.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from korus_data.schema.codes import KOREA_CENSUS_CODE, WORLD_CENSUS_CODE
from korus_data.schema.tables import CURATED, TABLES
from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]
#: Published tables and curated inputs, by name: what a frame of ``Frames`` can be.
DEFINITIONS = {**TABLES, **CURATED}


def foreign_keys(frames: Frames) -> list[GateResult]:
    """Every foreign key of every table resolves in the table it references."""
    results = []
    for name, frame in frames.items():
        table = DEFINITIONS[name]
        if not table.foreign_keys:
            continue
        failures: list[Failure] = []
        for fk in table.foreign_keys:
            target = frames.get(fk.table)
            if target is None:
                failures.append(Failure(name, f"referenced table {fk.table!r} could not be read"))
                continue
            known = set(target[list(fk.reference_fields)].itertuples(index=False, name=None))
            values = frame[list(fk.fields)]
            for index, key in zip(
                values.index, values.itertuples(index=False, name=None), strict=True
            ):
                if all(pd.isna(k) for k in key):
                    continue  # an empty optional reference
                if key not in known:
                    shown = key[0] if len(key) == 1 else key
                    failures.append(
                        Failure(
                            name,
                            f"{shown!r} is not a {'/'.join(fk.reference_fields)} of {fk.table}",
                            row=index + 2,
                            column=",".join(fk.fields),
                        )
                    )
        results.append(GateResult.from_failures("foreign_keys", name, failures))
    return results


def _rounding_unit(values: pd.Series) -> float:
    """The coarsest rounding among published figures: 0.1 for '800.7', 1e-6 for dollars."""
    for decimals in range(7):
        if ((values * 10**decimals).round(6) % 1 == 0).all():
            return 10.0**-decimals
    return 1e-6


def annual_equals_months(frames: Frames) -> list[GateResult]:
    """Each annual figure equals the sum of its twelve months, within the source's rounding.

    The check is strict where the months and the annual figure come from one release (one
    data vintage in the sources table). Where a later release revised the annual figure but
    not every month is available from it, the year is listed as a warning, not hidden.
    """
    needed = {"goods_trade_annual", "goods_trade_monthly", "sources"}
    if not needed <= frames.keys():
        return []
    vintage = frames["sources"].set_index("source_id")["vintage"]
    keys = ["reporter", "partner", "basis", "flow", "year"]
    # Rows with unreadable cells are reported by the read gate; leave them out here.
    monthly = frames["goods_trade_monthly"].dropna(
        subset=[*keys[:4], "period", "value_usd_millions"]
    )
    monthly = monthly.assign(year=monthly["period"].str[:4].astype(int))
    annual = frames["goods_trade_annual"].dropna(subset=[*keys, "value_usd_millions"])
    months = monthly.groupby(keys).agg(
        months=("value_usd_millions", "size"),
        total=("value_usd_millions", "sum"),
        vintages=("source_id", lambda s: frozenset(vintage.reindex(s).fillna("?"))),
        unit=("value_usd_millions", _rounding_unit),
    )
    joined = annual.join(months, on=keys, how="inner")
    joined = joined[joined["months"] == 12]
    failures: list[Failure] = []
    mixed: list[str] = []
    for index, row in joined.iterrows():
        release = vintage.get(row["source_id"], "?")
        unit = max(row["unit"], _rounding_unit(pd.Series([row["value_usd_millions"]])))
        tolerance = 13 * unit / 2 + 1e-9
        gap = row["value_usd_millions"] - row["total"]
        label = f"{row['reporter']}->{row['partner']} {row['flow']} {row['year']}"
        if row["vintages"] != frozenset([release]):
            mixed.append(f"{label} ({gap:+.1f})")
        elif abs(gap) > tolerance:
            failures.append(
                Failure(
                    "goods_trade_annual",
                    f"{label}: annual {row['value_usd_millions']} differs from the sum of "
                    f"months {row['total']:.6f} by {gap:.6f} (tolerance {tolerance:.6f})",
                    row=index + 2,
                    column="value_usd_millions",
                )
            )
    results = [
        GateResult.from_failures(
            "annual_months",
            "goods_trade_annual",
            failures,
            note=f"{len(joined) - len(mixed)} annual figures checked against their months",
        )
    ]
    if mixed:
        results.append(
            GateResult(
                "annual_months",
                "goods_trade_annual",
                "warn",
                len(mixed),
                [],
                note="annual figure from a later release than some of its months: "
                + "; ".join(mixed),
            )
        )
    return results


#: Relative gap allowed between the world total and the sum of its partners (rounding of
#: ~240 figures; the largest gap from 1992 on is 0.002 % in 2025).
WORLD_TOLERANCE = 1e-4
#: Before 1992 the Census workbook lists only selected partners, not every economy.
FULL_PARTNER_LIST_FROM = 1992


def partners_sum_to_world(frames: Frames) -> list[GateResult]:
    """Single economies plus unallocated trade add up to the world total, year by year."""
    if not {"us_goods_trade_by_partner_annual", "partners"} <= frames.keys():
        return []
    trade = frames["us_goods_trade_by_partner_annual"].dropna()
    kind = frames["partners"].set_index("partner_code")["kind"]
    trade = trade.assign(kind=trade["partner_code"].map(kind))
    parts = trade[trade["kind"].isin(["country", "unallocated"])]
    summed = parts.groupby(["year", "flow"])["value_usd_millions"].sum()
    world = trade[trade["partner_code"] == WORLD_CENSUS_CODE]
    world = world.set_index(["year", "flow"])["value_usd_millions"]
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
            "partners_world",
            "us_goods_trade_by_partner_annual",
            failures,
            note=f"{len(gap) - len(partial)} year-flows within {WORLD_TOLERANCE:.2%} of the "
            "world total",
        )
    ]
    if partial:
        results.append(
            GateResult(
                "partners_world",
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
    return [GateResult.from_failures("korea_partner", "goods_trade_annual", failures, note=note)]


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
            f"to {r.sum:g}, the year is {r.value_usd_millions:g}",
            row=i + 2,
            column="value_usd_millions",
        )
        for i, r in joined[(gap.abs() > QUARTER_TOLERANCE) & ~known].iterrows()
    ]
    results = [
        GateResult.from_failures(
            "bop_quarters",
            "bop_trade_annual",
            failures,
            note=f"{int((~known).sum())} annual figures equal their four quarters within rounding",
        )
    ]
    if known.any():
        results.append(
            GateResult(
                "bop_quarters",
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

    End-Use imports must equal the Census total of the same workbook release (the
    every-partner table) within rounding; USITC sectors may not exceed the Census total by
    more than 0.5 %.
    """
    needed = {"goods_trade_by_product_annual", "us_goods_trade_by_partner_annual"}
    if not needed <= frames.keys():
        return []
    products = frames["goods_trade_by_product_annual"].dropna(subset=["value_usd_millions"])
    sums = products.groupby(["classification", "flow", "year"])["value_usd_millions"].sum()
    partner = frames["us_goods_trade_by_partner_annual"]
    totals = partner[partner["partner_code"] == KOREA_CENSUS_CODE].set_index(["flow", "year"])[
        "value_usd_millions"
    ]
    failures, ratios = [], []
    for (classification, flow, year), total in sums.items():
        reference = totals.get((flow, year))
        if reference is None or pd.isna(reference):
            continue
        ratio = total / reference
        ratios.append(ratio)
        exact = classification == "census_enduse"
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
            "product_totals", "goods_trade_by_product_annual", failures, note=note
        )
    ]


def sources_in_use(frames: Frames) -> list[GateResult]:
    """Every registered source is cited by a row or says which source superseded it."""
    if "sources" not in frames or not set(TABLES) <= frames.keys():
        return []  # only meaningful when every table was read
    cited = {
        s
        for name, frame in frames.items()
        if name != "sources" and "source_id" in frame
        for s in frame["source_id"].dropna()
    }
    sources = frames["sources"]
    idle = sources[~sources["source_id"].isin(cited) & sources["superseded_by"].isna()]
    failures = [
        Failure(
            "sources",
            f"{sid!r} is cited by no row and superseded by nothing",
            row=i + 2,
            column="source_id",
        )
        for i, sid in idle["source_id"].items()
    ]
    note = f"{len(sources) - len(idle)} of {len(sources)} sources cited or superseded"
    return [GateResult.from_failures("sources_in_use", "sources", failures, note, warn=True)]


#: Every cross-table check, run in this order by ``validate()``.
CHECKS: tuple[Callable[[Frames], list[GateResult]], ...] = (
    foreign_keys,
    annual_equals_months,
    partners_sum_to_world,
    korea_matches_bilateral,
    bop_quarters_sum_to_years,
    products_within_totals,
    sources_in_use,
)
