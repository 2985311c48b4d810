"""The report's pages: each computes its figures and its short reading from the data (no
figure is written into the text by hand)."""

from __future__ import annotations

from html import escape

import pandas as pd

import korus_data as kd
from korus_data.website import charts
from korus_data.website.html import linked, money, source_urls, table_html


def _first(ids: str) -> str:
    return str(ids).split("; ")[0]


def headline() -> dict:
    """The figures the overview shows (the tests compare them with the API)."""
    goods = kd.trade_balance().iloc[-1]
    services = kd.trade_balance(account="services").iloc[-1]
    rank = kd.korea_rank().iloc[-1]
    share = kd.share_of_us_trade().iloc[-1]
    positions = kd.direct_investment()
    korea_in_us = positions[positions["investor"] == "KOR"].iloc[-1]
    us_in_korea = positions[positions["investor"] == "USA"].iloc[-1]
    months = kd.goods_trade(frequency="monthly")
    return {
        "goods_year": int(goods["year"]),
        "goods_total": float(goods["total"]),
        "goods_balance": float(goods["balance"]),
        "services_year": int(services["year"]),
        "services_total": float(services["total"]),
        "rank_year": int(rank["year"]),
        "rank": int(rank["rank_total"]),
        "share_pct": float(share["share_pct"]),
        "korea_in_us_year": int(korea_in_us["year"]),
        "korea_in_us": float(korea_in_us["value_usd_millions"]),
        "korea_in_us_source": korea_in_us["source_id"],
        "us_in_korea_year": int(us_in_korea["year"]),
        "us_in_korea": float(us_in_korea["value_usd_millions"]),
        "us_in_korea_source": us_in_korea["source_id"],
        "latest_month": months["period"].max(),
        "goods_source": _first(kd.goods_trade(years=int(goods["year"]))["source_id"].iloc[0]),
    }


def _card(label: str, value_html: str) -> str:
    return (
        f"<div class=card><div class=value>{value_html}</div>"
        f"<div class=label>{escape(label)}</div></div>"
    )


def overview(c: charts.Charts) -> str:
    h = headline()
    share_text = f"{h['share_pct']:.2f} %"

    urls = source_urls()

    def card(label: str, key: str, text: str, table: str, source: str | None = None) -> str:
        figure = f"<span data-figure={key}>{linked(text, table, urls.get(source or ''))}"
        return _card(label, figure + "</span>")

    year, latest = h["goods_year"], h["rank_year"]
    cards = [
        card(
            f"U.S.-Korea trade in goods, {year} (exports + imports)",
            "goods_total",
            money(h["goods_total"]),
            "goods_trade_annual",
            h["goods_source"],
        ),
        card(
            f"U.S. goods balance with Korea, {year}",
            "goods_balance",
            money(h["goods_balance"]),
            "goods_trade_annual",
        ),
        card(
            f"U.S.-Korea trade in services, {h['services_year']}",
            "services_total",
            money(h["services_total"]),
            "bop_trade_annual",
        ),
        card(
            f"Korea's rank among U.S. goods partners, {latest}",
            "rank",
            str(h["rank"]),
            "us_goods_trade_by_partner_annual",
        ),
        card(
            f"Korea's share of U.S. goods trade, {latest}",
            "share_pct",
            share_text,
            "us_goods_trade_by_partner_annual",
        ),
        card(
            f"Korea's direct investment position in the U.S., {h['korea_in_us_year']}",
            "korea_in_us",
            money(h["korea_in_us"]),
            "direct_investment_position_annual",
            h["korea_in_us_source"],
        ),
        card(
            f"U.S. direct investment position in Korea, {h['us_in_korea_year']}",
            "us_in_korea",
            money(h["us_in_korea"]),
            "direct_investment_position_annual",
            h["us_in_korea_source"],
        ),
        card(
            "Latest month published (Census)",
            "latest_month",
            h["latest_month"],
            "goods_trade_monthly",
        ),
    ]
    balance = kd.trade_balance()
    frame = balance.melt("year", ["exports", "imports", "balance"], "series", "value")
    reading = (
        f"In {h['goods_year']} the United States and Korea traded {money(h['goods_total'])} "
        f"of goods; the U.S. balance was {money(h['goods_balance'])}. Korea ranked "
        f"{h['rank']} among U.S. goods partners, with {h['share_pct']:.1f} % of U.S. trade."
    )
    figure = c.figure(
        "overview_goods",
        charts.lines(
            "U.S. trade in goods with Korea",
            "year",
            "year",
            "USD millions",
            "series",
            charts.KORUS_IN_FORCE,
        ),
        frame,
        "Lines of U.S. exports to Korea, imports from Korea and the balance, by year since "
        "1985, in millions of dollars, with the KORUS FTA's entry into force marked.",
    )
    return f"<p>{escape(reading)}</p><div class=cards>{''.join(cards)}</div>{figure}"


