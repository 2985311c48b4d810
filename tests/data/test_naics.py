"""Trade by NAICS group with every partner: the sums the fact sheet's product claims rest on,
the partial running year, ranks and shares, and the gate that ties the groups to the totals."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import REPO

import korus_data as kd
from korus_data.errors import FilterError
from korus_data.validation.naics import naics_groups_equal_partner_totals

TABLE = "us_goods_trade_by_product_annual"


LISTED = REPO / "src" / "korus_data" / "curated" / "naics_total_differences.csv"


def _frames() -> dict[str, pd.DataFrame]:
    names = (TABLE, "us_goods_trade_by_partner_annual_vintages", "releases")
    listed = pd.read_csv(LISTED, dtype={"partner_code": str})
    return {**{name: kd.load(name) for name in names}, "naics_total_differences": listed}


def test_korea_2024_groups_add_up_to_the_census_totals_of_their_release():
    table = kd.load(TABLE)
    korea = table[
        (table["partner_code"] == "5800")
        & (table["year"] == 2024)
        & (table["classification"] == "census_naics3")
    ]
    sums = korea.groupby("flow")["value_usd_millions"].sum()
    # the sources README: 2024 exports 65,586,297,175 and imports 131,553,159,443 dollars
    assert round(sums["export"] * 1e6) == 65_586_297_175
    assert round(sums["import"] * 1e6) == 131_553_159_443
    # the same figures as the workbook of that release (2026-03-12), held as a vintage
    then = kd.load("us_goods_trade_by_partner_annual", as_of="2026-03-12")
    then = then[(then["partner_code"] == "5800") & (then["year"] == 2024)]
    assert then.set_index("flow")["value_usd_millions"].round(6).to_dict() == {
        "export": round(sums["export"], 6),
        "import": round(sums["import"], 6),
    }


def test_every_partner_of_the_reports_and_both_flows_are_there():
    table = kd.load(TABLE)
    assert set(table["classification"]) == {"census_naics3", "census_enduse_exports"}
    table = table[table["classification"] == "census_naics3"]
    assert table.groupby("flow")["partner_code"].nunique().min() >= 230
    codes = kd.load("product_codes")
    assert len(codes[codes["classification"] == "census_naics3"]) == 32


def test_the_running_year_is_partial_and_says_so():
    table = kd.load(TABLE)
    assert set(table.loc[table["months"] < 12, "year"]) == {2026}
    assert set(table.loc[table["year"] == 2026, "months"]) == {1}
    assert table.loc[table["year"] < 2026, "months"].eq(12).all()
    rows = kd.goods_by_product(partner="KOR", classification="naics", flow="export", year=2026)
    assert "partial" in rows.attrs and "1 of 12" in rows.attrs["partial"]


def test_product_rank_answers_the_fact_sheets_questions():
    oil = kd.product_rank("211", 2024, "export")
    korea = oil[oil["partner_code"] == "5800"].iloc[0]
    assert korea["rank"] == 2 and oil.iloc[0]["name"] == "Netherlands"
    assert 0 < korea["share_pct"] < 100
    assert oil["rank"].tolist() == list(range(1, len(oil) + 1))
    assert oil["value_usd_millions"].is_monotonic_decreasing
    cars = kd.product_rank("336", 2024, "import")
    assert int(cars.loc[cars["partner_code"] == "5800", "rank"].item()) == 4
    assert "ranked_within" in cars.attrs and cars.attrs["release"].startswith("census-usato")
    assert not set(oil["partner_code"]) & {"0015", "0003"}  # no groups among economies


def test_product_shares_are_of_the_world_total_of_the_same_group():
    shares = kd.product_shares("KOR", flow="export", years=2024)
    oil = shares[shares["product_code"] == "211"].iloc[0]
    rank = kd.product_rank("211", 2024, "export")
    assert oil["rank"] == 2
    assert oil["share_pct"] == pytest.approx(
        rank.loc[rank["partner_code"] == "5800", "share_pct"].item()
    )
    assert shares["share_pct"].between(0, 100).all()


def test_newer_totals_than_the_groups_release_are_said():
    shares = kd.product_shares("KOR", flow="export")
    assert "2025" in shares.attrs["note"]  # Korea's 2025 total was revised after 2026-03-12


def test_bad_arguments_say_what_is_allowed():
    with pytest.raises(FilterError, match="not a NAICS group"):
        kd.product_rank("999", 2024)
    with pytest.raises(FilterError, match="years"):
        kd.product_rank("211", 2019)
    with pytest.raises(FilterError, match="held for Korea only"):
        kd.goods_by_product(partner="JPN", classification="census_enduse_imports")


def test_the_gate_passes_and_catches_a_changed_group():
    frames = _frames()
    [result] = naics_groups_equal_partner_totals(frames)
    assert result.status == "pass"
    [unlisted] = naics_groups_equal_partner_totals({**frames, "naics_total_differences": None})
    assert unlisted.status == "fail" and unlisted.count == 3  # the listed three, unexplained
    table = frames[TABLE].copy()
    naics = table["classification"] == "census_naics3"
    at = table.index[naics & (table["partner_code"] == "5800") & (table["year"] == 2024)][0]
    table.loc[at, "value_usd_millions"] += 0.01  # ten thousand dollars
    [result] = naics_groups_equal_partner_totals({**frames, TABLE: table})
    assert result.status == "fail" and "5800 2024" in result.examples[0].message


def test_the_listed_differences_are_the_reports_own_totals():
    listed = kd.load(TABLE)
    differences = pd.read_csv(LISTED, dtype={"partner_code": str})
    for row in differences.itertuples():
        groups = listed[
            (listed["partner_code"] == row.partner_code)
            & (listed["year"] == row.year)
            & (listed["flow"] == row.flow)
        ]
        assert groups["value_usd_millions"].sum() == pytest.approx(
            row.report_usd_millions, abs=1e-5
        )
        assert abs(row.report_usd_millions - row.workbook_usd_millions) > 1
