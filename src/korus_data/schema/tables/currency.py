"""The won-dollar exchange rate: the Federal Reserve Board's daily H.10 rate, and monthly and
annual averages the package derives from it (stated method, never mixed with official
figures)."""

from __future__ import annotations

from korus_data.schema.codes import RATE_DERIVATIONS, RATE_UNIT, YEARMONTH_PATTERN
from korus_data.schema.model import Field, Table
from korus_data.schema.tables.common import SOURCE_FK, source_id_field, year_field

RATE_NOTE = (
    "South Korean won per U.S. dollar, noon buying rate in New York certified by the Federal "
    "Reserve Bank of New York, as the Board's H.10 release publishes it."
)


def _derived_fields(period: Field, what: str) -> tuple[Field, ...]:
    return (
        period,
        Field(
            "krw_per_usd",
            "number",
            f"Mean of the daily rates of the {what} (days with a rate only), rounded to four "
            "decimals. Derived by korus-data, not the Board's own averages (G.5, G.5A).",
            unit=RATE_UNIT,
            minimum=0,
        ),
        Field(
            "days",
            "integer",
            f"Days of the {what} with a rate: the number of values averaged.",
            minimum=1,
        ),
        Field(
            "derivation",
            "string",
            "How the figure is computed from krw_per_usd_daily: the mean of the days with a "
            "rate. A derived figure, never an official one.",
            enum=RATE_DERIVATIONS,
        ),
        source_id_field(),
    )


KRW_PER_USD_DAILY = Table(
    name="krw_per_usd_daily",
    title="Won per dollar, daily (Federal Reserve H.10)",
    description=(
        "The won-dollar rate for each day the Federal Reserve Board's H.10 release gives one, "
        "from 1981-04-13. A day without a rate (a holiday, a weekend) has no row, never a "
        "zero or a carried-forward value."
    ),
    fields=(
        Field("date", "date", "Day of the rate."),
        Field("krw_per_usd", "number", RATE_NOTE, unit=RATE_UNIT, minimum=0),
        source_id_field(),
    ),
    primary_key=("date",),
    foreign_keys=(SOURCE_FK,),
    period_field="date",
)

KRW_PER_USD_MONTHLY = Table(
    name="krw_per_usd_monthly",
    title="Won per dollar, monthly average (derived from H.10)",
    description=(
        "Monthly averages of krw_per_usd_daily computed by the package: the mean of the "
        "month's days with a rate. Derived figures, labelled so in every row; the rate a "
        "conversion to won uses (currency='KRW')."
    ),
    fields=_derived_fields(
        Field("period", "yearmonth", "Calendar month (YYYY-MM).", pattern=YEARMONTH_PATTERN),
        "month",
    ),
    primary_key=("period",),
    foreign_keys=(SOURCE_FK,),
    period_field="period",
)

KRW_PER_USD_ANNUAL = Table(
    name="krw_per_usd_annual",
    title="Won per dollar, annual average (derived from H.10)",
    description=(
        "Annual averages of krw_per_usd_daily computed by the package: the mean of the "
        "year's days with a rate (not the mean of the monthly means). Only years with a rate "
        "in every month; derived figures, labelled so in every row."
    ),
    fields=_derived_fields(year_field(), "year"),
    primary_key=("year",),
    foreign_keys=(SOURCE_FK,),
    period_field="year",
)
