"""korus-data: U.S.-Republic of Korea trade and investment, as sourced, typed DataFrames.

The public functions are imported on first use, so ``import korus_data`` itself costs less
than importing pandas; Pandera and Frictionless load only inside :func:`validate` and the
build.

Example:
    >>> import korus_data as kd
    >>> kd.DATA_VERSION
    '2026.11'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.errors import BuildError, FilterError, IntegrityError, UnknownTableError

if TYPE_CHECKING:
    from korus_data.both_sides import mirror
    from korus_data.catalogue import cite, describe, tables
    from korus_data.claims import check_claims
    from korus_data.definitions import TableName
    from korus_data.investment import affiliate_operations, direct_investment
    from korus_data.loading import load
    from korus_data.partners import korea_rank, partner_rank, resolve_partner, share_of_us_trade
    from korus_data.products import goods_by_product, top_products
    from korus_data.projects import (
        investment_by_sector,
        investment_by_state,
        investment_projects,
        project_events,
        project_status,
    )
    from korus_data.report import ValidationReport
    from korus_data.trade import bop_trade, goods_trade, services_trade, trade_balance

#: Public name -> module that defines it (imported when the name is first used).
_LAZY = {
    "mirror": "both_sides",
    "cite": "catalogue",
    "describe": "catalogue",
    "tables": "catalogue",
    "check_claims": "claims",
    "TableName": "definitions",
    "affiliate_operations": "investment",
    "direct_investment": "investment",
    "load": "loading",
    "korea_rank": "partners",
    "partner_rank": "partners",
    "resolve_partner": "partners",
    "share_of_us_trade": "partners",
    "goods_by_product": "products",
    "top_products": "products",
    "investment_by_sector": "projects",
    "investment_by_state": "projects",
    "investment_projects": "projects",
    "project_events": "projects",
    "project_status": "projects",
    "bop_trade": "trade",
    "goods_trade": "trade",
    "services_trade": "trade",
    "trade_balance": "trade",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"korus_data.{_LAZY[name]}"), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    try:  # a submodule, e.g. korus_data.projects
        return importlib.import_module(f"korus_data.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'korus_data' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(__all__)


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
