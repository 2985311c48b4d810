"""The provenance registry and the fact sheet's claims."""

from __future__ import annotations

from korus_data.schema.codes import (
    CALENDAR_SERIES,
    CLAIM_CHECKS,
    COMPARISONS,
    DATE_EVIDENCE,
    PARTIAL_DATE_PATTERN,
    PRODUCT_CLASSIFICATIONS,
    PRODUCT_CODE_PATTERN,
    RELEASE_DATE_KINDS,
    RELEASE_SERIES,
    SLUG_PATTERN,
    SOURCE_ID_PATTERN,
    SOURCE_KINDS,
    SOURCE_LICENSES,
)
from korus_data.schema.model import Field, ForeignKey, Table
from korus_data.schema.tables.common import SOURCE_FK, source_id_field

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

CLAIMS = Table(
    name="claims",
    title="Quantitative statements of the June 2019 U.S.-R.O.K. fact sheet",
    description=(
        "One row per checkable statement of the fact sheet, in our own words, with the named "
        "check that computes it from the package's tables, the year(s), the comparison and "
        "the threshold. kd.check_claims() gives each one a verdict."
    ),
    fields=(
        Field("claim_id", "string", "Stable identifier.", pattern=SLUG_PATTERN, unique=True),
        Field("section", "string", "Section of the fact sheet."),
        Field("statement", "string", "What is claimed, in our words."),
        Field(
            "check",
            "string",
            "Named check that computes the figure (korus_data.factcheck.checks).",
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
        source_id_field(),
    ),
    primary_key=("claim_id",),
    foreign_keys=(SOURCE_FK,),
)


RELEASES = Table(
    name="releases",
    title="Releases of official series read by the package",
    description=(
        "One row per release of an official statistical series whose figures the package "
        "has read: the series, the last period it covers and when it became public. A "
        "figure's release is its source_id; the vintage tables date each figure from its "
        "release. Where only the day a copy was retrieved is known, date_kind says so."
    ),
    fields=(
        Field(
            "release_id",
            "string",
            "The release; its publication record in the sources table has the same id.",
            pattern=SOURCE_ID_PATTERN,
            unique=True,
        ),
        Field(
            "series", "string", "The official series the release belongs to.", enum=RELEASE_SERIES
        ),
        Field(
            "data_through",
            "string",
            "Last period the release covers (YYYY or YYYY-MM).",
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field(
            "released",
            "string",
            "When the release became public, to the precision known (YYYY, YYYY-MM or "
            "YYYY-MM-DD). As-of queries count a release from the last day of that period.",
            pattern=PARTIAL_DATE_PATTERN,
        ),
        Field(
            "date_kind",
            "string",
            "published (the day of publication), retrieved (the day a copy was taken: public "
            "by then, perhaps earlier) or file_modified (the publisher's own file date).",
            enum=RELEASE_DATE_KINDS,
        ),
        Field(
            "date_source_id",
            "string",
            "Where the date comes from, when not from the release itself.",
            required=False,
            pattern=SOURCE_ID_PATTERN,
        ),
    ),
    primary_key=("release_id",),
    foreign_keys=(
        ForeignKey(("release_id",), "sources", ("source_id",)),
        ForeignKey(("date_source_id",), "sources", ("source_id",)),
    ),
    period_field="released",
)


CLAIM_PRODUCT_CODES = Table(
    name="claim_product_codes",
    title="The product codes each product claim of the fact sheet is checked on",
    description=(
        "For each claim about U.S. exports of a kind of product, the codes of an official "
        "classification whose sum the fact check compares between the two years, and why "
        "those codes (what they include and leave out). Kept by hand; the fact check reads "
        "it."
    ),
    fields=(
        Field("claim_id", "string", "The claim (claims table).", pattern=SLUG_PATTERN),
        Field(
            "classification",
            "string",
            "Classification of the code.",
            enum=PRODUCT_CLASSIFICATIONS,
        ),
        Field(
            "product_code",
            "string",
            "A code whose value the claim's figure adds up.",
            pattern=PRODUCT_CODE_PATTERN,
        ),
        Field(
            "why",
            "string",
            "Why these codes stand for the claim (the same text on each code of a claim).",
        ),
    ),
    primary_key=("claim_id", "classification", "product_code"),
    foreign_keys=(
        ForeignKey(("claim_id",), "claims", ("claim_id",)),
        ForeignKey(
            ("classification", "product_code"), "product_codes", ("classification", "product_code")
        ),
    ),
)

RELEASE_CALENDAR = Table(
    name="release_calendar",
    title="Calendar of the publishers' releases: Census goods (FT-900), BEA direct investment",
    description=(
        "census_ft900: one row per monthly release of U.S. International Trade in Goods and "
        "Services (the FT-900 of the Census Bureau and BEA, with which the Census Bureau "
        "updates its trade by country: the workbook country.xlsx and the page c5800), since "
        "the first release the package holds, whether or not the package holds its figures. "
        "bea_di_country_industry: BEA's yearly releases of Direct Investment by Country and "
        "Industry whose day a source states (2016-2018, 2020 and 2021 data; the others are "
        "not listed, so a day after the last listed is one the package cannot speak for). "
        "Each row: the month its data run through and the day it was published, stated by a "
        "source (never inferred from a usual weekday). kd.releases() says which release was "
        "in force on a day and whether the package holds it; a figure is a first print only "
        "in the release that first published its month. Kept by hand."
    ),
    fields=(
        Field("series", "string", "The release series.", enum=CALENDAR_SERIES),
        Field(
            "data_through",
            "yearmonth",
            "Statistical month of the release: the newest month it publishes, for the first "
            "time (the month before it is revised in the same release); for a yearly release "
            "of positions at the end of a year, December of that year.",
        ),
        Field("released", "date", "Day the release was published (8:30 a.m. Eastern)."),
        Field(
            "evidence",
            "string",
            "What states the day: release (the release itself or the publisher's page of it), "
            "release_copy (a copy of the release elsewhere), schedule (the publisher's "
            "schedule or listing), press (a dated news report of that day's release) or "
            "calendar (an economic calendar).",
            enum=DATE_EVIDENCE,
        ),
        source_id_field(),
        Field(
            "confirmed_by_source_id",
            "string",
            "A second, independent statement of the same day where one was found (the "
            "publisher's own page of the release, another copy of it, the previous release's "
            "'Next release' line, or a dated report of that day's release).",
            required=False,
            pattern=SOURCE_ID_PATTERN,
        ),
    ),
    primary_key=("series", "data_through"),
    foreign_keys=(
        SOURCE_FK,
        ForeignKey(("confirmed_by_source_id",), "sources", ("source_id",)),
    ),
    period_field="data_through",
)
