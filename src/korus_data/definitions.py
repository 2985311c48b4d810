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

# --- controlled vocabularies -------------------------------------------------------------

#: Economies that report or partner in the bilateral tables (ISO 3166-1 alpha-3).
ECONOMIES = ("USA", "KOR")
FLOWS = ("export", "import")
#: Statistical compilation a goods figure comes from.
GOODS_BASES = ("census",)
#: How a goods flow is valued: free alongside ship, customs value, free on board, cost
#: insurance and freight.
VALUATIONS = ("fas", "customs", "fob", "cif")
#: The valuation each (basis, flow) must carry.
VALUATION_OF = {("census", "export"): "fas", ("census", "import"): "customs"}

#: What a Census partner code stands for.
PARTNER_KINDS = ("country", "aggregate", "unallocated")
ISO_STATUSES = ("current", "former")

SOURCE_KINDS = (
    "official_statistics",
    "official_statement",
    "company_release",
    "press",
    "research",
    "secondary_copy",
)
SOURCE_LICENSES = ("US-Government-Works", "CC-BY-4.0", "cited-figures")

SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
MONEY_UNIT = "USD millions, current"
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
            "Statistical compilation the figure belongs to (census: U.S. Census Bureau, "
            "goods on a Census basis).",
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
            "publication).",
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
        "Annual trade in goods between the United States and Korea, complete calendar years "
        "only. Census rows are the Census Bureau's published annual totals."
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

#: Every published table, in catalogue order.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        GOODS_TRADE_ANNUAL,
        GOODS_TRADE_MONTHLY,
        US_GOODS_TRADE_BY_PARTNER_ANNUAL,
        PARTNERS,
        SOURCES,
    )
}

TableName = Literal[
    "goods_trade_annual",
    "goods_trade_monthly",
    "us_goods_trade_by_partner_annual",
    "partners",
    "sources",
]
