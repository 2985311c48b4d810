"""The single definition of every published table.

The Pandera schemas, ``datapackage.json`` and the README's data dictionary are generated from
these objects; edit a table here and regenerate (``korus-data build --descriptor-only``).

Example:
    >>> from korus_data.definitions import TABLES
    >>> [f.name for f in TABLES["goods_trade_annual"].fields][:4]
    ['reporter', 'partner', 'year', 'flow']
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from korus_data.model import YEARMONTH_PATTERN, Field, ForeignKey, RowRule, Table
from korus_data.project_vocabulary import EVENT_TYPES, PROJECT_KINDS
from korus_data.project_vocabulary import SECTORS as SECTOR_MEANINGS

# --- controlled vocabularies -------------------------------------------------------------

MONEY_UNIT = "USD millions, current"

#: Economies that report or partner in the bilateral tables (ISO 3166-1 alpha-3).
ECONOMIES = ("USA", "KOR")
FLOWS = ("export", "import")
#: Statistical compilation a goods figure comes from.
GOODS_BASES = ("census", "imf_dots", "korea_customs")
#: How a goods flow is valued: free alongside ship, customs value, free on board, cost
#: insurance and freight.
VALUATIONS = ("fas", "customs", "fob", "cif")
#: The valuation each (basis, flow) must carry.
VALUATION_OF = {
    ("census", "export"): "fas",
    ("census", "import"): "customs",
    ("imf_dots", "export"): "fob",
    ("imf_dots", "import"): "cif",
    ("korea_customs", "export"): "fob",
    ("korea_customs", "import"): "cif",
}

#: What a Census partner code stands for.
PARTNER_KINDS = ("country", "aggregate", "unallocated")
ISO_STATUSES = ("current", "former")

#: Partners of BEA's trade-by-country workbook: ISO alpha-3 codes for economies, and
#: upper-case names for BEA's groups of economies.
BEA_PARTNERS = (
    "AUS",
    "BEL",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "HKG",
    "IND",
    "IRL",
    "ISR",
    "ITA",
    "JPN",
    "KOR",
    "MYS",
    "MEX",
    "NLD",
    "SAU",
    "SGP",
    "CHE",
    "TWN",
    "GBR",
    "VNM",
    "ALL_OTHER_COUNTRIES",
    "CAFTA_DR",
    "EUROPEAN_UNION",
    "SOUTH_CENTRAL_AMERICA",
)
BEA_GROUPS = ("ALL_OTHER_COUNTRIES", "CAFTA_DR", "EUROPEAN_UNION", "SOUTH_CENTRAL_AMERICA")
ACCOUNTS = ("goods", "services")
DI_BASES = ("historical_cost",)
AFFILIATE_MEASURES = ("employment", "rnd_expenditure", "exports_of_goods")
AFFILIATE_UNITS = {
    "employment": "persons",
    "rnd_expenditure": MONEY_UNIT,
    "exports_of_goods": MONEY_UNIT,
}
OWNERSHIP = ("majority_owned", "all_affiliates", "not_stated")
STATED_AS = ("exact", "more_than", "almost", "about")

SOURCE_KINDS = (
    "official_statistics",
    "official_statement",
    "company_release",
    "press",
    "research",
    "secondary_copy",
    "aggregator",
)
SOURCE_LICENSES = ("US-Government-Works", "CC-BY-4.0", "cited-figures")

SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
MONEY_NOTE = (
    "Millions of current U.S. dollars, at the precision the source publishes "
    "(Census figures from 2003 on are whole dollars, written with six decimals)."
)

# --- reusable fields ---------------------------------------------------------------------


def _source_id_field() -> Field:
    return Field(
        "source_id",
        "string",
        "Identifier of the publication the figure comes from; resolves in the sources table.",
        pattern=SOURCE_ID_PATTERN,
    )


def _money_field(description: str) -> Field:
    return Field("value_usd_millions", "number", description, unit=MONEY_UNIT, minimum=0)


def _economy_field(name: str, description: str) -> Field:
    return Field(name, "string", description, enum=ECONOMIES)


_SOURCE_FK = ForeignKey(("source_id",), "sources", ("source_id",))


def _valuation_matches_basis(frame: pd.DataFrame) -> pd.Series:
    """True where the row's valuation is the one its basis and flow call for."""
    expected = [
        VALUATION_OF.get((b, f)) for b, f in zip(frame["basis"], frame["flow"], strict=True)
    ]
    return pd.Series(
        [e is None or e == v for e, v in zip(expected, frame["valuation"], strict=True)],
        index=frame.index,
    )