def goods(c: charts.Charts) -> str:
    annual = kd.trade_balance().melt("year", ["exports", "imports", "balance"], "series", "value")
    history = kd.revisions("goods_trade_monthly")
    spread = history.groupby(["period", "flow"])["value_usd_millions"].agg(["min", "max"])
    latest = kd.goods_trade(frequency="monthly").set_index(["period", "flow"])
    monthly = latest[["value_usd_millions"]].join(spread).reset_index()
    monthly = monthly.assign(date=monthly["period"] + "-01").rename(
        columns={"value_usd_millions": "value", "min": "low", "max": "high"}
    )[["date", "flow", "value", "low", "high"]]
    revised = history[history["kind"] == "revision"]
    reading = (
        f"{len(revised)} revisions of {revised.groupby(['period', 'flow']).ngroups} monthly "
        f"figures are in the package's releases; the largest moved a month by "
        f"{money(revised['change_usd_millions'].abs().max())}."
    )
    return (
        f"<p>{escape(reading)}</p>"
        + c.figure(
            "goods_annual",
            charts.lines(
                "Annual trade in goods",
                "year",
                "year",
                "USD millions",
                "series",
                charts.KORUS_IN_FORCE,
            ),
            annual,
            "Lines of annual U.S. exports, imports and balance with Korea since 1985, "
            "USD millions, KORUS FTA marked.",
        )
        + c.figure(
            "goods_monthly",
            charts.band(
                "Monthly trade in goods, with the range of its revisions", "month", "USD millions"
            ),
            monthly,
            "Lines of monthly U.S. exports to and imports from Korea since 1985, USD "
            "millions, each with a band from its lowest to its highest published value.",
        )
    )


def partners(c: charts.Charts) -> str:
    ranks = kd.korea_rank()
    share = kd.share_of_us_trade()
    year = int(share["year"].max())
    top = kd.partner_rank(year, top=10)[["name", "total"]]
    frame = ranks.melt("year", ["rank_total", "rank_exports", "rank_imports"], "series", "value")
    reading = (
        f"In {year} Korea ranked {int(ranks['rank_total'].iloc[-1])} among U.S. goods "
        f"partners by two-way trade; its best rank since 1985 was "
        f"{int(ranks['rank_total'].min())}."
    )
    return (
        f"<p>{escape(reading)}</p>"
        + c.figure(
            "korea_rank",
            charts.lines(
                "Korea's rank among U.S. goods partners",
                "year",
                "year",
                "rank (1 = largest)",
                "series",
            ),
            frame,
            "Lines of Korea's rank among U.S. goods partners by total trade, exports "
            "and imports, by year.",
        )
        + c.figure(
            "korea_share",
            charts.lines(
                "Korea's share of U.S. goods trade",
                "year",
                "year",
                "percent of U.S. trade",
                "series",
            ),
            share.assign(series="share of U.S. goods trade", value=share["share_pct"])[
                ["year", "series", "value"]
            ],
            "Line of Korea's share of U.S. two-way goods trade, percent, by year.",
        )
        + c.figure(
            "top_partners",
            charts.bars(f"Largest U.S. goods partners, {year}", "name", "total", "USD millions"),
            top,
            f"Bars of the ten largest U.S. goods partners in {year} by two-way trade, "
            "USD millions.",
        )
    )


