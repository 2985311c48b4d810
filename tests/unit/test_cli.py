"""The korus-data command: output, exit codes (0 ok, 1 invalid, 2 usage) and messages."""

from __future__ import annotations

import json

import pytest

from korus_data.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_shows_catalogue_and_headline_series(capsys):
    code, out, _ = run(capsys, "summary")
    assert code == 0
    assert "goods_trade_monthly" in out and "balance" in out and "2018" in out


def test_tables_lists_every_table(capsys):
    code, out, _ = run(capsys, "tables", "--format", "csv")
    assert code == 0 and "goods_trade_annual" in out and "sources" in out


def test_show_with_head(capsys):
    code, out, _ = run(capsys, "show", "goods_trade_annual", "--head", "2", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("reporter,partner,year,flow,basis")
    assert len(out.splitlines()) == 3


def test_show_unknown_table_is_a_usage_error_with_suggestion(capsys):
    code, _, err = run(capsys, "show", "goods_trade_montly")
    assert code == 2 and "Did you mean 'goods_trade_monthly'" in err


def test_negative_head_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["show", "sources", "--head", "-1"])
    assert info.value.code == 2 and "--head" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_validate_json_on_the_package(capsys):
    code, out, _ = run(capsys, "validate", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True


def test_validate_an_edited_copy_that_is_broken(capsys, package_copy):
    path = package_copy / "data" / "goods_trade_monthly.csv"
    text = path.read_text().replace("USA,KOR,1985-02,export", "USA,KOR,1985-13,export", 1)
    path.write_text(text)
    code, out, _ = run(capsys, "validate", "--data-dir", str(package_copy / "data"))
    assert code == 1
    assert "1985-13" in out and "INVALID" in out


def test_describe_and_cite(capsys):
    code, out, _ = run(capsys, "describe", "goods_trade_monthly")
    assert code == 0 and "yearmonth" in out
    code, out, _ = run(capsys, "cite")
    assert code == 0 and "korus-data" in out


def test_the_refresh_bounds_the_help_states_are_the_fetchers():
    from korus_data.cli import maintenance_parser
    from korus_data.pipeline.refresh import http

    assert maintenance_parser.MAX_BYTES == http.MAX_BYTES
    assert maintenance_parser.DEADLINE_SECONDS == http.DEADLINE_SECONDS


def test_goods_is_the_first_command_a_newcomer_types(capsys):
    code, out, _ = run(capsys, "goods", "--years", "2024", "2025", "--format", "csv")
    rows = out.splitlines()
    assert code == 0 and rows[0].startswith("year,") and "balance" in rows[0]
    assert len(rows) == 3 and rows[2].startswith("2025,")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["trade"], "use korus-data goods"),
        (["rnak"], "did you mean rank?"),
        (["rates", "--daily"], "did you mean --frequency daily?"),
        (["rank", "2018"], "did you mean --year 2018?"),
    ],
)
def test_a_slip_on_the_command_line_says_the_fix(capsys, argv, said):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and said in err, err
    assert "Traceback" not in err


def test_a_subcommand_error_shows_that_subcommands_usage(capsys):
    with pytest.raises(SystemExit):
        main(["rates", "--daily"])
    assert "usage: korus-data rates" in capsys.readouterr().err


def test_a_state_by_name_is_told_its_code(capsys):
    code, _, err = run(capsys, "projects", "--state", "Georgia")
    assert code == 2 and "state='GA'" in err


def test_a_misspelt_partner_suggests_korea_first():
    import korus_data as kd
    from korus_data.analysis.partners import PartnerError

    with pytest.raises(PartnerError, match=r"did you mean 'Korea, South'"):
        kd.effective_tariff_rate(partner="Koria")


def test_a_refusal_of_the_system_is_one_line(capsys, monkeypatch):
    from korus_data.cli import commands

    def refused(args):
        raise PermissionError(13, "Permission denied", "/somewhere/data")

    monkeypatch.setattr(commands, "cmd_tables", refused)
    code, _, err = run(capsys, "tables")
    assert code == 1 and err == "korus-data: error: /somewhere/data: Permission denied\n"
