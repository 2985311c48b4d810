"""The mirror view: what the U.S. records against what Korea records for the same trade.

U.S. exports to Korea (Census, valued f.a.s. at the U.S. border) should roughly match Korea's
imports from the U.S. (valued c.i.f. at the Korean border), and Korea's exports (f.o.b.) should
match U.S. imports (customs value). They differ because of valuation (c.i.f. includes freight
and insurance, typically a few percent), timing (goods in transit at year end), partner
attribution (goods routed through third countries, re-exports), coverage and exchange-rate
conversion. The gap is reported, never "corrected".
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import AsOf, YearRange, answers_as_of, filter_years
from korus_data.errors import FilterError, check_choice
from korus_data.store.loader import load

US_BASES = ("census", "imf_dots")
KOREA_BASES = ("auto", "imf_dots", "korea_customs")
#: What each pair compares: (U.S. flow, Korean flow).
PAIRS = {"us_to_korea": ("export", "import"), "korea_to_us": ("import", "export")}


def _series(reporter: str, basis: str, as_of: AsOf) -> pd.DataFrame:
    annual = load("goods_trade_annual", as_of=as_of)
    rows = annual[annual["reporter"] == reporter]
    if basis == "auto":  # IMF DOTS while it lasts, then Korea's customs figures, row by row
        dots = rows[rows["basis"] == "imf_dots"]
        customs = rows[rows["basis"] == "korea_customs"]
        later = customs[
            ~customs.set_index(["year", "flow"]).index.isin(dots.set_index(["year", "flow"]).index)
        ]
        return pd.concat([dots, later], ignore_index=True)
    return rows[rows["basis"] == basis]


@answers_as_of
def mirror(
    *,
    years: YearRange = None,
    us_basis: str = "census",
    korea_basis: str = "auto",
    as_of: AsOf = None,
) -> pd.DataFrame:
    """Each side's record of the same trade, by year, with the gap in USD and percent.

    ``korea_basis="auto"`` uses the IMF's Direction of Trade Statistics (1960-2020) and
    Korea's customs figures after that; every row names the basis of both figures, so the
    series never mixes bases silently. ``gap_usd_millions`` is Korea's figure minus the U.S.
    one; ``gap_pct`` is that gap in percent of the U.S. figure. Only years both sides
    publish appear; ``as_of`` gives both sides as they were known that day.

    Example:
        >>> import korus_data as kd
        >>> row = kd.mirror(years=2018).set_index("direction").loc["us_to_korea"]
        >>> row["us_flow"], row["korea_flow"], row["korea_basis"]
        ('export', 'import', 'imf_dots')
    """
    check_choice("us_basis", us_basis, US_BASES)
    check_choice("korea_basis", korea_basis, KOREA_BASES)
    us = _series("USA", us_basis, as_of)
    korea = _series("KOR", korea_basis, as_of)
    parts = []
    for direction, (us_flow, korea_flow) in PAIRS.items():
        left = us[us["flow"] == us_flow].set_index("year")
        right = korea[korea["flow"] == korea_flow].set_index("year")
        both = left.index.intersection(right.index)
        part = pd.DataFrame(
            {
                "year": both,
                "direction": direction,
                "us_flow": us_flow,
                "us_basis": left.loc[both, "basis"].to_numpy(),
                "us_valuation": left.loc[both, "valuation"].to_numpy(),
                "us_value_usd_millions": left.loc[both, "value_usd_millions"].to_numpy(),
                "korea_flow": korea_flow,
                "korea_basis": right.loc[both, "basis"].to_numpy(),
                "korea_valuation": right.loc[both, "valuation"].to_numpy(),
                "korea_value_usd_millions": right.loc[both, "value_usd_millions"].to_numpy(),
                "us_source_id": left.loc[both, "source_id"].to_numpy(),
                "korea_source_id": right.loc[both, "source_id"].to_numpy(),
            }
        )
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        raise FilterError(
            f"the two sides have no year in common (korea_basis={korea_basis!r}"
            + (f", as_of={as_of!r}" if as_of is not None else "")
            + "); Korea-reported figures: imf_dots 1960-2020, korea_customs from 2021"
        )
    out["gap_usd_millions"] = out["korea_value_usd_millions"] - out["us_value_usd_millions"]
    out["gap_pct"] = 100 * out["gap_usd_millions"] / out["us_value_usd_millions"]
    out = filter_years(out, years)
    return out.sort_values(["year", "direction"]).reset_index(drop=True)