_VALUATION_RULE = RowRule(
    "valuation_matches_basis",
    "Census exports are valued f.a.s. and Census general imports at customs value.",
    _valuation_matches_basis,
)


def _goods_fields(period: Field) -> tuple[Field, ...]:
    return (
        _economy_field(
            "reporter", "Economy whose statistics record the flow (ISO 3166-1 alpha-3)."
        ),
        _economy_field("partner", "Counterpart economy (ISO 3166-1 alpha-3)."),
        period,
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field(
            "basis",
            "string",
            "Statistical compilation the figure belongs to: census (U.S. Census Bureau, goods "
            "on a Census basis), imf_dots (IMF Direction of Trade Statistics), korea_customs "
            "(Korean customs statistics as the ministry or KITA publish them).",
            enum=GOODS_BASES,
        ),
        Field(
            "valuation",
            "string",
            "How the goods are valued: fas (free alongside ship, Census exports), customs "
            "(customs value, Census general imports), fob, cif.",
            enum=VALUATIONS,
        ),
        _money_field("Value of the goods, not seasonally adjusted. " + MONEY_NOTE),
        _source_id_field(),
    )


# --- the tables --------------------------------------------------------------------------

SOURCES = Table(
    name="sources",
    title="Source registry",
    description=(
        "Every publication a figure in this package comes from, with its publisher, address, "
        "date and kind, and the publications checked but not used (superseded vintages), "
        "each pointing to the one that replaced it."
    ),
    fields=(
        Field(
            "source_id",
            "string",
            "Stable identifier used by the source_id column of every other table.",
            pattern=SOURCE_ID_PATTERN,
            unique=True,
        ),
        Field("publisher", "string", "Organisation that published the figures."),
        Field("title", "string", "Title of the publication, table or file."),
        Field("url", "string", "Address of the publication.", pattern=r"^https?://\S+$"),
        Field(
            "kind",
            "string",
            "official_statistics (a statistical agency's release), official_statement "
            "(a government text), company_release, press, research (think tanks, trade "
            "associations), secondary_copy (a third party's copy or capture of an official "
            "publication), aggregator (a mirror, blog or aggregator repeating others' reports).",
            enum=SOURCE_KINDS,
        ),
        Field(
            "primary",
            "boolean",
            "True when the publisher produced the figures itself; false for figures reported "
            "or copied from someone else.",
        ),
        Field(
            "date_published",
            "string",
            "Publication date, to the precision known (YYYY, YYYY-MM or YYYY-MM-DD).",
            required=False,
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field(
            "vintage",
            "string",
            "Data vintage: the last period the publication's figures cover (YYYY or YYYY-MM), "
            "used to decide which of two publications is newer.",
            required=False,
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field("date_accessed", "date", "Date the project read the publication."),
        Field(
            "license",
            "string",
            "Terms of the figures: US-Government-Works (U.S. federal statistics, public domain "
            "in the U.S.), CC-BY-4.0, or cited-figures (a copyrighted text from which only "
            "facts are taken).",
            enum=SOURCE_LICENSES,
        ),
        Field(
            "sha256",
            "string",
            "SHA-256 of the exact file the build read, where the figures come from a file.",
            required=False,
            pattern=r"^[0-9a-f]{64}$",
        ),
        Field(
            "superseded_by",
            "string",
            "For a publication checked but not used: the source whose figures replace it.",
            required=False,
            pattern=SOURCE_ID_PATTERN,
        ),
        Field("notes", "string", "How the source was used, and choices made.", required=False),
    ),
    primary_key=("source_id",),
    foreign_keys=(ForeignKey(("superseded_by",), "sources", ("source_id",)),),
    license="CC-BY-4.0",
)

GOODS_TRADE_MONTHLY = Table(
    name="goods_trade_monthly",
    title="U.S.-Korea trade in goods, monthly",
    description=(
        "Monthly U.S. exports to and general imports from Korea as published by the U.S. "
        "Census Bureau, from January 1985. A month not yet published is absent, never zero."
    ),
    fields=_goods_fields(
        Field("period", "yearmonth", "Calendar month (YYYY-MM).", pattern=YEARMONTH_PATTERN)
    ),
    primary_key=("reporter", "partner", "period", "flow", "basis"),
    foreign_keys=(_SOURCE_FK,),
    rules=(_VALUATION_RULE,),
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
    fields=_goods_fields(Field("year", "year", "Calendar year.", minimum=1900, maximum=2100)),
    primary_key=("reporter", "partner", "year", "flow", "basis"),
    foreign_keys=(_SOURCE_FK,),
    rules=(_VALUATION_RULE,),
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
            pattern=r"^\d{4}$",
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
        "(see partners.kind); never add them to single economies."
    ),
    fields=(
        Field(
            "partner_code",
            "string",
            "Census partner code; resolves in the partners table.",
            pattern=r"^\d{4}$",
        ),
        Field("year", "year", "Calendar year.", minimum=1900, maximum=2100),
        Field(
            "flow",
            "string",
            "export (U.S. total exports, f.a.s.) or import (U.S. general imports, customs value).",
            enum=FLOWS,
        ),
        _money_field("Value of the goods. " + MONEY_NOTE),
        _source_id_field(),
    ),
    primary_key=("partner_code", "year", "flow"),
    foreign_keys=(
        ForeignKey(("partner_code",), "partners", ("partner_code",)),
        _SOURCE_FK,
    ),
    period_field="year",
)


def _bop_fields(period: Field) -> tuple[Field, ...]:
    return (
        _economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
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
        _money_field("Value of the transactions. Millions of current U.S. dollars, as published."),
        _source_id_field(),
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
    fields=_bop_fields(Field("year", "year", "Calendar year.", minimum=1900, maximum=2100)),
    primary_key=("reporter", "partner", "year", "account", "flow"),
    foreign_keys=(_SOURCE_FK,),
    period_field="year",
)

BOP_TRADE_QUARTERLY = Table(
    name="bop_trade_quarterly",
    title="U.S. trade in goods and services by partner, balance-of-payments basis, quarterly",
    description=(
        "The quarterly, seasonally adjusted counterpart of bop_trade_annual, from 1999Q1. "
        "BEA notes that quarters may not sum to the annual totals because of rounding."
    ),
    fields=_bop_fields(
        Field("period", "string", "Calendar quarter (YYYY-Qn).", pattern=r"^\d{4}-Q[1-4]$")
    ),
    primary_key=("reporter", "partner", "period", "account", "flow"),
    foreign_keys=(_SOURCE_FK,),
    period_field="period",
)

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
        _economy_field("investor", "Economy of the direct investor (ISO alpha-3)."),
        _economy_field("host", "Economy where the investment is located (ISO alpha-3)."),
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
        _source_id_field(),
    ),
    primary_key=("investor", "host", "year", "basis"),
    foreign_keys=(_SOURCE_FK,),
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
        _economy_field("parent_country", "Economy of the foreign parent (ISO alpha-3)."),
        _economy_field("host", "Economy where the affiliates operate (ISO alpha-3)."),
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
            enum=("persons", MONEY_UNIT),
        ),
        Field(
            "stated_as",
            "string",
            "How the source states the figure: exact, more_than, almost or about.",
            enum=STATED_AS,
        ),
        _source_id_field(),
    ),
    primary_key=("parent_country", "host", "year", "measure", "ownership"),
    foreign_keys=(_SOURCE_FK,),
    rules=(
        RowRule(
            "unit_matches_measure",
            "Employment is in persons, money in USD millions.",
            _unit_matches_measure,
        ),
    ),
    period_field="year",
)

