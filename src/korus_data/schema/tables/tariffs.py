"""Tariff staging under KORUS: the rate of each U.S. tariff line in each year."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import TARIFF_LINE_PATTERN
from korus_data.schema.model import Field, RowRule, Table
from korus_data.schema.tables.common import SOURCE_FK, economy_field, source_id_field, year_field


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
