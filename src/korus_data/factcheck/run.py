"""Run every claim of the fact sheet through its check."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from korus_data.errors import FilterError
from korus_data.factcheck.checks import CHECKS
from korus_data.factcheck.verdicts import Data


def check_claims(
    data: Mapping[str, pd.DataFrame] | None = None, *, as_of: object = None
) -> pd.DataFrame:
    """Every claim of the fact sheet with the figure the data give and a verdict.

    ``data`` replaces tables by name (to see how a verdict would change with other data);
    ``as_of`` (a date or a release id) checks the claims against the figures as they were
    known that day (a claim whose data were not yet released is "not verifiable").

    Example:
        >>> import korus_data as kd
        >>> verdicts = kd.check_claims().set_index("claim_id")
        >>> verdicts.loc["goods-two-way-2018", "verdict"]
        'supported'
    """
    if data is not None and (
        not isinstance(data, Mapping)
        or not all(isinstance(k, str) and isinstance(v, pd.DataFrame) for k, v in data.items())
    ):
        raise FilterError(
            f"data={data!r:.60} is not allowed; pass a mapping of table names to DataFrames, "
            "e.g. {'goods_trade_annual': frame}"
        )
    if data is not None:
        from korus_data.schema.tables import table_definition

        for name in data:
            table_definition(name)  # an unknown table name says which exist
    if as_of is not None:
        from korus_data.store.history import release_days
        from korus_data.store.releases import parse_as_of

        parse_as_of(as_of, release_days())  # a bad date fails here, with its reason
    return verdicts(Data(data, as_of))


def verdicts(tables: Data) -> pd.DataFrame:
    """The verdict of every claim, each check reading what it needs from ``tables``."""
    rows = []
    for _, claim in tables["claims"].iterrows():
        result = CHECKS[claim["check"]](claim, tables)
        threshold = claim["threshold"]
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "statement": claim["statement"],
                "figure": None
                if result.figure is None
                or (isinstance(result.figure, float) and math.isnan(result.figure))
                else round(result.figure, 3),
                "threshold": None if pd.isna(threshold) else float(threshold),
                "unit": claim["unit"],
                "verdict": result.verdict,
                "explanation": result.explanation,
                "data_sources": "; ".join(result.sources),
            }
        )
    return pd.DataFrame(rows)
