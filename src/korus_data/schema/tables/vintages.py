"""Vintage tables: every value a figure has had, with the interval in which it was the latest.

ALFRED's model: one row per figure per release *in which it changed*; ``realtime_start`` is the
day the release that published the value became public, ``realtime_end`` the day a later
release changed it (empty while it is the latest). A published table is the open rows of its
vintage table (a gate checks it); ``kd.load(name, as_of=day)`` gives the rows open on that day.

Example:
    >>> from korus_data.schema.tables.vintages import VINTAGES_OF
    >>> VINTAGES_OF["goods_trade_monthly"].primary_key[-1]
    'realtime_start'
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.model import Field, RowRule, Table
from korus_data.schema.tables.balance_of_payments import BOP_TRADE_ANNUAL, BOP_TRADE_QUARTERLY
from korus_data.schema.tables.goods import (
    GOODS_TRADE_ANNUAL,
    GOODS_TRADE_MONTHLY,
    US_GOODS_TRADE_BY_PARTNER_ANNUAL,
)
from korus_data.schema.tables.investment import (
    DIRECT_INVESTMENT_POSITION_ANNUAL,
    DIRECT_INVESTMENT_POSITION_BY_PARTNER_ANNUAL,
)
from korus_data.schema.tables.products import GOODS_TRADE_BY_PRODUCT_ANNUAL

REALTIME_START = Field(
    "realtime_start",
    "date",
    "First day on which this value was the latest published: the day its release became "
    "public (see the releases table).",
)
REALTIME_END = Field(
    "realtime_end",
    "date",
    "Day a later release replaced this value (the value held until the day before); empty "
    "while it is the latest.",
    required=False,
)


def _end_after_start(frame: pd.DataFrame) -> pd.Series:
    return frame["realtime_end"].isna() | (frame["realtime_end"] > frame["realtime_start"])


def vintages_of(table: Table) -> Table:
    """The vintage table of ``table``: its columns plus the real-time interval."""
    return dataclasses.replace(
        table,
        name=f"{table.name}_vintages",
        title=f"{table.title}: every release's value (vintages)",
        description=(
            f"Every value each figure of {table.name} has had in the releases the package "
            "read, one row per figure per release in which it changed, with the interval in "
            "which it was the latest (realtime_start to realtime_end). The rows with no "
            f"realtime_end are {table.name}."
        ),
        fields=(*table.fields, REALTIME_START, REALTIME_END),
        primary_key=(*table.primary_key, "realtime_start"),
        rules=(
            *table.rules,
            RowRule(
                "realtime_end_after_start",
                "realtime_end is later than realtime_start.",
                _end_after_start,
            ),
        ),
        period_field=table.period_field,
    )


#: Published table -> its vintage table.
VINTAGES_OF: dict[str, Table] = {
    t.name: vintages_of(t)
    for t in (
        GOODS_TRADE_MONTHLY,
        GOODS_TRADE_ANNUAL,
        US_GOODS_TRADE_BY_PARTNER_ANNUAL,
        BOP_TRADE_ANNUAL,
        BOP_TRADE_QUARTERLY,
        DIRECT_INVESTMENT_POSITION_ANNUAL,
        DIRECT_INVESTMENT_POSITION_BY_PARTNER_ANNUAL,
        GOODS_TRADE_BY_PRODUCT_ANNUAL,
    )
}
