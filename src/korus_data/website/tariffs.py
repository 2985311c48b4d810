"""The report's Tariffs page: what Korean goods pay at the U.S. border — the average rate paid
beside Japan, China and the world, Korea's imports by the treatment the schedule offers, the
KORUS lines still staged, and the 2025 measures that name Korea. Every figure and sentence is
computed from the tables."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

import korus_data as kd
from korus_data.schema.codes import KORUS_IN_FORCE, KORUS_IN_FORCE_SOURCE_ID
from korus_data.website import charts
from korus_data.website.html import table_html

DUTY_SOURCE = (
    "U.S. Census Bureau, USA Trade Online: imports and calculated duty by country (report of "
    "2025-04-13); the rate paid is calculated duty ÷ customs value, derived by korus-data"
)
TREATMENT_WORDS = {
    "free_for_every_country": "free for all",
    "free_only_under_korus": "free by KORUS",
    "still_staged_under_korus": "still staged",
    "no_korus_rate": "no KORUS rate",
    "not_in_the_schedule": "no rate line",
}
MONTH_DAY_YEAR = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4})"
)


def headline() -> dict:
    """The page's figures (the tests compare them with the API)."""
    side = kd.effective_tariff_rate("KOR", compare=["JPN", "CHN", "world"])
    year = int(side["year"].max())
    last = side[side["year"] == year].set_index("partner_code")["rate_pct"]
    korea = side[side["partner_code"] == "5800"].set_index("year")
    treatment = kd.korus_treatment("KOR", 2024).set_index("treatment")
    return {
        "year": year,
        "korea_pct": float(last["5800"]),
        "japan_pct": float(last["5880"]),
        "china_pct": float(last["5700"]),
        "world_pct": float(last["0015"]),
        "korea_rank": int(korea.loc[year, "rank_lowest_first"]),
        "ranked": int(korea.loc[year, "ranked"]),
        "korea_2011_pct": float(korea.loc[2011, "rate_pct"]),
        "korus_only_pct": float(treatment.loc["free_only_under_korus", "share_pct"]),
        "staged_pct": float(treatment.loc["still_staged_under_korus", "share_pct"]),
    }


def _rate_chart(c: charts.Charts) -> str:
    side = kd.effective_tariff_rate("KOR", compare=["JPN", "CHN", "world"])
    names = {"5800": "Korea", "5880": "Japan", "5700": "China", "0015": "World (derived)"}
    frame = side.assign(series=side["partner_code"].map(names), value=side["rate_pct"])[
        ["year", "series", "value"]
    ]
    spec = charts.lines(
        "Average U.S. tariff paid, % of value",
        "percent",
        frame["series"],
        rule_at=charts.KORUS_IN_FORCE,
    )
    return c.figure(
        "tariff-rate-paid",
        spec,
        frame.round({"value": 4}),
        "Lines of the average rate of duty paid on U.S. imports from Korea, Japan, China and "
        "the world, 2002-2024; a dashed line marks KORUS's entry into force.",
        f"{DUTY_SOURCE}; KORUS in force {KORUS_IN_FORCE} ({KORUS_IN_FORCE_SOURCE_ID})",
    )


def _treatment_chart(c: charts.Charts) -> tuple[str, str]:
    treatment = kd.korus_treatment("KOR", 2024)
    frame = treatment.assign(
        category=treatment["treatment"].map(TREATMENT_WORDS),
        value=(treatment["value_usd_millions"] / 1000).round(3),
    )[["category", "value"]]
    figure = c.figure(
        "korus-treatment-2024",
        charts.bars(
            "U.S. imports from Korea by tariff treatment, 2024",
            "category",
            "value",
            "USD billions",
            colour=charts.IMPORTS,
        ),
        frame,
        "Bars of U.S. imports from Korea (imports for consumption) in 2024 by the treatment "
        "the 2024 schedule offers them: free for every country, free only under KORUS, still "
        "staged under KORUS, no KORUS rate, no rate line (statistical codes).",
        "U.S. Census Bureau, USA Trade Online (imports by HTS line, 2024); USITC, Harmonized "
        "Tariff Schedule 2024; joined by korus-data",
    )
    attrs = treatment.attrs
    reading = (
        f"Over the lines where both rates are a percent of value ({attrs['weighted_share_pct']:.0f}"
        f"\u00a0% of the imports), the general rates would average "
        f"{attrs['weighted_general_pct']:.2f}\u00a0% weighted by trade; the KORUS rates "
        f"{attrs['weighted_kr_pct']:.3f}\u00a0%. The schedule gives the rate available, not the "
        "rate claimed: the duty actually paid is the line chart above."
    )
    return figure, reading


