"""Direct investment positions and the operations of Korean-owned U.S. affiliates."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    AFFILIATE_MEASURES,
    AFFILIATE_UNITS,
    DI_BASES,
    DI_DIRECTIONS,
    DI_PARTNER_KINDS,
    ISO3_PATTERN,
    ISO_STATUSES,
    MONEY_UNIT,
    OWNERSHIP,
    PERSONS_UNIT,
    STATED_AS,
)
from korus_data.schema.model import Field, RowRule, Table
from korus_data.schema.tables.common import SOURCE_FK, economy_field, source_id_field

DIRECT_INVESTMENT_POSITION_ANNUAL = Table(
    name="direct_investment_position_annual",
    title="Direct investment positions between Korea and the United States, annual",
    description=(
        "The position (stock) of direct investment at year end: Korea's in the United States "
        "and the United States' in Korea, on BEA's historical-cost basis. Where vintages "
        "disagree, the newest is published and the older ones are registered in sources. "
        "A position can be negative (net claims of affiliates on their parents)."
    ),
    fields=(
        economy_field("investor", "Economy of the direct investor (ISO alpha-3)."),
        economy_field("host", "Economy where the investment is located (ISO alpha-3)."),
        Field("year", "year", "Year end of the position.", minimum=1900, maximum=2100),
        Field(
            "basis",
            "string",
            "Valuation: historical_cost (BEA's directional position at historical cost).",
            enum=DI_BASES,
        ),
        Field(
            "value_usd_millions",
            "number",
            "Position at year end. Millions of current U.S. dollars, as published.",
            unit=MONEY_UNIT,
        ),
        source_id_field(),
    ),
    primary_key=("investor", "host", "year", "basis"),
    foreign_keys=(SOURCE_FK,),
    rules=(
        RowRule(
            "investor_is_not_host",
            "A position links two different economies.",
            lambda frame: frame["investor"] != frame["host"],
        ),
    ),
    period_field="year",
)


def _unit_matches_measure(frame: pd.DataFrame) -> pd.Series:
    expected = frame["measure"].map(AFFILIATE_UNITS)
    return expected == frame["unit"]


AFFILIATE_OPERATIONS_ANNUAL = Table(
    name="affiliate_operations_annual",
    title="Operations of Korean-owned U.S. affiliates, annual",
    description=(
        "Employment, research and development expenditure and U.S. exports of goods of U.S. "
        "affiliates of Korean companies, for every year a source states them. Each row says "
        "how the source stated the figure (exact, more than, almost, about) and which "
        "affiliates it covers where the source says so."
    ),
    fields=(
        economy_field("parent_country", "Economy of the foreign parent (ISO alpha-3)."),
        economy_field("host", "Economy where the affiliates operate (ISO alpha-3)."),
        Field("year", "year", "Calendar year the figure refers to.", minimum=1900, maximum=2100),
        Field(
            "measure",
            "string",
            "employment (persons employed), rnd_expenditure (research and development "
            "expenditure), exports_of_goods (U.S. exports of goods shipped by the affiliates).",
            enum=AFFILIATE_MEASURES,
        ),
        Field(
            "ownership",
            "string",
            "Affiliates covered: majority_owned, all_affiliates, or not_stated by the source.",
            enum=OWNERSHIP,
        ),
        Field("value", "number", "The figure, in the row's unit.", minimum=0),
        Field(
            "unit",
            "string",
            "persons for employment; USD millions, current for money.",
            enum=(PERSONS_UNIT, MONEY_UNIT),
        ),
        Field(
            "stated_as",
            "string",
            "How the source states the figure: exact, more_than, almost or about.",
            enum=STATED_AS,
        ),
        source_id_field(),
    ),
    primary_key=("parent_country", "host", "year", "measure", "ownership"),
    foreign_keys=(SOURCE_FK,),
    rules=(
        RowRule(
            "unit_matches_measure",
            "Employment is in persons, money in USD millions.",
            _unit_matches_measure,
        ),
    ),
    period_field="year",
)


def _iso_for_countries(frame: pd.DataFrame) -> pd.Series:
    """Only single economies carry an ISO code; a country without one must say why."""
    is_country = frame["partner_kind"] == "country"
    has_iso = frame["iso3"].notna()
    return (has_iso & is_country) | (~has_iso & (~is_country | frame["note"].notna()))


DIRECT_INVESTMENT_POSITION_BY_PARTNER_ANNUAL = Table(
    name="direct_investment_position_by_partner_annual",
    title="Direct investment positions of every partner, annual",
    description=(
        "BEA's direct-investment positions on a historical-cost basis for every country, "
        "region and total its tables list: each partner's position in the United States "
        "(inward) and the U.S. position in each partner (outward). Regions, residual 'Other' "
        "lines (the rest of a region; which countries they hold changes over the years) and "
        "totals overlap the countries in them: rank or add countries only. A cell "
        "BEA suppresses ((D)) or shows as under $500,000 ((*)) or not shown (n.s.) has no "
        "row, never a zero; its release's entry in sources counts them."
    ),
    fields=(
        Field(
            "direction",
            "string",
            "inward: the partner's position in the United States; "
            "outward: the U.S. position in the partner.",
            enum=DI_DIRECTIONS,
        ),
        Field(
            "partner",
            "string",
            "The partner as BEA's table labels it (a garbled label by its intended name); a "
            "residual line is named after its region ('Europe: Other').",
        ),
        Field(
            "partner_kind",
            "string",
            "country, territory_group (territories BEA reports as one line: not a country, "
            "left out of country ranks), region, residual (the rest of a region) or total.",
            enum=DI_PARTNER_KINDS,
        ),
        Field(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code of a country (ISO 3166-3 for a former "
            "one); empty for regions and totals.",
            required=False,
            pattern=ISO3_PATTERN,
        ),
        Field(
            "iso_status",
            "string",
            "current or former (an ISO 3166-3 code).",
            required=False,
            enum=ISO_STATUSES,
        ),
        Field("year", "year", "Year end of the position.", minimum=1900, maximum=2100),
        Field("basis", "string", "Valuation: historical_cost.", enum=DI_BASES),
        Field(
            "value_usd_millions",
            "number",
            "Position at year end. Millions of current U.S. "
            "dollars, as published; can be negative.",
            unit=MONEY_UNIT,
        ),
        Field(
            "note",
            "string",
            "Why a country has no ISO code, or what a line covers.",
            required=False,
        ),
        source_id_field(),
    ),
    primary_key=("direction", "partner", "year", "basis"),
    foreign_keys=(SOURCE_FK,),
    rules=(
        RowRule(
            "iso_for_countries",
            "Countries carry an ISO code, or a note saying why not.",
            _iso_for_countries,
        ),
    ),
    period_field="year",
)
