"""Direct investment positions, with every release kept: BEA's tables and reported figures.

Official rows come from BEA's position tables by country (``bea/*.csv`` of a source pack); the
rows other publications report (press reports of later BEA releases, statements, research
institutes) are the curated input ``curated/direct_investment_position_annual.csv``. Every
publication is dated (BEA's tables by ``curated/release_dates.csv``, reports by their
``date_published``), and the vintage table keeps each value with the interval in which it was
the latest. A report with no publication date enters the history only where nothing else gives
the figure, from the day the project read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.inputs import file_sha256, local_input
from korus_data.pipeline.readers.bea_positions import (
    FDIUS,
    MARKS,
    USDIA,
    cell_value,
    number,
    read_positions,
)
from korus_data.pipeline.vintages import build_vintages
from korus_data.schema.tables import TABLES
from korus_data.store.releases import end_of_period

#: Registry ids of the two BEA tables (their records are kept in data/sources.csv).
FDIUS_SOURCE_ID = "bea-fdius-position-by-country-2008-2019"
USDIA_SOURCE_ID = "bea-usdia-position-by-country-1982-2014"
KEY = ["investor", "host", "year", "basis"]
COLUMNS = [*KEY, "value_usd_millions", "source_id"]
#: BEA publishes whole millions; reports round further, but a report is compared as stated.
UNIT = 1.0


def country_figures(
    rows: list[tuple[str, dict[int, str]]], label: str, name: str
) -> dict[int, float]:
    """The figures of one country's row of a BEA position table (``rows`` as
    :func:`read_positions` gives them), keyed by year: a mark (suppressed, not applicable) is
    no figure. :class:`BuildError` unless the row is there exactly once."""
    matches = [cells for row_label, cells in rows if row_label == label]
    if len(matches) != 1:
        raise BuildError(f"{name}: expected one row {label!r}, found {len(matches)}")
    return {year: value for year, cell in matches[0].items() if (value := number(cell)) is not None}


@dataclass(frozen=True)
class PositionTables:
    vintages: pd.DataFrame
    #: Registry updates: the SHA-256 of each BEA file read.
    source_updates: list[dict]
    releases: list[dict]


def position_table(
    bea_folder: Path, sources: pd.DataFrame, dated: Callable[[str], dict]
) -> PositionTables:
    """The vintages of ``direct_investment_position_annual`` from BEA's tables in
    ``bea_folder`` and the curated reported figures; ``sources`` is the registry and
    ``dated(release_id)`` the curated date of a BEA table."""
    official, releases, days = [], [], {}
    for (file, label, year_row), investor, host, source_id, series in (
        (FDIUS, "KOR", "USA", FDIUS_SOURCE_ID, "bea_fdius_position"),
        (USDIA, "USA", "KOR", USDIA_SOURCE_ID, "bea_usdia_position"),
    ):
        rows = read_positions(local_input(bea_folder / file), year_row)
        figures = country_figures(rows, label, file)
        release = dated(source_id)
        releases.append({**release, "series": series, "data_through": str(max(figures))})
        days[source_id] = end_of_period(release["released"])
        for year, value in figures.items():
            official.append((investor, host, year, "historical_cost", value, source_id))
    reported = read_curated("curated_direct_investment_position_annual")
    reported = reported.assign(
        year=reported["year"].astype(int),
        value_usd_millions=reported["value_usd_millions"].astype(float),
    )
    registry = sources.set_index("source_id")
    for sid in reported["source_id"].unique():
        published = end_of_period(registry.at[sid, "date_published"])
        days[sid] = published if published is not None else pd.NaT
    rows = pd.concat([pd.DataFrame(official, columns=COLUMNS), reported], ignore_index=True)
    rows["known_from"] = rows["source_id"].map(days)
    undated = rows["known_from"].isna()
    alone = rows.groupby(KEY)["source_id"].transform("size") == 1
    accessed = pd.to_datetime(rows["source_id"].map(registry["date_accessed"]).astype(object))
    rows.loc[undated & alone, "known_from"] = accessed[undated & alone]
    rows = rows[rows["known_from"].notna()].assign(unit=UNIT)
    vintages = build_vintages(rows, KEY, "value_usd_millions")
    updates = [
        {"source_id": FDIUS_SOURCE_ID, "sha256": file_sha256(bea_folder / FDIUS[0])},
        {"source_id": USDIA_SOURCE_ID, "sha256": file_sha256(bea_folder / USDIA[0])},
    ]
    return PositionTables(vintages, updates, releases)


#: How the build's note on marked cells starts (replaced, never repeated, at each build).
MARKED_NOTE = "Cells without a figure in direct_investment_position_by_partner_annual:"


class PartnerNames:
    """BEA's partner labels, read in table order, as partners of
    ``direct_investment_position_by_partner_annual``: kind, ISO code and note from
    ``curated/bea_partner_codes.csv``; a residual "Other" is named after the region above it
    (a group of territories is not a region: the "Other" after "United Kingdom Islands,
    Caribbean" is the rest of Other Western Hemisphere), a garbled label by its curated name.
    """

    def __init__(self) -> None:
        self.codes = {r["label"]: r for r in read_curated("bea_partner_codes").to_dict("records")}
        self.region = ""

    def named(self, label: str) -> dict | None:
        """``label``'s curated code with its ``partner`` name; None for an unknown label.
        Call it for every label in table order, so that regions are followed."""
        code = self.codes.get(label)
        if code is None:
            return None
        if code["kind"] in ("region", "total"):
            self.region = label
        name = code["name"] if isinstance(code.get("name"), str) else label
        return {
            **code,
            "partner": f"{self.region}: {name}" if code["kind"] == "residual" else name,
        }

    @staticmethod
    def row(direction: str, code: dict, year: int, value: float) -> tuple:
        """The row (without ``source_id``) of one figure of a partner :meth:`named` gave."""
        return (
            direction,
            code["partner"],
            code["kind"],
            code["iso3"],
            code["iso_status"],
            year,
            "historical_cost",
            value,
            code["note"],
        )


@dataclass(frozen=True)
class PartnerPositions:
    vintages: pd.DataFrame
    #: Registry updates: each BEA table's note counts the cells that have no row.
    source_updates: list[dict]


def partner_positions(
    bea_folder: Path, sources: pd.DataFrame, days: dict[str, pd.Timestamp]
) -> PartnerPositions:
    """The vintages of ``direct_investment_position_by_partner_annual`` from BEA's two tables:
    every labelled row, its kind and ISO code from ``curated/bea_partner_codes.csv``; a cell
    BEA marks gives no row and is counted in its source's note. ``days`` gives the day each
    table became public."""
    rows, updates = [], []
    notes = sources.set_index("source_id")["notes"].fillna("")
    for (file, _, year_row), direction, source_id in (
        (FDIUS, "inward", FDIUS_SOURCE_ID),
        (USDIA, "outward", USDIA_SOURCE_ID),
    ):
        names, marked = PartnerNames(), Counter[str]()
        for label, cells in read_positions(local_input(bea_folder / file), year_row):
            code = names.named(label)
            if code is None:
                raise BuildError(
                    f"{file}: no kind for the label {label!r}: add it to "
                    "korus_data/curated/bea_partner_codes.csv"
                )
            for year, cell in cells.items():
                value = cell_value(cell)
                if value is None:
                    marked[cell] += 1
                else:
                    rows.append((*names.row(direction, code, year, value), source_id))
        counts = ", ".join(f"{n:,} {cell} ({MARKS[cell]})" for cell, n in sorted(marked.items()))
        kept = notes.get(source_id, "").split(MARKED_NOTE)[0].strip()
        note = f"{kept} {MARKED_NOTE} {counts or 'none'}.".strip()
        updates.append({"source_id": source_id, "notes": note})
    columns = TABLES["direct_investment_position_by_partner_annual"].field_names
    frame = pd.DataFrame(rows, columns=columns)
    duplicated = frame.duplicated(["direction", "partner", "year"], keep=False)
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise BuildError(
            f"BEA position tables: {first['partner']!r} appears twice in "
            f"{first['year']} ({first['direction']})"
        )
    vintages = frame.assign(realtime_start=frame["source_id"].map(days), realtime_end=pd.NaT)
    return PartnerPositions(vintages, updates)
