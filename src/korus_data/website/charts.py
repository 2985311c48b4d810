"""Charts of the report: Vega-Lite specifications rendered to inline SVG by vl-convert, so a
page needs no script and makes no request to draw them.

Each chart is drawn twice, for a wide screen and for a phone (the page shows the one that fits,
so its text is never scaled below 10 pixels); has a title, axis titles with units, a text
alternative, its source, and links to its figures (CSV) and its drawing (SVG). One colour per
series across the whole site (``PALETTE``: exports, imports, balance; U.S.- and Korea-reported;
Korea among others); money in billions; ranks with 1 on top.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import pandas as pd

from korus_data.schema.codes import KORUS_IN_FORCE as KORUS_DAY

WIDE, NARROW = 640, 250
#: KORUS's entry into force as a fraction of its year, for a year axis (the day and its source:
#: ``schema.codes.KORUS_IN_FORCE`` and ``KORUS_IN_FORCE_SOURCE_ID``).
KORUS_IN_FORCE = int(KORUS_DAY[:4]) + (date.fromisoformat(KORUS_DAY).timetuple().tm_yday - 1) / 366

EXPORTS, IMPORTS, BALANCE = "#1f6fb4", "#e07b00", "#5b6168"
KOREA, OTHERS = "#c8102e", "#9aa4ae"
#: Every series label a chart of the site uses, with its one colour.
PALETTE = {
    "U.S. exports to Korea": EXPORTS,
    "U.S. imports from Korea": IMPORTS,
    "U.S. balance with Korea": BALANCE,
    "U.S. services exports to Korea": EXPORTS,
    "U.S. services imports from Korea": IMPORTS,
    "U.S. goods and services balance with Korea": BALANCE,
    "rank by two-way trade": BALANCE,
    "rank as a market for U.S. exports": EXPORTS,
    "rank as a supplier of U.S. imports": IMPORTS,
    "Korea's share of U.S. goods trade": KOREA,
    "Korea's direct investment in the U.S.": KOREA,
    "U.S. direct investment in Korea": "#2e8b57",
    "Korea's record minus the U.S. record: U.S. exports to Korea": EXPORTS,
    "Korea's record minus the U.S. record: U.S. imports from Korea": IMPORTS,
    "Korea": KOREA,
    "other partners": OTHERS,
    "Korea's share of U.S. exports": EXPORTS,
    "Korea's share of U.S. imports": IMPORTS,
    "won per U.S. dollar": BALANCE,
    "Japan": "#009e73",
    "China": "#cc79a7",
    "World (derived)": BALANCE,
}
FONT = {
    "font": "sans-serif",
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "orient": "bottom",
        "direction": "vertical",
        "labelLimit": 600,
    },
    "title": {"fontSize": 14, "anchor": "start"},
}


def colour(labels) -> dict:
    """The Vega-Lite colour scale of ``labels``: each its site-wide colour (``PALETTE``).

    Example:
        >>> colour(["U.S. imports from Korea"])["range"]
        ['#e07b00']
    """
    labels = list(dict.fromkeys(labels))
    missing = [label for label in labels if label not in PALETTE]
    if missing:
        raise KeyError(f"no site-wide colour for the series {missing}: add them to PALETTE")
    return {"domain": labels, "range": [PALETTE[label] for label in labels]}


def _svg(spec: dict) -> str:
    try:
        import vl_convert
    except ImportError as exc:  # pragma: no cover - the report extra brings it
        from korus_data.errors import UsageError

        raise UsageError('the report needs vl-convert: pip install "korus-data[report]"') from exc
    return vl_convert.vegalite_to_svg(spec)


class Charts:
    """Renders charts into a site, writing each chart's figures (CSV) and drawing (SVG)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        (site / "charts").mkdir(parents=True, exist_ok=True)

    def figure(self, name: str, spec: dict, frame: pd.DataFrame, alt: str, source: str) -> str:
        """The ``<figure>`` of one chart: its two drawings, text alternative, source line and
        download links. ``source`` is the short line naming where the figures come from."""
        frame.to_csv(self.site / "charts" / f"{name}.csv", index=False)
        drawings = []
        for kind, width in (("wide", WIDE), ("narrow", NARROW)):
            full = {
                "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                "width": width,
                "height": 280 if kind == "wide" else 240,
                "data": {"values": frame.to_dict("records")},
                "config": FONT,
                **spec,
            }
            svg = _svg(full)
            if kind == "wide":
                (self.site / "charts" / f"{name}.svg").write_text(svg, encoding="utf-8")
            labelled = f'<svg role="img" aria-label="{escape(alt)}" class="{kind}" '
            drawings.append(svg.replace("<svg ", labelled, 1))
        return (
            f'<figure data-chart="{name}">{"".join(drawings)}<figcaption>{escape(alt)}'
            f"<br><span class=source>Source: {escape(source)}</span> · download "
            f'<a href="charts/{name}.csv">the figures (CSV)</a>, '
            f'<a href="charts/{name}.svg">the chart (SVG)</a></figcaption></figure>'
        )


