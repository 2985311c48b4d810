"""The product, rate and tariff commands: what they print, in a terminal and for machines."""

from __future__ import annotations

import json

import pytest

from korus_data.cli import main


def _run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_products_lists_a_partners_largest_groups(capsys):
    out = _run(capsys, "products", "KOR", "--flow", "export", "--year", "2024", "--top", "3")
    assert "211" in out and "Oil & Gas" in out and "Korea, South" in out
    assert "release" in out  # the release the groups come from is said


def test_product_rank_names_korea_second_for_oil_and_gas_in_2024(capsys):
    rows = json.loads(_run(capsys, "product-rank", "211", "--year", "2024", "--format", "json"))
    assert rows[1]["partner_code"] == "5800" and rows[1]["rank"] == 2


def test_rates_and_tariffs(capsys):
    assert "1,363.4" in _run(capsys, "rates", "--years", "2024")
    out = _run(capsys, "tariffs", "8704", "--staging")
    assert "2041" in out and "whole KORUS" in out
    assert len(out.splitlines()) < 60  # runs of years, not one row a year


def test_a_bad_group_is_one_line_with_the_fix(capsys):
    assert main(["product-rank", "999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "211" in err


@pytest.mark.parametrize("command", ["products", "product-rank", "rates", "tariffs"])
def test_each_command_has_help(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "usage: korus-data " + command in capsys.readouterr().out


def test_tariffs_measures_and_duty(capsys):
    out = _run(capsys, "tariffs", "0201.10.50", "--edition", "2024")
    assert "02011050" in out and "3.5%" in out and "26.4%" in out
    out = _run(capsys, "tariffs", "--staged")
    assert "8704" in out and "9903" not in out  # chapter 99 provisions are not staging
    out = _run(capsys, "measures", "--status", "terminated")
    assert "9903.01.54" in out and "9903.94.61" not in out
    out = _run(capsys, "duty", "KOR", "JPN", "--years", "2016")
    assert "0.26" in out and "lowest rate first" in out
    assert main(["tariffs"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "korus-data tariffs 8704" in err


@pytest.mark.parametrize("command", ["measures", "duty"])
def test_each_tariff_command_has_help(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "usage: korus-data " + command in capsys.readouterr().out
