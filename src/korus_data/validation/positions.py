"""Direct-investment positions: Korea's rows of the every-partner table agree with the
Korea-U.S. table for the same release (each BEA table is read once, by both)."""

from __future__ import annotations

import pandas as pd

from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]
PAIRS = {"inward": ("KOR", "USA"), "outward": ("USA", "KOR")}


def korea_positions_agree(frames: Frames) -> list[GateResult]:
    """Every Korea row of ``direct_investment_position_by_partner_annual_vintages`` equals the
    row of ``direct_investment_position_annual_vintages`` with the same release and year."""
    names = (
        "direct_investment_position_by_partner_annual_vintages",
        "direct_investment_position_annual_vintages",
    )
    if not set(names) <= frames.keys():
        return []
    every, pairs = frames[names[0]], frames[names[1]]
    korea = every[every["iso3"] == "KOR"]
    korea = korea.assign(
        investor=korea["direction"].map(lambda d: PAIRS[d][0]),
        host=korea["direction"].map(lambda d: PAIRS[d][1]),
    )
    keys = ["investor", "host", "year", "basis", "source_id"]
    joined = korea.merge(
        pairs[[*keys, "value_usd_millions"]], on=keys, how="left", suffixes=("", "_pair")
    )
    failures = [
        Failure(
            names[0],
            f"{r.direction} {r.year} ({r.source_id}): {r.value_usd_millions:g} here, "
            + ("no row" if pd.isna(r.value_usd_millions_pair) else f"{r.value_usd_millions_pair:g}")
            + " in direct_investment_position_annual",
        )
        for r in joined.itertuples(index=False)
        if pd.isna(r.value_usd_millions_pair)
        or abs(r.value_usd_millions - r.value_usd_millions_pair) > 1e-9
    ]
    note = f"{len(joined)} Korea positions equal in both tables, release by release"
    return [GateResult.from_failures("korea_positions_agree", names[0], failures, note=note)]