def services(c: charts.Charts) -> str:
    services_ = kd.trade_balance(account="services")
    both = kd.trade_balance(account="goods_and_services")
    frame = pd.concat(
        [
            services_.melt("year", ["exports", "imports"], "series", "value").assign(
                series=lambda d: "services " + d["series"]
            ),
            both.assign(series="goods and services balance", value=both["balance"])[
                ["year", "series", "value"]
            ],
        ]
    )
    last = services_.iloc[-1]
    reading = (
        f"In {int(last['year'])} the U.S. exported {money(last['exports'])} of services to "
        f"Korea and imported {money(last['imports'])}."
    )
    return f"<p>{escape(reading)}</p>" + c.figure(
        "services",
        charts.lines(
            "Services and the goods-and-services balance (BEA)",
            "year",
            "year",
            "USD millions",
            "series",
        ),
        frame,
        "Lines of U.S. services exports to and imports from Korea and the goods-and-services "
        "balance, balance-of-payments basis, USD millions, by year.",
    )


def investment(c: charts.Charts) -> str:
    positions = kd.direct_investment()
    frame = positions.assign(
        series=positions["investor"] + " in " + positions["host"],
        value=positions["value_usd_millions"],
    )[["year", "series", "value"]]
    affiliates = kd.affiliate_operations()[
        ["year", "measure", "value", "unit", "stated_as", "source_id"]
    ]
    affiliates = affiliates.assign(url=affiliates["source_id"].map(source_urls()))
    return (
        c.figure(
            "positions",
            charts.lines(
                "Direct investment positions (historical cost)",
                "year",
                "year",
                "USD millions",
                "series",
            ),
            frame,
            "Lines of Korea's direct investment position in the U.S. and the U.S. position "
            "in Korea, USD millions, by year (latest release of each figure).",
        )
        + "<h2>Korean-owned U.S. affiliates</h2>"
        + table_html(affiliates, "affiliates", links={"source_id": "url"})
    )


def mirror(c: charts.Charts) -> str:
    gaps = kd.mirror()
    frame = gaps.assign(series=gaps["direction"], value=gaps["gap_pct"])[
        ["year", "series", "value"]
    ]
    mean = gaps.groupby("direction")["gap_pct"].mean()
    reading = (
        f"Korea's records of imports from the U.S. exceed U.S. exports by "
        f"{mean.get('us_to_korea', float('nan')):.1f} % on average (c.i.f. against f.a.s.)."
    )
    return f"<p>{escape(reading)}</p>" + c.figure(
        "mirror",
        charts.lines(
            "Korea's record minus the U.S. record, percent of the U.S. figure",
            "year",
            "year",
            "percent",
            "series",
        ),
        frame,
        "Lines of the gap between Korea-reported and U.S.-reported trade, as a percent of the "
        "U.S. figure, by year and direction.",
    )


def products(c: charts.Charts) -> str:
    year = int(kd.load("goods_trade_by_product_annual").query("flow == 'import'")["year"].max())
    top = kd.top_products(year, "import", n=10)
    frame = top.assign(category=top["description"].str.slice(0, 40))[
        ["category", "value_usd_millions"]
    ]
    return c.figure(
        "products",
        charts.bars(
            f"Largest U.S. imports from Korea by End-Use category, {year}",
            "category",
            "value_usd_millions",
            "USD millions",
        ),
        frame,
        f"Bars of the ten largest End-Use categories of U.S. imports from Korea in {year}, "
        "USD millions.",
    )
