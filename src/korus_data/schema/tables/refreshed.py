"""Tables only ``korus-data refresh`` can fill: defined here like every other table, and
published in a copy of the package once a refresh has filled them (the source pack has no
file with their figures, so the shipped package does not carry them empty).

Example:
    >>> REFRESH_ONLY["us_state_exports_to_korea_monthly"].primary_key
    ('state', 'period', 'product_code')
"""

from __future__ import annotations

from korus_data.schema.codes import (
    API_PRODUCT_CODE_PATTERN,
    FLOWS,
    MONTHLY_PRODUCT_CLASSIFICATIONS,
    STATE_CODE_PATTERN,
    YEARMONTH_PATTERN,
)
from korus_data.schema.model import Field, Table
from korus_data.schema.tables.common import (
    SOURCE_FK,
    economy_field,
    money_field,
    source_id_field,
    year_field,
)

_PERIOD = Field("period", "yearmonth", "Calendar month (YYYY-MM).", pattern=YEARMONTH_PATTERN)
_MONEY = money_field(
    "Value in millions of current U.S. dollars (whole dollars in the source, written here "
    "with six decimals): exports f.a.s., general imports at customs value."
)

GOODS_TRADE_BY_PRODUCT_MONTHLY = Table(
    name="goods_trade_by_product_monthly",
    title="U.S.-Korea trade in goods by product, monthly",
    description=(
        "Monthly U.S. exports to and general imports from Korea by HS chapter and by Census "
        "End-Use code, from January 2010, as the Census International Trade API reports "
        "them. Filled by korus-data refresh census; never add two classifications."
    ),
    fields=(
        economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        _PERIOD,
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field(
            "classification",
            "string",
            "Product classification.",
            enum=MONTHLY_PRODUCT_CLASSIFICATIONS,
        ),
        Field(
            "product_code",
            "string",
            "HS chapter or End-Use code as the API writes it.",
            pattern=API_PRODUCT_CODE_PATTERN,
        ),
        Field("description", "string", "The category's name as the API gives it.", required=False),
        _MONEY,
        source_id_field(),
    ),
    primary_key=("reporter", "partner", "period", "flow", "classification", "product_code"),
    foreign_keys=(SOURCE_FK,),
    period_field="period",
)

US_STATE_EXPORTS_TO_KOREA_MONTHLY = Table(
    name="us_state_exports_to_korea_monthly",
    title="U.S. exports to Korea by state of origin, monthly",
    description=(
        "Monthly U.S. exports to Korea by state of origin, in total and by HS chapter, from "
        "January 2010, as the Census International Trade API reports them. Filled by "
        "korus-data refresh census."
    ),
    fields=(
        Field(
            "state",
            "string",
            "State of origin (USPS code as the API writes it).",
            pattern=STATE_CODE_PATTERN,
        ),
        _PERIOD,
        Field(
            "product_code",
            "string",
            "HS chapter, or 'total' for all goods.",
            pattern=r"^total$|" + API_PRODUCT_CODE_PATTERN,
        ),
        _MONEY,
        source_id_field(),
    ),
    primary_key=("state", "period", "product_code"),
    foreign_keys=(SOURCE_FK,),
    period_field="period",
)

#: Defined tables a refresh fills; published in a copy only once they hold figures.
REFRESH_ONLY: dict[str, Table] = {
    t.name: t for t in (GOODS_TRADE_BY_PRODUCT_MONTHLY, US_STATE_EXPORTS_TO_KOREA_MONTHLY)
}

SERVICES_TRADE_BY_TYPE_ANNUAL = Table(
    name="services_trade_by_type_annual",
    title="U.S. trade in services with Korea by type of service, annual",
    description=(
        "U.S. exports of services to and imports of services from Korea by type of service "
        "(travel, transport, charges for the use of intellectual property, ...), all "
        "affiliations, as BEA's International Services dataset reports them. Types nest (a "
        "total and its parts): never add the rows of one year. Filled by korus-data refresh bea."
    ),
    fields=(
        economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        year_field(),
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field("type_of_service", "string", "BEA's TypeOfService code.", pattern=r"^[A-Za-z0-9]+$"),
        money_field("Value in millions of current U.S. dollars."),
        source_id_field(),
    ),
    primary_key=("reporter", "partner", "year", "flow", "type_of_service"),
    foreign_keys=(SOURCE_FK,),
    period_field="year",
)

REFRESH_ONLY[SERVICES_TRADE_BY_TYPE_ANNUAL.name] = SERVICES_TRADE_BY_TYPE_ANNUAL
