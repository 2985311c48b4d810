"""korus-data: U.S.-Republic of Korea trade and investment, as sourced, typed DataFrames.

Importing this package imports pandas and nothing heavier: Pandera and Frictionless load
only inside :func:`validate` and the build.

Example:
    >>> import korus_data as kd
    >>> kd.DATA_VERSION
    '2026.11'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.both_sides import mirror
from korus_data.catalogue import cite, describe, tables
from korus_data.claims import check_claims
from korus_data.definitions import TableName
from korus_data.errors import BuildError, FilterError, IntegrityError, UnknownTableError
from korus_data.investment import affiliate_operations, direct_investment
from korus_data.load import load
from korus_data.partners import korea_rank, partner_rank, resolve_partner, share_of_us_trade
from korus_data.products import goods_by_product, top_products
from korus_data.projects import (
    investment_by_sector,
    investment_by_state,
    investment_projects,
    project_events,
    project_status,
)
from korus_data.trade import bop_trade, goods_trade, services_trade, trade_balance

if TYPE_CHECKING:
    from korus_data.report import ValidationReport


def validate(*, data_dir: str | None = None) -> ValidationReport:
    """Run every quality gate; see :func:`korus_data.gates.validate`.

    Example:
        >>> import korus_data as kd
        >>> kd.validate().ok
        True
    """
    from korus_data.gates import validate as _validate

    return _validate(data_dir=data_dir)


__all__ = [
    "DATA_VERSION",
    "BuildError",
    "FilterError",
    "IntegrityError",
    "TableName",
    "UnknownTableError",
    "__version__",
    "affiliate_operations",
    "bop_trade",
    "check_claims",
    "cite",
    "describe",
    "direct_investment",
    "goods_by_product",
    "goods_trade",
    "investment_by_sector",
    "investment_by_state",
    "investment_projects",
    "korea_rank",
    "load",
    "mirror",
    "partner_rank",
    "project_events",
    "project_status",
    "resolve_partner",
    "services_trade",
    "share_of_us_trade",
    "tables",
    "top_products",
    "trade_balance",
    "validate",
]