def _x_year(title: str = "year") -> dict:
    return {"field": "year", "type": "quantitative", "title": title, "axis": {"format": "d"}}


def lines(
    title: str,
    y_title: str,
    labels,
    *,
    rule_at: float | None = None,
    reverse: bool = False,
    zero: bool = True,
) -> dict:
    """Lines of ``value`` by ``year``, one per ``series`` (each in its site-wide colour);
    ``reverse`` puts the smallest value (rank 1) on top."""
    y: dict[str, object] = {"field": "value", "type": "quantitative", "title": y_title}
    scale: dict[str, object] = {"reverse": reverse, "zero": zero, "nice": False}
    if reverse or not zero:
        y["scale"] = scale
    if reverse:
        scale["domainMin"] = 1  # rank 1 on top, even when it was never reached
    layers = [
        {
            "mark": {"type": "line", "point": False, "strokeWidth": 2},
            "encoding": {
                "x": _x_year(),
                "y": y,
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": colour(labels),
                },
            },
        }
    ]
    if rule_at is not None:
        layers.append(
            {
                "data": {"values": [{"year": rule_at, "label": "KORUS FTA in force"}]},
                "layer": [
                    {
                        "mark": {"type": "rule", "strokeDash": [4, 4], "color": "#333"},
                        "encoding": {"x": {"field": "year", "type": "quantitative"}},
                    },
                    {
                        "mark": {"type": "text", "align": "left", "dx": 4, "y": 8, "fontSize": 11},
                        "encoding": {
                            "x": {"field": "year", "type": "quantitative"},
                            "text": {"field": "label"},
                        },
                    },
                ],
            }
        )
    return {"title": title, "layer": layers}


def bars(
    title: str,
    category: str,
    value: str,
    value_title: str,
    *,
    horizontal: bool = True,
    highlight: str | None = None,
    continuous: bool = False,
    colour: str = BALANCE,
) -> dict:
    """A bar chart, sorted largest first (``continuous``: one bar per year in order, gaps
    drawn as gaps); ``highlight`` names the category drawn in Korea's colour; ``colour`` is
    the bars' colour otherwise (the flow's, for one flow)."""
    if continuous:
        cat = {"field": category, "type": "ordinal", "title": None, "sort": "ascending"}
    else:
        cat = {"field": category, "type": "nominal", "title": None, "sort": "-x"}
    val = {"field": value, "type": "quantitative", "title": value_title}
    encoding = {"y": cat, "x": val} if horizontal else {"x": cat, "y": val}
    if highlight is not None:
        encoding["color"] = {
            "condition": {"test": f"datum[{category!r}] === {highlight!r}", "value": KOREA},
            "value": OTHERS,
        }
    else:
        encoding["color"] = {"value": colour}
    return {"title": title, "mark": "bar", "encoding": encoding}


def months(title: str, y_title: str, labels) -> dict:
    """Monthly lines by flow, with the months a page capture gives (secondary, provisional)
    drawn as hollow points on them."""
    colours = colour(labels)
    return {
        "title": title,
        "layer": [
            {
                "mark": {"type": "line", "strokeWidth": 1.5},
                "encoding": {
                    "x": {"field": "date", "type": "temporal", "title": "month"},
                    "y": {"field": "value", "type": "quantitative", "title": y_title},
                    "color": {
                        "field": "series",
                        "type": "nominal",
                        "title": None,
                        "scale": colours,
                    },
                },
            },
            {
                "transform": [{"filter": "datum.provisional"}],
                "mark": {"type": "point", "filled": False, "size": 40},
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "color": {"field": "series", "type": "nominal", "scale": colours},
                    "shape": {
                        "field": "status",
                        "type": "nominal",
                        "title": None,
                        "scale": {"range": ["circle"]},
                    },
                },
            },
        ],
        "resolve": {"scale": {"color": "shared"}},
    }
