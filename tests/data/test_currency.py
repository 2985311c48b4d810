"""The won: the daily H.10 table as published, derived means checked against a hand
computation from the file itself, conversions labelled; and the KORUS truck staging."""

from __future__ import annotations

import csv
import statistics

import pytest
from helpers import SOURCES, without_source_pack

import korus_data as kd
from korus_data.errors import FilterError

H10 = SOURCES / "frb" / "h10-dexkous-daily-1981-04-13-2026-03-27.csv"


@pytest.fixture(scope="module")
def file_rows() -> list[tuple[str, str]]:
    if not H10.is_file():
        without_source_pack()
    with H10.open(newline="") as handle:
        return [(r["observation_date"], r["DEXKOUS"]) for r in csv.DictReader(handle)]


def test_daily_rows_are_the_days_with_a_rate(file_rows):
    daily = kd.exchange_rate("daily")
    with_rate = [(d, v) for d, v in file_rows if v]
    assert len(daily) == len(with_rate)
    assert str(daily["date"].min().date()) == "1981-04-13"
    assert str(daily["date"].max().date()) == "2026-03-27"
    assert len(file_rows) - len(with_rate) == 494  # empty days are absent, never zero


@pytest.mark.parametrize("month", ["2024-01", "1997-12", "2008-10"])
def test_a_monthly_mean_equals_the_hand_computed_mean(file_rows, month):
    values = [float(v) for d, v in file_rows if v and d.startswith(month)]
    row = kd.exchange_rate("monthly").set_index("period").loc[month]
    assert row["days"] == len(values)
    assert row["krw_per_usd"] == round(statistics.fmean(values), 4)
    assert row["derivation"] == "mean_of_days_with_a_rate"


def test_an_annual_mean_is_of_the_days_not_of_the_months(file_rows):
    values = [float(v) for d, v in file_rows if v and d.startswith("2024")]
    row = kd.exchange_rate("annual").set_index("year").loc[2024]
    assert row["krw_per_usd"] == round(statistics.fmean(values), 4) and row["days"] == len(values)


def test_partial_months_and_years_are_not_averaged():
    monthly, annual = kd.exchange_rate("monthly"), kd.exchange_rate("annual")
    assert monthly["period"].min() == "1981-05" and monthly["period"].max() == "2026-02"
    assert annual["year"].min() == 1982 and annual["year"].max() == 2025


def test_won_figures_are_labelled_converted_and_use_the_periods_mean():
    balance = kd.trade_balance(years=2024, currency="KRW")
    rate = kd.exchange_rate("annual", years=2024)["krw_per_usd"].item()
    assert balance["exports_krw_billions"].item() == pytest.approx(
        balance["exports"].item() * rate / 1000
    )
    assert "not an official figure" in balance.attrs["converted"]
    months = kd.goods_trade(frequency="monthly", years=2026, currency="KRW")
    assert months.loc[months["period"] == "2026-03", "value_krw_billions"].isna().all()
    assert "not_converted" in months.attrs
    with pytest.raises(FilterError, match="currency"):
        kd.goods_trade(currency="EUR")


def test_truck_staging_is_25_percent_until_2040_and_free_from_2041():
    trucks = kd.tariff_staging("8704")
    assert trucks["tariff_line"].nunique() == 6
    assert trucks.loc[trucks["year"] <= 2040, "rate_pct"].eq(25).all()
    assert trucks.loc[trucks["year"] == 2041, "rate_pct"].eq(0).all()
    assert "whole KORUS schedule" in trucks.attrs["note"]
    with pytest.raises(FilterError, match="lines held"):
        kd.tariff_staging("0101")
