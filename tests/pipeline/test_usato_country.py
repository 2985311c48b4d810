"""USA Trade Online reports by country and month: read, matched to Census codes, and refused
when a name is matched to the wrong code."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import korus_data as kd
from korus_data.errors import BuildError
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.census_country import read_country_workbook
from korus_data.pipeline.readers.usato_country import read_usato_country_report
from korus_data.pipeline.tables import usato_country


@pytest.fixture(scope="module")
def pack(source_pack: Path) -> dict:
    census = source_pack / "census"
    workbooks = [
        read_country_workbook(open_input(p, census), monthly_for=("5800",))
        for p in sorted(census.glob("country-*.xlsx"))
    ]
    report = read_usato_country_report(
        open_input(census / "usato-exports-by-country-monthly-2021-05.xlsx", census), "export"
    )
    return {"workbooks": workbooks, "report": report}


def test_the_report_is_read_as_whole_dollars_by_country_and_month(pack):
    report = pack["report"]
    assert (report.flow, report.generated, report.last_month) == ("export", "2021-07-20", "2021-05")
    korea = report.rows[report.rows["country"] == "Korea, South"]
    assert len(korea) == 137 and korea["period"].min() == "2010-01"
    # the second block of a name used twice is told apart
    assert "Unidentified Countries [2]" in set(report.rows["country"])


def test_every_partner_year_equals_the_workbook_of_the_same_release(pack):
    codes = usato_country.usato_codes(kd.load("partners"))
    vintage = usato_country.report_vintage(pack["report"], codes, ("5800",))
    check = usato_country.check_against_workbooks(vintage, pack["workbooks"])
    assert check.unmatched == 0 and check.matched == len(vintage.annual) == 2640
    korea = vintage.monthly.set_index("period")["value"]
    january = next(w for w in pack["workbooks"] if w.last_month == "2022-01")
    wb = january.monthly[(january.monthly["flow"] == "export")].set_index("period")["value"]
    assert (korea - wb.reindex(korea.index)).abs().max() < 5e-7  # all 137 Korea months


def test_a_name_matched_to_the_wrong_code_is_refused(pack):
    codes = usato_country.usato_codes(kd.load("partners"))
    wrong = {**codes, "Congo (Brazzaville)": "7660", "Congo (Kinshasa)": "7630"}
    vintage = usato_country.report_vintage(pack["report"], wrong, ("5800",))
    with pytest.raises(BuildError, match="Is the name mapped to the right code"):
        usato_country.check_against_workbooks(vintage, pack["workbooks"])


def test_an_unknown_name_stops_the_build_naming_the_file_to_edit(pack):
    codes = usato_country.usato_codes(kd.load("partners"))
    del codes["Congo (Kinshasa)"]
    with pytest.raises(BuildError, match=r"usato_partner_names\.csv") as caught:
        usato_country.report_vintage(pack["report"], codes, ("5800",))
    assert "Congo (Kinshasa)" in str(caught.value)


def test_a_workbook_of_another_shape_is_refused_in_one_line(source_pack, tmp_path):
    census = source_pack / "census"
    wrong = open_input(census / "usato-imports-by-country-monthly-2021-05.xlsx", tmp_path)
    with pytest.raises(BuildError, match="is not 'Standard Report - Exports'"):
        read_usato_country_report(wrong, "export")
    with pytest.raises(BuildError, match="no 'Country, Time' row"):
        read_usato_country_report(open_input(census / "country-2019-10.xlsx", tmp_path), "export")
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook")
    with pytest.raises(BuildError, match="not a workbook"):
        read_usato_country_report(open_input(garbage, tmp_path), "export")


def test_groups_the_workbook_does_not_carry_are_not_published():
    names = pd.read_csv(
        Path(kd.__file__).parent / "curated" / "usato_partner_names.csv", dtype=str
    ).set_index("usato_name")
    assert pd.isna(names.loc["Euro Area", "partner_code"])
    assert pd.isna(names.loc["European Union", "partner_code"])  # its totals differ
