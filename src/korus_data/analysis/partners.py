"""Korea among all U.S. trading partners: name resolution, ranks and shares.

Ranks are computed from ``us_goods_trade_by_partner_annual`` (Census basis, complete years):
partners are ordered by the measure, largest first; ties are broken by the Census partner code
(smaller first), so a rank never depends on row order. A partner with no trade in the measure
that year is not ranked. Before 1992 the Census workbook lists only selected partners, so early
ranks are among those partners.
"""

from __future__ import annotations

import difflib
import numbers
from typing import Literal

import pandas as pd

from korus_data.analysis.arguments import AsOf, YearRange, answers_as_of, filter_years, whole_number
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import KOREA_CENSUS_CODE, WORLD_CENSUS_CODE
from korus_data.store.loader import load

Measure = Literal["total", "exports", "imports"]
MEASURES = ("total", "exports", "imports")
KINDS = ("country", "aggregate", "all")

#: Common names that are not the Census spelling (lower case) -> Census partner code.
ALIASES: dict[str, str] = {
    "korea": KOREA_CENSUS_CODE,
    "south korea": KOREA_CENSUS_CODE,
    "republic of korea": KOREA_CENSUS_CODE,
    "korea, republic of": KOREA_CENSUS_CODE,
    "rok": KOREA_CENSUS_CODE,
    "north korea": "5790",
    "dprk": "5790",
    "korea, democratic people's republic of": "5790",
    "myanmar": "5460",
    "czechia": "4351",
    "türkiye": "4890",
    "turkiye": "4890",
    "uk": "4120",
    "great britain": "4120",
    "britain": "4120",
    "viet nam": "5520",
    "russian federation": "4621",
    "soviet union": "4610",
    "holland": "4210",
    "eu": "0003",
    "world": WORLD_CENSUS_CODE,
    "ivory coast": "7480",
    "cape verde": "7643",
    "swaziland": "7950",
    "north macedonia": "4794",
    "timor-leste": "5601",
    "prc": "5700",
    "people's republic of china": "5700",
}


class PartnerError(FilterError):
    """A partner argument that names no partner, or more than one."""


def _partners() -> pd.DataFrame:
    partners = load("partners")
    trade = load("us_goods_trade_by_partner_annual")
    active = trade[trade["value_usd_millions"] > 0].groupby("partner_code")["year"].max()
    return partners.assign(last_year=partners["partner_code"].map(active))


def _pick(candidates: pd.DataFrame, value: str) -> str:
    """One code among ``candidates``: the one still trading latest, else an ambiguity error."""
    if len(candidates) == 1:
        return str(candidates["partner_code"].iloc[0])
    latest = candidates[candidates["last_year"] == candidates["last_year"].max()]
    if len(latest) == 1:
        return str(latest["partner_code"].iloc[0])
    listed = ", ".join(
        f"{c} ({n})" for c, n in zip(latest["partner_code"], latest["name"], strict=True)
    )
    raise PartnerError(f"partner {value!r} is ambiguous: it matches {listed}; pass a Census code")


def resolve_partner(partner: str | int) -> str:
    """The Census partner code for an ISO code, a Census code or a name.

    Accepts "KOR", "5800", 5800, "Korea, South", "South Korea", "Korea" (any case). Where an
    ISO code or name covers several Census codes over time (Serbia, Sudan, Israel), the code
    still in use is returned; where they are in use at once, a :class:`PartnerError` says so.

    Example:
        >>> resolve_partner("South Korea"), resolve_partner("KOR"), resolve_partner(5800)
        ('5800', '5800', '5800')
    """
    if isinstance(partner, bool) or not isinstance(partner, str | numbers.Integral):
        raise PartnerError(
            f"partner={partner!r} is not allowed; use an ISO code (KOR), a Census code (5800) "
            "or a name"
        )
    partners = _partners()
    text = str(partner).strip()
    if text.isdigit() and len(text) <= 4:
        code = text.zfill(4)
        if code in set(partners["partner_code"]):
            return code
        raise PartnerError(f"no Census partner has the code {code!r}")
    if len(text) == 3 and text.isalpha() and text.isupper():
        matches = partners[partners["iso3"] == text]
        if len(matches):
            return _pick(matches, text)
    lowered = text.casefold()
    if lowered in ALIASES:
        return ALIASES[lowered]
    matches = partners[partners["name"].str.casefold() == lowered]
    if len(matches):
        return _pick(matches, text)
    # by name, whatever the case (an alias is said by the name it stands for)
    shown = {name.casefold(): name for name in partners["name"]}
    named = dict(zip(partners["partner_code"], partners["name"], strict=True))
    for alias, code in ALIASES.items():
        shown.setdefault(alias.casefold(), named.get(code, alias))
    close = difflib.get_close_matches(lowered, list(shown), n=6, cutoff=0.6)
    picked = list(dict.fromkeys(shown[c] for c in close))[:3]
    hint = f"; did you mean {' or '.join(repr(c) for c in picked)}?" if picked else ""
    raise PartnerError(
        f"unknown partner {partner!r}{hint} Use an ISO code (KOR), a Census code (5800) or a "
        "name as in kd.load('partners')"
    )


