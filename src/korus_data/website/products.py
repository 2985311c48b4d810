"""The report's page on what is traded and in which currency: Korea among U.S. partners in
each NAICS group (both flows), the End-Use imports, the won-dollar rate and KORUS tariff
staging."""

from __future__ import annotations

from html import escape

import korus_data as kd
from korus_data.website import charts, news
from korus_data.website.html import table_html

NAICS_SOURCE = "U.S. Census Bureau, USA Trade Online reports by NAICS group (release of 2026-03-12)"
GUIDE = (
    "Trade of any partner with the U.S. by product, both flows, from 2020: the NAICS groups "
    "(us_goods_trade_by_product_annual). U.S. exports to any partner in detail, 2013-2022 "
    "(Korea to 2024): the End-Use export codes (same table). U.S. imports from Korea in detail, "
    "2016-2025: the End-Use import codes (goods_trade_by_product_annual). U.S. exports to "
    "Korea by sector, 2013-2017: the USITC sectors. Never add two classifications."
)


def _latest_whole_year() -> int:
    table = kd.load("us_goods_trade_by_product_annual")
    return int(table.loc[table["months"] == 12, "year"].max())


def naics_section(c: charts.Charts) -> str:
    year = _latest_whole_year()
    parts, notes = [], {}
    flows = (("export", "U.S. exports to Korea"), ("import", "U.S. imports from Korea"))
    every = {flow: kd.product_shares("KOR", flow=flow) for flow, _ in flows}
    largest = max(
        float(e.loc[e["year"] == year, "value_usd_millions"].max()) for e in every.values()
    )
    for flow, what in flows:
        every_year = every[flow]  # its note covers every year
        notes[flow] = every_year.attrs.get("note", "")
        shares = every_year[every_year["year"] == year].reset_index(drop=True)
        top = shares.head(10)
        frame = top.assign(
            category=top["product_code"] + " " + top["description"],
            value=top["value_usd_millions"] / 1000,
        )[["category", "value"]]
        parts.append(
            c.figure(
                f"naics-{flow}s",
                charts.bars(
                    f"{what} by NAICS group, {year}",
                    "category",
                    "value",
                    "USD billions (one scale for both flows)",
                    colour=charts.EXPORTS if flow == "export" else charts.IMPORTS,
                    domain_max=round(largest / 1000 * 1.05, 1),
                ),
                frame,
                f"Bars of the ten largest NAICS groups of {what} in {year}, USD billions.",
                NAICS_SOURCE,
            )
        )
        table = shares[["product_code", "description", "value_usd_millions", "share_pct", "rank"]]
        parts.append(
            f"<h3>Korea's rank among U.S. partners in each group ({flow}s, {year})</h3>"
            + table_html(table.rename(columns={"rank": "korea_rank"}), f"naics-rank-{flow}s")
        )
    oil = kd.product_rank("211", year, "export")
    korea = oil[oil["partner_code"] == "5800"].iloc[0]
    reading = (
        f"In {year} Korea was the number {int(korea['rank'])} market for U.S. exports of oil "
        f"and gas (NAICS 211), {korea['share_pct']:.1f}\u00a0% of them."
    )
    note = notes["export"]
    caveat = f"<p class=note>Note: {escape(note)}.</p>" if note else ""
    return f"<h2>What the U.S. trades with Korea</h2><p>{escape(reading)}</p>{caveat}" + "".join(
        parts
    )


def won_section(c: charts.Charts) -> str:
    annual = kd.exchange_rate("annual")
    frame = annual.assign(series="won per U.S. dollar", value=annual["krw_per_usd"])[
        ["year", "series", "value"]
    ]
    last = annual.iloc[-1]
    reading = (
        f"One dollar bought {last['krw_per_usd']:,.1f} won on average in {int(last['year'])} "
        f"({int(last['days'])} days with a rate). Figures in won elsewhere in the package "
        "(currency='KRW') are converted at these means: derived, not official."
    )
    return f"<h2>The won</h2><p>{escape(reading)}</p>" + c.figure(
        "won",
        charts.lines(
            "Won per U.S. dollar, annual mean", "KRW per USD", frame["series"], zero=False
        ),
        frame,
        "Line of the annual mean of the Federal Reserve's daily won-dollar rate, by year.",
        "Federal Reserve Board, H.10 (daily rates); annual means derived by korus-data",
    )


def tariff_line() -> str:
    """One sentence on the KORUS truck tariff, from the staging table."""
    trucks = kd.tariff_staging("8704")
    free = int(trucks.loc[trucks["rate_pct"] == 0, "year"].min())
    last = int(trucks.loc[trucks["rate_pct"] > 0, "year"].max())
    rate = trucks.loc[trucks["year"] == last, "rate_pct"].max()
    return (
        f"Under the 2018 KORUS amendment the U.S. tariff on Korean trucks (HTS 8704, "
        f"{trucks['tariff_line'].nunique()} lines) stays at {rate:g} % through {last} and "
        f"falls to zero in {free} (ITA FTA Tariff Tool; korus_tariff_staging)."
    )


def enduse_exports_section(c: charts.Charts) -> str:
    rows = kd.goods_by_product(flow="export", classification="census_enduse")
    year = int(rows["year"].max())
    top = rows[rows["year"] == year].head(10)
    frame = top.assign(
        category=top["product_code"] + " " + top["description"],
        value=top["value_usd_millions"] / 1000,
    )[["category", "value"]]
    return "<h2>U.S. exports to Korea by End-Use category</h2>" + c.figure(
        "enduse-exports",
        charts.bars(
            f"Largest U.S. exports to Korea by End-Use category, {year}",
            "category",
            "value",
            "USD billions",
            colour=charts.EXPORTS,
        ),
        frame,
        f"Bars of the ten largest End-Use categories of U.S. exports to Korea in {year}, USD "
        "billions.",
        "U.S. Census Bureau, exports by End-Use code and country (Korea's rows of the "
        "2015-2024 file)",
    )


def products(c: charts.Charts, enduse: str) -> str:
    """The whole page: its news, the End-Use exports, the won and the tariff line, then the
    NAICS groups of both flows, ``enduse`` (the End-Use imports) and which table answers
    which question."""
    return (
        f"<p class=lead>{escape(news.products_sentence())}</p>"
        + enduse_exports_section(c)
        + won_section(c)
        + f"<h2>Tariffs</h2><p>{escape(tariff_line())} The whole schedule, what Korean goods "
        'pay and the 2025 measures: <a href="tariffs.html">Tariffs</a>.</p>'
        + naics_section(c)
        + "<h2>U.S. imports from Korea by End-Use category</h2>"
        + enduse
        + f"<h2>Which table answers which question</h2><p class=note>{escape(GUIDE)}</p>"
    )


__all__ = ["products", "tariff_line"]
