"""Transforms in FRED's vocabulary and the revision triangle, against hand computations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import korus_data as kd
from korus_data.analysis.transforms import aggregate, trailing_sum, transform
from korus_data.errors import FilterError


def _monthly_exports() -> pd.Series:
    frame = kd.goods_trade(frequency="monthly", flow="export")
    return frame.set_index("period")["value_usd_millions"]


def test_pc1_on_monthly_korea_exports_is_the_percent_change_from_a_year_ago():
    levels = _monthly_exports()
    growth = kd.goods_trade(frequency="monthly", flow="export", units="pc1")
    column = growth.set_index("period")["value_usd_millions_pct_change_year_ago"]
    for month in ("2019-03", "2024-12", "2026-04"):
        before = f"{int(month[:4]) - 1}{month[4:]}"
        expected = 100 * (levels[month] / levels[before] - 1)
        assert column[month] == pytest.approx(expected, abs=1e-12), month
    # the first twelve months have no month a year before: missing, never computed
    assert column.iloc[:12].isna().all() and column.iloc[12:].notna().all()
    assert "derived" in growth.attrs["derived"]["value_usd_millions_pct_change_year_ago"]


def test_the_years_asked_keep_their_predecessors():
    alone = kd.goods_trade(frequency="monthly", flow="export", units="pch", years=2020)
    whole = kd.goods_trade(frequency="monthly", flow="export", units="pch")
    assert alone["value_usd_millions_pct_change"].iloc[0] == pytest.approx(
        whole.set_index("period").loc["2020-01", "value_usd_millions_pct_change"]
    )


@pytest.mark.parametrize(
    ("units", "hand"),
    [
        ("chg", lambda now, before, n: now - before),
        ("pch", lambda now, before, n: 100 * (now / before - 1)),
        ("pca", lambda now, before, n: 100 * ((now / before) ** n - 1)),
        ("log", lambda now, before, n: math.log(now)),
    ],
)
def test_each_unit_is_its_formula(units, hand):
    frame = pd.DataFrame({"period": ["2024-01", "2024-02", "2024-04"], "v": [10.0, 12.5, 20.0]})
    out = transform(frame, "period", ["v"], units)
    column = out.filter(like="v_").iloc[:, 0]
    if units != "log":
        assert math.isnan(column.iloc[0])  # no predecessor
        assert math.isnan(column.iloc[2])  # its predecessor (March) is a gap
    assert column.iloc[1] == pytest.approx(hand(12.5, 10.0, 12))


def test_quarters_are_whole_and_a_partial_one_is_said():
    levels = _monthly_exports()
    quarters = kd.goods_trade(frequency="quarterly", flow="export").set_index("quarter")
    expected = levels[["2025-01", "2025-02", "2025-03"]].sum()
    assert quarters.loc["2025-Q1", "value_usd_millions"] == pytest.approx(expected)
    assert "2026-Q2" not in quarters.index  # only April 2026 is held
    assert "2026-Q2" in quarters.attrs["dropped"]
    annual = aggregate(
        pd.DataFrame({"period": ["2024-01", "2024-02"], "v": [1.0, 2.0]}), ["v"], "annual"
    )
    assert annual.empty and "2024" in annual.attrs["dropped"]


def test_a_trailing_twelve_month_sum_needs_all_twelve():
    levels = _monthly_exports()
    frame = kd.goods_trade(frequency="monthly", flow="export", trailing=12)
    ttm = frame.set_index("period")["value_usd_millions_trailing_12"]
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    assert ttm["2024-12"] == pytest.approx(levels[months].sum())
    assert ttm.iloc[:11].isna().all()
    gap = pd.DataFrame({"period": ["2024-01", "2024-03"], "v": [1.0, 2.0]})
    assert trailing_sum(gap, "period", ["v"], 2)["v_trailing_2"].isna().all()
    with pytest.raises(FilterError, match="trailing"):
        kd.goods_trade(trailing=12)  # annual figures


def test_units_reach_every_trade_accessor_and_bad_units_say_what_is_allowed():
    services = kd.services_trade(units="pc1", years=2024).set_index("flow")
    levels = kd.services_trade(years=(2023, 2024)).set_index(["year", "flow"])
    expected = 100 * (
        levels.loc[(2024, "export"), "value_usd_millions"]
        / levels.loc[(2023, "export"), "value_usd_millions"]
        - 1
    )
    assert services.loc["export", "value_usd_millions_pct_change_year_ago"] == pytest.approx(
        expected
    )
    balance = kd.trade_balance(units="chg", years=2018).iloc[0]
    every = kd.trade_balance(years=(2017, 2018)).set_index("year")
    assert balance["balance_change"] == pytest.approx(
        every.loc[2018, "balance"] - every.loc[2017, "balance"]
    )
    with pytest.raises(FilterError, match="units='pct' is not allowed"):
        kd.goods_trade(units="pct")


def test_the_revision_triangle_equals_a_hand_computation_from_the_vintage_table():
    vintages = kd.load("goods_trade_monthly_vintages")
    month = vintages[(vintages["period"] == "2019-03") & (vintages["flow"] == "import")]
    releases = kd.load("releases").set_index("release_id")
    triangle = kd.revision_triangle("import", start="2019-03", end="2019-03")
    assert triangle["period"].eq("2019-03").all()
    for row in triangle.itertuples():
        day = releases.loc[row.release_id, "released"]
        valid = (month["realtime_start"] <= day) & (
            month["realtime_end"].isna() | (month["realtime_end"] > day)
        )
        assert row.value_usd_millions == month.loc[valid, "value_usd_millions"].item()
    first = triangle["value_usd_millions"].iloc[0]
    assert (triangle["change_usd_millions"] == triangle["value_usd_millions"] - first).all()
    assert triangle["released"].is_monotonic_increasing
    grid = kd.revision_triangle("import", start="2019-03", end="2019-03", wide=True)
    assert grid.loc["2019-03"].dropna().tolist() == triangle["value_usd_millions"].tolist()
    with pytest.raises(FilterError, match="not a month"):
        kd.revision_triangle(start="2019")
