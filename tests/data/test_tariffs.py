"""Tariffs: the schedule by edition, the 2025 measures, the duty actually paid, and KORUS
joined to trade, each against the files and hand computations."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import REPO

import korus_data as kd
from korus_data.errors import FilterError
from korus_data.pipeline.tables.hts import parse_rate, program_rates

TRUCK_SUBHEADINGS = ("870421", "870422", "870423", "870431", "870432", "870490")


def test_the_kr_rate_of_beef_in_each_edition():
    beef = kd.tariff_schedule("0201.10.50").set_index("edition")
    assert beef["kr_rate"].to_dict() == {2024: "3.5%", 2025: "1.7%", 2026: "Free"}
    assert beef["general_rate"].eq("26.4%").all()
    assert beef.loc[2024, "kr_ad_valorem_pct"] == 3.5 and beef.loc[2026, "kr_kind"] == "free"


def test_every_line_that_names_kr_is_covered_with_the_counts_of_the_files():
    schedule = kd.load("us_tariff_schedule")
    naming = schedule[schedule["kr_rate"].notna()].groupby("edition").size().to_dict()
    assert naming == {2024: 7152, 2025: 7151, 2026: 7152}
    staged = schedule[schedule["kr_kind"].notna() & (schedule["kr_kind"] != "free")]
    assert staged.groupby("edition").size().to_dict() == {2024: 84, 2025: 84, 2026: 19}


def test_the_truck_lines_agree_with_the_ita_staging_in_2024_2026():
    staging = kd.tariff_staging("8704")
    schedule = kd.load("us_tariff_schedule")
    for line in sorted(set(staging["tariff_line"])):
        assert line[:6] in TRUCK_SUBHEADINGS
        base = float(staging.loc[staging["tariff_line"] == line, "base_rate_pct"].iloc[0])
        for year in (2024, 2025, 2026):
            ita = staging[(staging["tariff_line"] == line) & (staging["year"] == year)]
            rows = schedule[
                (schedule["edition"] == year)
                & schedule["hts_code"].str.startswith(line[:6])
                & (schedule["general_ad_valorem_pct"] == base)
            ]
            assert len(rows) >= 1, (line, year)
            assert (rows["kr_ad_valorem_pct"] == ita["rate_pct"].item()).all(), (line, year)


@pytest.mark.parametrize(
    ("text", "kind", "pct"),
    [
        ("Free", "free", 0.0),
        ("6.8%", "ad_valorem", 6.8),
        ("4.4¢/kg", "specific", None),
        ("$1.092/kg", "specific", None),
        ("1.4¢/kg + 3%", "compound", None),
        ("The duty provided in the applicable subheading + 25%", "other", None),
        ("2.5% <u></u>", "other", None),
        ("", None, None),
    ],
)
def test_a_rate_is_parsed_or_kept_as_text(text, kind, pct):
    assert parse_rate(text) == (kind, pct)


def test_the_special_column_tolerates_the_slips_of_the_schedule():
    assert program_rates("Free (A*,AU,BH,CL,CO,D,E IL,JO,KR,MA)")["KR"] == "Free"
    assert program_rates("Free (BH,,CL,KR,.OM) 3.5% (P)")["KR"] == "Free"
    rates = program_rates("Free (BH,CL) 11.5¢/kg (CO,KR,PA) See 9822.04.15 (AU)")
    assert (rates["KR"], rates["AU"]) == ("11.5¢/kg", "See 9822.04.15")


def test_the_measures_naming_korea_in_the_2026_edition():
    measures = kd.tariff_measures().set_index("heading")
    assert len(measures) == 14
    assert measures.loc["9903.01.54", "status"] == "terminated"
    assert measures.loc["9903.01.54", "federal_register"] == "90 FR 37963"
    assert measures.loc["9903.02.56", "rate_pct"] == 15
    cars = measures.loc[["9903.94.61", "9903.94.63", "9903.94.65", "9903.02.80"]]
    assert (cars["rate_kind"] == "all_in").all() and (cars["rate_pct"] == 15).all()
    excepting = set(measures.loc[measures["korea"] == "excepts_korea"].index)
    assert excepting == {"9903.80.01", "9903.80.03"}
    terminated = set(kd.tariff_measures(status="terminated")["heading"])
    assert terminated == {"9903.01.54", "9903.02.56"}


def test_the_measures_are_checked_against_the_schedules_text(source_pack, tmp_path):
    from korus_data.pipeline.inputs import open_input
    from korus_data.pipeline.readers.usitc_hts import read_hts
    from korus_data.pipeline.tables.hts import measure_problems

    edition = read_hts(open_input(source_pack / "usitc/hts-2026-basic-edition.csv", tmp_path))
    measures = pd.read_csv(REPO / "data" / "us_tariff_measures.csv", dtype=str)
    assert measure_problems(measures, edition, 2026) == []
    problems = measure_problems(measures.iloc[1:], edition, 2026)
    assert any("9903.01.54 names South Korea but is not listed" in p for p in problems)
    wrong = measures.copy()
    wrong.loc[0, "federal_register"] = "90 FR 11111"
    wrong.loc[1, "status"] = "listed"
    wrong.loc[2, "rate_pct"] = "10"
    wrong.loc[6, "korea"] = "applies_to_korea"
    problems = measure_problems(wrong, edition, 2026)
    assert any("citation '90 FR 11111'" in p for p in problems)
    assert any("status listed" in p for p in problems)
    assert any("rate_pct 10.0" in p for p in problems)
    assert any("korea applies_to_korea, the text excepts it" in p for p in problems)


def test_korea_2016_average_rate_paid_and_its_rank():
    korea = kd.effective_tariff_rate("KOR", years=2016)
    duty = kd.load("us_imports_and_duty_annual").set_index(["partner_code", "year"])
    row = duty.loc[("5800", 2016)]
    expected = 100 * row["calculated_duty_usd_millions"] / row["value_usd_millions"]
    assert round(float(korea["rate_pct"].item()), 3) == round(expected, 3) == 0.265
    ranked = kd.effective_rate_rank(2016)
    mine = ranked.loc[ranked["partner_code"] == "5800", "rank_lowest_first"].item()
    assert int(korea["rank_lowest_first"].item()) == int(mine)
    assert int(korea["ranked"].item()) == len(ranked)
    assert ranked["value_usd_millions"].ge(1000).all()


def test_the_world_is_the_sum_of_every_country_and_says_so():
    side = kd.effective_tariff_rate("KOR", compare=["world"], years=2010)
    side = side.set_index("partner_code")
    assert "derived" in side.loc["0015", "name"]
    workbook = kd.load("us_goods_trade_by_partner_annual")
    world = workbook.set_index(["partner_code", "year", "flow"])
    assert side.loc["0015", "value_usd_millions"] == pytest.approx(
        world.loc[("0015", 2010, "import"), "value_usd_millions"], abs=1e-6
    )
    with pytest.raises(FilterError, match="give a list"):
        kd.effective_tariff_rate("KOR", compare="JPN")


def test_korea_2024_imports_by_treatment_add_up_to_the_files_total_to_the_dollar():
    treatment = kd.korus_treatment("KOR", 2024)
    assert round(float(treatment["value_usd_millions"].sum()) * 1e6) == 130_471_361_727
    assert round(treatment.attrs["total_usd_millions"] * 1e6) == 130_471_361_727
    by = treatment.set_index("treatment")
    assert by.loc["still_staged_under_korus", "value_usd_millions"] > 0
    assert by["share_pct"].sum() == pytest.approx(100)
    assert treatment.attrs["weighted_kr_pct"] < treatment.attrs["weighted_general_pct"]
    lines = kd.korus_lines("KOR", 2024)
    staged = lines[lines["treatment"] == "still_staged_under_korus"]
    assert staged["kr_kind"].ne("free").all() and staged["rate_line"].notna().all()


def test_a_10_digit_line_is_governed_by_its_own_rate_or_its_subheadings():
    from korus_data.analysis.korus_treatment import governing_lines

    schedule = pd.DataFrame(
        {
            "hts_code": ["0101300000", "87042251"],
            "general_rate": ["6.8%", "25%"],
            "general_kind": ["ad_valorem", "ad_valorem"],
            "general_ad_valorem_pct": [6.8, 25.0],
            "kr_rate": ["Free", "25%"],
            "kr_kind": ["free", "ad_valorem"],
            "kr_ad_valorem_pct": [0.0, 25.0],
        }
    )
    imports = pd.DataFrame({"hts_code": ["0101300000", "8704225120", "9999950000"]})
    governed = governing_lines(imports, schedule)
    assert governed["rate_line"].tolist()[:2] == ["0101300000", "87042251"]
    assert pd.isna(governed["rate_line"].iloc[2])


def test_a_bad_lookup_says_what_is_allowed():
    with pytest.raises(FilterError, match="edition=2019 is not allowed"):
        kd.tariff_schedule("8704", edition=2019)
    with pytest.raises(FilterError, match="no rate line matches"):
        kd.tariff_schedule("unobtainium")
    with pytest.raises(FilterError, match=r"no imports by HTS line held for 'KOR' in 2023"):
        kd.korus_treatment("KOR", 2023)
