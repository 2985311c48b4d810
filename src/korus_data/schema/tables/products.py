"""Trade by product: the product codes, levels by product, and published changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    FLOWS,
    PRODUCT_CHANGE_MEASURES,
    PRODUCT_CLASSIFICATIONS,
    PRODUCT_CODE_PATTERN,
)
from korus_data.schema.model import Field, ForeignKey, RowRule, Table
from korus_data.schema.tables.common import (
    SOURCE_FK,
    census_partner_field,
    economy_field,
    money_field,
    source_id_field,
    us_flow_field,
    year_field,
)

PRODUCT_CODES = Table(
    name="product_codes",
    title="Product classifications and their codes",
    description=(
        "The codes of each product classification used in the product tables, with their "
        "descriptions: Census 5-digit End-Use codes (leading zeros kept; the export and import "
        "schedules are two classifications, their codes differ in meaning), the Census "
        "Bureau's 3-digit NAICS-based groups (census_naics3) and USITC digest sectors (named "
        "codes)."
    ),
    fields=(
        Field("classification", "string", "Product classification.", enum=PRODUCT_CLASSIFICATIONS),
        Field(
            "product_code",
            "string",
            "Code within the classification.",
            pattern=PRODUCT_CODE_PATTERN,
        ),
        Field("description", "string", "What the code covers, as the classification names it."),
    ),
    primary_key=("classification", "product_code"),
)

GOODS_TRADE_BY_PRODUCT_ANNUAL = Table(
    name="goods_trade_by_product_annual",
    title="U.S.-Korea trade in goods by product, annual",
    description=(
        "Trade by product in the categories a source publishes: U.S. general imports from "
        "Korea by Census End-Use import code (census_enduse_imports, 2016-2025), U.S. total "
        "exports to Korea by End-Use export code (census_enduse_exports, 2013-2024; the two "
        "schedules' codes differ in meaning) and by USITC digest sector (2013-2017). Every "
        "release's values are kept in goods_trade_by_product_annual_vintages; this table shows "
        "the newest. Categories of one classification add up to at most the total of their "
        "flow and year; never add two classifications."
    ),
    fields=(
        economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        year_field(),
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field(
            "classification",
            "string",
            "Product classification of product_code.",
            enum=PRODUCT_CLASSIFICATIONS,
        ),
        Field(
            "product_code",
            "string",
            "Code of the category; resolves in product_codes.",
            pattern=PRODUCT_CODE_PATTERN,
        ),
        money_field(
            "Value of the goods. Millions of current U.S. dollars (End-Use values "
            "are dollars in the source, written here with six decimals)."
        ),
        source_id_field(),
    ),
    primary_key=("reporter", "partner", "year", "flow", "classification", "product_code"),
    foreign_keys=(
        ForeignKey(
            ("classification", "product_code"), "product_codes", ("classification", "product_code")
        ),
        SOURCE_FK,
    ),
    period_field="year",
)

PRODUCT_TRADE_CHANGES = Table(
    name="product_trade_changes",
    title="Published year-on-year changes in trade by product",
    description=(
        "Changes in trade by product that a source publishes without the levels behind them "
        "(an amount in USD millions or a percentage against the year before). Kept apart from "
        "levels so that no change is ever mistaken for a value."
    ),
    fields=(
        economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        Field("year", "year", "Year of the change.", minimum=1900, maximum=2100),
        Field("base_year", "year", "Year the change is measured from.", minimum=1900, maximum=2100),
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field("classification", "string", "Product classification.", enum=PRODUCT_CLASSIFICATIONS),
        Field("product_code", "string", "Category (named code).", pattern=PRODUCT_CODE_PATTERN),
        Field(
            "measure",
            "string",
            "change_usd_millions (difference in value) or change_pct (percent change).",
            enum=PRODUCT_CHANGE_MEASURES,
        ),
        Field("value", "number", "The change, in the unit its measure names."),
        source_id_field(),
    ),
    primary_key=(
        "reporter",
        "partner",
        "year",
        "base_year",
        "flow",
        "classification",
        "product_code",
        "measure",
        "source_id",
    ),
    foreign_keys=(SOURCE_FK,),
    period_field="year",
)


def _whole_years_but_the_last(frame: pd.DataFrame) -> pd.Series:
    """A figure for fewer than 12 months is the running year's: the newest year of its
    release only."""
    newest = frame.groupby("source_id")["year"].transform("max")
    return (frame["months"] == 12) | (frame["year"] == newest)


US_GOODS_TRADE_BY_PRODUCT_ANNUAL = Table(
    name="us_goods_trade_by_product_annual",
    title="U.S. trade in goods with every partner by product (NAICS groups, End-Use codes), annual",
    description=(
        "U.S. trade with every partner by product, in two classifications: the Census "
        "Bureau's 3-digit NAICS-based groups (census_naics3: exports, total f.a.s., and "
        "general imports, customs value, 2020 on, from USA Trade Online; one release, that of "
        "2026-03-12) and the 5-digit End-Use export codes (census_enduse_exports: total "
        "exports, 2013-2022 for every partner from the release copied 2023-07-26, 2013-2024 "
        "for Korea, whose rows are those of goods_trade_by_product_annual, the newest of every "
        "release). The codes of a partner, year and flow add up to one of its totals in "
        "us_goods_trade_by_partner_annual (the NAICS groups: that of their release; the "
        "End-Use codes: one of the vintages held), but the differences listed in the curated "
        "inputs naics_total_differences, enduse_total_differences and vintage_gaps "
        "(validation gates). The running year is a partial period: months says how many "
        "months it covers, and it is never comparable with a whole year. Partners are Census "
        "codes (partners table); 0015 is the world total. Never add two classifications."
    ),
    fields=(
        census_partner_field(),
        year_field(),
        Field(
            "months",
            "integer",
            "Months of the year the figure covers: 12 for a whole year; fewer for the running "
            "year (1: January only).",
            minimum=1,
            maximum=12,
        ),
        us_flow_field(),
        Field(
            "classification",
            "string",
            "Product classification of product_code (census_naics3).",
            enum=PRODUCT_CLASSIFICATIONS,
        ),
        Field(
            "product_code",
            "string",
            "NAICS-based group (three digits); resolves in product_codes.",
            pattern=PRODUCT_CODE_PATTERN,
        ),
        money_field(
            "Value of the goods. Millions of current U.S. dollars (whole dollars in the "
            "source, written here with six decimals)."
        ),
        source_id_field(),
    ),
    primary_key=("partner_code", "year", "flow", "classification", "product_code"),
    foreign_keys=(
        ForeignKey(("partner_code",), "partners", ("partner_code",)),
        ForeignKey(
            ("classification", "product_code"), "product_codes", ("classification", "product_code")
        ),
        SOURCE_FK,
    ),
    rules=(
        RowRule(
            "partial_only_in_the_newest_year",
            "Only the newest year of a release may cover fewer than 12 months.",
            _whole_years_but_the_last,
        ),
    ),
    period_field="year",
)
