"""Trade in goods: the bilateral monthly and annual series, every U.S. partner, the partners."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    CENSUS_CODE_PATTERN,
    ISO_STATUSES,
    PARTNER_KINDS,
    YEARMONTH_PATTERN,
)
from korus_data.schema.model import Field, ForeignKey, RowRule, Table
from korus_data.schema.tables.common import (
    MONEY_NOTE,
    SOURCE_FK,
    VALUATION_RULE,
    census_partner_field,
    goods_fields,
    money_field,
    source_id_field,
    us_flow_field,
    year_field,
)

GOODS_TRADE_MONTHLY = Table(
    name="goods_trade_monthly",
    title="U.S.-Korea trade in goods, monthly",
    description=(
        "Monthly U.S. exports to and general imports from Korea as published by the U.S. "
        "Census Bureau, from January 1985. A month not yet published is absent, never zero."
    ),
    fields=goods_fields(
        Field("period", "yearmonth", "Calendar month (YYYY-MM).", pattern=YEARMONTH_PATTERN)
    ),
    primary_key=("reporter", "partner", "period", "flow", "basis"),
    foreign_keys=(SOURCE_FK,),
    rules=(VALUATION_RULE,),
    period_field="period",
)

GOODS_TRADE_ANNUAL = Table(
    name="goods_trade_annual",
    title="U.S.-Korea trade in goods, annual",
    description=(
        "Annual trade in goods between the United States and Korea as each side reports it, "
        "complete calendar years only: U.S. Census totals (1985 on), the IMF's Direction of "
        "Trade Statistics for Korea-reported trade (1960-2020) and for U.S.-reported trade "
        "before 1985, and Korea-reported totals after 2020. Every row states its basis and "
        "valuation; never add two bases."
    ),
    fields=goods_fields(year_field()),
    primary_key=("reporter", "partner", "year", "flow", "basis"),
    foreign_keys=(SOURCE_FK,),
    rules=(VALUATION_RULE,),
    period_field="year",
)


def _iso_matches_kind(frame: pd.DataFrame) -> pd.Series:
    """Only single economies carry an ISO code; one without a code must say why."""
    is_country = frame["kind"] == "country"
    has_iso = frame["iso3"].notna()
    explained = frame["note"].notna()
    return (has_iso & is_country) | (~has_iso & (~is_country | explained))


def _status_with_iso(frame: pd.DataFrame) -> pd.Series:
    return frame["iso3"].notna() == frame["iso_status"].notna()


PARTNERS = Table(
    name="partners",
    title="U.S. trading partners in the Census statistics",
    description=(
        "Every partner code of the Census Bureau's trade-by-country workbook: its Census name, "
        "whether it is a single economy, a group of economies (world, regions, agreements) or "
        "unallocated trade, and the ISO 3166-1 alpha-3 code of each economy (ISO 3166-3 former "
        "codes for economies that no longer exist)."
    ),
    fields=(
        Field(
            "partner_code",
            "string",
            "Census Bureau partner code (CTY_CODE), four digits with leading zeros.",
            pattern=CENSUS_CODE_PATTERN,
            unique=True,
        ),
        Field("name", "string", "Partner name as the Census Bureau spells it."),
        Field(
            "kind",
            "string",
            "country: a single economy (including territories); aggregate: a group of "
            "economies or a total; unallocated: trade not assigned to an economy.",
            enum=PARTNER_KINDS,
        ),
        Field(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code of the economy; empty for groups and where ISO has none.",
            required=False,
            pattern=r"^[A-Z]{3}$",
        ),
        Field(
            "iso_status",
            "string",
            "current: the code is in ISO 3166-1 today; former: a withdrawn code kept in "
            "ISO 3166-3 for an economy that no longer exists.",
            required=False,
            enum=ISO_STATUSES,
        ),
        Field(
            "note", "string", "Why a mapping is not one-to-one, or what a group is.", required=False
        ),
    ),
    primary_key=("partner_code",),
    rules=(
        RowRule(
            "iso_matches_kind",
            "Only single economies have an ISO code; one without a code has a note.",
            _iso_matches_kind,
        ),
        RowRule("iso_status_with_iso", "iso_status is set exactly when iso3 is.", _status_with_iso),
    ),
)

US_GOODS_TRADE_BY_PARTNER_ANNUAL = Table(
    name="us_goods_trade_by_partner_annual",
    title="U.S. trade in goods with every partner, annual",
    description=(
        "U.S. exports (total, f.a.s.) to and general imports (customs value) from every partner "
        "in the Census Bureau's workbook, complete calendar years from 1985, Census basis. "
        "Before 1992 the workbook lists only selected partners. Groups and totals are rows too "
        "(see partners.kind); never add them to single economies. A zero that means 'not "
        "applicable' (exports of import-only groups, years before or after a code was in use) "
        "is absent. Korea's rows include the page captures' revisions, so they equal "
        "goods_trade_annual; each row's source_id names its release."
    ),
    fields=(
        census_partner_field(),
        year_field(),
        us_flow_field(),
        money_field("Value of the goods. " + MONEY_NOTE),
        source_id_field(),
    ),
    primary_key=("partner_code", "year", "flow"),
    foreign_keys=(
        ForeignKey(("partner_code",), "partners", ("partner_code",)),
        SOURCE_FK,
    ),
    period_field="year",
)
