"""Korea among investors: every country's direct-investment position, ranked by size or by
growth (BEA, historical cost; ``direct_investment_position_by_partner_annual``).

Only single countries are ranked: regions, residual "Other" lines and totals overlap them, and
BEA's groups of territories reported as one line are not countries (``attrs["not_ranked"]``
names them). Every country is ranked within one release, BEA's table by country
(``attrs["ranked_within"]``); where the package holds a newer figure for a country
(``direct_investment_position_annual``: Korea, and the U.S. position in Korea), it is shown
beside the ranked one (``newest_usd_millions``, ``newest_source_id``, and
``why_two_figures`` saying why the two differ) and does not move the rank, which needs every
country from one release.
Ties share a rank (the lowest) and are flagged. Growth is compound annual growth over a stated
``window`` of years ending in ``year``, among countries whose position at the start is at
least ``minimum`` (millions of dollars), so that tiny positions do not top the list, and whose
position is positive at both ends (growth into a negative position is not defined); both
parameters are columns of the result.
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import AsOf, answers_as_of
from korus_data.errors import FilterError, check_choice
from korus_data.store.loader import load

BY = ("position", "growth")
DIRECTIONS = ("inward", "outward")


def _positions(direction: str, as_of: AsOf) -> pd.DataFrame:
    check_choice("direction", direction, DIRECTIONS)
    frame = load("direct_investment_position_by_partner_annual", as_of=as_of)
    return frame[frame["direction"] == direction]


def _countries(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["partner_kind"] == "country") & frame["iso3"].notna()]


def _newest(direction: str, as_of: AsOf) -> pd.DataFrame:
    """The package's newest position of each (iso3, year) in ``direct_investment_position_
    annual`` (the economies it follows), for the direction ranked."""
    frame = load("direct_investment_position_annual", as_of=as_of)
    if direction == "inward":
        frame = frame[frame["host"] == "USA"].rename(columns={"investor": "iso3"})
    else:
        frame = frame[frame["investor"] == "USA"].rename(columns={"host": "iso3"})
    return frame.set_index(["iso3", "year"])[["value_usd_millions", "source_id"]]


def _beside_newest(out: pd.DataFrame, direction: str, as_of: AsOf) -> pd.DataFrame:
    """``out`` with the newest figure of each country whose newest differs from the ranked."""
    newest = _newest(direction, as_of)
    keys = list(zip(out["iso3"], out["year"], strict=True))
    value = pd.Series([newest["value_usd_millions"].get(k) for k in keys], index=out.index)
    source = pd.Series([newest["source_id"].get(k) for k in keys], index=out.index)
    differs = value.notna() & (value != out["value_usd_millions"])
    out["newest_usd_millions"] = value.where(differs).astype(float)
    out["newest_source_id"] = source.where(differs).astype("str")
    why = [
        f"a later release revised it ({new}); the rank stays within {ranked}, where every "
        "country's figure is of that one release"
        if flag
        else None
        for flag, new, ranked in zip(differs, source, out["source_id"], strict=True)
    ]
    out["why_two_figures"] = pd.Series(why, index=out.index, dtype="str")
    return out


def _describe_ranking(out: pd.DataFrame, frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Say in ``attrs`` which release the rank is within and which lines are not ranked."""
    groups = frame[(frame["partner_kind"] == "territory_group") & (frame["year"] == year)]
    out.attrs["ranked_within"] = sorted(set(out["source_id"]))
    out.attrs["not_ranked"] = sorted(set(groups["partner"]))
    return out


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


@answers_as_of
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
    check_choice("by", by, BY)
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
        out = _beside_newest(out.assign(year=year, by=by), direction, as_of)
        columns = ["rank", "tied", "partner", "iso3", "year", "value_usd_millions"]
        columns += ["share_of_all", "by", "source_id", "newest_usd_millions", "newest_source_id"]
        columns += ["why_two_figures"]
        return _describe_ranking(out[columns], frame, year)
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
    return _describe_ranking(
        out[
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
        ],
        frame,
        year,
    )


@answers_as_of
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
    check_choice("by", by, BY)
    frame = _positions(direction, as_of)
    known = sorted(set(_countries(frame)["iso3"]))
    if not isinstance(country, str) or country not in known:
        raise FilterError(
            f"country={country!r} has no position: use an ISO alpha-3 code such as "
            f"{', '.join(known[:8])}… ({len(known)} countries)"
        )
    years = sorted(frame["year"].unique())
    if by == "growth":
        years = [y for y in years if isinstance(window, int) and y - window >= years[0]]
    rows, within, not_ranked = [], set(), set()
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
        within |= set(ranked.attrs["ranked_within"])
        not_ranked |= set(ranked.attrs["not_ranked"])
    out = pd.DataFrame(rows)
    out.attrs["ranked_within"] = sorted(within)
    out.attrs["not_ranked"] = sorted(not_ranked)
    return out
