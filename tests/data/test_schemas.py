"""Pandera schemas: every table passes, and every kind of rule fires on a corrupted copy."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

import korus_data as kd
from korus_data.schema.tables import TABLES
from korus_data.schema.to_pandera import pandera_schema


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_passes_its_schema(name):
    pandera_schema(TABLES[name]).validate(kd.load(name), lazy=True)


def _fails(name: str, frame: pd.DataFrame) -> set[str]:
    try:
        pandera_schema(TABLES[name]).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return set(exc.failure_cases["check"].astype(str))
    return set()


def _first_field(name, predicate):
    return next(f for f in TABLES[name].fields if predicate(f))


@pytest.mark.parametrize("name", list(TABLES))
def test_enum_rule_fires(name):
    field = next((f for f in TABLES[name].fields if f.enum), None)
    if field is None:
        pytest.skip(f"{name} has no vocabulary")
    frame = kd.load(name)
    frame.loc[0, field.name] = "not-in-vocabulary"
    assert any("isin" in c for c in _fails(name, frame))


@pytest.mark.parametrize("name", list(TABLES))
def test_minimum_rule_fires(name):
    field = next(
        (f for f in TABLES[name].fields if f.minimum is not None and f.type == "number"), None
    )
    if field is None:
        pytest.skip(f"{name} has no numeric minimum")
    frame = kd.load(name)
    frame.loc[0, field.name] = -1.0
    assert any("greater_than_or_equal_to" in c for c in _fails(name, frame))


@pytest.mark.parametrize("name", list(TABLES))
def test_pattern_rule_fires(name):
    field = next((f for f in TABLES[name].fields if f.pattern and not f.enum), None)
    if field is None:
        pytest.skip(f"{name} has no pattern")
    frame = kd.load(name)
    frame.loc[0, field.name] = "Not A Valid Value!"
    assert any("str_matches" in c for c in _fails(name, frame))


@pytest.mark.parametrize("name", list(TABLES))
def test_required_rule_fires(name):
    field = next(f for f in TABLES[name].fields if f.required and f.type == "string")
    frame = kd.load(name)
    frame.loc[0, field.name] = None
    assert "not_nullable" in _fails(name, frame)


@pytest.mark.parametrize("name", list(TABLES))
def test_primary_key_rule_fires(name):
    frame = kd.load(name)
    doubled = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    assert any("unique" in c for c in _fails(name, doubled))


@pytest.mark.parametrize("name", list(TABLES))
def test_column_set_and_order_are_enforced(name):
    frame = kd.load(name)
    assert "column_in_schema" in _fails(name, frame.assign(unexpected=1))
    assert _fails(name, frame[list(reversed(frame.columns))])


def test_dtype_rule_fires():
    frame = kd.load("goods_trade_annual")
    frame["value_usd_millions"] = frame["value_usd_millions"].astype(str)
    assert any("dtype" in c for c in _fails("goods_trade_annual", frame))


@pytest.mark.parametrize("name", ["goods_trade_annual", "goods_trade_monthly"])
def test_valuation_rule_fires(name):
    frame = kd.load(name)
    export = frame.index[frame["flow"] == "export"][0]
    frame.loc[export, "valuation"] = "customs"
    assert any("valuation_matches_basis" in c for c in _fails(name, frame))
