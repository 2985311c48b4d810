"""What the U.S. sells Korea, by End-Use code: every partner's exports, Korea's every release,
the totals they add up to, and the product claims checked on them."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import korus_data as kd
from korus_data.validation.enduse import enduse_groups_equal_partner_totals

CLAIMS = [
    "us-exports-autos-grew-2018",
    "us-exports-farm-grew-2018",
    "us-exports-fuel-grew-2018",
    "us-exports-chemicals-grew-2018",
]


def _korea_exports() -> pd.DataFrame:
    rows = kd.load("goods_trade_by_product_annual")
    return rows[rows["classification"] == "census_enduse_exports"]


def test_korea_enduse_exports_add_up_to_a_workbook_total_of_their_vintage_every_year():
    sums = _korea_exports().groupby("year")["value_usd_millions"].sum()
    assert list(sums.index) == list(range(2013, 2025))
    totals = kd.load("us_goods_trade_by_partner_annual_vintages")
    korea = totals[(totals["partner_code"] == "5800") & (totals["flow"] == "export")]
    for year, value in sums.items():
        held = korea.loc[korea["year"] == year, "value_usd_millions"]
        assert ((held - value).abs() < 1.5e-6).any(), (year, value, held.tolist())


def test_every_release_of_korea_is_kept_and_the_newest_is_shown():
    history = kd.revisions(
        "goods_trade_by_product_annual",
        classification="census_enduse_exports",
        product_code="21180",
        year=2021,
    )
    assert history["source_id"].tolist() == [
        "census-enduse-exports-2013-2022",
        "census-enduse-exports-korea-2015-2024",
    ]
    assert history["value_usd_millions"].round(6).tolist() == [8009.462749, 8009.469247]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kd.StaleVintageWarning)
        before = kd.load("goods_trade_by_product_annual", as_of="2026-12-01")
    row = before[
        (before["product_code"] == "21180")
        & (before["year"] == 2021)
        & (before["classification"] == "census_enduse_exports")
    ]
    assert row["value_usd_millions"].item() == pytest.approx(8009.462749)
    assert 2023 not in set(before.loc[before["classification"] == "census_enduse_exports", "year"])


def test_one_figure_one_value_in_the_bilateral_and_every_partner_tables():
    every = kd.goods_by_product(partner="KOR", flow="export", classification="enduse")
    mine = _korea_exports()
    key = ["year", "product_code"]
    joined = every.merge(mine, on=key, suffixes=("", "_bilateral"))
    assert len(joined) == len(mine) == len(every)
    assert (joined["value_usd_millions"] == joined["value_usd_millions_bilateral"]).all()
    assert (joined["source_id"] == joined["source_id_bilateral"]).all()


def test_the_enduse_gate_passes_and_fires_on_a_changed_figure():
    frames = {
        name: kd.load(name)
        for name in (
            "us_goods_trade_by_product_annual",
            "us_goods_trade_by_partner_annual_vintages",
            "goods_trade_by_product_annual",
        )
    }
    from korus_data.pipeline.curated import read_curated

    frames["vintage_gaps"] = read_curated("vintage_gaps")
    frames["enduse_total_differences"] = read_curated("enduse_total_differences")
    [result] = enduse_groups_equal_partner_totals(frames)
    assert result.status == "pass", [str(f) for f in result.examples]
    broken = frames["us_goods_trade_by_product_annual"].copy()
    japan = (
        (broken["partner_code"] == "5880")
        & (broken["year"] == 2016)
        & (broken["classification"] == "census_enduse_exports")
    )
    broken.loc[broken.index[japan][0], "value_usd_millions"] += 0.01
    [result] = enduse_groups_equal_partner_totals(
        {**frames, "us_goods_trade_by_product_annual": broken}
    )
    assert result.status == "fail"
    assert any("5880 2016 export" in str(f) for f in result.examples)


def test_the_product_claims_rest_on_official_enduse_exports_with_their_codes_named():
    verdicts = kd.check_claims().set_index("claim_id")
    codes = kd.load("claim_product_codes")
    assert set(codes["claim_id"]) == set(CLAIMS)
    for claim in CLAIMS:
        said = verdicts.loc[claim, "explanation"]
        assert verdicts.loc[claim, "verdict"] == "supported", (claim, said)
        assert said.startswith("U.S. exports to Korea, Census End-Use (")
        assert "not the first print the fact sheet read in 2019" in said
        assert "census-enduse-exports-2013-2022" in verdicts.loc[claim, "data_sources"]
    cars = verdicts.loc["us-exports-autos-grew-2018", "explanation"]
    assert "2017 1,544.6, 2018 1,690.5 million" in cars
    assert codes.loc[codes["claim_id"] == CLAIMS[0], "product_code"].tolist() == ["30000"]


def test_korea_ranks_among_us_markets_for_an_enduse_code():
    cars = kd.product_rank("30000", 2018, "export")
    korea = cars[cars["partner_code"] == "5800"]
    assert int(korea["rank"].item()) == 7
    assert korea["share_pct"].item() == pytest.approx(
        100 * 1690.496291 / cars["value_usd_millions"].sum(), rel=0.05
    )
    shares = kd.product_shares("KOR", years=2024, classification="enduse")
    assert shares["rank"].isna().all()  # Korea's rows only for 2024: no world to rank in
    assert "no world total for 2024" in shares.attrs["note"]


def test_a_rank_across_releases_says_what_korea_had_in_the_others_release():
    machines = kd.product_rank("21180", 2021)
    said = machines.attrs["ranked_within"]
    assert "Korea, South's from census-enduse-exports-korea-2015-2024" in said
    assert "in census-enduse-exports-2013-2022 Korea had 8,009.5 million" in said


def test_a_note_tells_a_later_revision_from_a_difference_inside_one_release():
    canada = kd.goods_by_product(partner="CAN", flow="export", year=2025)
    assert "within one release" in canada.attrs["note"]
    assert "later Census revision" not in canada.attrs["note"]
    korea = kd.goods_by_product(partner="KOR", flow="export", year=2023)
    assert korea.attrs["note"].startswith("a later Census revision changed")


def test_the_two_enduse_schedules_are_two_classifications():
    codes = kd.load("product_codes").set_index(["classification", "product_code"])
    assert codes.loc[("census_enduse_exports", "00000"), "description"] == "Wheat"
    assert codes.loc[("census_enduse_imports", "00000"), "description"] == "Green coffee"
    both = kd.goods_by_product(classification="census_enduse", year=2024)
    assert set(both["classification"]) == {"census_enduse_exports", "census_enduse_imports"}
