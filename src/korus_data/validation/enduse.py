"""Every partner's End-Use exports against the Census totals the package holds.

For each partner, year and flow of ``us_goods_trade_by_product_annual`` in an End-Use
classification, the codes of one release add up, within a dollar, to a value that partner's
total has had in ``us_goods_trade_by_partner_annual_vintages`` (the End-Use files are dated by
when a copy was made, so the total of the same vintage is found among the values held, not
by day; a partner-year whose codes cite two releases is summed whole), except the years
``vintage_gaps`` lists for the release and the differences
``enduse_total_differences`` lists with both figures. Korea's rows must equal its rows of the
bilateral ``goods_trade_by_product_annual``: one figure, one value.

The customs values of ``us_imports_and_duty_annual`` are checked the same way.

Example:
    >>> enduse_groups_equal_partner_totals({}), duty_imports_equal_partner_totals({})
    ([], [])
"""

from __future__ import annotations

import pandas as pd

from korus_data.schema.codes import KOREA_CENSUS_CODE
from korus_data.validation.report import Failure, GateResult

NAME = "enduse_groups_equal_partner_totals"
TABLE = "us_goods_trade_by_product_annual"
#: One dollar in millions, and a half for the rounding of each side to six decimals.
TOLERANCE = 1.5e-6
KEY = ["partner_code", "year", "flow"]


def enduse_groups_equal_partner_totals(frames: dict[str, pd.DataFrame]) -> list[GateResult]:
    needed = {TABLE, "us_goods_trade_by_partner_annual_vintages"}
    if not needed <= frames.keys():
        return []
    products = frames[TABLE]
    products = products[products["classification"].astype(str).str.startswith("census_enduse")]
    if products.empty:
        return []
    # a partner-year's codes may cite two releases (Korea's newest: a value a later release
    # confirmed keeps the release that first published it); their sum is that of the newer
    sums = products.groupby(KEY, as_index=False, sort=False).agg(
        value_usd_millions=("value_usd_millions", "sum"), source_id=("source_id", "max")
    )
    failures, note = _against_held(frames, sums, TABLE, "the End-Use codes add up to")
    failures += _korea_agrees(frames, products)
    return [GateResult.from_failures(NAME, TABLE, failures, note=note)]


def duty_imports_equal_partner_totals(frames: dict[str, pd.DataFrame]) -> list[GateResult]:
    """The customs values of ``us_imports_and_duty_annual`` equal, to the dollar, a value
    each partner's imports have had in ``us_goods_trade_by_partner_annual_vintages``, but in
    the years ``vintage_gaps`` lists for the report."""
    table = "us_imports_and_duty_annual"
    if not {table, "us_goods_trade_by_partner_annual_vintages"} <= frames.keys():
        return []
    sums = frames[table].assign(flow="import")[[*KEY, "value_usd_millions", "source_id"]]
    failures, note = _against_held(frames, sums, table, "imports of")
    return [
        GateResult.from_failures("duty_imports_equal_partner_totals", table, failures, note=note)
    ]


def _against_held(
    frames: dict[str, pd.DataFrame], sums: pd.DataFrame, table: str, what: str
) -> tuple[list[Failure], str]:
    held = frames["us_goods_trade_by_partner_annual_vintages"][[*KEY, "value_usd_millions"]]
    both = sums.merge(held, on=KEY, how="left", suffixes=("", "_total"))
    gap = (both["value_usd_millions"] - both["value_usd_millions_total"]).abs()
    nothing = (both["value_usd_millions"] == 0) & both["value_usd_millions_total"].isna()
    both["equal"] = (gap <= TOLERANCE) | nothing
    equal = both.groupby([*KEY, "source_id"], as_index=False, sort=False)["equal"].any()
    excused = _excused(frames, equal)
    failing = equal[~equal["equal"] & ~excused]
    failures = [
        Failure(
            table,
            f"{r.partner_code} {r.year} {r.flow} ({r.source_id}): {what} no total the package "
            "holds",
        )
        for r in failing.itertuples(index=False)
    ]
    note = (
        f"{int(equal['equal'].sum())} partner-years equal a held total to the dollar; "
        f"{int(excused.sum())} listed in vintage_gaps or enduse_total_differences"
    )
    return failures, note


def _excused(frames: dict[str, pd.DataFrame], equal: pd.DataFrame) -> pd.Series:
    excused = pd.Series(False, index=equal.index)
    gaps = frames.get("vintage_gaps")
    if gaps is not None and len(gaps):
        years = set(zip(gaps["source_id"], gaps["year"].astype(int), strict=True))
        pairs = zip(equal["source_id"], equal["year"].astype(int), strict=True)
        excused |= pd.Series([p in years for p in pairs], index=equal.index)
    listed = frames.get("enduse_total_differences")
    if listed is not None and len(listed):
        keys = set(
            zip(
                listed["source_id"],
                listed["partner_code"],
                listed["year"].astype(int),
                listed["flow"],
                strict=True,
            )
        )
        rows = zip(
            equal["source_id"],
            equal["partner_code"],
            equal["year"].astype(int),
            equal["flow"],
            strict=True,
        )
        excused |= pd.Series([r in keys for r in rows], index=equal.index)
    return excused


def _korea_agrees(frames: dict[str, pd.DataFrame], products: pd.DataFrame) -> list[Failure]:
    bilateral = frames.get("goods_trade_by_product_annual")
    if bilateral is None:
        return []
    key = ["year", "flow", "classification", "product_code"]
    korea = products[products["partner_code"] == KOREA_CENSUS_CODE]
    mine = bilateral[bilateral["classification"].isin(set(korea["classification"]))]
    joined = korea.merge(mine, on=key, how="outer", suffixes=("", "_bilateral"), indicator=True)
    differ = (
        (joined["_merge"] != "both")
        | ((joined["value_usd_millions"] - joined["value_usd_millions_bilateral"]).abs() > 1e-9)
        | (joined["source_id"] != joined["source_id_bilateral"])
    )
    return [
        Failure(
            TABLE,
            f"Korea {r.year} {r.flow} {r.product_code}: not the figure of "
            "goods_trade_by_product_annual",
        )
        for r in joined[differ].itertuples(index=False)
    ]
