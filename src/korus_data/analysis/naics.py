"""U.S. trade with every partner by NAICS-based product group: filtered rows, partners ranked
for one group, and a partner's share of U.S. trade in each group.

The figures are those of one Census release (``attrs["release"]``); the running year is a
partial period (``months`` < 12) and is never ranked against a whole year. Where the package
holds newer totals for a partner-year than the release the groups come from (a later annual
revision), ``attrs["note"]`` says so. Ranks are among single economies (partners of kind
``country``), largest first, ties broken by the smaller Census code; shares are of the world
total of the same group, year and flow in the same report.
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years, whole_number
from korus_data.analysis.partners import resolve_partner
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import FLOWS, WORLD_CENSUS_CODE
from korus_data.store.loader import load

CLASSIFICATION = "census_naics3"
#: Names the classification may be given by.
ALIASES = {"naics": CLASSIFICATION, "naics3": CLASSIFICATION, CLASSIFICATION: CLASSIFICATION}


def _table() -> pd.DataFrame:
    frame = load("us_goods_trade_by_product_annual")
    codes = load("product_codes")
    codes = codes[codes["classification"] == CLASSIFICATION]
    partners = load("partners")[["partner_code", "name", "kind", "iso3"]]
    frame = frame.merge(codes, on=["classification", "product_code"], how="left")
    return frame.merge(partners, on="partner_code", how="left")


def _attrs(frame: pd.DataFrame, *, note: str = "") -> pd.DataFrame:
    frame.attrs["release"] = "; ".join(sorted(set(frame["source_id"]))) if len(frame) else ""
    partial = frame[frame["months"] < 12]
    if len(partial):
        frame.attrs["partial"] = (
            f"{int(partial['year'].max())} covers {int(partial['months'].max())} of 12 months: "
            "a partial year, never comparable with a whole one"
        )
    if note:
        frame.attrs["note"] = note
    return frame


def _product(product: object, table: pd.DataFrame) -> str:
    codes = sorted(set(table["product_code"]))
    text = str(product).strip() if isinstance(product, str | int) else None
    if text is None or text not in codes:
        raise FilterError(
            f"product={product!r} is not a NAICS group here; use one of: {', '.join(codes)} "
            "(kd.load('product_codes') names them)"
        )
    return text


def _year(year: object, table: pd.DataFrame) -> int:
    years = sorted(set(table["year"]))
    if year is None:
        whole = table.groupby("year")["months"].max()
        return int(whole[whole == 12].index.max())
    value = whole_number("year", year)
    if value not in years:
        raise FilterError(f"year={year!r} has no NAICS figures; years: {years}")
    return value


def naics_trade(
    partner: str | int | None = "KOR",
    *,
    flow: str | None = None,
    year: YearRange = None,
    product: str | None = None,
) -> pd.DataFrame:
    """Rows of the NAICS table for one partner (None: every partner), with the group's and
    the partner's names. ``kd.goods_by_product(partner=..., classification="census_naics3")``
    calls this.

    Example:
        >>> rows = naics_trade("KOR", flow="export", year=2024)
        >>> round(float(rows["value_usd_millions"].sum()), 6)
        65586.297175
    """
    every = table = _table()
    if partner is not None:
        table = table[table["partner_code"] == resolve_partner(partner)]
    if flow is not None:
        check_choice("flow", flow, FLOWS)
        table = table[table["flow"] == flow]
    if product is not None:
        table = table[table["product_code"] == _product(product, table)]
    table = filter_years(table, year)
    order = ["partner_code", "year", "flow", "value_usd_millions"]
    table = table.sort_values(order, ascending=[True, True, True, False], kind="stable")
    return _attrs(table.reset_index(drop=True), note=_revised_note(every, table))


def _revised_note(table: pd.DataFrame, rows: pd.DataFrame) -> str:
    """Which of the partner-year-flows of ``rows`` the package holds newer totals for than
    the release their groups come from (``table``: every group of those partners)."""
    key = ["partner_code", "year", "flow"]
    whole = table[table["months"] == 12]
    concerned = rows[rows["months"] == 12][key].drop_duplicates()
    if concerned.empty:
        return ""
    sums = whole.merge(concerned, on=key).groupby(key)["value_usd_millions"].sum()
    latest = load("us_goods_trade_by_partner_annual").set_index(key)["value_usd_millions"]
    both = pd.concat([sums.rename("groups"), latest], axis=1, join="inner")
    newer = both[(both["groups"] - both["value_usd_millions"]).abs() > 0.01]
    if newer.empty:
        return ""
    years = sorted({int(y) for _, y, _ in newer.index})
    return (
        f"a later Census revision changed {len(newer)} of these totals (years "
        f"{', '.join(map(str, years))}; the package holds the newer ones): the groups add up "
        "to the totals of their own release"
    )


def product_rank(
    product: str | int,
    year: int | None = None,
    flow: str = "export",
    *,
    n: int | None = None,
) -> pd.DataFrame:
    """U.S. partners (single economies) ranked by their trade in one NAICS group, with each
    one's share of the U.S. total for the group (default year: the latest whole year).

    Example:
        >>> import korus_data as kd
        >>> oil = kd.product_rank("211", 2024, "export")
        >>> int(oil.loc[oil["partner_code"] == "5800", "rank"].item()) >= 1
        True
    """
    check_choice("flow", flow, FLOWS)
    table = _table()
    code = _product(product, table)
    chosen = _year(year, table)
    rows = table[
        (table["product_code"] == code) & (table["year"] == chosen) & (table["flow"] == flow)
    ]
    world = rows.loc[rows["partner_code"] == WORLD_CENSUS_CODE, "value_usd_millions"]
    countries = rows[(rows["kind"] == "country") & (rows["value_usd_millions"] > 0)]
    countries = countries.sort_values(
        ["value_usd_millions", "partner_code"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
    total = float(world.iloc[0]) if len(world) else float("nan")
    ranked = pd.DataFrame(
        {
            "rank": range(1, len(countries) + 1),
            "partner_code": countries["partner_code"],
            "name": countries["name"],
            "iso3": countries["iso3"],
            "year": chosen,
            "months": countries["months"],
            "flow": flow,
            "product_code": code,
            "description": countries["description"],
            "value_usd_millions": countries["value_usd_millions"],
            "share_pct": 100 * countries["value_usd_millions"] / total,
            "source_id": countries["source_id"],
        }
    )
    if n is not None:
        ranked = ranked.head(whole_number("n", n, minimum=1))
    ranked = _attrs(ranked, note=_revised_note(table, countries))
    ranked.attrs["ranked_within"] = f"{len(countries)} single economies with {flow}s of {code}"
    return ranked


def product_shares(
    partner: str | int = "KOR", *, flow: str = "export", years: YearRange = None
) -> pd.DataFrame:
    """A partner's trade in each NAICS group by year: value, the U.S. total, share and rank.

    Example:
        >>> import korus_data as kd
        >>> shares = kd.product_shares("KOR", flow="export", years=2024)
        >>> bool(shares["share_pct"].between(0, 100).all())
        True
    """
    check_choice("flow", flow, FLOWS)
    code = resolve_partner(partner)
    every = _table()
    table = every[every["flow"] == flow]
    countries = table[(table["kind"] == "country") & (table["value_usd_millions"] > 0)]
    ranks = countries.assign(
        rank=countries.groupby(["year", "product_code"])["value_usd_millions"]
        .rank(method="first", ascending=False)
        .astype("int64")
    )
    world = table[table["partner_code"] == WORLD_CENSUS_CODE].set_index(["year", "product_code"])
    own = table[table["partner_code"] == code]
    if own.empty:
        raise FilterError(f"partner {code} has no {flow}s in the NAICS table")
    own = filter_years(own, years)
    at = pd.MultiIndex.from_frame(own[["year", "product_code"]])
    rank_of = ranks[ranks["partner_code"] == code].set_index(["year", "product_code"])["rank"]
    result = pd.DataFrame(
        {
            "year": own["year"].to_numpy(),
            "months": own["months"].to_numpy(),
            "product_code": own["product_code"].to_numpy(),
            "description": own["description"].to_numpy(),
            "value_usd_millions": own["value_usd_millions"].to_numpy(),
            "us_total_usd_millions": world["value_usd_millions"].reindex(at).to_numpy(),
            "rank": rank_of.reindex(at).astype("Int64").to_numpy(),
            "source_id": own["source_id"].to_numpy(),
        }
    )
    result["share_pct"] = 100 * result["value_usd_millions"] / result["us_total_usd_millions"]
    result = result.sort_values(["year", "value_usd_millions"], ascending=[True, False])
    return _attrs(result.reset_index(drop=True), note=_revised_note(every, own))


__all__ = ["ALIASES", "naics_trade", "product_rank", "product_shares"]
