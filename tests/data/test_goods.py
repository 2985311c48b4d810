"""The goods series: coverage, no invented zeros, annual equals the sum of its months."""

from __future__ import annotations

import pandas as pd

import korus_data as kd
from korus_data.validation import cross_table as consistency


def test_monthly_series_is_complete_from_1985_to_its_last_month():
    monthly = kd.load("goods_trade_monthly")
    for flow, rows in monthly.groupby("flow"):
        periods = pd.PeriodIndex(rows["period"], freq="M")
        expected = pd.period_range("1985-01", periods.max(), freq="M")
        assert periods.min() == pd.Period("1985-01", "M"), flow
        assert sorted(periods) == list(expected), f"a month of {flow} is missing"


def test_no_month_or_year_is_zero():
    for name in ("goods_trade_monthly", "goods_trade_annual"):
        assert (kd.load(name)["value_usd_millions"] > 0).all(), name


def test_annual_has_only_complete_years():
    annual = kd.goods_trade("USA", basis="census")
    monthly = kd.load("goods_trade_monthly")
    months = monthly.assign(year=monthly["period"].str[:4].astype(int)).groupby("year").size()
    for year in annual["year"].unique():
        assert months.get(year) == 24, f"{year} is published as annual but is not complete"
    partial = months[months < 24].index
    assert not set(partial) & set(annual["year"])


VINTAGED_GOODS = (
    "goods_trade_annual",
    "goods_trade_monthly",
    "goods_trade_annual_vintages",
    "goods_trade_monthly_vintages",
    "releases",
)


def test_annual_equals_the_sum_of_months_as_they_stood_at_its_release():
    frames = {n: kd.load(n) for n in VINTAGED_GOODS}
    results = consistency.annual_equals_months(frames)
    strict = next(r for r in results if r.status != "warn")
    assert strict.status == "pass", [str(f) for f in strict.examples]
    assert "120 annual figures equal their months as released" in strict.note
    warned = next((r for r in results if r.status == "warn"), None)
    # Page captures that revised annual totals (Census's June revisions) without their months:
    # 2022-2023 in the capture of February 2026, 2023-2024 in that of June 2026.
    assert warned is not None and warned.count == 8
    assert "census-c5800-capture-2026-06-17-annual" in warned.note and "2024" in warned.note


def test_without_vintages_the_latest_months_are_compared():
    frames = {n: kd.load(n) for n in ("goods_trade_annual", "goods_trade_monthly")}
    results = consistency.annual_equals_months(frames)
    assert results[0].status == "fail"  # the capture's revised totals against older months


def test_the_sum_check_catches_a_changed_month():
    frames = {n: kd.load(n) for n in VINTAGED_GOODS}
    monthly = frames["goods_trade_monthly_vintages"]
    row = monthly.index[(monthly["period"] == "2010-05") & (monthly["flow"] == "import")][0]
    monthly.loc[row, "value_usd_millions"] += 1.0
    results = consistency.annual_equals_months(frames)
    failed = [r for r in results if r.status == "fail"]
    assert failed and "2010" in str(failed[0].examples[0])


def test_rounding_tolerance_follows_the_source_precision():
    assert consistency._rounding_unit(pd.Series([800.7, 1652.0])) == pytest_approx(0.1)
    assert consistency._rounding_unit(pd.Series([2860.887093])) == pytest_approx(1e-6)


def pytest_approx(x):
    import pytest

    return pytest.approx(x)


def test_every_row_names_a_registered_source():
    sources = set(kd.load("sources")["source_id"])
    for name in ("goods_trade_monthly", "goods_trade_annual"):
        assert set(kd.load(name)["source_id"]) <= sources


def test_superseded_sources_point_to_a_source_in_use():
    sources = kd.load("sources")
    from korus_data.schema.tables import TABLES

    latest = [n for n in TABLES if n != "sources" and not n.endswith("_vintages")]
    used = {s for name in latest for s in kd.load(name).get("source_id", [])}
    superseded = sources[sources["superseded_by"].notna()]
    assert len(superseded) >= 1
    assert set(superseded["superseded_by"]) <= used
    assert not set(superseded["source_id"]) & used


def test_a_source_the_code_cites_is_in_use_and_must_be_registered():
    from korus_data.schema.tables import TABLES
    from korus_data.validation.provenance import sources_cited_in_code, sources_in_use

    frames = {name: kd.load(name) for name in TABLES}
    [cited] = sources_cited_in_code(frames)
    [in_use] = sources_in_use(frames)
    assert cited.status == "pass"
    assert "usda-fas-korus-trade-agreement" not in str(in_use.examples)
    frames["sources"] = frames["sources"][
        frames["sources"]["source_id"] != "usda-fas-korus-trade-agreement"
    ]
    [cited] = sources_cited_in_code(frames)
    assert cited.status == "fail"
