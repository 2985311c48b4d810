"""Korea in context: the partners table, its ISO mapping, ranks, shares and name resolution."""

from __future__ import annotations

import difflib
import re

import pandas as pd
import pycountry
import pytest

import korus_data as kd
from korus_data.analysis.partners import PartnerError
from korus_data.validation import cross_table as consistency

#: Census spellings that share no close wording with any ISO name, and why they are right.
KNOWN_DIFFERENT_NAMES = {
    "5800": "Korea, South = Korea, Republic of",
    "5790": "Korea, North = Korea, Democratic People's Republic of",
    "5460": "Burma = Myanmar",
    "5601": "East Timor = Timor-Leste",
    "5210": "Republic of Yemen = Yemen",
    "7950": "Eswatini (formerly Swaziland)",
    "4752": "Vatican City = Holy See (Vatican City State)",
    "4031": "Svalbard, Jan Mayen Island = Svalbard and Jan Mayen",
    "7905": "French Southern and Antarctic = French Southern Territories",
    "7810": "British Indian Ocean Terr. = British Indian Ocean Territory",
    "6029": "Heard and McDonald Islands = Heard Island and McDonald Islands",
    "3720": "Falkland Islands(Islas Malvin (truncated) = Falkland Islands (Malvinas)",
    "5082": "Gaza Strip admin. by Israel: part of ISO's Palestine, State of",
    "5083": "West Bank admin. by Israel: part of ISO's Palestine, State of",
    "5160": "Iraq-Saudi Arabia Neutral Zone = Neutral Zone (ISO 3166-3)",
    "4794": "Macedonia = North Macedonia",
    "7660": "Democratic Republic of Congo = Congo, The Democratic Republic of the",
    "2482": "British Virgin Islands = Virgin Islands, British",
    "4790": "Yugoslavia (former) = Yugoslavia, (Socialist) Federal Republic of",
    "4610": "USSR = USSR, Union of Soviet Socialist Republics",
    "4890": "Turkey = Türkiye",
}


def _iso_entry(code: str):
    return pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)


def _names(entry) -> list[str]:
    return [
        getattr(entry, a) for a in ("name", "official_name", "common_name") if hasattr(entry, a)
    ]


def _normal(text: str) -> str:
    text = text.casefold().replace("st ", "saint ").replace("&", "and")
    return re.sub(r"[^a-z ]", "", text)


def test_every_single_economy_has_a_valid_iso_code_or_a_reason():
    partners = kd.load("partners")
    countries = partners[partners["kind"] == "country"]
    assert len(countries) > 200
    for row in countries.itertuples():
        if pd.isna(row.iso3):
            assert isinstance(row.note, str) and "ISO" in row.note, row.partner_code
            continue
        entry = _iso_entry(row.iso3)
        assert entry is not None, f"{row.partner_code} {row.name}: {row.iso3} is not an ISO code"
        current = pycountry.countries.get(alpha_3=row.iso3) is not None
        assert row.iso_status == ("current" if current else "former"), row.partner_code


def test_every_iso_code_names_the_same_economy_as_the_census():
    partners = kd.load("partners").dropna(subset=["iso3"])
    for row in partners.itertuples():
        if row.partner_code in KNOWN_DIFFERENT_NAMES:
            continue
        names = [_normal(n) for n in _names(_iso_entry(row.iso3))]
        census = _normal(row.name)
        best = max(difflib.SequenceMatcher(None, census, n).ratio() for n in names)
        contained = any(census in n or n in census for n in names)
        assert contained or best >= 0.75, f"{row.partner_code} {row.name!r} vs {names}"


def test_historical_partners_keep_their_former_iso_codes():
    partners = kd.load("partners").set_index("partner_code")
    assert partners.loc["4610", ["iso3", "iso_status"]].tolist() == ["SUN", "former"]  # USSR
    assert partners.loc["4790", ["iso3", "iso_status"]].tolist() == ["YUG", "former"]
    assert partners.loc["2771", ["iso3", "iso_status"]].tolist() == ["ANT", "former"]
    assert partners.loc["5800", ["name", "iso3"]].tolist() == ["Korea, South", "KOR"]


def test_groups_have_no_iso_code():
    partners = kd.load("partners")
    assert partners.loc[partners["kind"] != "country", "iso3"].isna().all()
    assert set(partners.loc[partners["partner_code"] < "1000", "kind"]) == {"aggregate"}


def test_codes_keep_their_leading_zeros():
    assert "0003" in set(kd.load("partners")["partner_code"])
    assert "0015" in set(kd.load("us_goods_trade_by_partner_annual")["partner_code"])
    from korus_data.store.paths import package_root

    # the CSV itself: codes are written with their zeros
    first_row = (package_root() / "data" / "partners.csv").read_text().splitlines()[1]
    assert first_row.startswith("0001,")


