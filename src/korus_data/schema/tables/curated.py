"""Curated inputs of the pipeline: hand-kept rows that are data files, validated like tables.

Two kinds of curated input exist:

- tables whose published CSV *is* the curated input (projects, their events, affiliate
  operations, published product changes, claims, and the hand-kept rows of ``sources``): a
  contributor edits ``data/<table>.csv`` and runs ``korus-data build``;
- rows of a built table that come from publications other than an official file (press or
  research reports of official figures, figures on web pages): they live in
  ``curated/<table>.csv`` with the published table's columns, and the build merges them with
  the rows it reads from the official files. Several publications may give the same figure
  there, so their key includes ``source_id``; the build keeps the newest.

Plus a code map, Census partner code -> kind and ISO code (``curated/census_partner_codes.csv``),
and the dates of releases whose files do not state them (``curated/release_dates.csv``).

Example:
    >>> from korus_data.schema.tables.curated import CURATED
    >>> CURATED["census_partner_codes"].path
    'curated/census_partner_codes.csv'
"""

from __future__ import annotations

import dataclasses

from korus_data.schema.codes import (
    CENSUS_CODE_PATTERN,
    DI_PARTNER_KINDS,
    FLOWS,
    ISO3_PATTERN,
    ISO_STATUSES,
    MONEY_UNIT,
    SOURCE_ID_PATTERN,
)
from korus_data.schema.model import Field, Table
from korus_data.schema.tables.common import SOURCE_FK, census_partner_field
from korus_data.schema.tables.goods import GOODS_TRADE_ANNUAL, PARTNERS
from korus_data.schema.tables.investment import DIRECT_INVESTMENT_POSITION_ANNUAL
from korus_data.schema.tables.products import GOODS_TRADE_BY_PRODUCT_ANNUAL, PRODUCT_CODES
from korus_data.schema.tables.registry import RELEASES
from korus_data.schema.tables.source_files import SOURCE_FILES

#: Tables whose published CSV in ``data/`` is edited by hand (the build never rewrites them).
HAND_KEPT_TABLES = (
    "investment_projects",
    "investment_project_events",
    "affiliate_operations_annual",
    "product_trade_changes",
    "claims",
    "claim_product_codes",
    "release_calendar",
    "us_tariff_measures",
)


def reported_rows(table: Table, *, several_sources: bool = True) -> Table:
    """The curated-input variant of ``table``: same columns, stored under ``curated/``."""
    key = table.primary_key
    if several_sources and "source_id" not in key:
        key = (*key, "source_id")
    return dataclasses.replace(
        table,
        name=f"curated_{table.name}",
        title=f"{table.title}: rows from reports and web pages (curated input)",
        description=(
            f"Rows of {table.name} taken from publications other than an official file, "
            "kept by hand with their source; the build merges them with the rows it reads "
            "from official files."
        ),
        primary_key=key,
        folder="curated",
        file_stem=table.name,
        period_field=table.period_field,
    )


CENSUS_PARTNER_CODES = dataclasses.replace(
    PARTNERS,
    name="census_partner_codes",
    title="Census partner codes: kind and ISO 3166 code (curated input)",
    description=(
        "What each Census partner code stands for and its ISO 3166-1 alpha-3 code, kept by "
        "hand and checked against pycountry by the tests; the build adds the Census name "
        "from the workbook to make the partners table. A code the workbook has and this file "
        "lacks stops the build."
    ),
    fields=tuple(f for f in PARTNERS.fields if f.name != "name"),
    folder="curated",
)

RELEASE_DATES = dataclasses.replace(
    RELEASES,
    name="release_dates",
    title="Release dates not stated in the released files (curated input)",
    description=(
        "When a release the build reads became public, for releases whose own file does not "
        "say (the Census workbook, BEA's position tables, the IMF reports): the date, what "
        "kind of date it is, and the publication it comes from. The build joins it to what "
        "it reads from each file to make the releases table."
    ),
    fields=tuple(f for f in RELEASES.fields if f.name not in ("series", "data_through")),
    folder="curated",
    period_field=None,
)

BEA_PARTNER_CODES = Table(
    name="bea_partner_codes",
    title="BEA partner labels: kind and ISO 3166 code (curated input)",
    description=(
        "What each row label of BEA's position tables by country stands for (a country, a "
        "group of territories BEA reports together, a region, the rest of a region, all "
        "countries), the ISO code of each country, and the name to publish where BEA's label "
        "is garbled; kept by hand and checked against pycountry by the tests. A label a table "
        "has and this file lacks stops the build."
    ),
    fields=(
        Field("label", "string", "The row label as BEA writes it (footnote marks removed)."),
        Field(
            "kind",
            "string",
            "country, territory_group (territories BEA reports as one line, inside a region), "
            "region (a line that the rows under it add up to; a residual 'Other' below is the "
            "rest of the last region), residual or total.",
            enum=DI_PARTNER_KINDS,
        ),
        Field(
            "iso3", "string", "ISO alpha-3 code of a country.", required=False, pattern=ISO3_PATTERN
        ),
        Field("iso_status", "string", "current or former.", required=False, enum=ISO_STATUSES),
        Field(
            "note", "string", "Why a country has no code, or what the label covers.", required=False
        ),
        Field(
            "name",
            "string",
            "The partner name to publish where BEA's label is garbled (a mis-decoded letter); "
            "empty: the label itself.",
            required=False,
        ),
    ),
    primary_key=("label",),
    folder="curated",
)

