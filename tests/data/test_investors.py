"""Korea among investors: the every-partner position table, ranks, growth ranks, the window
rule, and the two investment claims."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

import korus_data as kd
from korus_data.errors import FilterError
from korus_data.factcheck import investors as claims
from korus_data.factcheck.verdicts import Data

TABLE = "direct_investment_position_by_partner_annual"


@pytest.fixture(scope="module")
def positions() -> pd.DataFrame:
    return kd.load(TABLE)


def test_both_directions_every_kind_and_years(positions):
    inward = positions[positions.direction == "inward"]
    outward = positions[positions.direction == "outward"]
    assert (inward.year.min(), inward.year.max()) == (2008, 2019)
    assert (outward.year.min(), outward.year.max()) == (1982, 2014)
    assert set(positions.partner_kind) == {
        "country",
        "territory_group",
        "region",
        "residual",
        "total",
    }
    assert set(inward[inward.partner_kind == "total"].year) == set(range(2008, 2020))
    assert (
        inward[(inward.partner == "All countries") & (inward.year == 2008)][
            "value_usd_millions"
        ].item()
        == 2046662.0
    )


def test_every_country_code_is_an_iso_code(positions):
    countries = positions[positions.partner_kind == "country"].drop_duplicates("partner")
    for row in countries.itertuples():
        if pd.isna(row.iso3):
            assert isinstance(row.note, str) and "ISO" in row.note, row.partner
            continue
        current = pycountry.countries.get(alpha_3=row.iso3)
        former = pycountry.historic_countries.get(alpha_3=row.iso3)
        assert current or former, f"{row.partner}: {row.iso3}"
        assert row.iso_status == ("current" if current else "former"), row.partner


def test_marked_cells_have_no_row_never_a_zero(positions):
    # Azerbaijan 2008 inward is (D) and Albania 2012 inward is (*) in BEA's table
    inward = positions[positions.direction == "inward"].set_index(["iso3", "year"])
    assert ("AZE", 2008) not in inward.index and ("AZE", 2009) in inward.index
    assert ("ALB", 2012) not in inward.index and ("ALB", 2008) in inward.index
    notes = kd.load("sources").set_index("source_id")["notes"]
    assert (
        "230 (*) (under $500,000), 335 (D) (suppressed)"
        in notes["bea-fdius-position-by-country-2008-2019"]
    )


def test_korea_rows_equal_the_korea_us_table_for_the_same_release(positions):
    korea = positions[positions.iso3 == "KOR"]
    pairs = kd.load("direct_investment_position_annual_vintages")
    for row in korea.itertuples():
        investor, host = ("KOR", "USA") if row.direction == "inward" else ("USA", "KOR")
        same = pairs[
            (pairs.investor == investor)
            & (pairs.host == host)
            & (pairs.year == row.year)
            & (pairs.source_id == row.source_id)
        ]
        assert same.value_usd_millions.item() == row.value_usd_millions


def test_rank_by_position_counts_countries_only(positions):
    ranked = kd.investor_rank(2018)
    assert ranked.iloc[0].iso3 == "GBR" and ranked.iloc[0]["rank"] == 1
    assert ranked.loc[ranked.iso3 == "KOR", "rank"].item() == 13
    assert ranked.iso3.notna().all() and ranked.iso3.is_unique
    total = positions[(positions.partner_kind == "total") & (positions.year == 2018)]
    korea = ranked[ranked.iso3 == "KOR"].iloc[0]
    assert korea.share_of_all == pytest.approx(56612 / total.value_usd_millions.item())
    assert ranked["rank"].is_monotonic_increasing


def test_ties_share_the_lowest_rank_and_are_flagged():
    ranked = kd.investor_rank(2018)
    zero = ranked[ranked.value_usd_millions == 0]
    assert len(zero) > 1 and zero["rank"].nunique() == 1 and zero.tied.all()
    assert not ranked[ranked.value_usd_millions > 1000].tied.any()


def test_growth_is_compound_annual_growth_over_the_window_above_the_minimum():
    ranked = kd.investor_rank(2018, by="growth", window=5, minimum=1000)
    korea = ranked[ranked.iso3 == "KOR"].iloc[0]
    assert korea.growth == pytest.approx((56612 / 31790) ** (1 / 5) - 1)
    assert (ranked.start_usd_millions >= 1000).all()
    assert (
        set(ranked.window) == {5}
        and set(ranked.minimum) == {1000}
        and set(ranked.start_year) == {2013}
    )
    lower = kd.investor_rank(2018, by="growth", window=5, minimum=0.5)
    assert len(lower) > len(ranked)  # the minimum keeps tiny positions off the list


def test_korea_rank_over_time():
    ranks = kd.korea_investor_rank()
    assert list(ranks.year) == list(range(2008, 2020))
    assert ranks.set_index("year").loc[2018, "rank"] == 13
    growth = kd.korea_investor_rank(by="growth", window=3)
    assert growth.year.min() == 2011


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: kd.investor_rank(2030), "use a year from 2008 to 2019"),
        (lambda: kd.investor_rank(2018, by="growth", window=12), "at most 10 years"),
        (lambda: kd.investor_rank(2018, by="growth", minimum=10**9), "leaves no country"),
        (lambda: kd.investor_rank(2018, by="size"), "'position', 'growth'"),
        (lambda: kd.korea_investor_rank("XXX"), "has no position: use an ISO"),
        (lambda: kd.investor_rank(2018, direction="sideways"), "'inward', 'outward'"),
    ],
    ids=["year", "window", "minimum", "by", "country", "direction"],
)
def test_bad_input_names_what_is_available(call, match):
    with pytest.raises(ValueError, match=match):
        call()
    assert issubclass(FilterError, ValueError)


def test_the_two_investment_claims_state_their_evidence():
    verdicts = kd.check_claims().set_index("claim_id")
    major = verdicts.loc["korea-major-investor"]
    assert major.verdict == "supported"
    assert "2018: 13 of 165" in major.explanation and "20 largest" in major.explanation
    assert "within bea-fdius-position-by-country-2008-2019" in major.explanation
    assert "2017 $55.6 billion" in major.explanation  # Korea's newest figure, beside the rank
    growth = verdicts.loc["korea-13th-fastest-growing"]
    assert growth.verdict == "not verifiable"
    for window in ("2014-2017", "2012-2017", "2015-2018", "2013-2018"):
        assert window in growth.explanation


def test_the_growth_claim_never_picks_a_window():
    # even when every window gives 13th, the period cannot be identified: not verifiable
    frame = kd.load(TABLE)
    data = Data({TABLE: frame})
    claim = kd.load("claims").set_index("claim_id").loc["korea-13th-fastest-growing"]
    verdict = claims.investment_growth_rank(claim, data)
    assert verdict.verdict == "not verifiable" and "no window is chosen" in verdict.explanation
    ranks = [
        claims.growth_rank(claims._inward_countries(data)[1], w, y)
        for w, y in claims.GROWTH_WINDOWS
    ]
    assert [r[0] for r in ranks] == [13, 6, 13, 13]


def test_major_flips_when_korea_falls_below_the_stated_rank():
    frame = kd.load(TABLE).copy()
    row = (frame.iso3 == "KOR") & frame.year.isin([2016, 2017, 2018])
    frame.loc[row, "value_usd_millions"] = 100.0
    result = kd.check_claims({TABLE: frame}).set_index("claim_id")
    assert result.loc["korea-major-investor", "verdict"] == "contradicted"


def test_residual_other_lines_belong_to_their_region_not_to_a_group_of_territories(positions):
    """BEA lists "United Kingdom Islands, Caribbean" (a group of territories) just before the
    residual "Other" of Other Western Hemisphere: the residual is the region's."""
    assert not positions["partner"].str.contains("Islands, Caribbean: Other").any()
    inward = positions[(positions.direction == "inward") & (positions.year == 2008)]
    value = inward.set_index("partner")["value_usd_millions"]
    assert value["Other Western Hemisphere: Other"] == -5132
    parts = ["Bahamas", "Bermuda", "Netherlands Antilles", "United Kingdom Islands, Caribbean"]
    assert (
        value[parts].sum() + value["Other Western Hemisphere: Other"]
        == value["Other Western Hemisphere"]
    )
    groups = positions[positions.partner_kind == "territory_group"]
    assert groups["partner"].nunique() == 9 and groups["iso3"].isna().all()


