"""Services, the goods-and-services balance, direct investment and Korean-owned affiliates."""

from __future__ import annotations

import pandas as pd
import pytest

import korus_data as kd
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.bea_trade import derivation_gaps, read_bea_workbook


@pytest.fixture(scope="module")
def bea_published(source_pack, tmp_path_factory) -> pd.DataFrame:
    path = next((source_pack / "bea").glob("trad-geo-time-series-*.xlsx"))
    workbook = read_bea_workbook(open_input(path, tmp_path_factory.mktemp("bea")))
    return workbook.figures


def _published(figures, sheet, partner="KOR"):
    rows = figures[
        (figures["sheet"] == sheet)
        & (figures["frequency"] == "annual")
        & (figures["partner"] == partner)
    ]
    return rows.set_index(rows["period"].astype(int))["value"]


def test_goods_and_services_balance_reproduces_bea_for_every_year(bea_published):
    derived = kd.trade_balance(account="goods_and_services").set_index("year")
    published = _published(bea_published, 3)
    assert list(derived.index) == list(range(1999, 2025))
    assert list(published.index) == list(derived.index)
    # Each BEA figure is rounded to the million, so a derived balance of four parts can
    # differ by one million from the published one; for Korea it never differs by more.
    assert (derived["balance"] - published).abs().max() <= 1


@pytest.mark.parametrize(
    "account, column, sheet",
    [
        ("goods_and_services", "exports", 1),
        ("goods_and_services", "imports", 2),
        ("goods", "balance", 6),
        ("services", "balance", 9),
    ],
)
def test_derived_totals_and_balances_match_the_published_tables(
    bea_published, account, column, sheet
):
    derived = kd.trade_balance(account=account, basis="bop").set_index("year")[column]
    assert (derived - _published(bea_published, sheet)).abs().max() <= 1


def test_every_partner_reproduces_bea_within_rounding(bea_published):
    gaps = derivation_gaps(bea_published)
    residual = (gaps["partner"] == "ALL_OTHER_COUNTRIES") & (gaps["period"].str[:4] < "2013")
    tolerance = gaps["sheet"].map({1: 1, 2: 1, 3: 2, 6: 1, 9: 1})
    assert (gaps.loc[~residual, "gap"].abs() <= tolerance[~residual]).all()


def test_bases_are_never_mixed():
    with pytest.raises(ValueError, match="never added"):
        kd.trade_balance(account="goods_and_services", basis="census")
    with pytest.raises(ValueError, match="'bop'"):
        kd.trade_balance(account="services", basis="census")
    gs = kd.trade_balance(account="goods_and_services", years=2018).iloc[0]
    bop_goods = kd.trade_balance(account="goods", basis="bop", years=2018).iloc[0]
    census_goods = kd.trade_balance(account="goods", years=2018).iloc[0]
    services = kd.trade_balance(account="services", years=2018).iloc[0]
    assert gs["exports"] == bop_goods["exports"] + services["exports"]
    assert gs["exports"] != census_goods["exports"] + services["exports"]
    assert gs["basis"] == "bop" and census_goods["basis"] == "census"


def test_goods_balance_keeps_its_census_default():
    assert kd.trade_balance(years=2018)["basis"].item() == "census"


def test_quarterly_balance_on_the_bop_basis():
    quarters = kd.trade_balance(account="services", frequency="quarterly", years=2018)
    assert list(quarters["period"]) == ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]


@pytest.mark.parametrize(
    "kwargs, allowed",
    [
        ({"account": "capital"}, "'goods', 'services', 'goods_and_services'"),
        ({"account": "goods", "basis": "fob"}, "'census', 'bop'"),
        ({"account": "services", "partner": "KR"}, "'KOR'"),
    ],
)
def test_bad_balance_arguments_say_what_is_allowed(kwargs, allowed):
    with pytest.raises(ValueError, match=allowed):
        kd.trade_balance(**kwargs)


def test_services_for_every_partner_with_groups_flagged():
    services = kd.services_trade(None, years=2024)
    assert {"KOR", "JPN", "EUROPEAN_UNION"} <= set(services["partner"])


def test_catalogue_coverage_matches_the_data():
    catalogue = kd.tables().set_index("name")
    for name, column in [
        ("bop_trade_annual", "year"),
        ("bop_trade_quarterly", "period"),
        ("direct_investment_position_annual", "year"),
    ]:
        frame = kd.load(name)
        assert catalogue.loc[name, "first"] == str(frame[column].min())
        assert catalogue.loc[name, "last"] == str(frame[column].max())


def test_direct_investment_publishes_the_newest_vintage():
    positions = kd.direct_investment("KOR", "USA").set_index("year")
    sources = kd.load("sources").set_index("source_id")
    # The July 2021 vintage (reported by Yonhap) replaces the BEA table of 2020 for 2017-2019.
    for year in (2017, 2018, 2019):
        assert positions.loc[year, "source_id"] == "yonhap-2021-08-29-commerce-di"
    assert positions.loc[2016, "source_id"] == "bea-fdius-position-by-country-2008-2019"
    note = sources.loc["bea-fdius-position-by-country-2008-2019", "notes"]
    assert "2017, 2018, 2019" in note
    superseded = sources[sources["superseded_by"].notna()]
    assert "keia-2017-09-20-korea-fdi" in superseded.index


def test_positions_equal_the_bea_tables(source_pack):
    from korus_data.pipeline.inputs import local_input
    from korus_data.pipeline.readers.bea_positions import FDIUS, read_positions
    from korus_data.pipeline.tables.investment import country_figures

    rows = read_positions(local_input(source_pack / "bea" / FDIUS[0]), FDIUS[2])
    fdius = country_figures(rows, FDIUS[1], FDIUS[0])
    positions = kd.direct_investment("KOR", "USA").set_index("year")
    for year in range(2008, 2017):
        assert positions.loc[year, "value_usd_millions"] == fdius[year]
    usdia = kd.direct_investment("USA", "KOR").set_index("year")
    assert usdia.loc[1982, "value_usd_millions"] == 690


def test_affiliate_figures_keep_how_they_were_stated():
    ops = kd.affiliate_operations()
    assert set(ops["measure"]) == {"employment", "rnd_expenditure", "exports_of_goods"}
    assert (ops.loc[ops["measure"] == "employment", "unit"] == "persons").all()
    assert ops.set_index(["year", "measure"]).loc[(2012, "employment"), "stated_as"] == "more_than"
    with pytest.raises(ValueError, match="'employment', 'rnd_expenditure', 'exports_of_goods'"):
        kd.affiliate_operations("jobs")


def test_bad_investor_is_explained():
    with pytest.raises(ValueError, match="'USA', 'KOR'"):
        kd.direct_investment("JPN")


def test_unit_rule_fires():
    import pandera.errors

    from korus_data.schema.tables import TABLES
    from korus_data.schema.to_pandera import pandera_schema

    frame = kd.load("affiliate_operations_annual")
    frame.loc[0, "unit"] = "USD millions, current"  # row 0 is employment
    with pytest.raises(pandera.errors.SchemaErrors, match="unit_matches_measure"):
        pandera_schema(TABLES["affiliate_operations_annual"]).validate(frame, lazy=True)
