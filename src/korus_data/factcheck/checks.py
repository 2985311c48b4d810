"""The named checks of the fact check: each computes one claim's figure and gives a verdict.

Each row of the ``claims`` table names a check below (``CHECKS``). A check reads the tables
(through the ``data`` mapping, so a test can feed altered tables), computes the figure, and
returns a :class:`~korus_data.factcheck.verdicts.Verdict` with a one-line explanation and the
sources of the data it used. The fact sheet's own text (``FACT_SHEET_SOURCE_ID``) is never
used as evidence for itself.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from korus_data.factcheck.investors import investment_growth_rank, major_investment_source
from korus_data.factcheck.products import product_exports_grew
from korus_data.factcheck.verdicts import (
    CAVEAT,
    CONTRADICTED,
    NOT_VERIFIABLE,
    OUT_OF_SCOPE,
    SUPPORTED,
    Data,
    Verdict,
    billions,
    compare,
    source_rounding,
)
from korus_data.schema.codes import FACT_SHEET_SOURCE_ID, KOREA_CENSUS_CODE


def _two_way(rows: pd.DataFrame, claim: pd.Series, label: str, note: str = "") -> Verdict:
    """Exports plus imports of ``rows`` against the claim's threshold."""
    if set(rows["flow"]) != {"export", "import"}:
        return Verdict(None, NOT_VERIFIABLE, f"no {label} figures for {claim['year']}")
    total = float(rows["value_usd_millions"].sum())
    ok, words = compare(total, claim)
    return Verdict(
        total,
        SUPPORTED if ok else CONTRADICTED,
        f"{label} exports + imports {claim['year']}: {billions(total)} "
        f"({'is' if ok else 'is not'} {words} {billions(claim['threshold'])}{note})",
        sorted(set(rows["source_id"])),
    )


def goods_two_way_total(claim: pd.Series, data: Data) -> Verdict:
    annual = data["goods_trade_annual"]
    rows = annual[
        (annual["reporter"] == "USA")
        & (annual["basis"] == "census")
        & (annual["year"] == claim["year"])
    ]
    return _two_way(rows, claim, "Census goods")


def services_two_way_total(claim: pd.Series, data: Data) -> Verdict:
    bop = data["bop_trade_annual"]
    rows = bop[
        (bop["partner"] == "KOR") & (bop["account"] == "services") & (bop["year"] == claim["year"])
    ]
    return _two_way(rows, claim, "BEA services", "; current BEA vintage, later revisions included")


def goods_services_balance_change(claim: pd.Series, data: Data) -> Verdict:
    bop = data["bop_trade_annual"]
    korea = bop[bop["partner"] == "KOR"]
    balances = {}
    for year in (claim["base_year"], claim["year"]):
        rows = korea[korea["year"] == year]
        if len(rows) != 4:
            return Verdict(None, NOT_VERIFIABLE, f"BEA goods and services for {year} incomplete")
        exports = rows.loc[rows["flow"] == "export", "value_usd_millions"].sum()
        imports = rows.loc[rows["flow"] == "import", "value_usd_millions"].sum()
        balances[year] = float(exports - imports)
    before, after = balances[claim["base_year"]], balances[claim["year"]]
    if before >= 0 or after > 0:
        return Verdict(None, CONTRADICTED, f"no deficit to compare: {before:,.0f} -> {after:,.0f}")
    drop = 100 * (abs(before) - abs(after)) / abs(before)
    ok = drop > float(claim["threshold"])
    return Verdict(
        drop,
        SUPPORTED if ok else CONTRADICTED,
        f"BEA goods and services balance {claim['base_year']}: {before:,.0f} million, "
        f"{claim['year']}: {after:,.0f} million: deficit {'down' if drop > 0 else 'up'} "
        f"{abs(drop):.1f}% (claimed: down more than {claim['threshold']:g}%)",
        sorted(set(korea["source_id"])),
    )


def _positions(data: Data) -> pd.DataFrame:
    di = data["direct_investment_position_annual"]
    return di[(di["investor"] == "KOR") & (di["host"] == "USA")].set_index("year")


