"""As-of answers that say what they rest on: ten Census releases of the goods figures, no
false stale warning, the calendar's end stated, and claims that do not rewrite history."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import korus_data as kd

TEN_RELEASES = {
    "2018-08",
    "2019-10",
    "2020-08",
    "2021-03",
    "2021-05",
    "2022-01",
    "2023-01",
    "2024-06",
    "2024-08",
    "2026-01",
}


def _quiet(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


def test_ten_census_releases_by_country_are_held():
    calendar = kd.releases()
    held = calendar[calendar["held_release_ids"].fillna("").str.contains("country")]
    assert set(held["data_through"]) == TEN_RELEASES
    both = held.set_index("data_through").loc["2021-03", "held_release_ids"]
    assert both == "census-usato-country-exports-2021-03, census-usato-country-imports-2021-03"


def test_as_of_december_2019_names_the_release_of_october_2019_data():
    frame = _quiet(lambda: kd.goods_trade(frequency="monthly", as_of="2019-12-20"))
    record = frame.attrs["as_of"]
    assert record["release_id"] == "census-country-xlsx-2019-10"
    assert record["official_data_through"] == record["held_data_through"] == "2019-10"
    assert frame["period"].max() == "2019-10"
    # a day before that release: the package's release is the older one, and it says so
    with pytest.warns(kd.StaleVintageWarning, match="published data through 2019-09"):
        kd.goods_trade(frequency="monthly", as_of="2019-12-04")


def test_the_first_full_year_2020_figures_come_from_the_report_of_march_2021_data():
    frame = _quiet(lambda: kd.goods_trade(years=2020, as_of="2021-05-04"))
    values = frame.set_index("flow")["value_usd_millions"].round(1).to_dict()
    assert values == {"export": 51218.0, "import": 76019.8}
    assert frame.attrs["as_of"]["release_id"] == (
        "census-usato-country-exports-2021-03, census-usato-country-imports-2021-03"
    )
    # the report of May 2021 data carries the June 2021 revision; today's figure is later still
    after = _quiet(lambda: kd.goods_trade(years=2020, flow="export", as_of="2021-07-02"))
    assert after["source_id"].item() == "census-usato-country-exports-2021-05"
    assert after["value_usd_millions"].item() != pytest.approx(51218.022866)


@pytest.mark.parametrize("day", ["2024-10-08", "2024-10-20", "2024-11-04"])
@pytest.mark.parametrize("table", ["goods_trade_annual", "us_goods_trade_by_partner_annual"])
def test_no_stale_warning_while_the_package_holds_the_release_in_force(table, day):
    # the release of 2024-10-08 (data through 2024-08) revised no annual figure, so none of
    # these rows cites it; the package holds it all the same
    frame = _quiet(lambda: kd.load(table, as_of=day))
    assert frame.attrs["as_of"]["release_id"] == "census-country-xlsx-2024-08"


def test_a_day_past_the_calendar_says_the_package_cannot_tell():
    calendar = kd.releases()
    last = calendar.iloc[-1]
    with pytest.warns(kd.StaleVintageWarning) as caught:
        frame = kd.load("goods_trade_monthly", as_of="2026-12-01")
    message = str(caught[0].message)
    assert f"at least data through {last['data_through']}" in message
    assert f"cannot tell what came out after {last['released']:%Y-%m-%d}" in message
    assert frame.attrs["as_of"]["calendar_complete"] is False
    inside = _quiet(lambda: kd.load("goods_trade_monthly", as_of="2026-03-12"))
    assert inside.attrs["as_of"]["calendar_complete"] is True


def test_releases_public_the_same_day_are_named_together():
    record = kd.load("goods_trade_monthly", as_of="2021-07-02").attrs["as_of"]
    assert record["release_id"].split(", ") == [
        "census-usato-country-exports-2021-05",
        "census-usato-country-imports-2021-05",
    ]


def test_every_report_partner_year_equals_a_workbook_or_is_its_first_whole_year():
    """The gate of the build, seen in the published tables: each report's annual figures
    are in the vintage table with the report's own release only where it differs."""
    vintages = kd.load("us_goods_trade_by_partner_annual_vintages")
    from_reports = vintages[vintages["source_id"].str.startswith("census-usato-country-")]
    # a report's figure opens a row only where it was new: its year 2020 (first whole year),
    # or a revision the June 2021 release made to 2018-2020
    assert set(from_reports["year"]) <= {2018, 2019, 2020}
    assert len(from_reports) > 400
    assert pd.api.types.is_float_dtype(from_reports["value_usd_millions"])


def test_bea_trade_answers_say_what_they_rest_on_and_warn_like_census_ones():
    fresh = _quiet(lambda: kd.services_trade(years=2024, as_of="2025-03-10"))
    assert fresh.attrs["as_of"]["release_id"] == "bea-trade-by-country-2025-03-06"
    with pytest.warns(kd.StaleVintageWarning) as caught:
        later = kd.services_trade(years=2024, as_of="2025-06-30")
    message = str(caught[0].message)
    assert message.startswith(
        "as of 2025-06-30 the Census Bureau and BEA (their monthly release) had published data "
        "through 2025-04 (released 2025-06-05)"
    )
    assert "the workbook that came with the release of 2025-01 data" in message
    assert later.attrs["as_of"]["official_release"] == "2025-06-05"


def test_direct_investment_answers_warn_where_bea_had_published_a_newer_year():
    quiet = _quiet(lambda: kd.direct_investment("KOR", "USA", as_of="2020-08-15"))
    assert quiet.attrs["as_of"]["release_id"] == "bea-fdius-position-by-country-2008-2019"
    with pytest.warns(kd.StaleVintageWarning, match="BEA had published data through 2020 "):
        kd.direct_investment("KOR", "USA", as_of="2021-08-01")
    with pytest.warns(kd.StaleVintageWarning, match="at least data through 2021"):
        kd.direct_investment("KOR", "USA", as_of="2024-01-01")
    calendar = kd.releases(series="bea_di_country_industry")
    assert calendar["data_through"].tolist() == [
        "2016-12",
        "2017-12",
        "2018-12",
        "2020-12",
        "2021-12",
    ]


def test_the_rank_says_why_korea_has_two_figures_for_a_year():
    ranks = kd.korea_investor_rank().set_index("year")
    for year in (2017, 2018, 2019):
        row = ranks.loc[year]
        assert row["newest_usd_millions"] != row["value_usd_millions"]
        assert row["why_two_figures"].startswith("a later release revised it")
        assert "where every country's figure is of that one release" in row["why_two_figures"]
    assert ranks.loc[2016, "why_two_figures"] is None or pd.isna(ranks.loc[2016, "why_two_figures"])
