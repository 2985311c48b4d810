"""Every cross-table gate is seen failing: for each registered check, a breaker changes the
data it guards, and that gate, and only that gate, reports a problem it did not report before.
A check registered without a breaker fails the last test here."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import korus_data as kd
from korus_data.schema.tables import CURATED, TABLES, VINTAGES_OF
from korus_data.validation import cross_table
from korus_data.validation.report import GateResult

Frames = dict[str, pd.DataFrame]


@pytest.fixture(scope="module")
def pristine() -> Frames:
    frames = {name: kd.load(name) for name in TABLES}
    for name in CURATED:
        frames.setdefault(name, _typed_curated(name))
    return frames


def _typed_curated(name: str) -> pd.DataFrame:
    from korus_data.store.loader import parse_csv
    from korus_data.store.paths import curated_dir

    table = CURATED[name]
    return parse_csv((curated_dir() / f"{table.file_stem or name}.csv").read_bytes(), table)


def _figure(frames: Frames, table: str, match: dict, change: Callable[[float], float]) -> None:
    """Change one published figure, and its current vintage with it (so that only the gate
    under test sees a difference)."""
    for name in (table, VINTAGES_OF[table].name if table in VINTAGES_OF else None):
        if name is None:
            continue
        frame = frames[name].copy()
        rows = pd.Series(True, index=frame.index)
        for column, value in match.items():
            rows &= frame[column] == value
        if name != table:
            rows &= frame["realtime_end"].isna()
        assert rows.sum() >= 1, (name, match)
        frame.loc[rows, "value_usd_millions"] = frame.loc[rows, "value_usd_millions"].map(change)
        frames[name] = frame


def _census(partner="KOR") -> dict:
    return {"reporter": "USA", "partner": partner, "basis": "census"}


def break_foreign_keys(frames: Frames) -> None:
    events = frames["investment_project_events"].copy()
    events.loc[events.index[0], "project_id"] = "no-such-project"
    frames["investment_project_events"] = events


def break_annual_equals_months(frames: Frames) -> None:
    match = {**_census(), "period": "2010-05", "flow": "export"}
    _figure(frames, "goods_trade_monthly", match, lambda v: v + 500)


def break_partners_sum_to_world(frames: Frames) -> None:
    match = {"partner_code": "0015", "year": 1995, "flow": "import"}  # the world total
    _figure(frames, "us_goods_trade_by_partner_annual", match, lambda v: v * 1.5)


def break_korea_matches_bilateral(frames: Frames) -> None:
    match = {"partner_code": "5800", "year": 1990, "flow": "export"}
    _figure(frames, "us_goods_trade_by_partner_annual", match, lambda v: v + 50)


def break_bop_quarters_sum_to_years(frames: Frames) -> None:
    match = {
        "reporter": "USA",
        "partner": "KOR",
        "year": 2015,
        "account": "goods",
        "flow": "export",
    }
    _figure(frames, "bop_trade_annual", match, lambda v: v + 1000)


def break_products_within_totals(frames: Frames) -> None:
    match = {"classification": "usitc_digest_sector", "year": 2015, "flow": "export"}
    frame = frames["goods_trade_by_product_annual"]
    code = frame[(frame.classification == "usitc_digest_sector") & (frame.year == 2015)].iloc[0]
    _figure(
        frames,
        "goods_trade_by_product_annual",
        {**match, "product_code": code.product_code},
        lambda v: v + 50_000,
    )


def _product(frames: Frames, classification: str, partner: str, year: int, flow: str) -> None:
    frame = frames["us_goods_trade_by_product_annual"].copy()
    rows = (
        (frame.classification == classification)
        & (frame.partner_code == partner)
        & (frame.year == year)
        & (frame.flow == flow)
    )
    first = frame.index[rows][0]
    frame.loc[first, "value_usd_millions"] += 100
    frames["us_goods_trade_by_product_annual"] = frame


def break_naics_groups_equal_partner_totals(frames: Frames) -> None:
    _product(frames, "census_naics3", "5880", 2022, "import")


def break_enduse_groups_equal_partner_totals(frames: Frames) -> None:
    _product(frames, "census_enduse_exports", "5880", 2015, "export")


def break_duty_imports_equal_partner_totals(frames: Frames) -> None:
    frame = frames["us_imports_and_duty_annual"].copy()
    rows = (frame.partner_code == "5880") & (frame.year == 2010)
    frame.loc[rows, "value_usd_millions"] += 100
    frames["us_imports_and_duty_annual"] = frame


def break_korea_positions_agree(frames: Frames) -> None:
    match = {"investor": "KOR", "host": "USA", "year": 2015}
    _figure(frames, "direct_investment_position_annual", match, lambda v: v + 5000)


def break_sources_in_use(frames: Frames) -> None:
    sources = frames["sources"]
    idle = sources.iloc[[0]].assign(source_id="a-source-nobody-cites", superseded_by=pd.NA)
    frames["sources"] = pd.concat([sources, idle], ignore_index=True)


def break_sources_cited_in_code(frames: Frames) -> None:
    from korus_data.schema.codes import SOURCES_CITED_IN_CODE

    sources = frames["sources"]
    frames["sources"] = sources[~sources.source_id.isin(SOURCES_CITED_IN_CODE)]


def break_source_files_match_sources(frames: Frames) -> None:
    files = frames["source_files"].copy()
    named = files.index[files.source_id.notna()][0]
    files.loc[named, "sha256"] = "0" * 64
    frames["source_files"] = files


def break_vintages_consistent(frames: Frames) -> None:
    frame = frames["direct_investment_position_by_partner_annual"].copy()
    rows = (frame.partner == "Japan") & (frame.year == 2015) & (frame.direction == "inward")
    frame.loc[rows, "value_usd_millions"] += 1
    frames["direct_investment_position_by_partner_annual"] = frame


def break_releases_match_calendar(frames: Frames) -> None:
    calendar = frames["release_calendar"]  # the calendar loses a month the package holds
    held = (calendar.series == "census_ft900") & (calendar.data_through == "2024-06")
    frames["release_calendar"] = calendar[~held]


BREAKERS = {
    name.removeprefix("break_"): function
    for name, function in dict(globals()).items()
    if name.startswith("break_")
}


def _problems(results: list[GateResult]) -> dict[tuple[str, str, str], int]:
    return {(r.gate, r.table, r.status): r.count for r in results if r.status != "pass"}


@pytest.mark.parametrize("check", cross_table.CHECKS, ids=lambda c: c.__name__)
def test_the_gate_fires_and_only_it(check, pristine):
    if check.__name__ not in BREAKERS:
        pytest.fail(f"no breaker for {check.__name__}: add break_{check.__name__} here")
    before = {}
    for each in cross_table.CHECKS:
        before.update(_problems(each({k: v.copy() for k, v in pristine.items()})))
    frames = {k: v.copy() for k, v in pristine.items()}
    BREAKERS[check.__name__](frames)
    after = {}
    for each in cross_table.CHECKS:
        results = each({k: v.copy() for k, v in frames.items()})
        assert {r.gate for r in results} <= {each.__name__}, "a gate reports under its name"
        after.update(_problems(results))
    changed = {key for key in after.keys() | before.keys() if after.get(key) != before.get(key)}
    assert changed, f"{check.__name__} did not fire"
    assert {gate for gate, _, _ in changed} == {check.__name__}, changed


def test_every_breaker_breaks_a_registered_gate():
    registered = {check.__name__ for check in cross_table.CHECKS}
    assert set(BREAKERS) == registered
