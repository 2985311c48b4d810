"""Releases that move figures beyond their history are refused: relabelled, swapped, scaled,
from the future. Each workbook and capture here is the real one with one thing changed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from helpers import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korus_data.errors import BuildError
from korus_data.pipeline import run_build
from korus_data.pipeline.plausibility import check_goods

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _rotate_month_labels(source: Path, target: Path) -> None:
    """The workbook with its month headers rotated by one (IJAN->IFEB ... IDEC->IJAN)."""
    rotated = {p + m: p + MONTHS[(i + 1) % 12] for p in "IE" for i, m in enumerate(MONTHS)}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"<t>([IE](?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))</t>",
                    lambda m: f"<t>{rotated[m.group(1)]}</t>",
                    text,
                )
                data = text.encode("utf-8")
            new.writestr(item, data)


def _swap_cells(source: Path, target: Path, code: str, year: str, columns: tuple[str, str]):
    """The workbook with two cells of one partner's year swapped, edited in the sheet's XML:
    every other byte stays as Census published it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        shared = old.read("xl/sharedStrings.xml").decode("utf-8")
        strings = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", shared)]
        sheet = old.read("xl/worksheets/sheet1.xml").decode("utf-8")
        header = dict(re.findall(r'<c r="([A-Z]+)1" t="s"><v>(\d+)</v></c>', sheet))
        letter = {strings[int(i)]: col for col, i in header.items()}
        row_start = (
            rf'<c r="{letter["year"]}(\d+)" t="s"><v>{strings.index(year)}</v></c>'
            rf'<c r="{letter["CTY_CODE"]}\1" t="s"><v>{strings.index(code)}</v></c>'
        )
        [row] = re.findall(row_start, sheet)
        first, second = (rf'<c r="{letter[c]}{row}"><v>([^<]*)</v></c>' for c in columns)
        a, b = re.search(first, sheet).group(1), re.search(second, sheet).group(1)
        assert a != b
        sheet = re.sub(first, f'<c r="{letter[columns[0]]}{row}"><v>{b}</v></c>', sheet)
        sheet = re.sub(second, f'<c r="{letter[columns[1]]}{row}"><v>{a}</v></c>', sheet)
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(
                item, sheet.encode("utf-8") if item.filename.endswith("sheet1.xml") else data
            )


def _refused(package_copy, **inputs) -> str:
    before = snapshot(package_copy)
    with pytest.raises(BuildError) as info:
        run_build(package_copy, today="2000-01-01", **inputs)
    assert snapshot(package_copy) == before, "a refused release changed files"
    return str(info.value)


@pytest.mark.slow
def test_a_workbook_with_rotated_month_labels_is_refused(
    census_sources, package_copy, tmp_path, curated_copy
):
    rotated = tmp_path / "country.xlsx"
    _rotate_month_labels(census_sources["workbook"], rotated)
    # Relabelled, January 2026 reads as February: a release "with data through 2026-02",
    # registered as an operator would before building.
    with (curated_copy / "release_dates.csv").open("a", encoding="utf-8") as dates:
        dates.write("census-country-xlsx-2026-02,2026-04-01,published,\n")
    message = _refused(package_copy, census_workbook=rotated)
    assert "beyond anything in their history" in message and "--accept-revisions" in message


@pytest.mark.slow
def test_a_workbook_swapping_koreas_january_and_february_imports_is_refused(
    census_sources, package_copy, tmp_path
):
    swapped = tmp_path / "country.xlsx"
    _swap_cells(census_sources["workbook"], swapped, "5800", "2025", ("IJAN", "IFEB"))
    cells = pd.read_excel(swapped, engine="calamine", dtype={"CTY_CODE": str})
    original = pd.read_excel(census_sources["workbook"], engine="calamine", dtype={"CTY_CODE": str})
    korea = (original["CTY_CODE"] == "5800") & (original["year"] == 2025)
    assert cells.loc[korea, ["IJAN", "IFEB"]].to_numpy().tolist() == (
        original.loc[korea, ["IFEB", "IJAN"]].to_numpy().tolist()
    )
    assert cells.loc[~korea].equals(original.loc[~korea])  # nothing else moved
    message = _refused(package_copy, census_workbook=swapped)
    assert "another order" in message and "2025" in message


