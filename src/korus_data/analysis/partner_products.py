"""U.S. trade with every partner by product: filtered rows, partners ranked for one product, and
a partner's share of U.S. trade in each product.

Two classifications are held for every partner: the Census Bureau's NAICS-based groups
(``census_naics3``, three digits, both flows, 2020 on) and the export End-Use codes
(``census_enduse_exports``, five digits, 2013-2022 for every partner and 2013-2024 for Korea).
A product code says which it is; ``classification="naics"`` or ``"enduse"`` picks one.

Each answer names its releases (``attrs["release"]``); a running year is a partial period
(``months`` < 12) never ranked against a whole year. Where a partner-year's codes do not add up
to the total the package holds for it, ``attrs["note"]`` says why: a later Census revision
(the codes add up to the total of their own release), or a difference inside one release.
Ranks are among single economies (partners of kind ``country``), largest first, ties broken
by the smaller Census code; shares are of the world total of the same code, year and flow;
where the figures ranked come from more than one release, ``attrs["ranked_within"]`` says
which and what Korea had in the others' release.
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years, whole_number
from korus_data.analysis.partners import resolve_partner
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import FLOWS, KOREA_CENSUS_CODE, WORLD_CENSUS_CODE
from korus_data.store.loader import load

NAICS = "census_naics3"
ENDUSE = {"export": "census_enduse_exports", "import": "census_enduse_imports"}
#: Names a classification may be given by: NAICS groups, or the End-Use codes of the flow.
ALIASES = {"naics": NAICS, "naics3": NAICS, NAICS: NAICS}
ENDUSE_ALIASES = ("enduse", "census_enduse", *ENDUSE.values())
#: Classifications the every-partner table holds.
HELD = (NAICS, ENDUSE["export"])


def classification_of(
    classification: object, flow: str | None = None, product: object = None
) -> str:
    # the End-Use schedule of a flow (exports unless imports are asked for)
    schedule = ENDUSE.get(flow or "export", ENDUSE["export"])
    """The classification asked for: by its name or alias, else by the product code's form
    (five digits: End-Use; three: NAICS), else NAICS. ``FilterError`` for another name."""
    if classification is None:
        code = str(product).strip() if isinstance(product, str | int) else ""
        if len(code) == 5 and code.isdigit():
            return schedule
        return NAICS
    text = str(classification).strip().lower() if isinstance(classification, str) else None
    if text in ALIASES:
        return ALIASES[text]
    if text is not None and text in ENDUSE.values():
        return text
    if text in ("enduse", "census_enduse"):
        return schedule
    allowed = ["naics", "enduse", NAICS, *ENDUSE.values()]
    raise FilterError.not_allowed("classification", classification, allowed)


def _table(classification: str) -> pd.DataFrame:
    if classification not in HELD:
        raise FilterError(
            f"classification={classification!r} is held for Korea only (kd.goods_by_product()); "
            f"every partner's trade by product is held in: {', '.join(HELD)}"
        )
    frame = load("us_goods_trade_by_product_annual")
    frame = frame[frame["classification"] == classification]
    codes = load("product_codes")
    codes = codes[codes["classification"] == classification]
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


def _product(product: object, table: pd.DataFrame, classification: str) -> str:
    codes = sorted(set(table["product_code"]))
    text = str(product).strip() if isinstance(product, str | int) else None
    if text is None or text not in codes:
        shown = codes if len(codes) <= 40 else [*codes[:6], "…", *codes[-3:]]
        kind = "NAICS group" if classification == NAICS else "code of " + classification
        raise FilterError(
            f"product={product!r} is not a {kind} here; use one of: "
            f"{', '.join(shown)} (kd.load('product_codes') names them)"
        )
    return text


def _year(year: object, table: pd.DataFrame, classification: str) -> int:
    years = sorted(set(table["year"]))
    if year is None:
        whole = table[table["partner_code"] == WORLD_CENSUS_CODE].groupby("year")["months"].max()
        whole = whole[whole == 12]
        return int(whole.index.max()) if len(whole) else int(max(years))
    value = whole_number("year", year)
    if value not in years:
        raise FilterError(f"year={year!r} has no {classification} figures; years: {years}")
    return value


def partner_products(
    partner: str | int | None = "KOR",
    *,
    flow: str | None = None,
    year: YearRange = None,
    product: str | None = None,
    classification: object = None,
) -> pd.DataFrame:
    """Rows of the every-partner product table for one partner (None: every partner), with
    the product's and the partner's names. ``kd.goods_by_product(partner=...)`` calls this.

    Example:
        >>> rows = partner_products("KOR", flow="export", year=2024)
        >>> round(float(rows["value_usd_millions"].sum()), 6)
        65586.297175
        >>> cars = partner_products("KOR", flow="export", year=2018, product="30000")
        >>> cars[["classification", "description"]].iloc[0].tolist()
        ['census_enduse_exports', 'Passenger cars, new and used']
    """
    if flow is not None:
        check_choice("flow", flow, FLOWS)
    chosen = classification_of(classification, flow, product)
    every = table = _table(chosen)
    if partner is not None:
        table = table[table["partner_code"] == resolve_partner(partner)]
    if flow is not None:
        table = table[table["flow"] == flow]
    if product is not None:
        table = table[table["product_code"] == _product(product, table, chosen)]
    table = filter_years(table, year)
    order = ["partner_code", "year", "flow", "value_usd_millions"]
    table = table.sort_values(order, ascending=[True, True, True, False], kind="stable")
    return _attrs(table.reset_index(drop=True), note=_totals_note(every, table))


def _totals_note(table: pd.DataFrame, rows: pd.DataFrame) -> str:
    """Why the codes of some partner-years of ``rows`` do not add up to the total the package
    holds for them (``table``: every code of those partners): a later revision, or a
    difference inside one release."""
    key = ["partner_code", "year", "flow"]
    concerned = rows[rows["months"] == 12][key].drop_duplicates()
    if concerned.empty:
        return ""
    whole = table[table["months"] == 12]
    sums = whole.merge(concerned, on=key).groupby(key)["value_usd_millions"].sum()
    latest = load("us_goods_trade_by_partner_annual").set_index(key)["value_usd_millions"]
    both = pd.concat([sums.rename("codes"), latest.rename("latest")], axis=1, join="inner")
    differ = both[(both["codes"] - both["latest"]).abs() > 1e-5]
    if differ.empty:
        return ""
    vintages = load("us_goods_trade_by_partner_annual_vintages").set_index(key)
    held = vintages["value_usd_millions"]
    revised: list[tuple] = []
    inside: list[tuple] = []
    for index, row in differ.iterrows():
        values = held.loc[[index]] if index in held.index else pd.Series(dtype=float)
        (revised if ((values - row["codes"]).abs() <= 1e-5).any() else inside).append(index)
    parts = []
    if revised:
        years = sorted({int(y) for _, y, _ in revised})
        parts.append(
            f"a later Census revision changed {len(revised)} of these totals (years "
            f"{', '.join(map(str, years))}): the codes add up to the total of their own "
            "release, and the package holds the newer one"
        )
    if inside:
        named = ", ".join(f"{code} {year} {flow}s" for code, year, flow in inside[:4])
        sources = ", ".join(sorted(set(rows["source_id"])))
        parts.append(
            f"{len(inside)} totals ({named}{'…' if len(inside) > 4 else ''}) differ from every "
            "total the package holds for them: their release carries a revision of which the "
            "package holds no workbook, or differs from the workbook within one release (the "
            f"notes of {sources} in kd.load('sources') say which)"
        )
    return "; ".join(parts)


def product_rank(
    product: str | int,
    year: int | None = None,
    flow: str = "export",
    *,
    n: int | None = None,
    classification: object = None,
) -> pd.DataFrame:
    """U.S. partners (single economies) ranked by their trade in one product, with each one's
    share of the U.S. total for it (default year: the latest whole year with a world total).
    A three-digit code is a NAICS group, a five-digit code an export End-Use code.

    Example:
        >>> import korus_data as kd
        >>> oil = kd.product_rank("211", 2024, "export")
        >>> int(oil.loc[oil["partner_code"] == "5800", "rank"].item()) >= 1
        True
        >>> cars = kd.product_rank("30000", 2018)  # passenger cars, an export End-Use code
        >>> int(cars.loc[cars["partner_code"] == "5800", "rank"].item())
        7
        >>> cars.attrs["ranked_within"].split("; ")[1]
        'every figure from census-enduse-exports-2013-2022'
    """
    check_choice("flow", flow, FLOWS)
    chosen = classification_of(classification, flow, product)
    table = _table(chosen)
    code = _product(product, table, chosen)
    picked = _year(year, table, chosen)
    rows = table[
        (table["product_code"] == code) & (table["year"] == picked) & (table["flow"] == flow)
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
            "year": picked,
            "months": countries["months"],
            "flow": flow,
            "classification": chosen,
            "product_code": code,
            "description": countries["description"],
            "value_usd_millions": countries["value_usd_millions"],
            "share_pct": 100 * countries["value_usd_millions"] / total,
            "source_id": countries["source_id"],
        }
    )
    if n is not None:
        ranked = ranked.head(whole_number("n", n, minimum=1))
    ranked = _attrs(ranked, note=_totals_note(table, countries))
    within = f"{len(countries)} single economies with {flow}s of {code}"
    if world.empty:
        within += "; no world total for that year, so no shares"
    ranked.attrs["ranked_within"] = within + _releases_mixed(countries, chosen, code, flow)
    return ranked


def _releases_mixed(countries: pd.DataFrame, classification: str, code: str, flow: str) -> str:
    """What a rank across more than one release rests on: the release most figures come
    from, the partners whose figure is newer, and what Korea had in that release."""
    releases = countries["source_id"].value_counts()
    if len(releases) < 2:
        return f"; every figure from {releases.index[0]}" if len(releases) else ""
    main = str(releases.index[0])
    newer = countries[countries["source_id"] != main]
    text = (
        f"; figures from {main}, but {', '.join(newer['name'].astype(str))}'s from "
        f"{', '.join(sorted(set(newer['source_id'])))} (a later release)"
    )
    korea = newer[newer["partner_code"] == KOREA_CENSUS_CODE]
    if korea.empty:
        return text
    vintages = load("goods_trade_by_product_annual_vintages")
    then = vintages[
        (vintages["classification"] == classification)
        & (vintages["product_code"] == code)
        & (vintages["flow"] == flow)
        & (vintages["year"] == int(korea["year"].iloc[0]))
        & (vintages["source_id"] == main)
    ]
    if then.empty:
        return text
    value = float(then["value_usd_millions"].iloc[0])
    others = countries[countries["partner_code"] != KOREA_CENSUS_CODE]["value_usd_millions"]
    rank = int((others > value).sum()) + 1
    return text + f"; in {main} Korea had {value:,.1f} million, rank {rank}"


def product_shares(
    partner: str | int = "KOR",
    *,
    flow: str = "export",
    years: YearRange = None,
    classification: object = None,
) -> pd.DataFrame:
    """A partner's trade in each product by year: value, the U.S. total, share and rank
    (NAICS groups by default; ``classification="enduse"`` for the export End-Use codes).

    Example:
        >>> import korus_data as kd
        >>> shares = kd.product_shares("KOR", flow="export", years=2024)
        >>> bool(shares["share_pct"].between(0, 100).all())
        True
        >>> enduse = kd.product_shares("KOR", years=2018, classification="enduse")
        >>> enduse.set_index("product_code").loc["30000", "rank"] >= 1
        np.True_
    """
    check_choice("flow", flow, FLOWS)
    code = resolve_partner(partner)
    chosen = classification_of(classification, flow)
    every = _table(chosen)
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
        raise FilterError(f"partner {code} has no {flow}s in {chosen}")
    own = filter_years(own, years)
    at = pd.MultiIndex.from_frame(own[["year", "product_code"]])
    rank_of = ranks[ranks["partner_code"] == code].set_index(["year", "product_code"])["rank"]
    # a rank needs every partner: only where the year has a world total
    rank_of = rank_of[rank_of.index.isin(world.index)]
    result = pd.DataFrame(
        {
            "year": own["year"].to_numpy(),
            "months": own["months"].to_numpy(),
            "classification": chosen,
            "product_code": own["product_code"].to_numpy(),
            "description": own["description"].to_numpy(),
            "value_usd_millions": own["value_usd_millions"].to_numpy(),
            "us_total_usd_millions": world["value_usd_millions"].reindex(at).to_numpy(),
            "rank": rank_of.reindex(at).astype("Int64").array,
            "source_id": own["source_id"].to_numpy(),
            "us_total_source_id": world["source_id"].reindex(at).to_numpy(),
        }
    )
    result["share_pct"] = 100 * result["value_usd_millions"] / result["us_total_usd_millions"]
    result["same_release"] = result["source_id"] == result["us_total_source_id"]
    result = result.sort_values(["year", "value_usd_millions"], ascending=[True, False])
    note = _totals_note(every, own)
    no_world = sorted(set(result.loc[result["us_total_usd_millions"].isna(), "year"]))
    if no_world:
        extra = (
            f"no world total for {', '.join(map(str, no_world))} (the package holds that "
            "partner's figures only), so no share or rank"
        )
        note = f"{note}; {extra}" if note else extra
    return _attrs(result.reset_index(drop=True), note=note)


__all__ = [
    "ALIASES",
    "ENDUSE_ALIASES",
    "HELD",
    "classification_of",
    "partner_products",
    "product_rank",
    "product_shares",
]