def test_sum_of_partners_equals_the_world_total_from_1992():
    names = ("us_goods_trade_by_partner_annual", "us_goods_trade_by_partner_annual_vintages")
    frames = {n: kd.load(n) for n in (*names, "partners")}
    results = consistency.partners_sum_to_world(frames)
    assert results[0].status == "pass", [str(f) for f in results[0].examples]
    # Before 1992 the workbook lists only selected partners: shown as a warning.
    assert results[1].status == "warn" and "1991" in results[1].note


def test_ranks_are_deterministic_and_ties_go_to_the_smaller_code(monkeypatch):
    from korus_data.analysis import partners as module

    ranks = kd.partner_rank(2018)
    assert list(ranks["rank"]) == list(range(1, len(ranks) + 1))
    assert ranks["total"].is_monotonic_decreasing
    # A forced tie: give Japan exactly Korea's total; the smaller code (5800) ranks first.
    wide = module._wide("country")
    korea = wide[(wide["partner_code"] == "5800") & (wide["year"] == 2018)]["total"].item()
    wide.loc[(wide["partner_code"] == "5880") & (wide["year"] == 2018), "total"] = korea
    ranked = module._ranked(wide[wide["year"] == 2018], "total").set_index("partner_code")
    assert ranked.loc["5800", "rank"] + 1 == ranked.loc["5880", "rank"]


def test_korea_rank_over_time():
    ranks = kd.korea_rank().set_index("year")
    assert ranks.loc[2018, "rank_total"] == 6
    assert ranks.index.min() == 1985
    assert (ranks["rank_total"] >= 1).all()


def test_aggregates_only_when_asked():
    assert set(kd.partner_rank(2018)["kind"]) == {"country"}
    assert "0015" in set(kd.partner_rank(2018, kind="all")["partner_code"])


def test_share_is_partner_over_world():
    share = kd.share_of_us_trade("KOR", years=(2016, 2018))
    assert list(share["year"]) == [2016, 2017, 2018]
    expected = 100 * share["total"] / share["world_total"]
    assert (share["share_pct"] - expected).abs().max() < 1e-12


@pytest.mark.parametrize("name", ["KOR", "5800", 5800, "Korea, South", "South Korea", "korea"])
def test_korea_resolves_from_any_common_name(name):
    assert kd.resolve_partner(name) == "5800"


def test_ambiguous_and_unknown_partners_are_explained():
    with pytest.raises(PartnerError, match=r"ambiguous.*5082.*5083"):
        kd.resolve_partner("PSE")
    with pytest.raises(ValueError, match="did you mean 'Korea, South'"):
        kd.resolve_partner("Korea, Soth")
    with pytest.raises(ValueError, match="no Census partner has the code '9999'"):
        kd.resolve_partner("9999")
    assert kd.resolve_partner("SRB") == "4801"  # the code still in use


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"by": "gdp"}, "'total', 'exports', 'imports'"),
        ({"kind": "region"}, "'country'"),
        ({"year": 1900}, "from 1985"),
        ({"top": 0}, "≥ 1"),
    ],
)
def test_bad_rank_arguments_say_what_is_allowed(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        kd.partner_rank(**kwargs)


def test_cli_rank(capsys):
    from korus_data.cli import main

    assert main(["rank", "--year", "2018", "--top", "6", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and lines[6].startswith("6,5800,")


def test_the_releases_of_a_figure_pair_are_sorted_and_joined():
    from korus_data.analysis.partners import _releases

    trade = pd.DataFrame(
        {
            "partner_code": ["5800", "5800", "5700", "5700", "5700", "1220"],
            "year": [2020, 2020, 2020, 2020, 2020, 2020],
            "source_id": ["b", "a", "c", "a", "b", "x"],
        }
    )
    joined = _releases(trade)
    assert joined[("5800", 2020)] == "a; b"
    assert joined[("5700", 2020)] == "a; b; c"  # more than two: still sorted and joined
    assert joined[("1220", 2020)] == "x"
    assert _releases(trade[trade.partner_code != "5700"])[("5800", 2020)] == "a; b"


def test_zeros_of_listed_economies_are_kept_and_ceased_codes_are_not_applicable():
    """The workbook lists Libya (under embargo), Niue, Tuvalu, Pitcairn, Wallis and Futuna and
    East Timor with zero trade in their first listed years: measured zeros, published. Codes
    that ceased (Czechoslovakia, the USSR after 1992) list zeros that mean "not applicable"."""
    every = kd.load("us_goods_trade_by_partner_annual").set_index(["partner_code", "year", "flow"])
    for code, year in (
        ("7250", 1992),
        ("6144", 1992),
        ("6227", 1993),
        ("6225", 1992),
        ("6413", 1995),
        ("5601", 2000),
    ):
        for flow in ("export", "import"):
            assert every.loc[(code, year, flow), "value_usd_millions"] == 0, (code, year, flow)
    for code, year in (("4350", 1993), ("4610", 1993), ("4790", 2003)):
        assert (code, year, "export") not in every.index, (code, year)
