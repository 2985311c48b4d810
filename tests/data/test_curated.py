"""Curated inputs are data files with definitions: validated like tables, used by the build."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import REPO

import korus_data as kd
from korus_data.errors import BuildError
from korus_data.schema.tables import CURATED, HAND_KEPT_TABLES, TABLES
from korus_data.store import paths
from korus_data.validation import validate


def test_every_curated_input_is_read_and_checked_by_validate():
    report = kd.validate()
    checked = {r.table for r in report.results if r.gate in ("read", "pandera")}
    assert set(CURATED) <= checked
    assert all(r.status == "pass" for r in report.results if r.table in CURATED)


def test_hand_kept_tables_are_published_tables():
    assert set(HAND_KEPT_TABLES) <= set(TABLES)


@pytest.mark.parametrize("name", list(CURATED))
def test_a_broken_curated_row_fails_validation_naming_the_file(curated_copy, name):
    path = curated_copy / f"{CURATED[name].file_stem or name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # a duplicate key
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(REPO)
    assert not report.ok
    assert any(f.table == name for f in report.failures), [str(f) for f in report.failures]


def test_a_curated_source_id_must_resolve(curated_copy):
    path = curated_copy / "goods_trade_annual.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[0, "source_id"] = "no-such-source"
    frame.to_csv(path, index=False, lineterminator="\n")
    report = validate(REPO)
    assert any("no-such-source" in str(f) for f in report.failures)


def test_a_new_census_code_stops_the_build_and_says_where_to_add_it(
    curated_copy, census_sources, package_copy
):
    from korus_data.pipeline import run_build

    path = curated_copy / "census_partner_codes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["partner_code"] != "5830"].to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(BuildError, match=r"5830 .*census_partner_codes\.csv"):
        run_build(package_copy, census_workbook=census_sources["workbook"])


def test_partners_are_the_curated_map_plus_the_workbook_names():
    partners = kd.load("partners").drop(columns="name")
    codes = pd.read_csv(
        paths.curated_dir() / "census_partner_codes.csv", dtype=str, keep_default_na=False
    )
    assert partners.fillna("").astype(str).equals(codes.astype(str))
    assert (REPO / "src" / "korus_data" / "curated").is_dir()
