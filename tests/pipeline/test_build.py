"""Rebuilding from the official files reproduces the committed tables; failures change nothing."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, snapshot

from korus_data.errors import BuildError
from korus_data.pipeline import run_build

pytestmark = pytest.mark.slow


def test_rebuild_from_the_census_files_equals_the_committed_tables(census_sources, package_copy):
    result = run_build(
        package_copy,
        census_workbook=census_sources["workbook"],
        captures=census_sources["captures"],
        today="2000-01-01",  # only used for new sources; existing ones keep their date
    )
    assert result.census_vintage == "2026-01"
    assert result.changed == [], f"rebuild changed {result.changed}"
    for rel in (
        "data/goods_trade_monthly.csv",
        "data/goods_trade_annual.csv",
        "data/sources.csv",
        "datapackage.json",
        "README.md",
    ):
        assert (package_copy / rel).read_bytes() == (REPO / rel).read_bytes(), rel
    # rebuilding one input keeps the rows of the others (the same build: run once)
    annual = (package_copy / "data" / "goods_trade_annual.csv").read_text()
    assert "imf_dots" in annual and "korea_customs" in annual


def test_rebuild_values_equal_the_workbook_cells(census_sources):
    import pandas as pd

    raw = pd.read_excel(
        census_sources["workbook"], engine="calamine", dtype={"CTY_CODE": str, "year": str}
    )
    korea = raw[raw["CTY_CODE"] == "5800"].set_index("year")
    import korus_data as kd

    # The month figures as the workbook's release left them (later captures revised a few).
    from_workbook = kd.load("goods_trade_monthly", as_of="census-country-xlsx-2026-01")
    assert len(from_workbook) == 2 * (41 * 12 + 1)  # 1985-01 .. 2026-01
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    for row in from_workbook.itertuples():
        year, month = row.period.split("-")
        column = ("E" if row.flow == "export" else "I") + months[int(month) - 1]
        assert float(row.value_usd_millions) == pytest.approx(korea.loc[year, column], abs=5e-7)


def _failing_build(package_copy, **kwargs):
    before = snapshot(package_copy)
    with pytest.raises(BuildError) as info:
        run_build(package_copy, **kwargs)
    assert snapshot(package_copy) == before, "a failed build changed files"
    return str(info.value)


def test_corrupt_workbook_fails_cleanly(package_copy, tmp_path):
    bad = tmp_path / "country.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    message = _failing_build(package_copy, census_workbook=bad)
    assert "cannot read the Census workbook" in message


def test_workbook_of_the_wrong_shape_fails_cleanly(package_copy, tmp_path):
    import pandas as pd

    wrong = tmp_path / "wrong.xlsx"
    pd.DataFrame({"year": ["2020"], "partner": ["Korea"], "value": [1.0]}).to_excel(
        wrong, index=False
    )
    message = _failing_build(package_copy, census_workbook=wrong)
    assert "lacks the columns" in message and "CTY_CODE" in message


def test_unreachable_url_fails_cleanly(package_copy):
    message = _failing_build(package_copy, census_workbook="http://127.0.0.1:9/country.xlsx")
    assert "cannot download http://127.0.0.1:9/country.xlsx" in message


def test_missing_file_fails_cleanly(package_copy, tmp_path):
    message = _failing_build(package_copy, census_workbook=tmp_path / "nowhere.xlsx")
    assert "does not exist" in message


def test_tables_that_do_not_validate_are_never_written(census_sources, package_copy, tmp_path):
    # A capture whose figure is negative passes parsing but fails the schema (minimum 0).
    captures = tmp_path / "captures.csv"
    text = census_sources["captures"].read_text(encoding="utf-8")
    text = text.replace("2026,4.0,export,8131.7", "2026,4.0,export,-8131.7")
    text = text.replace("2026,4.0,balance,-5432.3", "2026,4.0,balance,-21695.7")
    captures.write_text(text, encoding="utf-8")
    message = _failing_build(
        package_copy,
        census_workbook=census_sources["workbook"],
        captures=captures,
        accept_revisions=True,  # past the plausibility stop: the schema still refuses it
    )
    assert "not valid" in message and "goods_trade_monthly" in message


def test_descriptor_only_regenerates_a_stale_descriptor(package_copy):
    (package_copy / "datapackage.json").write_text("{}")
    result = run_build(package_copy, descriptor_only=True)
    assert result.changed == ["datapackage.json"]
    shutil.copy2(REPO / "datapackage.json", package_copy / "expected.json")
    assert (package_copy / "datapackage.json").read_bytes() == (
        REPO / "datapackage.json"
    ).read_bytes()


# The rebuild from the whole source pack, fetched from its archive first, is in
# test_source_archive.py: every committed file, byte for byte.
