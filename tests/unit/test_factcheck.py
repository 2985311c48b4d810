"""The fact check: every claim resolves to a check, verdicts on known inputs, verdicts flip."""

from __future__ import annotations

import pandas as pd
import pytest

import korus_data as kd
from korus_data.factcheck import checks as fact_check
from korus_data.factcheck.verdicts import VERDICTS, compare, source_rounding
from korus_data.schema.codes import CLAIM_CHECKS, FACT_SHEET_SOURCE_ID


@pytest.fixture(scope="module")
def verdicts() -> pd.DataFrame:
    return kd.check_claims().set_index("claim_id")


def test_every_claim_names_a_check_and_has_a_verdict(verdicts):
    table = kd.load("claims")
    assert set(table["check"]) <= set(fact_check.CHECKS)
    assert set(verdicts["verdict"]) <= set(VERDICTS)
    assert len(verdicts) == len(table) >= 20
    assert (verdicts["explanation"].str.len() > 10).all()


def test_the_vocabulary_of_checks_is_the_set_of_named_checks():
    assert tuple(fact_check.CHECKS) == CLAIM_CHECKS


def test_every_data_source_resolves_and_is_never_the_fact_sheet_itself(verdicts):
    known = set(kd.load("sources")["source_id"])
    for claim_id, cited in verdicts["data_sources"].items():
        ids = [s for s in cited.split("; ") if s]
        assert set(ids) <= known, claim_id
        assert FACT_SHEET_SOURCE_ID not in ids, claim_id


def test_required_claims_are_covered(verdicts):
    required = {
        "goods-two-way-2018",
        "services-two-way-2018",
        "goods-services-deficit-drop-2018",
        "us-exports-autos-grew-2018",
        "us-exports-farm-grew-2018",
        "us-exports-fuel-grew-2018",
        "us-exports-chemicals-grew-2018",
        "korea-major-investor",
        "korea-investment-growing",
        "affiliates-jobs-2016",
        "affiliates-rnd-2016",
        "affiliates-exports-2016",
        "korea-13th-fastest-growing",
        "multi-billion-projects-since-2017",
        "lotte-lake-charles-opened",
        "lg-clarksville-opened",
        "sk-jackson-county-groundbreaking",
        "hanwha-dalton-online",
        "hanwha-dalton-capacity",
        "lg-hazel-park-announced",
        "hyundai-kia-plan-2017",
        "korea-closest-partner-2018",
        "f35a-purchase",
    }
    assert required <= set(verdicts.index)


def test_known_verdicts(verdicts):
    assert verdicts.loc["goods-two-way-2018", "verdict"] == "supported"
    assert verdicts.loc["goods-two-way-2018", "figure"] == pytest.approx(130557.164, abs=0.01)
    assert verdicts.loc["hanwha-dalton-capacity", "verdict"] == "contradicted"
    # official End-Use exports decide the four product claims (#34): chemicals was not
    # verifiable, autos and fuel rested on Korea's own records (with caveat)
    assert verdicts.loc["us-exports-chemicals-grew-2018", "verdict"] == "supported"
    assert verdicts.loc["f35a-purchase", "verdict"] == "out of scope"
    assert "rounding" in verdicts.loc["affiliates-rnd-2016", "explanation"]


def test_verdict_flips_when_the_data_change():
    annual = kd.load("goods_trade_annual")
    lower = annual.copy()
    row = (lower["reporter"] == "USA") & (lower["basis"] == "census") & (lower["year"] == 2018)
    lower.loc[row & (lower["flow"] == "import"), "value_usd_millions"] -= 1000.0
    result = kd.check_claims({"goods_trade_annual": lower}).set_index("claim_id")
    assert result.loc["goods-two-way-2018", "verdict"] == "contradicted"


def test_deficit_claim_flips_with_a_smaller_drop():
    bop = kd.load("bop_trade_annual")
    changed = bop.copy()
    korea_2018 = (changed["partner"] == "KOR") & (changed["year"] == 2018)
    changed.loc[
        korea_2018 & (changed["account"] == "goods") & (changed["flow"] == "import"),
        "value_usd_millions",
    ] += 1500.0  # deficit 2018 now 6,049: down only 9 %
    result = kd.check_claims({"bop_trade_annual": changed}).set_index("claim_id")
    assert result.loc["goods-services-deficit-drop-2018", "verdict"] == "contradicted"


def test_nearly_has_an_explicit_tolerance():
    claim = pd.Series({"threshold": 35000.0, "comparison": "nearly", "tolerance_pct": 5.0})
    assert compare(33250.0, claim)[0]
    assert not compare(33249.0, claim)[0]
    assert not compare(35001.0, claim)[0]


def test_source_rounding():
    assert source_rounding(1000.0) == 500
    assert source_rounding(14200.0) == 50
    assert source_rounding(51900.5) == 0


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_cli_claims_formats(capsys, fmt):
    from korus_data.cli import main

    assert main(["claims", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "goods-two-way-2018" in out and "supported" in out


def test_readme_fact_check_table_is_current():
    from helpers import REPO

    from korus_data.factcheck.readme_table import (
        FACT_CHECK_PATH,
        claims_block,
        fact_check_document,
    )

    stale = "run `korus-data build --descriptor-only` to refresh the fact-check tables"
    assert claims_block() in (REPO / "README.md").read_text(encoding="utf-8"), stale
    assert (REPO / FACT_CHECK_PATH).read_text(encoding="utf-8") == fact_check_document(), stale


def test_product_claims_say_what_followed_without_changing_their_verdicts():
    import warnings

    now = kd.check_claims().set_index("claim_id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an as_of answer may warn of newer Census months
        before = kd.check_claims(as_of="2026-03-11").set_index(
            "claim_id"
        )  # before the NAICS release
    products = [c for c in now.index if c.startswith("us-exports-") and c.endswith("-grew-2018")]
    assert len(products) == 4
    for claim in products:
        assert "Since then (NAICS" in now.loc[claim, "explanation"]
        assert "Since then" not in before.loc[claim, "explanation"]
        assert now.loc[claim, "verdict"] == before.loc[claim, "verdict"]
    assert "2025 16,187" in now.loc["us-exports-fuel-grew-2018", "explanation"]
