"""Korea among investors: every country's direct-investment position, ranked by size or by
growth (BEA, historical cost; ``direct_investment_position_by_partner_annual``).

Only single countries are ranked: regions, residual "Other" lines and totals overlap them.
Ties share a rank (the lowest) and are flagged. Growth is compound annual growth over a stated
``window`` of years ending in ``year``, among countries whose position at the start is at
least ``minimum`` (millions of dollars), so that tiny positions do not top the list, and whose
position is positive at both ends (growth into a negative position is not defined); both
parameters are columns of the result.
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import AsOf
from korus_data.errors import FilterError
from korus_data.store.loader import load

BY = ("position", "growth")
DIRECTIONS = ("inward", "outward")


def _positions(direction: str, as_of: AsOf) -> pd.DataFrame:
    if direction not in DIRECTIONS:
        raise FilterError.not_allowed("direction", direction, DIRECTIONS)
    frame = load("direct_investment_position_by_partner_annual", as_of=as_of)
    return frame[frame["direction"] == direction]


def _countries(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["partner_kind"] == "country") & frame["iso3"].notna()]


def _check_year(frame: pd.DataFrame, year: object, what: str = "year") -> int:
    years = sorted(frame["year"].unique())
    if isinstance(year, bool) or not isinstance(year, int) or year not in years:
        raise FilterError(
            f"{what}={year!r} is outside the positions by partner: use a year from "
            f"{years[0]} to {years[-1]}"
        )
    return year


def _ranked(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.sort_values([column, "iso3"], ascending=[False, True], ignore_index=True)
    frame.insert(0, "rank", frame[column].rank(method="min", ascending=False).astype(int))
    frame.insert(1, "tied", frame["rank"].duplicated(keep=False))
    return frame


def investor_rank(
    year: int,
    *,
    by: str = "position",
    window: int = 5,
    minimum: float = 1000.0,
    direction: str = "inward",
    as_of: AsOf = None,
) -> pd.DataFrame:
    """Countries ranked by their direct-investment position in the United States in ``year``
    (``by="position"``, with their share of all countries' position), or by its compound
    annual growth over the ``window`` years ending in ``year`` (``by="growth"``, among
    countries with at least ``minimum`` million dollars at the start). ``direction="outward"``
    ranks the U.S. position in each country instead.

    Example:
        >>> import korus_data as kd
        >>> top = kd.investor_rank(2018)
        >>> top.loc[top.iso3 == "KOR", "rank"].item() > 0
        True
    """
    if by not in BY:
        raise FilterError.not_allowed("by", by, BY)
    frame = _positions(direction, as_of)
    year = _check_year(frame, year)
    countries = _countries(frame)
    if countries.duplicated(["iso3", "year"]).any():
        twice = countries[countries.duplicated(["iso3", "year"], keep=False)]
        raise FilterError(f"two rows for {sorted(set(twice['iso3']))} in one year: cannot rank")
    now = countries[countries["year"] == year].set_index("iso3")
    if by == "position":
        total = frame[(frame["partner_kind"] == "total") & (frame["year"] == year)]
        out = now[["partner", "value_usd_millions", "source_id"]].reset_index()
        share = total["value_usd_millions"].sum() if len(total) else float("nan")
        out["share_of_all"] = out["value_usd_millions"] / share
        out = _ranked(out, "value_usd_millions")
        out = out.assign(year=year, by=by)
        return out[
            [
                "rank",
                "tied",
                "partner",
                "iso3",
                "year",
                "value_usd_millions",
                "share_of_all",
                "by",
                "source_id",
            ]
        ]
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise FilterError(f"window={window!r} is not a number of years; use 1 or more")
    start_year = year - window
    first = int(frame["year"].min())
    if start_year < first:
        raise FilterError(
            f"window={window} reaches back to {start_year}; the positions start in {first}: "
            f"use a window of at most {year - first} years for {year}"
        )
    start = countries[countries["year"] == start_year].set_index("iso3")["value_usd_millions"]
    both = now.join(start.rename("start_usd_millions"), how="inner")
    eligible = both[both["start_usd_millions"] >= minimum]
    # growth is defined between two positive positions only
    eligible = eligible[(eligible["start_usd_millions"] > 0) & (eligible["value_usd_millions"] > 0)]
    if eligible.empty:
        largest = start.max() if len(start) else float("nan")
        raise FilterError(
            f"minimum={minimum:g} leaves no country: the largest position in {start_year} is "
            f"{largest:,.0f} million dollars"
        )
    out = eligible[["partner", "start_usd_millions", "value_usd_millions", "source_id"]]
    out = out.reset_index()
    out["growth"] = (out["value_usd_millions"] / out["start_usd_millions"]) ** (1 / window) - 1
    out = _ranked(out, "growth")
    out = out.assign(year=year, start_year=start_year, window=window, minimum=minimum, by=by)
    return out[
        [
            "rank",
            "tied",
            "partner",
            "iso3",
            "start_year",
            "year",
            "start_usd_millions",
            "value_usd_millions",
            "growth",
            "window",
            "minimum",
            "by",
            "source_id",
        ]
    ]


def korea_investor_rank(
    country: str = "KOR",
    *,
    by: str = "position",
    window: int = 5,
    minimum: float = 1000.0,
    direction: str = "inward",
    as_of: AsOf = None,
) -> pd.DataFrame:
    """``country``'s rank among investors in every year the positions allow (for growth:
    every year with ``window`` years before it), with the number of countries ranked.

    Example:
        >>> import korus_data as kd
        >>> ranks = kd.korea_investor_rank()
        >>> int(ranks["year"].min()), bool((ranks["rank"] <= ranks["ranked"]).all())
        (2008, True)
    """
    frame = _positions(direction, as_of)
    known = sorted(set(_countries(frame)["iso3"]))
    if country not in known:
        raise FilterError(
            f"country={country!r} has no position: use an ISO alpha-3 code such as "
            f"{', '.join(known[:8])}… ({len(known)} countries)"
        )
    years = sorted(frame["year"].unique())
    if by == "growth":
        years = [y for y in years if isinstance(window, int) and y - window >= years[0]]
    rows = []
    for year in years:
        try:
            ranked = investor_rank(
                int(year), by=by, window=window, minimum=minimum, direction=direction, as_of=as_of
            )
        except FilterError:
            if by == "growth":
                continue  # nobody above the minimum that year
            raise
        mine = ranked[ranked["iso3"] == country]
        if mine.empty:
            continue  # suppressed, or below the minimum
        row = mine.iloc[0].to_dict()
        rows.append({**row, "ranked": len(ranked)})
    return pd.DataFrame(rows)
