"""The average tariff rate actually paid: calculated duty ÷ customs value, by partner and year.

The Census Bureau calculates the duty of each entry from its rate provision; summed over a
partner's imports and divided by their customs value, it is the average rate those imports
paid (derived here, never stored). Ranks are among single economies (partners of kind
``country``) whose imports that year reach ``minimum`` (USD millions), lowest rate first: a
country with a few million dollars of imports can pay almost any average.

Example:
    >>> import korus_data as kd
    >>> korea = kd.effective_tariff_rate("KOR", years=2016)
    >>> round(float(korea["rate_pct"].item()), 3)
    0.265
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years, whole_number
from korus_data.analysis.partners import resolve_partner
from korus_data.errors import FilterError
from korus_data.schema.codes import WORLD_CENSUS_CODE
from korus_data.store.loader import load

#: Ranked: single economies with at least this much imports in the year (USD millions).
MINIMUM = 1000.0


def _with_rates() -> pd.DataFrame:
    """Every partner's rows with names and rates, and the world: the report has no world
    line, so the world is the sum of every country in it (derived; it equals the Census
    workbook's world imports to the dollar where the vintages match)."""
    frame = load("us_imports_and_duty_annual")
    partners = load("partners")[["partner_code", "name", "kind", "iso3"]]
    frame = frame.merge(partners, on="partner_code", how="left")
    countries = frame[frame["kind"] == "country"]
    world = countries.groupby("year", as_index=False).agg(
        value_usd_millions=("value_usd_millions", "sum"),
        calculated_duty_usd_millions=("calculated_duty_usd_millions", "sum"),
        source_id=("source_id", "first"),
    )
    world = world.assign(
        partner_code=WORLD_CENSUS_CODE,
        name="World (sum of every country in the report, derived)",
        kind="aggregate",
        iso3=pd.NA,
    )
    frame = pd.concat([frame[frame["partner_code"] != WORLD_CENSUS_CODE], world], ignore_index=True)
    frame["rate_pct"] = 100 * frame["calculated_duty_usd_millions"] / frame["value_usd_millions"]
    return frame


def _ranks(frame: pd.DataFrame, minimum: float) -> pd.DataFrame:
    eligible = frame[
        (frame["kind"] == "country")
        & (frame["value_usd_millions"] >= minimum)
        & frame["rate_pct"].notna()
    ]
    ranked = eligible.assign(
        rank_lowest_first=eligible.groupby("year")["rate_pct"].rank(method="min").astype("int64"),
        ranked=eligible.groupby("year")["rate_pct"].transform("size").astype("int64"),
    )
    return ranked[["partner_code", "year", "rank_lowest_first", "ranked"]]


def _code(partner: object) -> str:
    if isinstance(partner, str) and partner.strip().lower() == "world":
        return WORLD_CENSUS_CODE
    if not isinstance(partner, str | int) or isinstance(partner, bool):
        raise FilterError(
            f"partner={partner!r} is not allowed; use an ISO code (KOR), a Census code, a "
            "name or 'world'"
        )
    return resolve_partner(partner)


def effective_tariff_rate(
    partner: str | int = "KOR",
    *,
    compare: list[str] | tuple[str, ...] | None = None,
    years: YearRange = None,
    minimum: float = MINIMUM,
) -> pd.DataFrame:
    """The average rate ``partner``'s goods paid at the U.S. border each year (calculated duty
    ÷ customs value, percent, derived), beside each partner of ``compare`` (ISO codes, names
    or "world"), with each one's rank among countries importing at least ``minimum`` USD
    millions that year (``rank_lowest_first`` of ``ranked``).

    Example:
        >>> import korus_data as kd
        >>> side = kd.effective_tariff_rate("KOR", compare=["JPN", "world"], years=2024)
        >>> side["name"].tolist()
        ['Korea, South', 'Japan', 'World (sum of every country in the report, derived)']
    """
    if compare is not None and (isinstance(compare, str) or not isinstance(compare, list | tuple)):
        raise FilterError(
            f"compare={compare!r} is not allowed; give a list such as ['JPN', 'CHN', 'world']"
        )
    if isinstance(minimum, bool) or not isinstance(minimum, int | float) or minimum < 0:
        raise FilterError(f"minimum={minimum!r} is not allowed; use USD millions, 0 or more")
    codes = [_code(partner), *(_code(c) for c in (compare or []))]
    every = _with_rates()
    ranks = _ranks(every, float(minimum))
    rows = every[every["partner_code"].isin(codes)]
    missing = [c for c in codes if c not in set(rows["partner_code"])]
    if missing:
        raise FilterError(f"no imports and duty held for {', '.join(missing)}")
    rows = filter_years(rows, years)
    rows = rows.merge(ranks, on=["partner_code", "year"], how="left")
    rows["order"] = rows["partner_code"].map({c: i for i, c in enumerate(codes)})
    rows = rows.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)
    columns = [
        "partner_code",
        "name",
        "iso3",
        "year",
        "value_usd_millions",
        "calculated_duty_usd_millions",
        "rate_pct",
        "rank_lowest_first",
        "ranked",
        "source_id",
    ]
    out = rows[columns].astype({"rank_lowest_first": "Int64", "ranked": "Int64"})
    out.attrs["derived"] = {
        "rate_pct": "100 * calculated_duty_usd_millions / value_usd_millions: the average "
        "rate paid (derived)",
        "rank_lowest_first": f"rank of rate_pct among single economies with imports of at "
        f"least {minimum:g} USD millions that year, lowest first",
    }
    out.attrs["note"] = (
        "calculated duty is the Census Bureau's estimate from each entry's rate provision; the "
        "tariff schedule gives the rate available, this the rate paid"
    )
    return out


def effective_rate_rank(
    year: int, *, minimum: float = MINIMUM, n: int | None = None
) -> pd.DataFrame:
    """Countries ranked by the average rate their goods paid in ``year``, lowest first, among
    those with imports of at least ``minimum`` USD millions.

    Example:
        >>> import korus_data as kd
        >>> ranked = kd.effective_rate_rank(2024)
        >>> bool(ranked["rate_pct"].is_monotonic_increasing)
        True
    """
    year = whole_number("year", year)
    every = _with_rates()
    years = sorted(set(every["year"]))
    if year not in years:
        raise FilterError(f"year={year!r} has no imports and duty; years: {years[0]}-{years[-1]}")
    ranks = _ranks(every, float(minimum))
    rows = every[every["year"] == year].merge(ranks, on=["partner_code", "year"])
    rows = rows.sort_values(["rank_lowest_first", "partner_code"]).reset_index(drop=True)
    columns = ["rank_lowest_first", "partner_code", "name", "iso3", "year"]
    columns += ["value_usd_millions", "calculated_duty_usd_millions", "rate_pct", "source_id"]
    out = rows[columns]
    if n is not None:
        out = out.head(whole_number("n", n, minimum=1))
    out.attrs["ranked_within"] = (
        f"{len(rows)} single economies with imports of at least {minimum:g} USD millions in "
        f"{year}; every figure from {', '.join(sorted(set(rows['source_id'])))}"
    )
    return out


__all__ = ["effective_rate_rank", "effective_tariff_rate"]