def test_no_partner_name_is_mis_decoded(positions):
    names = pd.Series(positions["partner"].unique())
    assert not names.str.contains("\u0324|\u00c3|\ufffd").any()  # a stray diaeresis below, mojibake
    outward = positions[(positions.direction == "outward") & (positions.iso3 == "CUW")]
    assert set(outward["partner"]) == {"Curacao"}


def test_a_rank_names_its_release_shows_korea_s_newest_figure_and_what_it_left_out():
    ranked = kd.investor_rank(2017)
    assert ranked.attrs["ranked_within"] == ["bea-fdius-position-by-country-2008-2019"]
    # BEA's groups of territories with a figure that year (the others are suppressed)
    assert "United Kingdom Islands, Caribbean" in ranked.attrs["not_ranked"]
    assert set(ranked.attrs["not_ranked"]) <= set(
        kd.load(TABLE).query("partner_kind == 'territory_group'")["partner"]
    )
    korea = ranked.set_index("iso3").loc["KOR"]
    assert korea["value_usd_millions"] == 54183 and korea["newest_usd_millions"] == 55570
    assert korea["newest_source_id"] == "yonhap-2021-08-29-commerce-di"
    assert ranked.drop(index=ranked.index[ranked.iso3 == "KOR"])["newest_usd_millions"].isna().all()
    by_year = kd.korea_investor_rank().set_index("year")
    assert by_year.loc[2016, "newest_usd_millions"] != by_year.loc[2016, "newest_usd_millions"]
    assert by_year.loc[[2017, 2018, 2019], "newest_usd_millions"].tolist() == [55570, 58000, 55750]


def test_every_figure_two_tables_show_agrees_or_the_answer_names_why():
    """Korea's position for a year is in both position tables: the same release gives the
    same figure; where the Korea-U.S. table holds a newer release, the rank shows it."""
    newest = kd.direct_investment("KOR", "USA").set_index("year")
    ranks = kd.korea_investor_rank().set_index("year")
    for year, row in ranks.iterrows():
        if year not in newest.index:
            continue
        same = newest.loc[year, "value_usd_millions"] == row["value_usd_millions"]
        assert same or row["newest_usd_millions"] == newest.loc[year, "value_usd_millions"], year
    annual = kd.goods_trade(basis="census").set_index(["year", "flow"])["value_usd_millions"]
    every = kd.load("us_goods_trade_by_partner_annual")
    korea = every[every.partner_code == "5800"].set_index(["year", "flow"])["value_usd_millions"]
    assert (korea.reindex(annual.index) - annual).abs().max() < 1e-6