@pytest.mark.slow
def test_a_capture_with_one_month_times_ten_is_refused(census_sources, package_copy, tmp_path):
    frame = pd.read_csv(census_sources["captures"])
    june = frame["publisher"].str.contains("2026-06-17")
    month = june & (frame["year"] == 2025) & (frame["month"] == 3)
    exports = month & (frame["flow"] == "export")
    imports = month & (frame["flow"] == "import")
    balance = month & (frame["flow"] == "balance")
    frame.loc[exports, "value_musd"] *= 10
    frame.loc[balance, "value_musd"] = (
        frame.loc[exports, "value_musd"].to_numpy() - frame.loc[imports, "value_musd"].to_numpy()
    )
    captures = tmp_path / "captures.csv"
    frame.to_csv(captures, index=False)
    message = _refused(package_copy, census_workbook=census_sources["workbook"], captures=captures)
    assert "export census 2025-03" in message and "never exceeded" in message


@pytest.mark.slow
def test_a_capture_row_from_the_future_is_refused(census_sources, package_copy, tmp_path):
    frame = pd.read_csv(census_sources["captures"])
    june = frame["publisher"].str.contains("2026-06-17")
    row = frame[june & frame["month"].notna() & (frame["flow"] == "export")].iloc[[0]]
    future = pd.concat([frame, row.assign(year=2099, month=1.0)], ignore_index=True)
    captures = tmp_path / "captures.csv"
    future.to_csv(captures, index=False)
    message = _refused(package_copy, census_workbook=census_sources["workbook"], captures=captures)
    assert "2099-01" in message and "had not ended" in message


@pytest.mark.slow
def test_an_operator_can_accept_revisions_after_reading_the_report(census_sources, package_copy):
    # The committed release passes anyway; accept_revisions only lifts the plausibility stop.
    result = run_build(
        package_copy,
        census_workbook=census_sources["workbook"],
        captures=census_sources["captures"],
        today="2000-01-01",
        accept_revisions=True,
    )
    assert result.census_vintage == "2026-01"


# --- property: permutations and scalings of a release are refused -----------------------


@pytest.fixture(scope="module")
def history():
    import korus_data as kd

    return kd.load("goods_trade_monthly_vintages"), kd.load("goods_trade_annual_vintages")


def _release(monthly: pd.DataFrame, year: str) -> pd.DataFrame:
    """A new release re-publishing every month of ``year`` unchanged, a day after the latest."""
    latest = monthly[monthly["realtime_end"].isna() & monthly["period"].str.startswith(year)]
    day = monthly["realtime_start"].max() + pd.Timedelta(days=1)
    return latest.assign(source_id="test-release", realtime_start=day)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    year=st.integers(2010, 2024).map(str),
    flow=st.sampled_from(["export", "import"]),
    order=st.permutations(list(range(12))),
)
def test_any_permutation_of_a_years_months_is_refused(history, year, flow, order):
    monthly, annual = history
    release = _release(monthly, year)
    rows = release[release["flow"] == flow].sort_values("period")
    if order == sorted(order) or rows["value_usd_millions"].nunique() < 12:
        return
    values = rows["value_usd_millions"].to_numpy()[order]
    release.loc[rows.index, "value_usd_millions"] = values
    problems = check_goods(pd.concat([monthly, release]), annual, {"test-release"})
    assert problems and any("another order" in p or "never exceeded" in p for p in problems)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    year=st.integers(1990, 2024).map(str),
    month=st.integers(1, 12),
    factor=st.one_of(st.floats(0.0, 0.85), st.floats(1.15, 100.0)),
)
def test_any_month_scaled_beyond_history_is_refused(history, year, month, factor):
    monthly, annual = history
    release = _release(monthly, year)
    row = release.index[release["period"] == f"{year}-{month:02d}"][0]
    release.loc[row, "value_usd_millions"] *= factor
    problems = check_goods(pd.concat([monthly, release]), annual, {"test-release"})
    assert problems


def test_the_committed_history_itself_is_plausible(history):
    monthly, annual = history
    every_release = set(monthly["source_id"]) | set(annual["source_id"])
    assert check_goods(monthly, annual, every_release) == []
