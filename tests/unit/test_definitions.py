"""Definitions check themselves when made, and a field name means one thing in every table."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from korus_data.schema.model import Field, ForeignKey, Table
from korus_data.schema.tables import CURATED, TABLES

#: Field names whose type differs between tables, and why (the unit never may).
VARIANTS = {
    "period": "a month (yearmonth) in monthly tables, a quarter (YYYY-Qn) in quarterly ones",
    "date": "a day, or in the project events a date known to the year, month or day",
    "released": "a day, or in the curated release dates a date known to the year or month",
    "data_through": "a month in the calendar, a year or month in the releases table",
}


def _table(**changes) -> Table:
    base = Table(
        name="example",
        title="An example",
        description="A table for the test.",
        fields=(Field("code", "string", "A code."), Field("value", "number", "A value.")),
        primary_key=("code",),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"primary_key": ("code", "missing")}, "primary key"),
        ({"primary_key": ()}, "primary key"),
        ({"foreign_keys": (ForeignKey(("nope",), "sources", ("source_id",)),)}, "foreign key"),
        ({"period_field": "year"}, "period field"),
        ({"name": "Example Table"}, "snake_case"),
        ({"fields": (Field("code", "string", "A."), Field("code", "string", "B."))}, "twice"),
    ],
)
def test_a_table_naming_what_it_lacks_fails_when_made(changes, said):
    with pytest.raises(ValueError, match=said):
        _table(**changes)


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ({"minimum": 5, "maximum": 1}, "above maximum"),
        ({"enum": ("a", "b", "a")}, "repeats"),
        ({"pattern": "([0-9]"}, "not a regular expression"),
    ],
)
def test_a_field_that_could_only_fail_later_fails_when_made(arguments, said):
    with pytest.raises(ValueError, match=said):
        Field("code", "string", "A code.", **arguments)
    with pytest.raises(ValueError, match="snake_case"):
        Field("Code", "string", "A code.")


def test_a_field_name_has_one_type_and_unit_in_every_table():
    seen: dict[str, set] = defaultdict(set)
    units: dict[str, set] = defaultdict(set)
    for table in [*TABLES.values(), *CURATED.values()]:
        for field in table.fields:
            seen[field.name].add(field.type)
            units[field.name].add(field.unit)
    assert {n: u for n, u in units.items() if len(u) > 1} == {}
    differing = {n for n, types in seen.items() if len(types) > 1}
    assert differing == set(VARIANTS), differing
