"""The report's pages: each computes its figures and its short reading from the data (no
figure is written into the text by hand)."""

from __future__ import annotations

from html import escape

import pandas as pd

import korus_data as kd
from korus_data.website import charts, news
from korus_data.website.html import linked, money, source_urls


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
        "latest_month_source": months.loc[
            months["period"] == months["period"].max(), "source_id"
        ].iloc[0],
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

    kinds = kd.load("sources").set_index("source_id")["kind"]

    def card(label: str, key: str, text: str, table: str, source: str | None = None) -> str:
        figure = f"<span data-figure={key}>{linked(text, table, urls.get(source or ''))}"
        kind = kinds.get(source) if source else None
        if kind and kind != "official_statistics":
            label += f" (as reported: a {kind.replace('_', ' ')} source, not the publisher)"
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
            "Latest month in the package (Census figures)",
            "latest_month",
            h["latest_month"],
            "goods_trade_monthly",
            h["latest_month_source"],
        ),
    ]
    figure = c.figure(
        "overview_goods",
        charts.lines(
            "U.S. trade in goods with Korea",
            "USD billions",
            FLOW_LABELS.values(),
            rule_at=charts.KORUS_IN_FORCE,
        ),
        flows_in_billions(kd.trade_balance()),
        "Lines of U.S. exports to Korea, imports from Korea and the balance, by year since "
        "1985, in billions of dollars, with the KORUS FTA's entry into force marked.",
        CENSUS_SOURCE,
    )
    reading = (
        f"In {h['goods_year']} the United States and Korea traded {money(h['goods_total'])} "
        f"of goods; Korea ranked {h['rank']} among U.S. goods partners, with "
        f"{h['share_pct']:.1f}\u00a0% of U.S. trade."
    )
    return (
        f"<p class=lead>{escape(news.goods_sentence())}</p>"
        f"<p>{escape(reading)}</p><p class=note>{escape(news.currency_sentence())}</p>"
        f"<div class=cards>{''.join(cards)}</div>{figure}"
    )


#: Column of a balance frame -> the label its series carries in every chart of the site.
FLOW_LABELS = {
    "exports": "U.S. exports to Korea",
    "imports": "U.S. imports from Korea",
    "balance": "U.S. balance with Korea",
}
CENSUS_SOURCE = (
    "U.S. Census Bureau, U.S. Trade in Goods by Country (country.xlsx), and captures of its "
    "c5800 page for the newest months"
)
BEA_SOURCE = "U.S. Bureau of Economic Analysis, U.S. International Trade by Selected Countries"


def flows_in_billions(balance: pd.DataFrame, labels: dict | None = None) -> pd.DataFrame:
    """A balance frame as chart rows: year, series (a site-wide label), value in billions."""
    labels = labels or FLOW_LABELS
    frame = balance.melt("year", list(labels), "series", "value")
    return frame.assign(series=frame["series"].map(labels), value=frame["value"] / 1000)


def goods(c: charts.Charts) -> str:
    latest = kd.goods_trade(frequency="monthly")
    flows = {"export": "U.S. exports to Korea", "import": "U.S. imports from Korea"}
    workbooks = kd.load("releases")
    newest_workbook = workbooks.loc[
        workbooks["series"] == "census_country_workbook", "data_through"
    ].max()
    after = latest["period"] > newest_workbook  # only a capture of the page has them yet
    monthly = pd.DataFrame(
        {
            "date": latest["period"] + "-01",
            "series": latest["flow"].map(flows),
            "value": latest["value_usd_millions"] / 1000,
            "provisional": after,
            "status": [
                "newer than the newest workbook: a copy of the Census page" if p else "workbook"
                for p in after
            ],
        }
    )
    rolling = kd.trade_balance(frequency="monthly", trailing=12)
    labels = {f"{k}_trailing_12": f"{k}, last 12 months" for k in FLOW_LABELS}
    trailing = rolling.melt("period", list(labels), "series", "value").dropna(subset=["value"])
    trailing = trailing.assign(
        date=trailing["period"] + "-01",
        series=trailing["series"].map(labels),
        value=trailing["value"] / 1000,
        provisional=False,
        status="workbook",
    )[["date", "series", "value", "provisional", "status"]]
    flags = "".join(f"<p class=flag>{escape(s)}</p>" for s in news.unusual_months())
    return (
        f"<p class=lead>{escape(news.goods_sentence())}</p>{flags}"
        + c.figure(
            "goods_annual",
            charts.lines(
                "Annual trade in goods",
                "USD billions",
                FLOW_LABELS.values(),
                rule_at=charts.KORUS_IN_FORCE,
            ),
            flows_in_billions(kd.trade_balance()),
            "Lines of annual U.S. exports, imports and balance with Korea since 1985, "
            "USD billions, KORUS FTA marked.",
            CENSUS_SOURCE,
        )
        + c.figure(
            "goods_monthly",
            charts.months("Monthly trade in goods", "USD billions", flows.values()),
            monthly,
            "Lines of monthly U.S. exports to and imports from Korea since 1985, USD "
            "billions; hollow points mark the months newer than the newest Census workbook "
            "held, which only a copy of the Census page gives (secondary, one decimal).",
            CENSUS_SOURCE,
        )
        + c.figure(
            "goods_trailing",
            charts.months(
                "Trade in goods over the last twelve months, month by month",
                "USD billions",
                labels.values(),
                marked=False,
            ),
            trailing,
            "Lines of the sum of the twelve months to each month of U.S. exports to Korea, "
            "imports from Korea and the balance, USD billions (derived; a month is drawn only "
            "where all twelve are held).",
            CENSUS_SOURCE + "; trailing sums derived by korus-data",
        )
        + revisions_section(c, latest.loc[after, "period"].nunique())
    )


