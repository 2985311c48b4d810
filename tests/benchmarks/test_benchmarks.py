"""The measurements of measure.py against their targets (run on demand, never in the suite):

python -m pytest tests/benchmarks -s           # KORUS_BENCH_SUITE=1 adds the suite's time

The command-line targets are checked where a user meets them (the wheel and its registry
dependencies in a fresh environment); this environment's figures are printed beside them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import measure

pytestmark = pytest.mark.benchmark


@pytest.fixture(scope="module")
def results():
    figures = measure.measure(suite=os.environ.get("KORUS_BENCH_SUITE") == "1")
    print("\n" + measure.report(figures))
    return figures


def test_import_cost(results):
    assert results["import"]["ratio"] <= measure.TARGETS["import_ratio"]


def test_load_cost(results):
    for row in results["load"]:
        assert row["ratio"] <= measure.TARGETS["load_ratio"], row


def _user(results, what):
    figures = results[what]
    if "user install" not in figures:
        pytest.skip("no user environment (the registries could not be reached)")
    return figures["user install"]


def test_validate_against_read_csv(results):
    assert _user(results, "validate")["ratio"] <= measure.TARGETS["validate_ratio"]


def test_cli_start(results):
    cli = _user(results, "cli")
    assert cli["korus-data --help"] <= measure.TARGETS["cli_seconds"]
    assert cli["korus-data tables"] <= measure.TARGETS["cli_seconds"]


def test_build_time(results):
    seconds = _user(results, "build_s")
    if seconds is None:
        pytest.skip("source pack absent")
    assert seconds <= measure.TARGETS["build_seconds"]


def test_suite_time(results):
    if results["suite_s"] is None:
        pytest.skip("set KORUS_BENCH_SUITE=1 to time the suite")
    assert results["suite_s"] <= measure.TARGETS["suite_seconds"]


def test_wheel_size(results):
    assert results["wheel_mb"] <= measure.TARGETS["wheel_mb"]
