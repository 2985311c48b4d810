"""The report's colours stay apart for readers with red-green colour blindness.

Each chart's series are simulated as a protanope and a deuteranope see them (Machado, Oliveira
and Fernandes 2009, severity 1, applied to linear RGB) and every two series of one chart must
stay at least ``MINIMUM_DELTA_E`` apart (CIE76 in CIELAB): a difference a reader sees at a
glance. A palette that confuses two series of a chart fails."""

from __future__ import annotations

import itertools
import math

import pytest

from korus_data.website.charts import PALETTE

SIMULATIONS = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
MINIMUM_DELTA_E = 30.0
#: The series drawn together in one chart of the report.
CHARTS = {
    "flows": ["U.S. exports to Korea", "U.S. imports from Korea", "U.S. balance with Korea"],
    "services": [
        "U.S. services exports to Korea",
        "U.S. services imports from Korea",
        "U.S. services balance with Korea",
    ],
    "trailing": ["exports, last 12 months", "imports, last 12 months", "balance, last 12 months"],
    "revisions": ["exports, mean revision", "imports, mean revision"],
    "ranks": [
        "rank by two-way trade",
        "rank as a market for U.S. exports",
        "rank as a supplier of U.S. imports",
    ],
    "positions": ["Korea's direct investment in the U.S.", "U.S. direct investment in Korea"],
    "tariffs": ["Korea", "Japan", "China", "World (derived)"],
    "korea_among_others": ["Korea", "other partners"],
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))  # type: ignore


def _lab(linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str, simulation: str | None) -> tuple[float, float, float]:
    rgb = _rgb(colour)
    if simulation is not None:
        m = SIMULATIONS[simulation]
        rgb = tuple(sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3))  # type: ignore
    return _lab(rgb)


@pytest.mark.parametrize("simulation", [None, *SIMULATIONS])
@pytest.mark.parametrize("chart", list(CHARTS))
def test_the_series_of_a_chart_stay_apart(chart, simulation):
    for a, b in itertools.combinations(CHARTS[chart], 2):
        distance = math.dist(_seen(PALETTE[a], simulation), _seen(PALETTE[b], simulation))
        assert distance >= MINIMUM_DELTA_E, (chart, simulation, a, b, round(distance, 1))


def test_the_simulation_tells_red_from_green_apart_only_for_trichromats():
    # the report's former red and green (Korea's and the U.S. positions) fail the threshold
    red, green = "#c8102e", "#2e8b57"
    assert math.dist(_seen(red, None), _seen(green, None)) > 50
    for simulation in SIMULATIONS:
        assert math.dist(_seen(red, simulation), _seen(green, simulation)) < MINIMUM_DELTA_E
