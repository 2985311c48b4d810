"""The measurements of measure.py against their targets (run on demand, never in the suite):

python -m pytest tests/benchmarks -s
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import measure

pytestmark = pytest.mark.benchmark


@pytest.fixture(scope="module")
def results():
    figures = measure.measure()
    print("\n" + measure.report(figures))
    return figures


def test_import_cost(results):
    assert results["import"]["ratio"] <= measure.TARGETS["import_ratio"]


def test_load_cost(results):
    for row in results["load"]:
        assert row["ratio"] <= measure.TARGETS["load_ratio"], row


def test_validate_against_read_csv(results):
    assert results["validate"]["ratio"] <= measure.TARGETS["validate_ratio"]


def test_cli_start(results):
    assert results["cli"]["korus-data --help"] <= measure.TARGETS["cli_seconds"]
    assert results["cli"]["korus-data tables"] <= measure.TARGETS["cli_seconds"]


def test_build_time(results):
    if results["build_s"] is None:
        pytest.skip("source pack absent")
    assert results["build_s"] <= measure.TARGETS["build_seconds"]


def test_wheel_size(results):
    assert results["wheel_mb"] <= measure.TARGETS["wheel_mb"]