def _wide(kind: str, as_of: AsOf = None) -> pd.DataFrame:
    """One row per (partner, year): exports, imports, total, with name, ISO code and kind,
    and ``source_id``: the release(s) of its two figures ("a; b" when they differ)."""
    check_choice("kind", kind, KINDS)
    trade = load("us_goods_trade_by_partner_annual", as_of=as_of)
    wide = trade.pivot_table(
        index=["partner_code", "year"], columns="flow", values="value_usd_millions", aggfunc="sum"
    ).reset_index()
    wide.columns.name = None
    wide = wide.join(_releases(trade), on=["partner_code", "year"])
    wide = wide.rename(columns={"export": "exports", "import": "imports"})
    wide["total"] = wide["exports"] + wide["imports"]
    partners = load("partners")[["partner_code", "name", "iso3", "kind"]]
    wide = wide.merge(partners, on="partner_code", how="left")
    world = wide[wide["partner_code"] == WORLD_CENSUS_CODE].set_index("year")[list(MEASURES)]
    for measure in MEASURES:
        wide[f"{measure}_share_pct"] = 100 * wide[measure] / wide["year"].map(world[measure])
    if kind != "all":
        wide = wide[wide["kind"] == kind]
    return wide


def _releases(trade: pd.DataFrame) -> pd.Series:
    """Per (partner, year), the release ids of its figures, sorted and joined with "; ".
    A figure pair has one or two releases: the first and last id say it without a Python
    call per group; more than two (not in the table today) are joined one group at a time."""
    ids = trade.groupby(["partner_code", "year"])["source_id"]
    first, last, count = ids.min(), ids.max(), ids.nunique()
    if (count > 2).any():
        return ids.agg(lambda group: "; ".join(sorted(set(group))))
    return first.where(first == last, first + "; " + last)


def _ranked(wide: pd.DataFrame, by: str) -> pd.DataFrame:
    ranked = wide[wide[by] > 0].sort_values(
        ["year", by, "partner_code"], ascending=[True, False, True], kind="stable"
    )
    return ranked.assign(rank=ranked.groupby("year").cumcount() + 1)


def _check_year(year: int | None, wide: pd.DataFrame) -> int:
    years = sorted(wide["year"].unique())
    if year is None:
        return int(years[-1])
    allowed = f"use a year from {years[0]} to {years[-1]}"
    try:
        number = whole_number("year", year)
    except FilterError:
        raise FilterError(f"year={year!r} is not allowed; {allowed}") from None
    if number not in years:
        raise FilterError(f"year={year!r} is not allowed; {allowed}")
    return number


