"""Charts of the report: Vega-Lite specifications rendered to inline SVG by vl-convert, so a
page needs no script and makes no request to draw them. Each chart has a title, axis titles
with units, a text alternative and a link to the CSV of the figures it draws."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

WIDTH = 640
KORUS_IN_FORCE = 2012 + 74 / 366  # 2012-03-15, the agreement's entry into force


def _svg(spec: dict) -> str:
    try:
        import vl_convert
    except ImportError as exc:  # pragma: no cover - the report extra brings it
        from korus_data.errors import UsageError

        raise UsageError('the report needs vl-convert: pip install "korus-data[report]"') from exc
    return vl_convert.vegalite_to_svg(spec)


class Charts:
    """Renders charts into a site, writing each chart's figures beside it as CSV."""

    def __init__(self, site: Path) -> None:
        self.site = site
        (site / "charts").mkdir(parents=True, exist_ok=True)

    def figure(self, name: str, spec: dict, frame: pd.DataFrame, alt: str) -> str:
        """The ``<figure>`` of one chart: its SVG, its text alternative and its data link."""
        frame.to_csv(self.site / "charts" / f"{name}.csv", index=False)
        full = {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "width": WIDTH,
            "height": 280,
            "data": {"values": frame.to_dict("records")},
            "config": {"font": "sans-serif"},
            **spec,
        }
        svg = _svg(full).replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" ', 1)
        return (
            f'<figure data-chart="{name}">{svg}<figcaption>{escape(alt)} '
            f'<a href="charts/{name}.csv">data</a></figcaption></figure>'
        )


def lines(
    title: str, x: str, x_title: str, y_title: str, series: str, rule_at: float | None = None
) -> dict:
    """A multi-line chart of ``value`` by ``x``, one line per ``series``."""
    layers = [
        {
            "mark": {"type": "line", "point": False},
            "encoding": {
                "x": {
                    "field": x,
                    "type": "quantitative",
                    "title": x_title,
                    "axis": {"format": "d"},
                },
                "y": {"field": "value", "type": "quantitative", "title": y_title},
                "color": {"field": series, "type": "nominal", "title": None},
            },
        }
    ]
    if rule_at is not None:
        layers.append(
            {
                "data": {"values": [{"x": rule_at, "label": "KORUS FTA in force (2012-03-15)"}]},
                "layer": [
                    {
                        "mark": {"type": "rule", "strokeDash": [4, 4]},
                        "encoding": {"x": {"field": "x", "type": "quantitative"}},
                    },
                    {
                        "mark": {"type": "text", "align": "left", "dx": 4, "dy": -120},
                        "encoding": {
                            "x": {"field": "x", "type": "quantitative"},
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
    top: int | None = None,
    horizontal: bool = True,
) -> dict:
    """A sorted bar chart."""
    order = "-x" if horizontal else None
    cat = {"field": category, "type": "nominal", "title": None, "sort": order}
    val = {"field": value, "type": "quantitative", "title": value_title}
    return {
        "title": title,
        "mark": "bar",
        "encoding": {"y": cat, "x": val} if horizontal else {"x": cat, "y": val},
    }


def band(title: str, x_title: str, y_title: str) -> dict:
    """Monthly values as lines with the range of their revisions as a band."""
    return {
        "title": title,
        "layer": [
            {
                "mark": {"type": "area", "opacity": 0.3},
                "encoding": {
                    "x": {"field": "date", "type": "temporal", "title": x_title},
                    "y": {"field": "low", "type": "quantitative", "title": y_title},
                    "y2": {"field": "high"},
                    "color": {"field": "flow", "type": "nominal", "title": None},
                },
            },
            {
                "mark": "line",
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "color": {"field": "flow", "type": "nominal", "title": None},
                },
            },
        ],
    }