def investment_position_growth(claim: pd.Series, data: Data) -> Verdict:
    di = _positions(data)
    year, base = claim["year"], claim["base_year"]
    if year not in di.index or base not in di.index:
        return Verdict(None, NOT_VERIFIABLE, f"no position for {base} or {year}")
    before, after = di.loc[base, "value_usd_millions"], di.loc[year, "value_usd_millions"]
    later = di[di.index > year]["value_usd_millions"]
    grew = after > before
    caveat = ""
    if grew and len(later) and later.iloc[0] < after:
        caveat = f"; it fell in {later.index[0]} ({billions(later.iloc[0])})"
    verdict = (CAVEAT if caveat else SUPPORTED) if grew else CONTRADICTED
    return Verdict(
        float(after - before),
        verdict,
        f"Korea's direct investment position in the U.S. (the newest figure of each year): "
        f"{billions(before)} in {base} ({di.loc[base, 'source_id']}), {billions(after)} in "
        f"{year} ({di.loc[year, 'source_id']}){caveat}",
        sorted(set(di.loc[[base, year], "source_id"])),
    )


def affiliate_measure(claim: pd.Series, data: Data) -> Verdict:
    ops = data["affiliate_operations_annual"]
    rows = ops[(ops["measure"] == claim["subject"]) & (ops["year"] == claim["year"])]
    if rows.empty:
        return Verdict(None, NOT_VERIFIABLE, f"no {claim['subject']} figure for {claim['year']}")
    row = rows.iloc[0]
    value = float(row["value"])
    ok, words = compare(value, claim)
    unit = "" if row["unit"] == "persons" else " million USD"
    text = (
        f"{claim['subject']} {claim['year']}: {value:,.0f}{unit} as stated by its source "
        f"({row['stated_as']}, affiliates covered: {row['ownership']})"
    )
    primary = data["sources"].set_index("source_id")["primary"].get(row["source_id"], False)
    if ok:
        caveat = row["ownership"] == "not_stated" or not primary
        return Verdict(
            value,
            CAVEAT if caveat else SUPPORTED,
            text
            + f"; {words} {claim['threshold']:,g}"
            + ("" if primary else "; the source is secondary")
            + (
                "; which affiliates it covers is not stated"
                if row["ownership"] == "not_stated"
                else ""
            ),
            [row["source_id"]],
        )
    gap = abs(value - float(claim["threshold"]))
    if gap <= source_rounding(value):
        return Verdict(
            value,
            CAVEAT,
            text + f"; the claim ({claim['threshold']:,g}) differs by {gap:,.0f} but "
            "lies within the rounding of the source's figure; vintages or "
            "definitions may differ",
            [row["source_id"]],
        )
    return Verdict(
        value, CONTRADICTED, text + f"; claimed {claim['threshold']:,g}", [row["source_id"]]
    )


def projects_since(claim: pd.Series, data: Data) -> Verdict:
    start, end = str(claim["subject"]).split("..")
    events = data["investment_project_events"]
    projects = data["investment_projects"].set_index("project_id")
    window = events[
        (events["date"] >= start)
        & (events["date"].str[:7] <= end)
        & (events["source_id"] != FACT_SHEET_SOURCE_ID)
        & (events["amount_usd_millions"] >= 1000)
        & events["event"].isin(
            [
                "announced",
                "groundbreaking",
                "production_start",
                "opened",
                "acquisition_announced",
                "acquisition_completed",
            ]
        )
    ]
    kinds = projects.loc[window["project_id"].unique(), "kind"]
    sites = sorted(kinds.index[kinds == "site"])
    deals = sorted(kinds.index[kinds == "acquisition"])
    needed = float(claim["threshold"])
    text = (
        f"{len(sites)} site project{'s' * (len(sites) != 1)} ({', '.join(sites)}) and "
        f"{len(deals)} acquisition{'s' * (len(deals) != 1)} ({', '.join(deals)}) of $1 billion "
        f"or more announced or started {start} to {end}, not counting the fact sheet itself"
    )
    sources = sorted(set(window["source_id"]))
    if len(sites) >= needed:
        return Verdict(float(len(sites)), SUPPORTED, text, sources)
    if len(sites) + len(deals) >= needed:
        return Verdict(
            float(len(sites) + len(deals)),
            CAVEAT,
            text + f"; 'several' (at least {needed:g}) only counting acquisitions",
            sources,
        )
    return Verdict(
        float(len(sites)), NOT_VERIFIABLE, text + "; the project list may be incomplete", sources
    )


