"""Pandera schemas generated from the table definitions (imports Pandera when called).

Example:
    >>> import korus_data as kd
    >>> from korus_data.schema.tables import TABLES
    >>> schema = pandera_schema(TABLES["goods_trade_annual"])
    >>> len(schema.validate(kd.load("goods_trade_annual"))) > 0
    True
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from korus_data.schema.model import Field, Table

if TYPE_CHECKING:
    import pandera.pandas as pa


def _pattern_check(pattern: str) -> pa.Check:
    """Like ``Check.str_matches``, matching each distinct value once: codes and ids repeat,
    so the check costs the distinct values, not the rows."""
    pa = pandera_pandas()

    compiled = re.compile(pattern)

    def matches(series):
        present = series.notna()
        distinct = series[present].unique().tolist()
        good = [v for v in distinct if compiled.match(v)]
        if len(good) == len(distinct):  # the usual case: no hash lookup per row
            return present | series.isna()
        return series.isin(good)

    return pa.Check(matches, name=f"str_matches('{pattern}')", error=f"str_matches('{pattern}')")


@functools.cache
def pandera_pandas():
    """``pandera.pandas`` with its pandas backends registered, without importing Hypothesis:
    Pandera imports it (0.3 s, and its plugins) only to offer data synthesis, which validation
    never uses. Hypothesis is kept out while Pandera loads; a later ``import hypothesis``
    (a test suite's) works as ever."""
    import sys

    blocked = "hypothesis" not in sys.modules
    if blocked:
        sys.modules["hypothesis"] = None  # an import of it raises ImportError
    try:
        import pandera.backends.pandas.builtin_checks  # noqa: F401 - imports the strategies
        import pandera.pandas as pa
    finally:
        if blocked and sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]
    return pa


def _unique_key_check(columns: list[str]) -> pa.Check:
    """The primary key's uniqueness in O(rows): each key column factorized once (a hash of its
    values), the codes combined into one integer per row, duplicates found on integers; the
    rows that share a key fail (``DataFrame.duplicated`` over string columns cost 6 s of a
    35 s validation at 100 times today's rows)."""
    import numpy as np
    import pandas as pd

    pa = pandera_pandas()

    def unique(frame):
        combined = np.zeros(len(frame), dtype=np.int64)
        for column in columns:
            codes, distinct = pd.factorize(frame[column], use_na_sentinel=False)
            combined = combined * (len(distinct) + 1) + codes
            combined, _ = pd.factorize(combined)  # keeps the integers small
        return ~pd.Series(combined, index=frame.index).duplicated(keep=False)

    name = f"unique key ({', '.join(columns)})"
    return pa.Check(unique, name=name, error=name)


@functools.cache
def _text_dtype() -> object:
    """Pandera's dtype for text columns, checked once per column: a column whose dtype is
    pandas's string dtype holds only strings and missing values by construction, so the
    element-by-element pass Pandera makes for ``str`` (about 2 ms a column) proves nothing
    more. Any other dtype (numbers, ``object`` with mixed values) still fails the check."""
    import pandas as pd
    from pandera import dtypes
    from pandera.engines import pandas_engine

    @pandas_engine.Engine.register_dtype
    @dtypes.immutable
    class Text(pandas_engine.STRING):
        def check(self, pandera_dtype, data_container=None) -> bool:
            return isinstance(getattr(pandera_dtype, "type", None), pd.StringDtype)

        def __str__(self) -> str:
            return "str"

    return Text()  # type: ignore[call-arg]  # a dataclass whose dtype has a default at run time


def _column(field: Field) -> pa.Column:
    pa = pandera_pandas()

    checks = []
    if field.enum is not None:
        checks.append(pa.Check.isin(list(field.enum)))
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum))
    if field.maximum is not None:
        checks.append(pa.Check.le(field.maximum))
    if field.pattern is not None:
        checks.append(_pattern_check(field.pattern))
    dtype = _text_dtype() if field.loaded_dtype == "str" else field.loaded_dtype
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
    pa = pandera_pandas()

    return pa.DataFrameSchema(
        {f.name: _column(f) for f in table.fields},
        checks=[
            _unique_key_check(list(table.primary_key)),
            *(
                pa.Check(rule.check, name=rule.name, error=f"{rule.name}: {rule.description}")
                for rule in table.rules
            ),
        ],
        strict=True,
        ordered=True,
        name=table.name,
        description=table.description,
    )


@functools.cache
def pandera_schema(table: Table) -> pa.DataFrameSchema:
    """The (cached) Pandera schema of ``table``."""
    return to_pandera(table)