def revisions_section(c: charts.Charts, captured: int) -> str:
    """How the monthly figures move from release to release (the revision triangle)."""
    history = kd.revisions("goods_trade_monthly")
    revised = history[history["kind"] == "revision"]
    held_first = (history["kind"] == "first_print").sum()
    frames, largest = [], {}
    for flow, label in (("export", "exports"), ("import", "imports")):
        sizes = kd.revision_sizes(flow)
        sizes = sizes[sizes["months_after"] <= 60]
        largest[label] = float(sizes["largest_abs_change"].max())
        frames.append(
            pd.DataFrame(
                {
                    "year": sizes["months_after"],
                    "series": f"{label}, mean revision",
                    "value": sizes["mean_abs_change"],
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    spec = charts.lines(
        "How far a month's figure has moved from the earliest value held (mean)",
        "USD millions",
        frame["series"],
    )
    spec["layer"][0]["encoding"]["x"] = {
        "field": "year",
        "type": "quantitative",
        "title": "months after the month (in the release that carried it)",
    }
    reading = (
        f"{len(revised)} revisions of {revised.groupby(['period', 'flow']).ngroups} monthly "
        f"figures are in the releases the package holds (between releases, not against each "
        f"month's first print: the package holds {held_first} first prints); the largest "
        f"moved a month by {money(revised['change_usd_millions'].abs().max())}. The newest "
        f"{int(captured)} monthly figures come only from copies of the Census page (secondary, "
        "one decimal); kd.revision_triangle() lays every release out month by month."
    )
    return f"<h2>How the figures move</h2><p>{escape(reading)}</p>" + c.figure(
        "goods_revisions",
        spec,
        frame,
        "Lines of the median and the largest absolute change of a monthly figure from the "
        "earliest value the package holds, by months between the month and the release, "
        "USD millions (derived from the revision triangle).",
        "the Census releases the package holds (workbooks, USA Trade Online reports, page copies)",
    )


def partners(c: charts.Charts) -> str:
    ranks = kd.korea_rank()
    share = kd.share_of_us_trade()
    year = int(share["year"].max())
    top = kd.partner_rank(year, top=10)
    korea_name = (
        top.loc[top["partner_code"] == "5800", "name"].iloc[0]
        if (top["partner_code"] == "5800").any()
        else None
    )
    top = top[["name", "total"]].assign(total=top["total"] / 1000)
    labels = {
        "rank_total": "rank by two-way trade",
        "rank_exports": "rank as a market for U.S. exports",
        "rank_imports": "rank as a supplier of U.S. imports",
    }
    frame = ranks.melt("year", list(labels), "series", "value")
    frame = frame.assign(series=frame["series"].map(labels))
    reading = f"Its best rank by two-way trade since 1985 was {int(ranks['rank_total'].min())}."
    share_label = "Korea's share of U.S. goods trade"
    return (
        f"<p class=lead>{escape(news.partners_sentence())}</p><p>{escape(reading)}</p>"
        + c.figure(
            "korea_rank",
            charts.lines(
                "Korea's rank among U.S. goods partners (1 = largest)",
                "rank",
                labels.values(),
                reverse=True,
                zero=False,
            ),
            frame,
            "Lines of Korea's rank among U.S. goods partners by two-way trade, as a market "
            "for U.S. exports and as a supplier of U.S. imports, by year; rank 1 on top.",
            CENSUS_SOURCE,
        )
        + c.figure(
            "korea_share",
            charts.lines(
                "Korea's share of U.S. goods trade", "percent of U.S. trade", [share_label]
            ),
            share.assign(series=share_label, value=share["share_pct"])[["year", "series", "value"]],
            "Line of Korea's share of U.S. two-way goods trade, percent, by year.",
            CENSUS_SOURCE,
        )
        + c.figure(
            "top_partners",
            charts.bars(
                f"Largest U.S. goods partners, {year}",
                "name",
                "total",
                "USD billions",
                highlight=korea_name,
            ),
            top,
            f"Bars of the ten largest U.S. goods partners in {year} by two-way trade, "
            "USD billions, Korea highlighted.",
            CENSUS_SOURCE,
        )
    )
