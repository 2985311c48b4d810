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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.inputs import file_sha256
from korus_data.pipeline.readers.bea_positions import FDIUS, USDIA, country_row
from korus_data.pipeline.vintages import build_vintages
from korus_data.store.releases import end_of_period

#: Registry ids of the two BEA tables (their records are kept in data/sources.csv).
FDIUS_SOURCE_ID = "bea-fdius-position-by-country-2008-2019"
USDIA_SOURCE_ID = "bea-usdia-position-by-country-1982-2014"
KEY = ["investor", "host", "year", "basis"]
COLUMNS = [*KEY, "value_usd_millions", "source_id"]
#: BEA publishes whole millions; reports round further, but a report is compared as stated.
UNIT = 1.0


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
        figures = country_row(bea_folder / file, label, year_row)
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