def _measures_timeline() -> str:
    measures = kd.tariff_measures()
    items = []
    for row in measures.itertuples(index=False):
        stated = row.dates_stated if isinstance(row.dates_stated, str) else ""
        first = MONTH_DAY_YEAR.search(stated)
        when = (
            pd.Timestamp(f"{first.group(1)} {first.group(2)} {first.group(3)}") if first else None
        )
        items.append((when, row))
    items.sort(key=lambda pair: (pair[0] is None, pair[0] or pd.Timestamp.max, pair[1].heading))
    lines = []
    for when, row in items:
        day = f"{when:%Y-%m-%d}: " if when is not None else "in force as listed in 2026: "
        status = "terminated" if row.status == "terminated" else "listed"
        citation = f", {row.federal_register}" if isinstance(row.federal_register, str) else ""
        lines.append(
            f"<li><strong>{escape(day)}</strong>{escape(row.heading)} ({escape(status)}"
            f"{escape(citation)}): {escape(row.summary)}</li>"
        )
    return "<ol class=timeline>" + "".join(lines) + "</ol>"


def tariffs(c: charts.Charts) -> str:
    """The whole page."""
    h = headline()
    lead = (
        f"In {h['year']} goods from Korea paid {h['korea_pct']:.2f}\u00a0% of their value in U.S. "
        f"duty on average, against {h['japan_pct']:.2f}\u00a0% for Japan's, "
        f"{h['china_pct']:.2f}\u00a0% for China's and {h['world_pct']:.2f}\u00a0% for all U.S. "
        f"imports; in 2011, the year before KORUS, Korea's paid {h['korea_2011_pct']:.2f}\u00a0%. "
        f"Korea ranked {h['korea_rank']} of {h['ranked']} countries importing at least $1 "
        "billion, lowest rate first."
    )
    rate = _rate_chart(c)
    treatment, reading = _treatment_chart(c)
    share = (
        f"{h['korus_only_pct']:.1f}\u00a0% of U.S. imports from Korea in 2024 came in under lines "
        f"free only under KORUS; {h['staged_pct']:.2f}\u00a0% under lines KORUS has not yet made "
        "free (trucks, HTS 8704)."
    )
    staged = kd.tariff_schedule(edition=2026, korus=True)
    staged = staged.assign(line=staged["context"].fillna("") + " | " + staged["description"])
    staged_table = table_html(
        staged[["hts_code", "general_rate", "kr_rate", "line"]].rename(
            columns={"line": "description"}
        ),
        "staged-2026",
    )
    return (
        f"<p class=lead><strong>{escape(lead)}</strong></p>"
        + rate
        + f"<h2>What KORUS offers Korea's goods</h2><p>{escape(share)}</p>"
        + treatment
        + f"<p>{escape(reading)}</p>"
        + "<h2>The lines KORUS has not yet made free (2026 schedule)</h2>"
        + staged_table
        + "<h2>The 2025 measures that name Korea</h2>"
        + "<p>Each heading of chapter 99 of the 2026 schedule whose text names South Korea, "
        "in this package's words; look a heading up in the schedule at "
        '<a href="https://hts.usitc.gov/">hts.usitc.gov</a>.</p>' + _measures_timeline()
    )


__all__ = ["headline", "tariffs"]
