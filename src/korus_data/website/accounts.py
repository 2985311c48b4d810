"""The report's pages on services, investment, both sides of the ledger and products (goods,
partners and the overview are in :mod:`korus_data.website.pages`)."""

from __future__ import annotations

from html import escape

import korus_data as kd
from korus_data.website import charts, news
from korus_data.website.html import money, source_urls, table_html
from korus_data.website.pages import BEA_SOURCE, flows_in_billions


def services(c: charts.Charts) -> str:
    services_ = kd.trade_balance(account="services")
    frame = flows_in_billions(
        services_,
        {
            "exports": "U.S. services exports to Korea",
            "imports": "U.S. services imports from Korea",
            "balance": "U.S. services balance with Korea",
        },
    )
    both = kd.trade_balance(account="goods_and_services").iloc[-1]
    context = (
        f"With goods, on the same balance-of-payments basis, the U.S. balance with Korea was "
        f"{money(both['balance'])} in {int(both['year'])}: the services surplus offsets part of "
        "the goods deficit."
    )
    return (
        f"<p class=lead>{escape(news.services_sentence())}</p><p>{escape(context)}</p>"
        + c.figure(
            "services",
            charts.lines("U.S. trade in services with Korea", "USD billions", frame["series"]),
            frame,
            "Lines of U.S. services exports to and imports from Korea and the services balance, "
            "balance-of-payments basis, USD billions, by year.",
            BEA_SOURCE,
        )
    )


def investment(c: charts.Charts) -> str:
    positions = kd.direct_investment()
    labels = {
        "KOR": "Korea's direct investment in the U.S.",
        "USA": "U.S. direct investment in Korea",
    }
    frame = positions.assign(
        series=positions["investor"].map(labels), value=positions["value_usd_millions"] / 1000
    )[["year", "series", "value"]]
    affiliates = kd.affiliate_operations()[
        ["year", "measure", "value", "unit", "stated_as", "source_id"]
    ]
    affiliates = affiliates.assign(url=affiliates["source_id"].map(source_urls()))
    return (
        f"<p class=lead>{escape(news.investment_sentence())}</p>"
        + c.figure(
            "positions",
            charts.lines(
                "Direct investment positions (historical cost)", "USD billions", labels.values()
            ),
            frame,
            "Lines of Korea's direct investment position in the U.S. and the U.S. position "
            "in Korea, USD billions, by year (the newest release of each figure).",
            "BEA's position tables by country, and later BEA figures as reported (each figure's "
            "source in direct_investment_position_annual)",
        )
        + "<h2>Korean-owned U.S. affiliates</h2>"
        + table_html(affiliates, "affiliates", links={"source_id": "url"})
    )


def mirror(c: charts.Charts) -> str:
    gaps = kd.mirror()
    labels = {
        "us_to_korea": "Korea's record minus the U.S. record: U.S. exports to Korea",
        "korea_to_us": "Korea's record minus the U.S. record: U.S. imports from Korea",
    }
    frame = gaps.assign(series=gaps["direction"].map(labels), value=gaps["gap_pct"])[
        ["year", "series", "value"]
    ]
    mean = gaps.groupby("direction")["gap_pct"].mean()
    reading = (
        f"Over every year held, Korea's records of imports from the U.S. exceed U.S. exports by "
        f"{mean.get('us_to_korea', float('nan')):.1f}\u00a0% on average."
    )
    return f"<p class=lead>{escape(news.mirror_sentence())}</p><p>{escape(reading)}</p>" + c.figure(
        "mirror",
        charts.lines(
            "Korea's record minus the U.S. record, percent of the U.S. figure",
            "percent",
            labels.values(),
        ),
        frame,
        "Lines of the gap between Korea-reported and U.S.-reported trade, as a percent of the "
        "U.S. figure, by year and direction.",
        "U.S. Census Bureau; IMF Direction of Trade Statistics; Korean customs as reported",
    )


def products(c: charts.Charts) -> str:
    year = int(kd.load("goods_trade_by_product_annual").query("flow == 'import'")["year"].max())
    top = kd.top_products(year, "import", n=10)
    frame = top.assign(
        category=top["product_code"] + " " + top["description"],
        value=top["value_usd_millions"] / 1000,
    )[["category", "value"]]
    return c.figure(
        "products",
        charts.bars(
            f"Largest U.S. imports from Korea by End-Use category, {year}",
            "category",
            "value",
            "USD billions",
        ),
        frame,
        f"Bars of the ten largest End-Use categories of U.S. imports from Korea in {year}, "
        "USD billions.",
        "U.S. Census Bureau, imports by End-Use code and country (enduse-imports.xlsx)",
    )
