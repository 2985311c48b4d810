"""U.S. trade in goods and services by partner on a balance-of-payments basis (BEA)."""

from __future__ import annotations

from korus_data.schema.codes import ACCOUNTS, BEA_PARTNERS, FLOWS, QUARTER_PATTERN
from korus_data.schema.model import Field, Table
from korus_data.schema.tables.common import (
    SOURCE_FK,
    economy_field,
    money_field,
    source_id_field,
    year_field,
)


def bop_fields(period: Field) -> tuple[Field, ...]:
    return (
        economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        Field(
            "partner",
            "string",
            "Partner: ISO 3166-1 alpha-3 code of an economy, or the name of one of BEA's groups "
            "(ALL_OTHER_COUNTRIES, CAFTA_DR, EUROPEAN_UNION, SOUTH_CENTRAL_AMERICA).",
            enum=BEA_PARTNERS,
        ),
        period,
        Field(
            "account",
            "string",
            "goods (balance-of-payments basis: Census goods adjusted for coverage, valuation "
            "and timing) or services.",
            enum=ACCOUNTS,
        ),
        Field("flow", "string", "export or import, as the United States records it.", enum=FLOWS),
        money_field("Value of the transactions. Millions of current U.S. dollars, as published."),
        source_id_field(),
    )


BOP_TRADE_ANNUAL = Table(
    name="bop_trade_annual",
    title="U.S. trade in goods and services by partner, balance-of-payments basis, annual",
    description=(
        "U.S. exports and imports of goods (balance-of-payments basis) and of services with "
        "Korea and the other partners BEA publishes, annual from 1999, from BEA's workbook "
        "'U.S. International Trade by Selected Countries and Areas'. Balances and goods-and-"
        "services totals are derived by the API, never stored; a partner BEA marks 'n.a.' "
        "for a year has no row."
    ),
    fields=bop_fields(year_field()),
    primary_key=("reporter", "partner", "year", "account", "flow"),
    foreign_keys=(SOURCE_FK,),
    period_field="year",
)

BOP_TRADE_QUARTERLY = Table(
    name="bop_trade_quarterly",
    title="U.S. trade in goods and services by partner, balance-of-payments basis, quarterly",
    description=(
        "The quarterly, seasonally adjusted counterpart of bop_trade_annual, from 1999Q1. "
        "BEA notes that quarters may not sum to the annual totals because of rounding."
    ),
    fields=bop_fields(
        Field("period", "string", "Calendar quarter (YYYY-Qn).", pattern=QUARTER_PATTERN)
    ),
    primary_key=("reporter", "partner", "period", "account", "flow"),
    foreign_keys=(SOURCE_FK,),
    period_field="period",
)
