"""What a person at a terminal sees: output that fits, readable numbers, helpful help, one-line
errors, quick start, short reprs."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

import korus_data as kd
from korus_data.cli import build_parser, main
from korus_data.cli.output import table_text

WIDTH = 120


@pytest.mark.parametrize(
    "frame",
    [
        lambda: kd.tables(),
        lambda: kd.describe("goods_trade_monthly"),
        lambda: kd.check_claims()[["claim_id", "verdict", "explanation"]],
        lambda: kd.investment_projects(),
        lambda: kd.partner_rank(2018, kind="aggregate"),
    ],
    ids=["tables", "describe", "claims", "projects", "rank-aggregate"],
)
def test_tables_fit_a_120_column_terminal_without_nan(frame):
    text = table_text(frame(), WIDTH)
    lines = text.splitlines()
    body = [line for line in lines if not line.startswith("(")]
    assert max(len(line) for line in body) <= WIDTH
    assert "nan" not in text.lower().replace("financ", "")  # a missing value shows as —
    assert "NaN" not in text and "<NA>" not in text


def test_numbers_read_like_numbers():
    text = table_text(kd.trade_balance(years=2018), WIDTH)
    assert "56,318.3" in text and "2018" in text and "2,018" not in text
    assert "56318.293632" not in text  # no six-decimal noise for a person


def test_every_command_and_option_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        assert any(c.dest == name and c.help for c in sub._choices_actions), name
        for action in command._actions:
            if action.dest not in ("help",) and action.option_strings:
                assert action.help, (name, action.dest)
            if not action.option_strings and action.dest not in ("help",):
                assert action.help, (name, action.dest)


def test_version_names_library_and_data(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert kd.__version__ in out and kd.DATA_VERSION in out


USAGE_ERRORS = [
    ["summary", "--years", "0"],
    ["summary", "--years", "-2"],
    ["rank", "--top", "0"],
    ["show", "claims", "--head", "x"],
]


@pytest.mark.parametrize("argv", USAGE_ERRORS)
def test_usage_errors_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "Traceback" not in "\n".join(err) and err[-1].startswith("usage:") is False


def test_help_and_tables_start_without_pandas():
    code = (
        "import sys, contextlib, io\n"
        "from korus_data.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['tables'])\n"
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_build_without_the_build_extra_says_what_to_install(monkeypatch, tmp_path):
    from korus_data.errors import BuildError
    from korus_data.pipeline import inputs

    monkeypatch.setitem(sys.modules, "python_calamine", None)
    from korus_data.extras import install_command

    with pytest.raises(BuildError, match="python-calamine") as info:
        inputs.read_workbook(tmp_path / "country.xlsx")
    assert str(info.value).endswith(install_command("build"))


def test_the_validation_report_is_short_in_a_repl_and_a_table_in_a_notebook():
    report = kd.validate()
    assert len(repr(report)) < 120 and repr(report).startswith("<ValidationReport VALID")
    assert "<table>" in report._repr_html_() or "VALID" in report._repr_html_()
    text = report.text(width=WIDTH)
    assert text.splitlines()[-1].startswith("VALID:")
    assert all(len(line) <= WIDTH for line in text.splitlines())


def test_validate_reports_progress_gate_by_gate():
    from korus_data.validation import validate

    seen: list[str] = []
    validate(progress=seen.append)
    assert seen[:3] == ["descriptor", "integrity", "read"] and "pandera" in seen


def test_cite_prints_as_text_and_names_every_main_source():
    citation = kd.cite()
    text = str(citation)
    assert "\\n" not in text and "\n" in text
    for publisher in ("Census", "Economic Analysis", "Monetary Fund", "Korean customs"):
        assert publisher in text
    assert citation.bibtex.startswith("@misc{korus_data_") and "2026" in citation.apa


def test_an_unknown_table_message_reads_well():
    with pytest.raises(KeyError) as info:
        kd.load("nope")
    assert str(info.value).startswith("unknown table 'nope'. Tables: ")


def _printed(argv, monkeypatch, capsys, width=100) -> str:
    from korus_data.cli import commands, output

    for module in (output, commands):
        monkeypatch.setattr(module, "terminal_width", lambda: width)
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("width", [80, 100])
def test_projects_keep_company_sector_and_amount(monkeypatch, capsys, width):
    out = _printed(["projects", "--state", "GA"], monkeypatch, capsys, width)
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    header = lines[0]
    for column in ("company", "sector", "latest_amount_usd_millions"):
        assert column in header, (width, header)
    assert any("7,600.0" in row for row in lines)  # an amount, whole
    assert "Kumho Tire" in out  # the company, wrapped, never cut


def test_a_constant_column_is_said_once_and_dropped_columns_are_named(monkeypatch, capsys):
    out = _printed(["rank", "--year", "2018", "--top", "5"], monkeypatch, capsys)
    assert "(in every row: year 2018" in out and "  year  " not in out.splitlines()[0]
    out = _printed(["revisions", "--period", "2019-03"], monkeypatch, capsys)
    assert "earliest_held" in out and "(not shown:" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_describe_shows_the_allowed_values(monkeypatch, capsys):
    out = _printed(["describe", "goods_trade_monthly"], monkeypatch, capsys)
    assert "one of `census`," in out and "allowed" in out.splitlines()[0]
    assert "`korea_customs`" in out  # the whole list, wrapped, not cut


def test_the_claims_explanations_are_wrapped_not_cut(monkeypatch, capsys):
    out = _printed(["claims"], monkeypatch, capsys)
    assert "…" not in out and "130.6 billion" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_machine_formats_print_no_float_noise_and_dates_as_dates(monkeypatch, capsys):
    import json

    out = _printed(["revisions", "--format", "csv"], monkeypatch, capsys)
    numbers = [c for line in out.splitlines()[1:] for c in line.split(",") if "." in c]
    assert numbers and all(len(c.split(".")[1]) <= 6 for c in numbers if c[0] in "-0123456789")
    assert ",-0.0," not in out and not any(c in ("-0.0", "-0") for c in numbers)
    rows = json.loads(_printed(["revisions", "--format", "json"], monkeypatch, capsys))
    assert rows[0]["realtime_start"] == "2018-10-05"  # a date, not 2018-10-05T00:00:00.000
    table = _printed(["mirror"], monkeypatch, capsys)
    assert "-0.00" not in table
