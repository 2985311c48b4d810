"""The vocabulary used to define a table once: fields, keys and table-level rules.

Everything else about a table is generated from its :class:`Table` definition: the
Frictionless table schema in ``datapackage.json`` (:mod:`korus_data.schema.to_frictionless`),
the Pandera schema (:mod:`korus_data.schema.to_pandera`), the README's data dictionary
(:mod:`korus_data.schema.to_readme`) and the dtypes used to read the CSV
(:mod:`korus_data.store.loader`). This module imports nothing heavy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

FieldType = Literal["string", "integer", "number", "boolean", "date", "year", "yearmonth"]

#: pandas dtype used for each Frictionless field type when a table is loaded.
PANDAS_DTYPES: dict[str, str] = {
    "string": "str",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "str",  # parsed to datetime64 after reading, see korus_data.store.loader
    "year": "int64",
    "yearmonth": "str",
}

#: dtype of a ``date`` column once loaded (the CSV text is parsed to datetime64).
LOADED_DATE_DTYPE = "datetime64[us]"

#: Arrow type (``pyarrow.type_for_alias``) each field type is read as; other types are text.
ARROW_TYPES: dict[str, str] = {
    "integer": "int64",
    "year": "int64",
    "number": "float64",
    "boolean": "bool",
    "date": "timestamp[us]",
}


#: Names of tables and fields.
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


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

    def __post_init__(self) -> None:
        """Refuse a definition that could only fail later, in a gate after a build."""
        problems = []
        if not SNAKE_CASE.match(self.name):
            problems.append("its name is not snake_case")
        if self.type not in PANDAS_DTYPES:
            problems.append(f"type {self.type!r} is not one of {sorted(PANDAS_DTYPES)}")
        if self.enum is not None and len(set(self.enum)) != len(self.enum):
            problems.append("its enum repeats a value")
        if None not in (self.minimum, self.maximum) and self.minimum > self.maximum:  # type: ignore[operator]
            problems.append(f"minimum {self.minimum} is above maximum {self.maximum}")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                problems.append(f"pattern {self.pattern!r} is not a regular expression ({exc})")
        if problems:
            raise ValueError(f"field {self.name!r}: {'; '.join(problems)}")

    @property
    def pandas_dtype(self) -> str:
        """The dtype :func:`korus_data.load` gives this column."""
        if self.type == "year" and not self.required:
            return "Int64"
        return PANDAS_DTYPES[self.type]

    @property
    def loaded_dtype(self) -> str:
        """The dtype of the column after loading (dates parsed)."""
        return LOADED_DATE_DTYPE if self.type == "date" else self.pandas_dtype

    def allowed_text(self) -> str:
        """The field's constraints in words, for people.

        Example:
            >>> Field("flow", "string", "Direction", enum=("export", "import")).allowed_text()
            'one of `export`, `import`'
        """
        parts = []
        if self.enum:
            parts.append("one of " + ", ".join(f"`{v}`" for v in self.enum))
        if self.minimum is not None:
            parts.append(f"≥ {self.minimum:g}")
        if self.maximum is not None:
            parts.append(f"≤ {self.maximum:g}")
        if self.pattern and not self.enum:
            parts.append(f"pattern `{self.pattern}`")
        if self.unique:
            parts.append("unique")
        return "; ".join(parts)


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

    ``folder`` is where the CSV lives relative to the package root: ``data`` for published
    tables, ``curated`` for curated inputs of the pipeline.

    Example:
        >>> from korus_data.schema.tables import TABLES
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
    folder: str = "data"
    file_stem: str | None = None

    def __post_init__(self) -> None:
        """Refuse a definition whose key, foreign keys or period name fields it lacks, or
        that names a field twice."""
        names = [f.name for f in self.fields]
        problems = []
        if not SNAKE_CASE.match(self.name):
            problems.append("its name is not snake_case")
        if len(set(names)) != len(names):
            problems.append("it names a field twice")
        missing = [k for k in self.primary_key if k not in names]
        if not self.primary_key or missing:
            problems.append(f"its primary key names no field or fields it lacks ({missing})")
        for key in self.foreign_keys:
            lacking = [k for k in key.fields if k not in names]
            if lacking or len(key.fields) != len(key.reference_fields):
                problems.append(f"the foreign key to {key.table} is not one of its fields")
        if self.period_field is not None and self.period_field not in names:
            problems.append(f"its period field {self.period_field!r} is not a field")
        if self.folder not in ("data", "curated"):
            problems.append(f"folder {self.folder!r} is neither data nor curated")
        if problems:
            raise ValueError(f"table {self.name!r}: {'; '.join(problems)}")

    @property
    def path(self) -> str:
        """Path of the CSV relative to the package root."""
        return f"{self.folder}/{self.file_stem or self.name}.csv"

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
