"""What happened, first: the headline sentence of each page of the report, with its figure, its
period and a comparison, computed from the data (the tests compare the figures with the API).

Example:
    >>> direction(-66.0, -56.5, "deficit")
    'narrower'
"""

from __future__ import annotations

import korus_data as kd
from korus_data.website.html import money

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
#: A newest month this far above every earlier month is flagged for checking.
RECORD_MARGIN = 0.10


def month_name(period: str) -> str:
    """'2026-04' -> 'April 2026'."""
    return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}"


def direction(then: float, now: float, kind: str = "deficit") -> str:
    """Whether a balance's deficit (or surplus) grew or shrank from ``then`` to ``now``."""
    bigger = abs(now) > abs(then)
    return (
        "wider"
        if bigger and kind == "deficit"
        else "narrower"
        if kind == "deficit"
        else ("larger" if bigger else "smaller")
    )


def pct(now: float, then: float) -> str:
    change = 100 * (now / then - 1)
    return f"{'up' if change >= 0 else 'down'} {abs(change):.1f}\u00a0%"


def currency() -> dict:
    """How current the package is: its newest month, what it rests on, and the publisher's
    newest release the calendar knows."""
    months = kd.goods_trade(frequency="monthly")
    newest = months["period"].max()
    series = kd.load("releases").set_index("release_id")["series"]
    source = months.loc[months["period"] == newest, "source_id"].iloc[0]
    calendar = kd.releases()
    last = calendar.iloc[-1]
    behind = int((calendar["data_through"] > newest).sum())
    return {
        "newest_month": newest,
        "from_capture": series.get(source) == "census_c5800_page",
        "calendar_month": last["data_through"],
        "calendar_released": f"{last['released']:%Y-%m-%d}",
        "behind": behind,
    }


def currency_sentence() -> str:
    c = currency()
    how = " (from a copy of the Census page, one decimal)" if c["from_capture"] else ""
    return (
        f"Monthly goods figures run through {month_name(c['newest_month'])}{how}. The Census "
        f"Bureau had published data through {month_name(c['calendar_month'])} by "
        f"{c['calendar_released']}, the last release in the package's calendar: this release "
        f"is {c['behind']} monthly release{'s' * (c['behind'] != 1)} behind it."
    )


def goods() -> dict:
    annual = kd.trade_balance().set_index("year")
    year = int(annual.index.max())
    monthly = kd.goods_trade(frequency="monthly").pivot(
        index="period", columns="flow", values="value_usd_millions"
    )
    newest = monthly.index.max()
    before = f"{int(newest[:4]) - 1}{newest[4:]}"
    earlier = monthly[monthly.index < newest]
    return {
        "year": year,
        "balance": float(annual.loc[year, "balance"]),
        "balance_before": float(annual.loc[year - 1, "balance"]),
        "total": float(annual.loc[year, "total"]),
        "month": newest,
        "exports": float(monthly.loc[newest, "export"]),
        "imports": float(monthly.loc[newest, "import"]),
        "exports_year_before": float(monthly.loc[before, "export"]),
        "imports_year_before": float(monthly.loc[before, "import"]),
        "exports_record_before": float(earlier["export"].max()),
        "exports_record_month": str(earlier["export"].idxmax()),
    }


def goods_sentence() -> str:
    g = goods()
    return (
        f"The U.S. goods deficit with Korea was {money(-g['balance']).lstrip('−')} in "
        f"{g['year']}, {direction(g['balance_before'], g['balance'])} than "
        f"{money(-g['balance_before']).lstrip('−')} in {g['year'] - 1}. In "
        f"{month_name(g['month'])} U.S. exports to Korea were {money(g['exports'])} "
        f"({pct(g['exports'], g['exports_year_before'])} on a year before) and imports "
        f"{money(g['imports'])} ({pct(g['imports'], g['imports_year_before'])})."
    )


def unusual_months(window: int = 6) -> list[str]:
    """The newest ``window`` months whose U.S. exports exceed every month before them by more
    than ``RECORD_MARGIN``, in one sentence to check against the Census release."""
    monthly = kd.goods_trade(frequency="monthly", flow="export").set_index("period")
    series = kd.load("releases").set_index("release_id")["series"]
    recent, before = monthly.iloc[-window:], monthly.iloc[:-window]["value_usd_millions"]
    record = float(before.max())
    beyond = recent[recent["value_usd_millions"] > (1 + RECORD_MARGIN) * record]
    if beyond.empty:
        return []
    kinds = {
        "a copy of the Census page (secondary)" if series.get(s) == "census_c5800_page" else str(s)
        for s in beyond["source_id"]
    }
    months = ", ".join(
        f"{money(float(v))} in {month_name(p)}" for p, v in beyond["value_usd_millions"].items()
    )
    return [
        f"U.S. exports to Korea of {months} are beyond any earlier month (the highest before: "
        f"{money(record)} in {month_name(str(before.idxmax()))}); they come from "
        f"{' and '.join(sorted(kinds))} and are worth checking against the Census release."
    ]


def services() -> dict:
    table = kd.trade_balance(account="services").set_index("year")
    year = int(table.index.max())
    return {
        "year": year,
        "balance": float(table.loc[year, "balance"]),
        "balance_before": float(table.loc[year - 1, "balance"]),
        "exports": float(table.loc[year, "exports"]),
        "imports": float(table.loc[year, "imports"]),
    }


