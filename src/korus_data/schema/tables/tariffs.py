"""Tariffs: the U.S. schedule by edition (general and KORUS rates), KORUS staging by year, the
2025 measures that name Korea, and imports with the duty calculated on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    CHAPTER99_HEADING_PATTERN,
    HTS10_PATTERN,
    HTS_RATE_LINE_PATTERN,
    MEASURE_KOREA_ROLES,
    MEASURE_RATE_KINDS,
    MEASURE_STATUSES,
    MEASURE_TOPICS,
    MONEY_UNIT,
    RATE_KINDS,
    TARIFF_LINE_PATTERN,
)
from korus_data.schema.model import Field, ForeignKey, RowRule, Table
from korus_data.schema.tables.common import (
    SOURCE_FK,
    census_partner_field,
    economy_field,
    money_field,
    source_id_field,
    year_field,
)


def _a_rate_is_given(frame: pd.DataFrame) -> pd.Series:
    return frame["rate_pct"].notna() | frame["rate_text"].notna()


KORUS_TARIFF_STAGING = Table(
    name="korus_tariff_staging",
    title="KORUS tariff staging: the rate of each tariff line by year",
    description=(
        "The preferential tariff rate the reporter applies to goods of the partner under KORUS, "
        "for each tariff line and year, as the International Trade Administration's FTA Tariff "
        "Tool gives it. Today the lines of the 2018 amendment: the six U.S. truck lines "
        "(HTS 8704), 25 % until 2040 and free from 2041. A line or year the source pack has no "
        "file for is absent; the whole schedule fits the same columns."
    ),
    fields=(
        economy_field("reporter", "Economy that applies the tariff (ISO alpha-3)."),
        economy_field("partner", "Economy whose goods the rate applies to (ISO alpha-3)."),
        Field(
            "tariff_line",
            "string",
            "Tariff line of the reporter's schedule (U.S.: 8-digit HTS subheading).",
            pattern=TARIFF_LINE_PATTERN,
        ),
        Field("description", "string", "The tariff line's description, as the source gives it."),
        Field("base_rate_pct", "number", "Base rate (percent ad valorem) the staging starts from."),
        Field(
            "staging",
            "string",
            "Staging category as the source names it (e.g. '30 Years, Non-Linear').",
        ),
        year_field("Calendar year the rate applies in."),
        Field(
            "rate_pct",
            "number",
            "Preferential rate in that year, percent ad valorem; empty where the rate is not "
            "ad valorem (then rate_text).",
            unit="percent",
            required=False,
            minimum=0,
        ),
        Field(
            "rate_text",
            "string",
            "The rate as published when it is not a plain percentage; empty otherwise.",
            required=False,
        ),
        source_id_field(),
    ),
    primary_key=("reporter", "partner", "tariff_line", "year"),
    foreign_keys=(SOURCE_FK,),
    rules=(RowRule("a_rate_is_given", "Every row gives rate_pct or rate_text.", _a_rate_is_given),),
    period_field="year",
)


def _percent_only_where_a_percent(frame: pd.DataFrame) -> pd.Series:
    """A rate's percent is given exactly when its kind is free (0) or ad valorem."""
    ok = None
    for column in ("general", "kr"):
        kind, pct = frame[f"{column}_kind"], frame[f"{column}_ad_valorem_pct"]
        has = kind.isin(["free", "ad_valorem"])
        this = (has & pct.notna()) | (~has & pct.isna())
        ok = this if ok is None else ok & this
    return ok


US_TARIFF_SCHEDULE = Table(
    name="us_tariff_schedule",
    title="The U.S. tariff schedule (HTS) by edition: general and KORUS rate of every rate line",
    description=(
        "Every line of the Harmonized Tariff Schedule of the United States that carries a rate "
        "(8-digit subheadings, and 10-digit lines where the schedule writes the rate there), in "
        "the Basic Editions 2024, 2025 and 2026: the general (column 1, MFN) rate and the rate "
        "under KORUS (the Special column's program KR) as published, each parsed into its kind "
        "(free, ad_valorem, specific, compound, other) and, for free and ad valorem rates, a "
        "percent. A rate the parser cannot read keeps its text with kind other: never a guess. "
        "kr_rate is empty where the line does not name KR. description is the line's own "
        "text; context the texts of the headings above it. The schedule gives the rate "
        "available, not the rate an importer claimed (see us_imports_and_duty_annual)."
    ),
    fields=(
        Field("edition", "year", "Year of the Basic Edition.", minimum=1989, maximum=2100),
        Field(
            "hts_code",
            "string",
            "The line's number, digits only (8, or 10 where the rate is on the 10-digit line).",
            pattern=HTS_RATE_LINE_PATTERN,
        ),
        Field("description", "string", "The line's own text, as the schedule writes it."),
        Field(
            "context",
            "string",
            "The texts of the headings above the line, outermost first, joined by ' | '.",
            required=False,
        ),
        Field(
            "general_rate",
            "string",
            "General (column 1) rate of duty, as published; empty where the line has none.",
            required=False,
        ),
        Field(
            "general_kind", "string", "Kind of the general rate.", required=False, enum=RATE_KINDS
        ),
        Field(
            "general_ad_valorem_pct",
            "number",
            "The general rate in percent of value, for free (0) and ad valorem rates.",
            unit="percent",
            required=False,
            minimum=0,
        ),
        Field(
            "kr_rate",
            "string",
            "Rate for goods of Korea under KORUS (Special column, program KR), as published; "
            "empty where the line does not name KR.",
            required=False,
        ),
        Field("kr_kind", "string", "Kind of the KORUS rate.", required=False, enum=RATE_KINDS),
        Field(
            "kr_ad_valorem_pct",
            "number",
            "The KORUS rate in percent of value, for free (0) and ad valorem rates.",
            unit="percent",
            required=False,
            minimum=0,
        ),
        source_id_field(),
    ),
    primary_key=("edition", "hts_code"),
    foreign_keys=(SOURCE_FK,),
    rules=(
        RowRule(
            "percent_only_where_a_percent",
            "A percent is given exactly where the rate is free or ad valorem.",
            _percent_only_where_a_percent,
        ),
    ),
    period_field="edition",
)

