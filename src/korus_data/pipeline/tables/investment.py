"""Direct investment positions: BEA's position tables plus the curated reported figures.

Official rows come from BEA's tables by country (``bea/*.csv`` of a source pack); the rows that
other publications report (press reports of BEA releases, statements, research institutes) are
the curated input ``curated/direct_investment_position_annual.csv``. Where several publications
give a position for the same year, the one published last wins; the sources registry says
which figures each publication lost to a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.pipeline.curated import newest_per_key, read_curated
from korus_data.pipeline.inputs import file_sha256
from korus_data.pipeline.readers.bea_positions import FDIUS, USDIA, country_row

#: Registry ids of the two BEA tables (their records are kept in data/sources.csv).
FDIUS_SOURCE_ID = "bea-fdius-position-by-country-2008-2019"
USDIA_SOURCE_ID = "bea-usdia-position-by-country-1982-2014"
KEY = ["investor", "host", "year", "basis"]
COLUMNS = [*KEY, "value_usd_millions", "source_id"]


@dataclass(frozen=True)
class PositionTable:
    positions: pd.DataFrame
    #: Registry updates: the SHA-256 of each BEA file read.
    source_updates: list[dict]


def position_table(bea_folder: Path, sources: pd.DataFrame) -> PositionTable:
    """``direct_investment_position_annual`` from BEA's tables in ``bea_folder`` and the
    curated reported figures; ``sources`` is the registry (for publication dates)."""
    official = []
    for (file, label, year_row), investor, host, source_id in (
        (FDIUS, "KOR", "USA", FDIUS_SOURCE_ID),
        (USDIA, "USA", "KOR", USDIA_SOURCE_ID),
    ):
        for year, value in country_row(bea_folder / file, label, year_row).items():
            official.append((investor, host, str(year), "historical_cost", value, source_id))
    reported = read_curated("curated_direct_investment_position_annual")
    rows = pd.concat([pd.DataFrame(official, columns=COLUMNS), reported], ignore_index=True)
    rows["value_usd_millions"] = rows["value_usd_millions"].astype(float)
    chosen = newest_per_key(rows, KEY, sources)
    chosen = chosen.assign(year=chosen["year"].astype(int)).sort_values(KEY, ignore_index=True)
    updates = [
        {"source_id": FDIUS_SOURCE_ID, "sha256": file_sha256(bea_folder / FDIUS[0])},
        {"source_id": USDIA_SOURCE_ID, "sha256": file_sha256(bea_folder / USDIA[0])},
    ]
    return PositionTable(chosen[COLUMNS], updates)