def services_sentence() -> str:
    s = services()
    kind = "surplus" if s["balance"] >= 0 else "deficit"
    return (
        f"The U.S. ran a services {kind} of {money(abs(s['balance']))} with Korea in "
        f"{s['year']} (exports {money(s['exports'])}, imports {money(s['imports'])}), "
        f"{direction(s['balance_before'], s['balance'], kind)} than "
        f"{money(abs(s['balance_before']))} in {s['year'] - 1}."
    )


def investment() -> dict:
    positions = kd.direct_investment()
    korea = positions[positions["investor"] == "KOR"].set_index("year")
    us = positions[positions["investor"] == "USA"].set_index("year")
    year = int(korea.index.max())
    previous = int(korea.index[korea.index < year].max())
    return {
        "year": year,
        "korea": float(korea.loc[year, "value_usd_millions"]),
        "korea_source": korea.loc[year, "source_id"],
        "previous_year": previous,
        "korea_previous": float(korea.loc[previous, "value_usd_millions"]),
        "us_year": int(us.index.max()),
        "us": float(us.loc[us.index.max(), "value_usd_millions"]),
    }


def investment_sentence() -> str:
    i = investment()
    kinds = kd.load("sources").set_index("source_id")["kind"]
    kind = kinds.get(i["korea_source"], "")
    said = (
        ""
        if kind == "official_statistics"
        else f" (as reported by a {kind.replace('_', ' ')} source)"
    )
    return (
        f"Korea's direct investment in the United States stood at {money(i['korea'])} at the "
        f"end of {i['year']}{said}, against {money(i['korea_previous'])} in "
        f"{i['previous_year']} (the latest year before it held); U.S. investment in Korea, "
        f"{money(i['us'])} in {i['us_year']}. Years without a figure are gaps in the chart."
    )


def partners() -> dict:
    ranks = kd.korea_rank().set_index("year")
    share = kd.share_of_us_trade().set_index("year")
    year = int(ranks.index.max())
    return {
        "year": year,
        "rank": int(ranks.loc[year, "rank_total"]),
        "rank_before": int(ranks.loc[year - 1, "rank_total"]),
        "share": float(share.loc[year, "share_pct"]),
        "share_before": float(share.loc[year - 1, "share_pct"]),
    }


def partners_sentence() -> str:
    p = partners()
    return (
        f"Korea was the number {p['rank']} U.S. goods partner in {p['year']} with "
        f"{p['share']:.1f}\u00a0% of U.S. trade (number {p['rank_before']}, "
        f"{p['share_before']:.1f}\u00a0%, in {p['year'] - 1})."
    )


def products() -> dict:
    rows = kd.goods_by_product(flow="export", classification="census_enduse")
    year = int(rows["year"].max())
    top = rows[rows["year"] == year].iloc[0]
    return {
        "year": year,
        "code": top["product_code"],
        "description": top["description"],
        "value": float(top["value_usd_millions"]),
        "total": float(rows.loc[rows["year"] == year, "value_usd_millions"].sum()),
    }


def products_sentence() -> str:
    p = products()
    return (
        f"{p['description']} was the largest U.S. export to Korea in {p['year']}: "
        f"{money(p['value'])}, {100 * p['value'] / p['total']:.1f}\u00a0% of U.S. exports to "
        f"Korea (Census End-Use code {p['code']})."
    )


def projects_sentence() -> str:
    amounts = kd.latest_amounts("site").dropna(subset=["amount_usd_millions"])
    top = amounts.sort_values("amount_usd_millions", ascending=False).iloc[0]
    listing = kd.investment_projects().set_index("project_id")
    company = listing.loc[top["project_id"], "company"]
    state = listing.loc[top["project_id"], "state"]
    return (
        f"{len(listing)} Korean investment projects in the United States are listed; the "
        f"largest stated site is {company}'s in {state}, "
        f"{money(float(top['amount_usd_millions']))} at its latest statement."
    )


def factcheck_sentence() -> str:
    verdicts = kd.check_claims()["verdict"].value_counts()
    parts = [f"{n} {v}" for v, n in verdicts.items()]
    return (
        f"Of the {int(verdicts.sum())} claims of the June 2019 U.S.-R.O.K. fact sheet the package "
        f"checks, {', '.join(parts)}."
    )


def mirror_sentence() -> str:
    gaps = kd.mirror()
    both = gaps[gaps["direction"] == "us_to_korea"]
    row = both[both["year"] == both["year"].max()].iloc[0]
    more = "more" if row["gap_pct"] >= 0 else "less"
    return (
        f"In {int(row['year'])} Korea recorded {abs(row['gap_pct']):.1f}\u00a0% {more} imports "
        f"from the U.S. ({money(row['korea_value_usd_millions'])}) than the U.S. recorded exports "
        f"to Korea ({money(row['us_value_usd_millions'])}): c.i.f. against f.a.s., each side's "
        "own statistics."
    )


__all__ = [
    "currency",
    "currency_sentence",
    "factcheck_sentence",
    "goods",
    "goods_sentence",
    "investment",
    "investment_sentence",
    "mirror_sentence",
    "partners",
    "partners_sentence",
    "products",
    "products_sentence",
    "projects_sentence",
    "services",
    "services_sentence",
    "unusual_months",
]
