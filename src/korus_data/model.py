"""The vocabulary used to define a table once: fields, keys and table-level rules.

Everything else about a table is generated from its :class:`Table` definition: the
Frictionless table schema in ``datapackage.json`` (:mod:`korus_data.descriptor`), the Pandera
schema (:mod:`korus_data.schemas`) and the dtypes used to read the CSV (:mod:`korus_data.loading`).
This module imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

FieldType = Literal["string", "integer", "number", "boolean", "date", "year", "yearmonth"]

#: pandas dtype used for each Frictionless field type when a table is loaded.
PANDAS_DTYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "str",  # parsed to datetime64 after reading, see korus_data.loading
    "year": "int64",
    "yearmonth": "str",
}

YEARMONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


@dataclass(frozen=True)
class Field:
    """One column: its name, type, meaning, unit and constraints.

    Example:
        >>> Field("year", "year", "Calendar year").required
        True
    """

    name: str
    type: FieldType
    description: str
    unit: str | None = None
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    unique: bool = False

    @property
    def pandas_dtype(self) -> str:
        """The dtype :func:`korus_data.load` gives this column."""
        if self.type == "year" and not self.required:
            return "Int64"
        return PANDAS_DTYPES[self.type]


@dataclass(frozen=True)
class ForeignKey:
    """A column (or columns) whose values must exist in another table's key."""

    fields: tuple[str, ...]
    table: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class RowRule:
    """A table-level rule: ``check(frame)`` returns a boolean Series, False where a row breaks it.

    Rules are plain pandas so that the Pandera schema and the validation report share them.
    """

    name: str
    description: str
    check: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Table:
    """A published table: its file, meaning, fields, keys and rules.

    Example:
        >>> from korus_data.definitions import TABLES
        >>> TABLES["goods_trade_monthly"].primary_key
        ('reporter', 'partner', 'period', 'flow', 'basis')
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rules: tuple[RowRule, ...] = ()
    license: str = "CC-BY-4.0"
    period_field: str | None = None

    @property
    def path(self) -> str:
        """Path of the CSV relative to the package root."""
        return f"data/{self.name}.csv"

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no field {name!r}")

    @property
    def dtypes(self) -> dict[str, str]:
        """``{column: pandas dtype}`` for :func:`pandas.read_csv`."""
        return {f.name: f.pandas_dtype for f in self.fields}