@answers_as_of
def partner_rank(
    year: int | None = None,
    *,
    by: Measure = "total",
    kind: str = "country",
    top: int | None = None,
    as_of: AsOf = None,
) -> pd.DataFrame:
    """U.S. goods trading partners ranked by ``by`` in ``year`` (default: the latest year).

    ``kind`` is "country" (single economies, the default), "aggregate" or "all". Shares are
    percentages of the world total (Census code 0015, published from 1987). Each row names
    the release of its figures (``source_id``): where a later release revised only some
    partners (Korea's figures in a page capture), the ranking combines releases and says so;
    ``as_of`` ranks the figures as they were known that day.

    Example:
        >>> import korus_data as kd
        >>> top = kd.partner_rank(2018, top=7)
        >>> top.loc[top["iso3"] == "KOR", "rank"].item()
        6
    """
    check_choice("by", by, MEASURES)
    wide = _wide(kind, as_of)
    year = _check_year(year, wide)
    if top is not None:
        top = whole_number("top", top, minimum=1)
    ranked = _ranked(wide[wide["year"] == year], by)
    columns = [
        "rank",
        "partner_code",
        "name",
        "iso3",
        "kind",
        "year",
        "exports",
        "imports",
        "total",
        f"{by}_share_pct",
        "source_id",
    ]
    out = ranked[columns].reset_index(drop=True)
    return out.head(top) if top is not None else out


@answers_as_of
def korea_rank(*, kind: str = "country", as_of: AsOf = None) -> pd.DataFrame:
    """Korea's rank among U.S. partners by year, by total trade, exports and imports.

    Example:
        >>> import korus_data as kd
        >>> kd.korea_rank().set_index("year").loc[2018, "rank_total"].item()
        6
    """
    return partner_ranks(KOREA_CENSUS_CODE, kind=kind, as_of=as_of)


@answers_as_of
def partner_ranks(partner: str | int, *, kind: str = "country", as_of: AsOf = None) -> pd.DataFrame:
    """A partner's rank by year for each measure (see :func:`korea_rank`)."""
    code = resolve_partner(partner)
    wide = _wide(kind, as_of)
    if not (wide["partner_code"] == code).any():
        own = load("partners").set_index("partner_code").loc[code, "kind"]
        raise FilterError(
            f"kind={kind!r} ranks no partner like {code}, which is of kind {own!r}; "
            f"use kind={own if own != 'unallocated' else 'all'!r} or kind='all'"
        )
    out = wide.loc[wide["partner_code"] == code, ["year"]].drop_duplicates().set_index("year")
    for measure in MEASURES:
        ranked = _ranked(wide, measure)
        out[f"rank_{measure}"] = ranked[ranked["partner_code"] == code].set_index("year")["rank"]
        out[f"of_{measure}"] = ranked.groupby("year").size()
    out = out.astype("Int64").reset_index()
    out.insert(1, "partner_code", code)
    return out


@answers_as_of
def share_of_us_trade(
    partner: str | int = "KOR",
    *,
    by: Measure = "total",
    years: YearRange = None,
    as_of: AsOf = None,
) -> pd.DataFrame:
    """A partner's share of U.S. goods trade by year, in percent of the world total.

    ``source_id`` and ``world_source_id`` name the releases of the two parts of each share:
    where they differ (a later release revised the partner's figures but not the world total)
    the share combines them, and ``same_release`` is False.

    Example:
        >>> import korus_data as kd
        >>> s = kd.share_of_us_trade("Korea", years=2018)
        >>> round(float(s["share_pct"].item()), 1)
        3.1
    """
    check_choice("by", by, MEASURES)
    code = resolve_partner(partner)
    wide = _wide("all", as_of)
    rows = wide[wide["partner_code"] == code]
    if rows.empty:
        raise FilterError(f"partner {code} has no trade in the Census workbook's complete years")
    rows = filter_years(rows, years)
    world_rows = wide[wide["partner_code"] == WORLD_CENSUS_CODE].set_index("year")
    world = world_rows[by]
    world_release = rows["year"].map(world_rows["source_id"]).to_numpy()
    return pd.DataFrame(
        {
            "year": rows["year"].to_numpy(),
            "partner_code": code,
            "name": rows["name"].to_numpy(),
            by: rows[by].to_numpy(),
            f"world_{by}": rows["year"].map(world).to_numpy(),
            "share_pct": rows[f"{by}_share_pct"].to_numpy(),
            "source_id": rows["source_id"].to_numpy(),
            "world_source_id": world_release,
            "same_release": rows["source_id"].to_numpy() == world_release,
        }
    )
