"""korus-data: U.S.-Republic of Korea trade and investment, as sourced, typed DataFrames.

The public functions are imported on first use, so ``import korus_data`` itself costs less
than importing pandas; Pandera and Frictionless load only inside :func:`validate` and the
build.

Example:
    >>> import korus_data as kd
    >>> kd.DATA_VERSION
    '2026.12'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.errors import (
    BuildError,
    FilterError,
    IntegrityError,
    StaleVintageWarning,
    UnknownTableError,
)

if TYPE_CHECKING:
    from korus_data.analysis.currency import exchange_rate
    from korus_data.analysis.duty import effective_rate_rank, effective_tariff_rate
    from korus_data.analysis.investment import affiliate_operations, direct_investment
    from korus_data.analysis.investors import investor_rank, korea_investor_rank
    from korus_data.analysis.korus_treatment import korus_lines, korus_treatment
    from korus_data.analysis.mirror import mirror
    from korus_data.analysis.partner_products import product_rank, product_shares
    from korus_data.analysis.partners import (
        korea_rank,
        partner_rank,
        partner_ranks,
        resolve_partner,
        share_of_us_trade,
    )
    from korus_data.analysis.products import goods_by_product, top_products
    from korus_data.analysis.projects import (
        investment_by_sector,
        investment_by_state,
        investment_projects,
        latest_amounts,
        project_events,
        project_status,
    )
    from korus_data.analysis.revisions import revisions
    from korus_data.analysis.tariffs import tariff_measures, tariff_schedule, tariff_staging
    from korus_data.analysis.trade import bop_trade, goods_trade, services_trade, trade_balance
    from korus_data.analysis.triangle import revision_sizes, revision_triangle
    from korus_data.exports import export
    from korus_data.factcheck.run import check_claims
    from korus_data.schema.tables import TableName
    from korus_data.store.calendar import releases
    from korus_data.store.catalogue import cite, describe, tables
    from korus_data.store.loader import load
    from korus_data.validation.report import ValidationReport
    from korus_data.website import report

#: Public name -> module that defines it (imported when the name is first used).
_LAZY = {
    "mirror": "analysis.mirror",
    "export": "exports",
    "report": "website",
    "cite": "store.catalogue",
    "describe": "store.catalogue",
    "tables": "store.catalogue",
    "check_claims": "factcheck.run",
    "TableName": "schema.tables",
    "affiliate_operations": "analysis.investment",
    "direct_investment": "analysis.investment",
    "investor_rank": "analysis.investors",
    "korea_investor_rank": "analysis.investors",
    "load": "store.loader",
    "releases": "store.calendar",
    "korea_rank": "analysis.partners",
    "partner_rank": "analysis.partners",
    "partner_ranks": "analysis.partners",
    "resolve_partner": "analysis.partners",
    "share_of_us_trade": "analysis.partners",
    "goods_by_product": "analysis.products",
    "top_products": "analysis.products",
    "product_rank": "analysis.partner_products",
    "product_shares": "analysis.partner_products",
    "exchange_rate": "analysis.currency",
    "tariff_staging": "analysis.tariffs",
    "tariff_schedule": "analysis.tariffs",
    "tariff_measures": "analysis.tariffs",
    "effective_tariff_rate": "analysis.duty",
    "effective_rate_rank": "analysis.duty",
    "korus_treatment": "analysis.korus_treatment",
    "korus_lines": "analysis.korus_treatment",
    "investment_by_sector": "analysis.projects",
    "investment_by_state": "analysis.projects",
    "investment_projects": "analysis.projects",
    "latest_amounts": "analysis.projects",
    "project_events": "analysis.projects",
    "project_status": "analysis.projects",
    "revisions": "analysis.revisions",
    "revision_sizes": "analysis.triangle",
    "revision_triangle": "analysis.triangle",
    "bop_trade": "analysis.trade",
    "goods_trade": "analysis.trade",
    "services_trade": "analysis.trade",
    "trade_balance": "analysis.trade",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"korus_data.{_LAZY[name]}"), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'korus_data' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


def validate(
    *,
    root: str | None = None,
    release: str | None = None,
    data_dir: str | None = None,
    spec: bool = False,
) -> ValidationReport:
    """Run every quality gate (``spec=True`` adds Frictionless's own validation and the
    generated-files check); see :func:`korus_data.validation.gates.validate`. ``root`` (a
    folder or the http(s) address of a published release) or ``release`` (a data version,
    e.g. ``"2026.12"``) validates that copy instead of this one.

    Example:
        >>> import korus_data as kd
        >>> kd.validate().ok
        True
    """
    from korus_data.validation.gates import validate as _validate

    if release is not None:
        from korus_data.store.remote import release_address

        root = release_address(release)
    return _validate(root, data_dir=data_dir, spec=spec)


__all__ = [
    "DATA_VERSION",
    "BuildError",
    "FilterError",
    "IntegrityError",
    "StaleVintageWarning",
    "TableName",
    "UnknownTableError",
    "__version__",
    "affiliate_operations",
    "bop_trade",
    "check_claims",
    "cite",
    "describe",
    "direct_investment",
    "effective_rate_rank",
    "effective_tariff_rate",
    "exchange_rate",
    "export",
    "goods_by_product",
    "goods_trade",
    "investment_by_sector",
    "investment_by_state",
    "investment_projects",
    "investor_rank",
    "korea_investor_rank",
    "korea_rank",
    "korus_lines",
    "korus_treatment",
    "latest_amounts",
    "load",
    "mirror",
    "partner_rank",
    "partner_ranks",
    "product_rank",
    "product_shares",
    "project_events",
    "project_status",
    "releases",
    "report",
    "resolve_partner",
    "revision_sizes",
    "revision_triangle",
    "revisions",
    "services_trade",
    "share_of_us_trade",
    "tables",
    "tariff_measures",
    "tariff_schedule",
    "tariff_staging",
    "top_products",
    "trade_balance",
    "validate",
]
