"""Both sides of the ledger: bases stated per row, the mirror view, products and their totals."""

from __future__ import annotations

import pytest

import korus_data as kd
from korus_data.schema.codes import VALUATION_OF
from korus_data.validation import cross_table as consistency


def test_every_row_states_basis_and_valuation():
    annual = kd.load("goods_trade_annual")
    assert annual[["basis", "valuation"]].notna().all().all()
    expected = [VALUATION_OF[(b, f)] for b, f in zip(annual["basis"], annual["flow"], strict=True)]
    assert list(annual["valuation"]) == expected


def test_korea_reported_series_from_1960_and_us_dots_only_before_the_census():
    annual = kd.load("goods_trade_annual")
    korea = annual[(annual["reporter"] == "KOR") & (annual["basis"] == "imf_dots")]
    assert korea["year"].min() == 1960 and korea["year"].max() == 2020
    us_dots = annual[(annual["reporter"] == "USA") & (annual["basis"] == "imf_dots")]
    assert us_dots["year"].max() == 1984


def test_default_basis_is_one_per_reporter_and_said():
    assert set(kd.goods_trade("USA")["basis"]) == {"census"}
    assert set(kd.goods_trade("KOR")["basis"]) == {"imf_dots"}
    assert set(kd.goods_trade("KOR", basis="korea_customs")["year"]) >= {2021, 2023}


def test_mirror_equals_the_two_underlying_series():
    view = kd.mirror(years=(2010, 2019))
    annual = kd.load("goods_trade_annual").set_index(["reporter", "basis", "year", "flow"])
    for row in view.itertuples():
        assert (
            row.us_value_usd_millions
            == annual.loc[("USA", "census", row.year, row.us_flow), "value_usd_millions"]
        )
        assert (
            row.korea_value_usd_millions
            == annual.loc[("KOR", row.korea_basis, row.year, row.korea_flow), "value_usd_millions"]
        )
        assert row.gap_usd_millions == pytest.approx(
            row.korea_value_usd_millions - row.us_value_usd_millions
        )


def test_mirror_covers_every_year_both_sides_publish():
    view = kd.mirror()
    us_years = set(kd.goods_trade("USA")["year"])
    kor_years = set(kd.load("goods_trade_annual").query("reporter == 'KOR'")["year"])
    assert set(view["year"]) == us_years & kor_years
    after = view[view["year"] > 2020]
    assert set(after["korea_basis"]) == {"korea_customs"}  # named on every row, never silent


def test_cif_imports_usually_exceed_fob_exports():
    # Korea's c.i.f. imports from the U.S. include freight and insurance: in most years they
    # exceed the U.S. f.a.s. exports they mirror.
    us_to_korea = kd.mirror().query("direction == 'us_to_korea'")
    assert (us_to_korea["gap_usd_millions"] > 0).mean() > 0.7


def test_enduse_codes_keep_leading_zeros_and_have_descriptions():
    products = kd.goods_by_product(classification="census_enduse")
    assert products["product_code"].str.fullmatch(r"\d{5}").all()
    assert "00100" in set(products["product_code"])
    assert products["description"].notna().all()
    years = products.groupby("flow")["year"].agg(["min", "max"]).to_dict("index")
    assert years == {"export": {"min": 2013, "max": 2024}, "import": {"min": 2016, "max": 2025}}


def test_products_never_exceed_their_total():
    names = (
        "goods_trade_by_product_annual",
        "us_goods_trade_by_partner_annual",
        "us_goods_trade_by_partner_annual_vintages",
    )
    frames = {n: kd.load(n) for n in names}
    [result] = consistency.products_within_totals(frames)
    assert result.status == "pass", [str(f) for f in result.examples]
    broken = frames["goods_trade_by_product_annual"].copy()
    broken.loc[broken.index[0], "value_usd_millions"] += 10_000
    frames["goods_trade_by_product_annual"] = broken
    assert consistency.products_within_totals(frames)[0].status == "fail"


def test_top_products_and_errors():
    top = kd.top_products(2024, "import", n=3)
    assert len(top) == 3 and top["value_usd_millions"].is_monotonic_decreasing
    with pytest.raises(ValueError, match="years"):
        kd.top_products(1999, "import")
    with pytest.raises(ValueError, match="'census_enduse'"):
        kd.goods_by_product(classification="hs")


def test_changes_are_kept_apart_from_levels():
    changes = kd.load("product_trade_changes")
    assert set(changes["measure"]) == {"change_usd_millions", "change_pct"}
    farm = changes.query("product_code == 'agricultural_products' and measure == 'change_pct'")
    assert farm["value"].item() == 21.1


def test_cli_mirror(capsys):
    from korus_data.cli import main

    assert main(["mirror", "--format", "csv"]) == 0
    assert "us_to_korea" in capsys.readouterr().out