def project_event(claim: pd.Series, data: Data) -> Verdict:
    project_id, event, month, state = (str(claim["subject"]).split("|") + [""] * 4)[:4]
    events = data["investment_project_events"]
    independent = events["source_id"] != FACT_SHEET_SOURCE_ID
    mine = events[(events["project_id"] == project_id) & independent]
    projects = data["investment_projects"].set_index("project_id")
    if project_id not in projects.index or mine.empty:
        return Verdict(None, NOT_VERIFIABLE, f"no independent source for {project_id}")
    place = projects.loc[project_id]
    on_date = mine[(mine["event"] == event) & (mine["date"].str[:7] == month)]
    problems = []
    if on_date.empty:
        seen = ", ".join(sorted(set(mine.loc[mine["event"] == event, "date"]))) or "none"
        problems.append(f"no '{event}' in {month} (dates of '{event}': {seen})")
    if state and place["state"] != state:
        problems.append(f"the project is in {place['state']}, not {state}")
    amount = None
    if pd.notna(claim["threshold"]):
        stated = mine[
            mine["amount_usd_millions"].notna()
            & ~mine["amount_scope"].isin(["increment", "sale_proceeds"])
        ]
        at_event = stated[stated.index.isin(on_date.index)] if len(on_date) else stated
        pool = at_event if len(at_event) else stated
        if pool.empty:
            problems.append("no amount stated by an independent source")
        else:
            matches = pool[[compare(float(v), claim)[0] for v in pool["amount_usd_millions"]]]
            amount = float((matches if len(matches) else pool)["amount_usd_millions"].iloc[0])
            if matches.empty:
                problems.append(f"amounts stated: {sorted(set(pool['amount_usd_millions']))}")
    used = sorted(set(on_date["source_id"]) or set(mine["source_id"]))
    where = ", ".join(x for x in (place["city"], place["state"]) if isinstance(x, str) and x)
    text = f"{project_id} ({where or 'no site'}): {event} {month}"
    if amount is not None:
        text += f", {billions(amount)}"
    if problems:
        return Verdict(amount, CONTRADICTED, text + "; " + "; ".join(problems), used)
    return Verdict(amount, SUPPORTED, text + " in independent sources", used)


def project_capacity(claim: pd.Series, data: Data) -> Verdict:
    events = data["investment_project_events"]
    mine = events[
        (events["project_id"] == claim["subject"])
        & events["capacity"].notna()
        & (events["capacity_unit"] == claim["unit"])
        & (events["source_id"] != FACT_SHEET_SOURCE_ID)
    ]
    if mine.empty:
        return Verdict(None, NOT_VERIFIABLE, "no independent capacity figure")
    stated = sorted(set(mine["capacity"]))
    ok = any(compare(float(v), claim)[0] for v in stated)
    return Verdict(
        float(stated[0]),
        SUPPORTED if ok else CONTRADICTED,
        f"capacity stated by the company and trade press: "
        f"{', '.join(f'{v:g}' for v in stated)} {claim['unit']} "
        f"(claimed {claim['threshold']:g} {claim['unit']})",
        sorted(set(mine["source_id"])),
    )


def korea_partner_rank(claim: pd.Series, data: Data) -> Verdict:
    trade = data["us_goods_trade_by_partner_annual"]
    kinds = data["partners"].set_index("partner_code")["kind"]
    year = trade[(trade["year"] == claim["year"])]
    year = year[year["partner_code"].map(kinds) == "country"]
    totals = year.groupby("partner_code")["value_usd_millions"].sum().reset_index()
    totals = totals.sort_values(["value_usd_millions", "partner_code"], ascending=[False, True])
    ranks = dict(zip(totals["partner_code"], range(1, len(totals) + 1), strict=True))
    if KOREA_CENSUS_CODE not in ranks:
        return Verdict(None, NOT_VERIFIABLE, f"no Census partner data for {claim['year']}")
    rank = ranks[KOREA_CENSUS_CODE]
    ok, _ = compare(rank, claim)
    return Verdict(
        float(rank),
        SUPPORTED if ok else CONTRADICTED,
        f"Korea ranks {rank} among U.S. goods partners in {claim['year']} "
        f"(two-way trade; claimed within the top {claim['threshold']:g})",
        sorted(set(year["source_id"])),
    )


def out_of_scope(claim: pd.Series, data: Data) -> Verdict:
    return Verdict(
        None, OUT_OF_SCOPE, f"{claim['subject']}: the package covers trade and investment, not this"
    )


#: Every named check; the claims table's ``check`` column must be one of these.
CHECKS: dict[str, Callable[[pd.Series, Data], Verdict]] = {
    f.__name__: f
    for f in (
        goods_two_way_total,
        services_two_way_total,
        goods_services_balance_change,
        product_exports_grew,
        investment_position_growth,
        major_investment_source,
        affiliate_measure,
        investment_growth_rank,
        projects_since,
        project_event,
        project_capacity,
        korea_partner_rank,
        out_of_scope,
    )
}
