"""Pandera schemas generated from the table definitions (imports Pandera when called).

Example:
    >>> import korus_data as kd
    >>> schema = pandera_schema("goods_trade_annual")
    >>> len(schema.validate(kd.load("goods_trade_annual"))) > 0
    True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from korus_data.definitions import TABLES
from korus_data.model import Field, Table

if TYPE_CHECKING:
    import pandera.pandas as pa

#: dtype of a column after :func:`korus_data.loading.parse_csv` (dates are parsed).
LOADED_DATE_DTYPE = "datetime64[us]"


def _column(field: Field) -> pa.Column:
    import pandera.pandas as pa

    checks = []
    if field.enum is not None:
        checks.append(pa.Check.isin(list(field.enum)))
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum))
    if field.maximum is not None:
        checks.append(pa.Check.le(field.maximum))
    if field.pattern is not None:
        checks.append(pa.Check.str_matches(field.pattern))
    dtype = LOADED_DATE_DTYPE if field.type == "date" else field.pandas_dtype
    return pa.Column(
        dtype,
        checks=checks,
        nullable=not field.required,
        unique=field.unique,
        required=True,
        description=field.description,
        title=field.name,
    )


def to_pandera(table: Table) -> pa.DataFrameSchema:
    """The Pandera schema of a table: dtypes, constraints, primary key and row rules."""
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {f.name: _column(f) for f in table.fields},
        checks=[
            pa.Check(rule.check, name=rule.name, error=f"{rule.name}: {rule.description}")
            for rule in table.rules
        ],
        unique=list(table.primary_key),
        report_duplicates="all",
        strict=True,
        ordered=True,
        name=table.name,
        description=table.description,
    )


@functools.cache
def pandera_schema(name: str) -> pa.DataFrameSchema:
    """The (cached) Pandera schema of the table called ``name``."""
    return to_pandera(TABLES[name])