USPS_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
)  # fmt: skip
AMOUNT_SCOPES = ("total_project", "korean_share", "increment", "unknown")
DATE_PRECISIONS = ("day", "month", "year")
PROJECT_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


SECTORS = tuple(SECTOR_MEANINGS)


def _precision_matches_date(frame: pd.DataFrame) -> pd.Series:
    lengths = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    return lengths == frame["date_precision"]


def _scope_with_amount(frame: pd.DataFrame) -> pd.Series:
    return frame["amount_usd_millions"].notna() == frame["amount_scope"].notna()


INVESTMENT_PROJECTS = Table(
    name="investment_projects",
    title="Korean investment projects in the United States",
    description=(
        "One row per project: a plant or site, an acquisition, or a group's multi-year pledge "
        "not tied to one site (kind = plan, never added to site totals). Facts that belong to "
        "the project; amounts, dates and jobs are in investment_project_events."
    ),
    fields=(
        Field(
            "project_id",
            "string",
            "Stable identifier (slug).",
            pattern=PROJECT_ID_PATTERN,
            unique=True,
        ),
        Field(
            "kind",
            "string",
            "site, acquisition, or plan (a pledge not tied to a site).",
            enum=PROJECT_KINDS,
        ),
        Field("company", "string", "Company that invests (the joint venture where there is one)."),
        Field(
            "korean_group",
            "string",
            "Korean business group(s) behind it; two groups are separated by '; '.",
        ),
        Field(
            "partner",
            "string",
            "Partner of a joint venture or deal, where there is one.",
            required=False,
        ),
        Field(
            "sector",
            "string",
            "Sector, from a small controlled vocabulary (see README).",
            enum=SECTORS,
        ),
        Field("product", "string", "What the site makes or the deal covers."),
        Field("city", "string", "City or place, as reported.", required=False),
        Field("county", "string", "County or parish, where reported.", required=False),
        Field(
            "state",
            "string",
            "U.S. state (USPS code); empty for plans and unsited projects.",
            required=False,
            enum=USPS_STATES,
        ),
        Field(
            "in_2019_fact_sheet",
            "boolean",
            "True for the six projects the June 2019 U.S.-R.O.K. fact sheet names.",
        ),
    ),
    primary_key=("project_id",),
)

