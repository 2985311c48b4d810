"""Trade by NAICS group against the every-partner totals of the same release.

For each partner, whole year and flow, the groups of ``us_goods_trade_by_product_annual``
add up, within a dollar, to the figure of ``us_goods_trade_by_partner_annual`` that was the
latest on the day the NAICS figures were released (its vintage table); the totals listed in
``curated/naics_total_differences.csv`` must instead add up to the report's own total given
there.

Example:
    >>> naics_groups_equal_partner_totals({})
    []
"""

from __future__ import annotations

import pandas as pd

from korus_data.validation.report import Failure, GateResult

#: One dollar in millions, and a half for the rounding of each side to six decimals.
TOLERANCE = 1.5e-6
NAME = "naics_groups_equal_partner_totals"


def naics_groups_equal_partner_totals(frames: dict[str, pd.DataFrame]) -> list[GateResult]:
    needed = {"us_goods_trade_by_product_annual", "us_goods_trade_by_partner_annual_vintages"}
    if not needed <= frames.keys() or "releases" not in frames:
        return []
    groups = frames["us_goods_trade_by_product_annual"]
    groups = groups[groups["classification"] == "census_naics3"]
    key = ["partner_code", "year", "flow"]
    # grouped whole (no filtered copy of the table), the partial running year dropped after
    sums = groups.groupby([*key, "source_id", "months"], as_index=False, sort=False)[
        "value_usd_millions"
    ].sum()
    sums = sums[sums["months"] == 12].drop(columns="months")
    released = frames["releases"].set_index("release_id")["released"]
    sums["day"] = pd.to_datetime(sums["source_id"].map(released).astype(str), errors="coerce")
    vintages = frames["us_goods_trade_by_partner_annual_vintages"]
    both = sums.merge(vintages, on=key, suffixes=("", "_total"))
    start, end = pd.to_datetime(both["realtime_start"]), pd.to_datetime(both["realtime_end"])
    both = both[(start <= both["day"]) & (end.isna() | (end > both["day"]))]
    listed = frames.get("naics_total_differences")
    expected = both["value_usd_millions_total"].copy()
    if listed is not None and len(listed):
        # a repeated key is the pandera gate's to report; here the first row counts
        own = listed.drop_duplicates(key).set_index(key)["report_usd_millions"]
        at = pd.MultiIndex.from_frame(both[key])
        report = pd.Series(own.reindex(at).to_numpy(), index=both.index)
        expected = report.where(report.notna(), expected)
    difference = (both["value_usd_millions"] - expected).abs()
    failures = [
        Failure(
            "us_goods_trade_by_product_annual",
            f"{row.partner_code} {row.year} {row.flow}: the groups add up to "
            f"{row.value_usd_millions:,.6f}, the total of that release is {total:,.6f}",
        )
        for row, total in zip(
            both[difference > TOLERANCE].itertuples(), expected[difference > TOLERANCE], strict=True
        )
    ]
    checked = f"{len(both)} partner-years; largest difference {difference.max() * 1e6:.2f} dollars"
    unmatched = len(sums) - len(both)
    if unmatched:
        failures.append(
            Failure(
                "us_goods_trade_by_product_annual",
                f"{unmatched} partner-years have no total of their release to compare with",
            )
        )
    return [GateResult.from_failures(NAME, "us_goods_trade_by_product_annual", failures, checked)]
