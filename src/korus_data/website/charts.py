"""Charts of the report: Vega-Lite specifications rendered to inline SVG by vl-convert, so a
page needs no script and makes no request to draw them.

Each chart is drawn twice, for a wide screen and for a phone (the page shows the one that fits,
so its text is never scaled below 10 pixels); has a title, axis titles with units, a text
alternative, its source, and links to its figures (CSV, rounded to the figures' precision) and
its drawing (SVG). One colour per series across the whole site (``PALETTE``: exports, imports,
balance; Korea among others), from the Okabe-Ito set, which stays distinct to readers with
red-green colour blindness (a test simulates it). A line breaks where a year has no figure; a
wide chart names its lines at their ends instead of a legend; every mark carries a tooltip.
Money in billions; ranks with 1 on top.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import pandas as pd

from korus_data.schema.codes import KORUS_IN_FORCE as KORUS_DAY
from korus_data.store.files import write_utf8

#: Width of the wide drawing's plot, and of the whole phone drawing (axes and legend in it).
WIDE, NARROW = 640, 340
#: KORUS's entry into force as a fraction of its year, for a year axis (the day and its source:
#: ``schema.codes.KORUS_IN_FORCE`` and ``KORUS_IN_FORCE_SOURCE_ID``).
KORUS_IN_FORCE = int(KORUS_DAY[:4]) + (date.fromisoformat(KORUS_DAY).timetuple().tm_yday - 1) / 366

#: Okabe-Ito: blue, orange, black, vermillion, bluish green, reddish purple, sky blue; grey.
EXPORTS, IMPORTS, BALANCE = "#0072b2", "#e69f00", "#000000"
KOREA, OTHERS, GREEN, PURPLE, SKY = "#d55e00", "#999999", "#009e73", "#cc79a7", "#56b4e9"
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
    "U.S. direct investment in Korea": GREEN,
    "Korea's record minus the U.S. record: U.S. exports to Korea": EXPORTS,
    "Korea's record minus the U.S. record: U.S. imports from Korea": IMPORTS,
    "Korea": KOREA,
    "other partners": OTHERS,
    "Korea's share of U.S. exports": EXPORTS,
    "Korea's share of U.S. imports": IMPORTS,
    "won per U.S. dollar": BALANCE,
    "Japan": GREEN,
    "China": SKY,
    "World (derived)": BALANCE,
    "U.S. services balance with Korea": BALANCE,
    "exports, last 12 months": EXPORTS,
    "imports, last 12 months": IMPORTS,
    "balance, last 12 months": BALANCE,
    "exports, mean revision": EXPORTS,
    "imports, mean revision": IMPORTS,
}
AXIS_FONT = {"labelFontSize": 12, "titleFontSize": 12}
FONT: dict[str, object] = {
    "font": "sans-serif",
    "axis": AXIS_FONT,
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
        ['#e69f00']
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
        from korus_data.extras import needs

        raise UsageError(needs("the report needs vl-convert", "report")) from exc
    return vl_convert.vegalite_to_svg(spec)


class Charts:
    """Renders charts into a site, writing each chart's figures (CSV) and drawing (SVG)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        (site / "charts").mkdir(parents=True, exist_ok=True)

    def figure(self, name: str, spec: dict, frame: pd.DataFrame, alt: str, source: str) -> str:
        """The ``<figure>`` of one chart: its two drawings, text alternative, source line and
        download links. ``source`` is the short line naming where the figures come from."""
        frame = clean(frame)
        if "year" in frame and "series" in frame and "value" in frame:
            frame = with_gaps(frame)
        write_utf8(
            self.site / "charts" / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n")
        )
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
        drawings = []
        spec = with_points_at_gaps(spec, frame)
        for kind, width in (("wide", WIDE), ("narrow", NARROW)):
            drawn = direct_labels(spec, frame) if kind == "wide" else narrow(spec)
            full = {
                "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                "width": width,
                "height": 280 if kind == "wide" else 240,
                "data": {"values": records},
                # long category names stand whole where there is room, cut on a phone
                "config": {
                    **FONT,
                    "axis": {**AXIS_FONT, "labelLimit": 300 if kind == "wide" else 95},
                },
                **drawn,
            }
            svg = with_titles(_svg(full))
            if kind == "wide":
                write_utf8(self.site / "charts" / f"{name}.svg", svg)
            labelled = f'<svg role="img" aria-label="{escape(alt)}" class="{kind}" '
            drawings.append(svg.replace("<svg ", labelled, 1))
        return (
            f'<figure data-chart="{name}">{"".join(drawings)}<figcaption>{escape(alt)}'
            f"<br><span class=source>Source: {escape(source)}</span> · download "
            f'<a href="charts/{name}.csv">the figures (CSV)</a>, '
            f'<a href="charts/{name}.svg">the chart (SVG)</a></figcaption></figure>'
        )


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Figures as a reader downloads them: floats rounded to six decimals (no binary noise
    such as 0.8007000000000001).

    Example:
        >>> clean(pd.DataFrame({"value": [0.8007000000000001]}))["value"].tolist()
        [0.8007]
    """
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    return frame.round({c: 6 for c in floats}) if floats else frame


def with_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """``year, series, value`` rows with an empty value for each year a series lacks between
    its first and last, so that its line breaks there instead of crossing the gap.

    Example:
        >>> rows = pd.DataFrame({"year": [2005, 2008], "series": ["a", "a"], "value": [1.0, 2.0]})
        >>> with_gaps(rows)["value"].isna().sum()
        np.int64(2)
    """
    if not pd.api.types.is_integer_dtype(frame["year"]):
        return frame
    parts = []
    for series, rows in frame.groupby("series", sort=False):
        years = range(int(rows["year"].min()), int(rows["year"].max()) + 1)
        full = rows.set_index("year").reindex(years)
        full["series"] = series
        parts.append(full.rename_axis("year").reset_index())
    return pd.concat(parts, ignore_index=True)[list(frame.columns)]


#: Longest series name drawn beside its line (a longer one keeps the legend).
LABEL_CHARACTERS = 34


def with_points_at_gaps(spec: dict, frame: pd.DataFrame) -> dict:
    """A line chart whose series have gaps draws its points too, so that a figure between two
    gaps (a line of one point) is seen."""
    layers = spec.get("layer")
    if not layers or "value" not in frame or not frame["value"].isna().any():
        return spec
    first = layers[0]
    if first.get("mark", {}).get("type") != "line":
        return spec
    line = {**first, "mark": {**first["mark"], "point": {"size": 20}}}
    return {**spec, "layer": [line, *layers[1:]]}


def narrow(spec: dict) -> dict:
    """The phone's drawing: the whole chart (axes, title and legend included) fitted to the
    width, its title on as many lines as it needs."""
    import textwrap

    out: dict = {**spec, "autosize": {"type": "fit", "contains": "padding"}}
    title = spec.get("title")
    if isinstance(title, str) and len(title) > TITLE_CHARACTERS:
        out["title"] = textwrap.wrap(title, TITLE_CHARACTERS)
    return out


#: Characters of a title's line on a phone.
TITLE_CHARACTERS = 40


def direct_labels(spec: dict, frame: pd.DataFrame) -> dict:
    """A line chart with each series named at its last point instead of in a legend (when
    every name is short enough to stand beside the plot)."""
    layers = spec.get("layer")
    if not layers or "series" not in frame or "year" not in frame:
        return spec
    first = layers[0]
    if first.get("mark", {}).get("type") != "line":
        return spec
    names = list(dict.fromkeys(frame["series"]))
    if max(len(str(n)) for n in names) > LABEL_CHARACTERS:
        return spec
    valid = frame.dropna(subset=["value"])
    ends = valid.sort_values("year").groupby("series", sort=False).tail(1)
    label_layer = {
        "data": {"values": ends[["year", "series", "value"]].to_dict("records")},
        "mark": {"type": "text", "align": "left", "dx": 5, "fontSize": 12},
        "encoding": {
            "x": {"field": "year", "type": "quantitative"},
            "y": {"field": "value", "type": "quantitative"},
            "text": {"field": "series"},
            "color": {"field": "series", "type": "nominal", "scale": colour(names), "legend": None},
        },
    }
    line = {**first, "encoding": {**first["encoding"]}}
    line["encoding"]["color"] = {**line["encoding"]["color"], "legend": None}
    return {**spec, "layer": [line, *layers[1:], label_layer], "padding": {"right": 160}}


def with_titles(svg: str) -> str:
    """Every mark with a description gets it as an SVG ``<title>``: the browser shows it as a
    tooltip on hover (the drawing has no script)."""
    import re

    def add(match: re.Match) -> str:
        tag, label = match.group(1), match.group(2)
        return f"{tag}><title>{label}</title></path>"

    return re.sub(r'(<path[^>]*role="graphics-symbol"[^>]*aria-label="([^"]*)"[^>]*?)/>', add, svg)


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
                "tooltip": [
                    {"field": "series", "title": "series"},
                    {"field": "year", "title": "year"},
                    {"field": "value", "title": y_title, "format": ",.2f"},
                ],
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
    domain_max: float | None = None,
) -> dict:
    """A bar chart, sorted largest first (``continuous``: one bar per year in order, gaps
    drawn as gaps); ``highlight`` names the category drawn in Korea's colour; ``colour`` is
    the bars' colour otherwise (the flow's, for one flow); ``domain_max`` fixes the value
    axis, so that charts set side by side share one scale."""
    if continuous:
        cat = {"field": category, "type": "ordinal", "title": None, "sort": "ascending"}
    else:
        cat = {"field": category, "type": "nominal", "title": None, "sort": "-x"}
    val: dict[str, object] = {"field": value, "type": "quantitative", "title": value_title}
    if domain_max is not None:  # charts side by side share one scale
        val["scale"] = {"domain": [0, domain_max]}
    encoding = {"y": cat, "x": val} if horizontal else {"x": cat, "y": val}
    encoding["tooltip"] = [
        {"field": category, "title": category},
        {"field": value, "title": value_title, "format": ",.2f"},
    ]
    if highlight is not None:
        encoding["color"] = {
            "condition": {"test": f"datum[{category!r}] === {highlight!r}", "value": KOREA},
            "value": OTHERS,
        }
    else:
        encoding["color"] = {"value": colour}
    return {"title": title, "mark": "bar", "encoding": encoding}


def months(title: str, y_title: str, labels, *, marked: bool = True) -> dict:
    """Monthly lines by flow, with the months a page capture gives (secondary, provisional)
    drawn as hollow points on them (``marked=False``: lines only)."""
    colours = colour(labels)
    spec: dict = {
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
    if not marked:
        spec["layer"] = spec["layer"][:1]
        del spec["resolve"]
    return spec
