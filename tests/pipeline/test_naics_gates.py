"""The NAICS reports' gates stop the build, naming what is wrong: a country no code matches,
groups that miss their total, a total that differs from the workbook and is not listed."""

from __future__ import annotations

import re

import pytest
from helpers import SOURCES, without_source_pack

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.census_country import read_country_workbook
from korus_data.pipeline.readers.usato_naics import read_usato_report
from korus_data.pipeline.tables.naics import naics_tables

EXPORTS = SOURCES / "census" / "usato-exports-by-naics-2020-2026-01.csv"
RELEASE = {"released": "2026-03-12", "date_kind": "published", "date_source_id": "x"}


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    if not EXPORTS.is_file():
        without_source_pack()
    folder = tmp_path_factory.mktemp("wb")
    return read_country_workbook(
        open_input(SOURCES / "census" / "country-2026-01.xlsx", folder), monthly_for=("5800",)
    )


@pytest.fixture(scope="module")
def partners():
    import korus_data as kd

    return kd.load("partners")


def _tables(text: str, tmp_path, workbook, partners):
    path = tmp_path / "exports.csv"
    path.write_text(text, encoding="utf-8")
    file = open_input(path, tmp_path)
    return naics_tables(
        {"export": (read_usato_report(file, "export"), file)}, workbook, partners, RELEASE
    )


def _edit(line_start: str, change, text: str | None = None) -> str:
    lines = (text or EXPORTS.read_text(encoding="utf-8")).splitlines(True)
    at = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    lines[at] = change(lines[at])
    return "".join(lines)


def _plus(amount: int):
    def change(line: str) -> str:
        value = re.search(r'"([\d,]+)"\s*$', line).group(1)
        bigger = f"{int(value.replace(',', '')) + amount:,}"
        return line.replace(f'"{value}"', f'"{bigger}"')

    return change


def test_the_real_reports_pass_and_give_korea_its_groups(tmp_path, workbook, partners):
    built = _tables(EXPORTS.read_text(encoding="utf-8"), tmp_path, workbook, partners)
    korea = built.rows[(built.rows["partner_code"] == "5800") & (built.rows["year"] == 2024)]
    assert len(korea) == 31 and built.largest_difference <= 1e-6  # no 980: Canada only


def test_a_country_no_code_matches_stops_the_build(tmp_path, workbook, partners):
    text = EXPORTS.read_text(encoding="utf-8").replace('"Korea, South"', '"Korea, Southern"')
    with pytest.raises(BuildError, match=r"Korea, Southern.*usato_partner_names"):
        _tables(text, tmp_path, workbook, partners)


def test_groups_that_miss_their_total_stop_the_build(tmp_path, workbook, partners):
    text = _edit('All States,211 Oil & Gas,"Korea, South",2024', _plus(1))
    with pytest.raises(BuildError, match=r"groups of 5800 in 2024 add up to"):
        _tables(text, tmp_path, workbook, partners)


def test_a_total_unlike_the_workbooks_stops_the_build(tmp_path, workbook, partners):
    text = _edit('All States,211 Oil & Gas,"Korea, South",2024', _plus(1000))
    text = _edit('All States,All Commodities,"Korea, South",2024', _plus(1000), text)
    with pytest.raises(BuildError, match=r"Korea, South.*naics_total_differences"):
        _tables(text, tmp_path, workbook, partners)


def test_a_report_of_another_shape_is_refused_in_one_line(tmp_path, workbook, partners):
    text = EXPORTS.read_text(encoding="utf-8").replace(
        "Time,Total Exports Value ($US)", "Time,Value", 1
    )
    with pytest.raises(BuildError, match="line 4: columns are") as caught:
        _tables(text, tmp_path, workbook, partners)
    assert "\n" not in str(caught.value)