USATO_PARTNER_NAMES = Table(
    name="usato_partner_names",
    title="USA Trade Online country names that differ from the workbook's (curated input)",
    description=(
        "The Census partner code of each country name of the USA Trade Online reports that is "
        "not spelt as in the Census country workbook (the partners table); every other name is "
        "matched exactly. A name without a code is a group the workbook does not carry, whose "
        "figures the package does not publish. A name the reports have and neither the "
        "partners table nor this file knows stops the build."
    ),
    fields=(
        Field(
            "usato_name",
            "string",
            "The country name as USA Trade Online writes it (a name a report gives to two "
            "blocks of rows is '<name> [2]' for the second).",
        ),
        Field(
            "partner_code",
            "string",
            "Census partner code it stands for; resolves in the partners table. Empty: a "
            "group the workbook does not carry (not published).",
            required=False,
            pattern=CENSUS_CODE_PATTERN,
        ),
        Field("note", "string", "Why the names differ, or what the match rests on."),
    ),
    primary_key=("usato_name",),
    folder="curated",
)

NAICS_TOTAL_DIFFERENCES = Table(
    name="naics_total_differences",
    title="Where the NAICS reports' totals differ from the Census workbook (curated input)",
    description=(
        "Each total of a USA Trade Online NAICS report (All Commodities, one partner, year "
        "and flow) that differs by more than a dollar from the Census country workbook of the "
        "same release, with both figures as the two files give them. The build stops on a "
        "difference not listed here, and on a listed one whose figures have changed."
    ),
    fields=(
        census_partner_field(),
        Field("year", "year", "Calendar year.", minimum=1900, maximum=2100),
        Field("flow", "string", "export or import.", enum=FLOWS),
        Field(
            "report_usd_millions", "number", "The report's All Commodities total.", unit=MONEY_UNIT
        ),
        Field("workbook_usd_millions", "number", "The workbook's annual total.", unit=MONEY_UNIT),
        Field("note", "string", "What is known of the difference (neither file explains it)."),
    ),
    primary_key=("partner_code", "year", "flow"),
    folder="curated",
)

VINTAGE_GAPS = Table(
    name="vintage_gaps",
    title="Years of a file no held Census workbook can check (curated input)",
    description=(
        "The years of a file by partner (End-Use, imports and duty) whose partner totals "
        "carry a revision of which the package holds no Census country workbook, so that the "
        "build cannot check them against a workbook total to the dollar. The build checks "
        "every other year of every partner, and stops on a listed year in which every partner "
        "does add up."
    ),
    fields=(
        Field(
            "source_id",
            "string",
            "The release (sources table).",
            pattern=SOURCE_ID_PATTERN,
        ),
        Field("year", "year", "Calendar year.", minimum=1900, maximum=2100),
        Field("note", "string", "Which revision the year carries and why no workbook has it."),
    ),
    primary_key=("source_id", "year"),
    foreign_keys=(SOURCE_FK,),
    folder="curated",
)

ENDUSE_TOTAL_DIFFERENCES = Table(
    name="enduse_total_differences",
    title="Where an End-Use file's partner totals differ from every Census workbook (curated)",
    description=(
        "Each partner-year whose End-Use codes add up to a total that no Census country "
        "workbook the package holds has, outside the years of vintage_gaps, with both "
        "figures as the files give them. The build stops on a difference not listed here, "
        "and on a listed one whose figures have changed or that is gone."
    ),
    fields=(
        Field("source_id", "string", "The End-Use release.", pattern=SOURCE_ID_PATTERN),
        census_partner_field(),
        Field("year", "year", "Calendar year.", minimum=1900, maximum=2100),
        Field("flow", "string", "export or import.", enum=FLOWS),
        Field(
            "enduse_usd_millions", "number", "What the End-Use codes add up to.", unit=MONEY_UNIT
        ),
        Field(
            "workbook_usd_millions",
            "number",
            "The workbook's annual total (the same in every vintage held).",
            unit=MONEY_UNIT,
        ),
        Field("note", "string", "What is known of the difference."),
    ),
    primary_key=("source_id", "partner_code", "year", "flow"),
    foreign_keys=(SOURCE_FK,),
    folder="curated",
)

#: Every curated input file of the pipeline, by name.
CURATED: dict[str, Table] = {
    t.name: t
    for t in (
        CENSUS_PARTNER_CODES,
        BEA_PARTNER_CODES,
        USATO_PARTNER_NAMES,
        NAICS_TOTAL_DIFFERENCES,
        VINTAGE_GAPS,
        ENDUSE_TOTAL_DIFFERENCES,
        RELEASE_DATES,
        SOURCE_FILES,
        reported_rows(GOODS_TRADE_ANNUAL),
        reported_rows(DIRECT_INVESTMENT_POSITION_ANNUAL),
        reported_rows(GOODS_TRADE_BY_PRODUCT_ANNUAL),
        reported_rows(PRODUCT_CODES, several_sources=False),
    )
}
