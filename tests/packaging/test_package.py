"""The Data Package: Frictionless-valid, generated from the definitions, hashes and licences."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import REPO

from korus_data.schema.tables import TABLES
from korus_data.schema.to_frictionless import render_descriptor
from korus_data.schema.to_readme import readme_problem


@pytest.mark.slow
def test_frictionless_cli_says_the_package_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[:2000]
    assert result.returncode == 0


def test_committed_descriptor_is_what_the_definitions_generate():
    committed = (REPO / "datapackage.json").read_text(encoding="utf-8")
    assert committed == render_descriptor(REPO), "run `korus-data build --descriptor-only`"


def test_readme_data_dictionary_is_current():
    assert readme_problem(REPO) is None


def test_every_table_is_a_resource_with_hash_bytes_schema_and_licence():
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"].startswith("https://datapackage.org/profiles/2.0/")
    assert descriptor["version"] and descriptor["created"] and descriptor["contributors"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == set(TABLES)
    for name, res in resources.items():
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0, name
        assert res["schema"]["primaryKey"] == list(TABLES[name].primary_key)
        assert {lic["name"] for lic in res["licenses"]} >= {"CC-BY-4.0"}, name
        for field in res["schema"]["fields"]:
            assert field["description"], (name, field["name"])


def test_money_fields_state_their_unit():
    for table in TABLES.values():
        for field in table.fields:
            if field.name.endswith("usd_millions"):
                assert field.unit == "USD millions, current", (table.name, field.name)


def test_us_government_sources_are_marked_public_domain():
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    goods = next(r for r in descriptor["resources"] if r["name"] == "goods_trade_annual")
    assert "US-Government-Works" in {lic["name"] for lic in goods["licenses"]}


def test_every_committed_csv_stays_under_the_size_a_git_host_accepts():
    """GitHub warns at 50 MB and refuses a file of 100 MB: a table that would grow past
    50 MB is published as Parquet in the release instead (README: how cost grows)."""
    largest = max((REPO / "data").glob("*.csv"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size < 50_000_000, largest.name