US_TARIFF_MEASURES = Table(
    name="us_tariff_measures",
    title="The 2025 U.S. tariff measures that name Korea (HTS chapter 99)",
    description=(
        "Each heading of chapter 99 of the tariff schedule (additional duties) whose text names "
        "South Korea, as the 2026 Basic Edition has it: whether it applies to products of Korea "
        "or excepts them, what it covers (in this package's own words: the legal text is not "
        "copied; look the heading up in the schedule), its rate as published and how it works "
        "(added to the line's rate, all in, or nothing added), the dates and the Federal "
        "Register citation its text states, and whether the edition lists it as terminated. "
        "Kept by hand; the build checks every row against the schedule's text."
    ),
    fields=(
        Field("edition", "year", "Year of the Basic Edition.", minimum=1989, maximum=2100),
        Field(
            "heading",
            "string",
            "The chapter 99 heading, as the schedule writes it.",
            pattern=CHAPTER99_HEADING_PATTERN,
        ),
        Field("topic", "string", "What kind of measure it is.", enum=MEASURE_TOPICS),
        Field(
            "korea",
            "string",
            "Whether the heading applies to Korea or excepts it.",
            enum=MEASURE_KOREA_ROLES,
        ),
        Field("summary", "string", "What the heading covers, in this package's words."),
        Field("rate_text", "string", "The heading's general rate, as published."),
        Field("rate_kind", "string", "How the rate works.", enum=MEASURE_RATE_KINDS),
        Field(
            "rate_pct",
            "number",
            "The percent the text names (added, or all in); empty when nothing is added.",
            unit="percent",
            required=False,
            minimum=0,
        ),
        Field(
            "dates_stated",
            "string",
            "The dates the heading's text states, with what each is (as the text says).",
            required=False,
        ),
        Field(
            "status",
            "string",
            "listed (in force as the edition lists it) or terminated.",
            enum=MEASURE_STATUSES,
        ),
        Field(
            "federal_register",
            "string",
            "The Federal Register citation the text gives (volume FR page).",
            required=False,
        ),
        source_id_field(),
    ),
    primary_key=("edition", "heading"),
    foreign_keys=(SOURCE_FK,),
    period_field="edition",
)

US_IMPORTS_AND_DUTY_ANNUAL = Table(
    name="us_imports_and_duty_annual",
    title="U.S. imports and the duty calculated on them, by partner, annual",
    description=(
        "U.S. general imports (customs value) from every partner and the duty the Census Bureau "
        "calculates on them from each entry's rate provision, 2002-2024, from a USA Trade Online "
        "report: calculated duty ÷ customs value is the average rate actually paid (derived by "
        "kd.effective_tariff_rate). A duty the report leaves blank is empty here. Partners are "
        "Census codes (partners table; 0015 the world total; groups are marked in partners). "
        "The customs values equal a Census workbook total the package holds, to the dollar, "
        "but 2002 and the first full-year figures of 2024 (validation gate)."
    ),
    fields=(
        census_partner_field(),
        year_field(),
        money_field(
            "General imports, customs value. Millions of current U.S. dollars (whole "
            "dollars in the source)."
        ),
        Field(
            "calculated_duty_usd_millions",
            "number",
            "Duty calculated by the Census Bureau on those imports; empty where the report "
            "shows none.",
            unit=MONEY_UNIT,
            required=False,
            minimum=0,
        ),
        source_id_field(),
    ),
    primary_key=("partner_code", "year"),
    foreign_keys=(ForeignKey(("partner_code",), "partners", ("partner_code",)), SOURCE_FK),
    period_field="year",
)

US_IMPORTS_BY_HTS10_ANNUAL = Table(
    name="us_imports_by_hts10_annual",
    title="U.S. imports for consumption by HTS 10-digit line and partner, annual",
    description=(
        "U.S. imports for consumption (customs value) by 10-digit statistical line of the "
        "tariff schedule, for the partners of one USA Trade Online report (2024: Guatemala to "
        "Laos in the alphabet, Korea and Japan among them). Imports for consumption differ "
        "from general imports (goods entering bonded warehouses are counted when they leave "
        "them): Korea's 2024 total is 0.8 % below its general imports. A line with nothing "
        "imported has no row."
    ),
    fields=(
        census_partner_field(),
        year_field(),
        Field("hts_code", "string", "10-digit statistical line.", pattern=HTS10_PATTERN),
        money_field(
            "Imports for consumption, customs value. Millions of current U.S. dollars "
            "(whole dollars in the source)."
        ),
        source_id_field(),
    ),
    primary_key=("partner_code", "year", "hts_code"),
    foreign_keys=(ForeignKey(("partner_code",), "partners", ("partner_code",)), SOURCE_FK),
    period_field="year",
)