INVESTMENT_PROJECT_EVENTS = Table(
    name="investment_project_events",
    title="Events of Korean investment projects in the United States",
    description=(
        "One row per reported event of a project (announced, groundbreaking, production start, "
        "opened, expansion, paused, cancelled...), with the amount as stated at that event and "
        "its scope. Two sources reporting the same event are two rows, never averaged. Dates "
        "keep their precision: '2019-05' is a month, never a made-up day."
    ),
    fields=(
        Field(
            "project_id",
            "string",
            "The project; resolves in investment_projects.",
            pattern=PROJECT_ID_PATTERN,
        ),
        Field(
            "date",
            "string",
            "Date of the event, to the precision reported.",
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field("date_precision", "string", "day, month or year.", enum=DATE_PRECISIONS),
        Field("event", "string", "What happened, from a controlled vocabulary.", enum=EVENT_TYPES),
        Field(
            "amount_usd_millions",
            "number",
            "Investment amount as stated at this event (not a running total).",
            unit=MONEY_UNIT,
            required=False,
            minimum=0,
        ),
        Field(
            "amount_scope",
            "string",
            "What the amount covers: total_project (the whole project as stated at that "
            "event), korean_share, increment (an expansion added to the project), unknown.",
            required=False,
            enum=AMOUNT_SCOPES,
        ),
        Field(
            "jobs",
            "integer",
            "Jobs planned or stated at this event.",
            unit="jobs",
            required=False,
            minimum=0,
        ),
        Field(
            "capacity",
            "number",
            "Production capacity stated at this event.",
            required=False,
            minimum=0,
        ),
        Field(
            "capacity_unit",
            "string",
            "Unit of capacity: GW (solar) or GWh (batteries).",
            required=False,
            enum=("GW", "GWh"),
        ),
        Field("note", "string", "Our note on the event, where needed.", required=False),
        _source_id_field(),
    ),
    primary_key=("project_id", "date", "event", "source_id"),
    foreign_keys=(
        ForeignKey(("project_id",), "investment_projects", ("project_id",)),
        _SOURCE_FK,
    ),
    rules=(
        RowRule(
            "precision_matches_date",
            "date_precision matches the length of the date.",
            _precision_matches_date,
        ),
        RowRule(
            "scope_with_amount",
            "amount_scope is set exactly when an amount is.",
            _scope_with_amount,
        ),
        RowRule(
            "unit_with_capacity",
            "capacity_unit is set exactly when a capacity is.",
            lambda frame: frame["capacity"].notna() == frame["capacity_unit"].notna(),
        ),
    ),
    period_field="date",
)

PRODUCT_CLASSIFICATIONS = ("census_enduse", "usitc_digest_sector", "korea_mti_item")
PRODUCT_CODE_PATTERN = r"^[a-z0-9_]+$|^\d{5}$"

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
        _economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        _economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        Field("year", "year", "Calendar year.", minimum=1900, maximum=2100),
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
        _money_field(
            "Value of the goods. Millions of current U.S. dollars (End-Use values "
            "are dollars in the source, written here with six decimals)."
        ),
        _source_id_field(),
    ),
    primary_key=("reporter", "partner", "year", "flow", "classification", "product_code"),
    foreign_keys=(
        ForeignKey(
            ("classification", "product_code"), "product_codes", ("classification", "product_code")
        ),
        _SOURCE_FK,
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
        _economy_field("reporter", "Economy whose statistics record the flow (ISO alpha-3)."),
        _economy_field("partner", "Counterpart economy (ISO alpha-3)."),
        Field("year", "year", "Year of the change.", minimum=1900, maximum=2100),
        Field("base_year", "year", "Year the change is measured from.", minimum=1900, maximum=2100),
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field("classification", "string", "Product classification.", enum=PRODUCT_CLASSIFICATIONS),
        Field("product_code", "string", "Category (named code).", pattern=PRODUCT_CODE_PATTERN),
        Field(
            "measure",
            "string",
            "change_usd_millions (difference in value) or change_pct (percent change).",
            enum=("change_usd_millions", "change_pct"),
        ),
        Field("value", "number", "The change, in the unit its measure names."),
        _source_id_field(),
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
    foreign_keys=(_SOURCE_FK,),
    period_field="year",
)

