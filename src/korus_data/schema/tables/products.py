"""Trade by product: the product codes, levels by product, and published changes."""

from __future__ import annotations

from korus_data.schema.codes import (
    FLOWS,
    PRODUCT_CHANGE_MEASURES,
    PRODUCT_CLASSIFICATIONS,
    PRODUCT_CODE_PATTERN,
)
from korus_data.schema.model import Field, ForeignKey, Table
from korus_data.schema.tables.common import (
    SOURCE_FK,
    economy_field,
    money_field,
    source_id_field,
    year_field,
)

PRODUCT_CODES = Table(
    name="product_codes",
    title="Product classifications and their codes",
    description=(
        "The codes of each product classification used in the product tables, with their "
        "descriptions: Census 5-digit End-Use codes (leading zeros kept) and USITC digest "
        "sectors (named codes)."
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
        "Korea by Census End-Use code (2016-2025) and U.S. total exports to Korea by USITC "
        "digest sector (2013-2017). Categories of one classification add up to at most the "
        "total of their flow and year; never add two classifications."
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
