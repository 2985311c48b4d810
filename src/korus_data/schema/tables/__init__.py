"""The single definition of every published table, split by domain, and the curated inputs.

The Pandera schemas, ``datapackage.json`` and the README's data dictionary are generated from
these objects; edit a table in its domain module and regenerate
(``korus-data build --descriptor-only``).

Example:
    >>> from korus_data.schema.tables import TABLES
    >>> [f.name for f in TABLES["goods_trade_annual"].fields][:4]
    ['reporter', 'partner', 'year', 'flow']
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from korus_data.errors import UnknownTableError
from korus_data.schema.model import Table
from korus_data.schema.tables.balance_of_payments import BOP_TRADE_ANNUAL, BOP_TRADE_QUARTERLY
from korus_data.schema.tables.curated import CURATED, HAND_KEPT_TABLES
from korus_data.schema.tables.currency import (
    KRW_PER_USD_ANNUAL,
    KRW_PER_USD_DAILY,
    KRW_PER_USD_MONTHLY,
)
from korus_data.schema.tables.goods import (
    GOODS_TRADE_ANNUAL,
    GOODS_TRADE_MONTHLY,
    PARTNERS,
    US_GOODS_TRADE_BY_PARTNER_ANNUAL,
)
from korus_data.schema.tables.investment import (
    AFFILIATE_OPERATIONS_ANNUAL,
    DIRECT_INVESTMENT_POSITION_ANNUAL,
    DIRECT_INVESTMENT_POSITION_BY_PARTNER_ANNUAL,
)
from korus_data.schema.tables.products import (
    GOODS_TRADE_BY_PRODUCT_ANNUAL,
    PRODUCT_CODES,
    PRODUCT_TRADE_CHANGES,
    US_GOODS_TRADE_BY_PRODUCT_ANNUAL,
)
from korus_data.schema.tables.projects import INVESTMENT_PROJECT_EVENTS, INVESTMENT_PROJECTS
from korus_data.schema.tables.refreshed import REFRESH_ONLY
from korus_data.schema.tables.registry import (
    CLAIM_PRODUCT_CODES,
    CLAIMS,
    RELEASE_CALENDAR,
    RELEASES,
    SOURCES,
)
from korus_data.schema.tables.tariffs import (
    KORUS_TARIFF_STAGING,
    US_IMPORTS_AND_DUTY_ANNUAL,
    US_IMPORTS_BY_HTS10_ANNUAL,
    US_TARIFF_MEASURES,
    US_TARIFF_SCHEDULE,
)
from korus_data.schema.tables.vintages import VINTAGES_OF

#: Every published table, in catalogue order.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        GOODS_TRADE_ANNUAL,
        GOODS_TRADE_MONTHLY,
        US_GOODS_TRADE_BY_PARTNER_ANNUAL,
        PARTNERS,
        BOP_TRADE_ANNUAL,
        BOP_TRADE_QUARTERLY,
        DIRECT_INVESTMENT_POSITION_ANNUAL,
        DIRECT_INVESTMENT_POSITION_BY_PARTNER_ANNUAL,
        AFFILIATE_OPERATIONS_ANNUAL,
        GOODS_TRADE_BY_PRODUCT_ANNUAL,
        US_GOODS_TRADE_BY_PRODUCT_ANNUAL,
        PRODUCT_CODES,
        PRODUCT_TRADE_CHANGES,
        KORUS_TARIFF_STAGING,
        US_TARIFF_SCHEDULE,
        US_TARIFF_MEASURES,
        US_IMPORTS_AND_DUTY_ANNUAL,
        US_IMPORTS_BY_HTS10_ANNUAL,
        KRW_PER_USD_DAILY,
        KRW_PER_USD_MONTHLY,
        KRW_PER_USD_ANNUAL,
        INVESTMENT_PROJECTS,
        INVESTMENT_PROJECT_EVENTS,
        CLAIMS,
        CLAIM_PRODUCT_CODES,
        SOURCES,
        RELEASES,
        RELEASE_CALENDAR,
        *VINTAGES_OF.values(),
    )
}

#: The name of a published table, for editors and type checkers. A Literal must be written
#: out; the check below keeps it equal to the keys of TABLES at import time.
TableName = Literal[
    "goods_trade_annual",
    "goods_trade_monthly",
    "us_goods_trade_by_partner_annual",
    "partners",
    "bop_trade_annual",
    "bop_trade_quarterly",
    "direct_investment_position_annual",
    "direct_investment_position_by_partner_annual",
    "affiliate_operations_annual",
    "goods_trade_by_product_annual",
    "us_goods_trade_by_product_annual",
    "product_codes",
    "product_trade_changes",
    "korus_tariff_staging",
    "us_tariff_schedule",
    "us_tariff_measures",
    "us_imports_and_duty_annual",
    "us_imports_by_hts10_annual",
    "krw_per_usd_daily",
    "krw_per_usd_monthly",
    "krw_per_usd_annual",
    "investment_projects",
    "investment_project_events",
    "claims",
    "claim_product_codes",
    "sources",
    "releases",
    "release_calendar",
    "goods_trade_monthly_vintages",
    "goods_trade_annual_vintages",
    "us_goods_trade_by_partner_annual_vintages",
    "bop_trade_annual_vintages",
    "bop_trade_quarterly_vintages",
    "direct_investment_position_annual_vintages",
    "direct_investment_position_by_partner_annual_vintages",
    "goods_trade_by_product_annual_vintages",
]
#: Every table definition a name can resolve to: published and refresh-only.
DEFINED: dict[str, Table] = {**TABLES, **REFRESH_ONLY}

if get_args(TableName) != tuple(TABLES):  # pragma: no cover - caught at import by every test
    raise RuntimeError("TableName differs from TABLES: update korus_data.schema.tables")


def table_definition(name: object) -> Table:
    """The definition of a published table, matched whatever its case;
    :class:`~korus_data.errors.UnknownTableError` suggests close names.

    Example:
        >>> table_definition("SOURCES").primary_key
        ('source_id',)
    """
    if isinstance(name, str) and name.strip().lower() in DEFINED:
        return DEFINED[name.strip().lower()]
    raise UnknownTableError.for_name(name, TABLES)


def present_tables(root: Path) -> dict[str, Table]:
    """The published tables, and the refresh-only tables a refresh has filled under ``root``."""
    filled = {n: t for n, t in REFRESH_ONLY.items() if (Path(root) / t.path).is_file()}
    return {**TABLES, **filled}


__all__ = [
    "CURATED",
    "DEFINED",
    "HAND_KEPT_TABLES",
    "REFRESH_ONLY",
    "TABLES",
    "VINTAGES_OF",
    "TableName",
    "present_tables",
    "table_definition",
]