CLAIM_CHECKS = (
    "goods_two_way_total",
    "services_two_way_total",
    "goods_services_balance_change",
    "product_exports_grew",
    "investment_position_growth",
    "major_investment_source",
    "affiliate_measure",
    "investment_growth_rank",
    "projects_since",
    "project_event",
    "project_capacity",
    "partner_rank",
    "out_of_scope",
)
COMPARISONS = (
    "more_than", "nearly", "at_least", "equals", "grew", "dropped_by_more_than",
    "rank_at_most", "none",
)  # fmt: skip

CLAIMS = Table(
    name="claims",
    title="Quantitative statements of the June 2019 U.S.-R.O.K. fact sheet",
    description=(
        "One row per checkable statement of the fact sheet, in our own words, with the named "
        "check that computes it from the package's tables, the year(s), the comparison and "
        "the threshold. kd.check_claims() gives each one a verdict."
    ),
    fields=(
        Field("claim_id", "string", "Stable identifier.", pattern=PROJECT_ID_PATTERN, unique=True),
        Field("section", "string", "Section of the fact sheet."),
        Field("statement", "string", "What is claimed, in our words."),
        Field(
            "check",
            "string",
            "Named check that computes the figure (korus_data.claims).",
            enum=CLAIM_CHECKS,
        ),
        Field(
            "subject",
            "string",
            "What the check is about where it needs one (a project, a product, a measure).",
            required=False,
        ),
        Field(
            "year",
            "year",
            "Year the statement is about.",
            required=False,
            minimum=1900,
            maximum=2100,
        ),
        Field(
            "base_year",
            "year",
            "Year a change is measured from.",
            required=False,
            minimum=1900,
            maximum=2100,
        ),
        Field(
            "comparison",
            "string",
            "How the figure is compared with the threshold.",
            enum=COMPARISONS,
        ),
        Field("threshold", "number", "The number claimed.", required=False),
        Field("unit", "string", "Unit of the threshold.", required=False),
        Field(
            "tolerance_pct",
            "number",
            "Allowed distance for 'nearly' and 'equals', in percent of the threshold.",
            required=False,
            minimum=0,
        ),
        _source_id_field(),
    ),
    primary_key=("claim_id",),
    foreign_keys=(_SOURCE_FK,),
)

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
        AFFILIATE_OPERATIONS_ANNUAL,
        GOODS_TRADE_BY_PRODUCT_ANNUAL,
        PRODUCT_CODES,
        PRODUCT_TRADE_CHANGES,
        INVESTMENT_PROJECTS,
        INVESTMENT_PROJECT_EVENTS,
        CLAIMS,
        SOURCES,
    )
}

TableName = Literal[
    "goods_trade_annual",
    "goods_trade_monthly",
    "us_goods_trade_by_partner_annual",
    "partners",
    "bop_trade_annual",
    "bop_trade_quarterly",
    "direct_investment_position_annual",
    "affiliate_operations_annual",
    "goods_trade_by_product_annual",
    "product_codes",
    "product_trade_changes",
    "investment_projects",
    "investment_project_events",
    "claims",
    "sources",
]
