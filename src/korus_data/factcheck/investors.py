"""The fact sheet's two claims about Korea among investors, checked against BEA's positions of
every country (``direct_investment_position_by_partner_annual``).

Each rank compares Korea with single countries only, all from one release, so that a later
revision of Korea's figure alone never moves its rank. The reading of a vague word is fixed
before looking ("major": among the 20 largest country investors), and no window is chosen
to make a claim true: every window a reader could mean is reported.
"""

from __future__ import annotations

import pandas as pd

from korus_data.factcheck.verdicts import (
    CONTRADICTED,
    NOT_VERIFIABLE,
    SUPPORTED,
    Data,
    Verdict,
    billions,
)

#: "A major source" read as: among this many largest single-country investors, every year.
MAJOR_RANK = 20
MAJOR_YEARS = (2016, 2017, 2018)
#: Growth windows a reader of a June 2019 fact sheet could mean: (years, last year).
GROWTH_WINDOWS = ((3, 2017), (5, 2017), (3, 2018), (5, 2018))
#: Countries with less than this (millions of dollars) at a window's start are not ranked.
GROWTH_MINIMUM = 1000.0


def _inward_countries(data: Data) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = data["direct_investment_position_by_partner_annual"]
    inward = frame[frame["direction"] == "inward"]
    countries = inward[(inward["partner_kind"] == "country") & inward["iso3"].notna()]
    return inward, countries


def position_rank(countries: pd.DataFrame, year: int, iso3: str = "KOR") -> tuple[int, int]:
    """(rank, countries ranked) of ``iso3`` by position in ``year``; ties share the rank."""
    values = countries[countries["year"] == year].set_index("iso3")["value_usd_millions"]
    return int((values > values[iso3]).sum()) + 1, len(values)


def growth_rank(
    countries: pd.DataFrame, window: int, last: int, iso3: str = "KOR"
) -> tuple[int, int, float] | None:
    """(rank, countries ranked, growth) of ``iso3`` by compound annual growth over ``window``
    years to ``last``, among countries with at least ``GROWTH_MINIMUM`` at the start."""
    by_year = countries.set_index(["year", "iso3"])["value_usd_millions"]
    if (last - window, iso3) not in by_year.index or (last, iso3) not in by_year.index:
        return None
    start, end = by_year.xs(last - window), by_year.xs(last)
    both = pd.concat([start.rename("start"), end.rename("end")], axis=1, join="inner")
    both = both[(both["start"] >= GROWTH_MINIMUM) & (both["end"] > 0)]
    growth = (both["end"] / both["start"]) ** (1 / window) - 1
    if iso3 not in growth.index:
        return None
    return int((growth > growth[iso3]).sum()) + 1, len(growth), float(growth[iso3])


def major_investment_source(claim: pd.Series, data: Data) -> Verdict:
    inward, countries = _inward_countries(data)
    known = [
        y for y in MAJOR_YEARS if ((countries["year"] == y) & (countries["iso3"] == "KOR")).any()
    ]
    if not known:
        return Verdict(None, NOT_VERIFIABLE, f"no positions by country for {MAJOR_YEARS}")
    newest = data["direct_investment_position_annual"]
    newest = newest[(newest["investor"] == "KOR") & (newest["host"] == "USA")].set_index("year")
    parts, ranks, sources, later = [], [], set(), []
    for year in known:
        rank, of = position_rank(countries, year)
        korea = countries[(countries["year"] == year) & (countries["iso3"] == "KOR")].iloc[0]
        total = inward[(inward["partner_kind"] == "total") & (inward["year"] == year)]
        share = (
            f", {korea['value_usd_millions'] / total['value_usd_millions'].iloc[0]:.1%} of all"
            if len(total)
            else ""
        )
        parts.append(f"{year}: {rank} of {of} ({billions(korea['value_usd_millions'])}{share})")
        ranks.append(rank)
        sources |= {korea["source_id"]}
        if (
            year in newest.index
            and newest.at[year, "value_usd_millions"] != korea["value_usd_millions"]
        ):
            later.append(f"{year} {billions(newest.at[year, 'value_usd_millions'])}")
            sources |= {newest.at[year, "source_id"]}
    within = ", ".join(sorted(set(countries["source_id"])))
    beside = (
        f"; Korea's newest figures ({', '.join(later)}) come from a later release that "
        "gives no other country, so the rank stays within that table"
        if later
        else ""
    )
    major = all(r <= MAJOR_RANK for r in ranks)
    return Verdict(
        float(max(ranks)),
        SUPPORTED if major else CONTRADICTED,
        f"Korea's rank among countries by direct investment position in the U.S., ranked "
        f"within {within}: {'; '.join(parts)}{beside}; 'major' read as among the {MAJOR_RANK} "
        "largest country investors",
        sorted(sources),
    )


def investment_growth_rank(claim: pd.Series, data: Data) -> Verdict:
    _, countries = _inward_countries(data)
    parts, sources, ranks = [], set(), []
    for window, last in GROWTH_WINDOWS:
        found = growth_rank(countries, window, last)
        if found is None:
            parts.append(f"{last - window}-{last}: no figure")
            continue
        rank, of, growth = found
        ranks.append(rank)
        parts.append(f"{last - window}-{last}: {rank} of {of} ({growth:+.1%} a year)")
        sources |= set(
            countries[(countries["iso3"] == "KOR") & countries["year"].isin([last - window, last])][
                "source_id"
            ]
        )
    target = int(claim["threshold"]) if pd.notna(claim["threshold"]) else None
    matching = sum(r == target for r in ranks)
    return Verdict(
        None,
        NOT_VERIFIABLE,
        f"Korea's rank by compound annual growth of its position in the U.S. (countries with "
        f"at least {billions(GROWTH_MINIMUM)} at the start): {'; '.join(parts)} "
        f"({target}th in {matching} of {len(GROWTH_WINDOWS)} windows). The fact sheet does not "
        "say which period or measure it ranks, so no window is chosen for it",
        sorted(sources),
    )
