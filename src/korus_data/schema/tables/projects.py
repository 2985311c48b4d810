"""Korean investment projects in the United States and their events (curated tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    AMOUNT_SCOPES,
    CAPACITY_UNITS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    MONEY_UNIT,
    PARTIAL_DATE_PATTERN,
    PROJECT_KINDS,
    SECTORS,
    SLUG_PATTERN,
    USPS_STATES,
)
from korus_data.schema.model import Field, ForeignKey, RowRule, Table
from korus_data.schema.tables.common import SOURCE_FK, source_id_field


def _precision_matches_date(frame: pd.DataFrame) -> pd.Series:
    lengths = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    return lengths == frame["date_precision"]


def _scope_with_amount(frame: pd.DataFrame) -> pd.Series:
    return frame["amount_usd_millions"].notna() == frame["amount_scope"].notna()


def _repeats_a_counted_row(frame: pd.DataFrame) -> pd.Series:
    """A row's ``same_event_as`` names another row of the same project and event, on a date
    that agrees to the coarser precision, and that row is counted (repeats nothing itself)."""
    import pandas as pd

    counted = frame[frame["same_event_as"].isna()]
    target = frame[["project_id", "event", "same_event_as", "date"]].reset_index()
    target = target.merge(
        counted[["project_id", "event", "source_id", "date"]],
        left_on=["project_id", "event", "same_event_as"],
        right_on=["project_id", "event", "source_id"],
        how="left",
        suffixes=("", "_counted"),
    ).set_index("index")
    here, there = target["date"].fillna(""), target["date_counted"].fillna("")
    prefix = [
        bool(b) and (a.startswith(b) or b.startswith(a)) for a, b in zip(here, there, strict=True)
    ]
    agree = pd.Series(prefix, index=target.index, dtype=bool)
    return frame["same_event_as"].isna() | agree.reindex(frame.index, fill_value=False)


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
            pattern=SLUG_PATTERN,
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
        "its scope. Two sources reporting the same event are two rows, never averaged; one of "
        "them is counted and the others name it in same_event_as, so that counting rows with "
        "an empty same_event_as counts each occurrence once. Dates keep their precision: "
        "'2019-05' is a month, never a made-up day."
    ),
    fields=(
        Field(
            "project_id",
            "string",
            "The project; resolves in investment_projects.",
            pattern=SLUG_PATTERN,
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
            "event), korean_share, increment (an expansion added to the project), "
            "sale_proceeds (what the sale of a stake raised), unknown.",
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
            enum=CAPACITY_UNITS,
        ),
        Field("note", "string", "Our note on the event, where needed.", required=False),
        source_id_field(),
        Field(
            "same_event_as",
            "string",
            "For a second report of one occurrence: the source_id of the row (same project and "
            "event) that is counted for it. Empty for the row that counts.",
            required=False,
        ),
    ),
    primary_key=("project_id", "date", "event", "source_id"),
    foreign_keys=(
        ForeignKey(("project_id",), "investment_projects", ("project_id",)),
        SOURCE_FK,
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
            "repeats_a_counted_row",
            "same_event_as names a counted row of the same project and event, on an agreeing date.",
            _repeats_a_counted_row,
        ),
        RowRule(
            "unit_with_capacity",
            "capacity_unit is set exactly when a capacity is.",
            lambda frame: frame["capacity"].notna() == frame["capacity_unit"].notna(),
        ),
    ),
    period_field="date",
)
