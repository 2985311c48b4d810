"""Both sides of the ledger: IMF DOTS, Korea-reported totals, and U.S. trade by product.

- IMF Direction of Trade Statistics (``imf/dots-*-reporter.xlsx`` of a source pack):
  Korea-reported exports (FOB) to and imports (CIF) from the U.S., 1960-2020, and the IMF's copy
  of the U.S.-reported side for 1960-1984, before the Census workbook starts.
- Korea-reported totals after 2020 (Korean customs basis): the curated input
  ``curated/goods_trade_annual.csv``.
- U.S. exports to Korea by USITC digest sector (2013-2017, the curated input
  ``curated/goods_trade_by_product_annual.csv`` with its codes in ``curated/product_codes.csv``),
  beside the End-Use rows of :mod:`korus_data.pipeline.tables.enduse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.inputs import file_sha256, local_input
from korus_data.pipeline.readers.imf_dots import read_dots
from korus_data.store.releases import end_of_period

#: Years the IMF's copy of U.S. data is published for: before the Census workbook (1985).
US_DOTS_YEARS = range(1960, 1985)
KOREA_DOTS_SOURCE_ID = "imf-dots-korea-reporter-2022"
US_DOTS_SOURCE_ID = "imf-dots-united-states-reporter-2022"
DOTS_FILES = {"KOR": "dots-korea-reporter.xlsx", "USA": "dots-us-reporter.xlsx"}


@dataclass(frozen=True)
class DotsRows:
    annual: pd.DataFrame  # goods_trade_annual rows on the imf_dots basis
    source_updates: list[dict]
    #: release id -> last year its file covers (not the last year the package takes)
    releases: dict[str, str]


def dots_rows(imf_folder: Path) -> DotsRows:
    """``goods_trade_annual`` rows from the two DOTS reports in ``imf_folder``."""
    korea = read_dots(local_input(imf_folder / DOTS_FILES["KOR"]), "United States")
    usa = read_dots(local_input(imf_folder / DOTS_FILES["USA"]), "Korea, Rep. of")
    # a release covers what its file covers, whatever years the package takes from it
    through = {
        KOREA_DOTS_SOURCE_ID: str(int(korea["year"].max())),
        US_DOTS_SOURCE_ID: str(int(usa["year"].max())),
    }
    usa = usa[usa["year"].isin(US_DOTS_YEARS)]
    annual = pd.concat(
        [
            korea.assign(reporter="KOR", partner="USA", source_id=KOREA_DOTS_SOURCE_ID),
            usa.assign(reporter="USA", partner="KOR", source_id=US_DOTS_SOURCE_ID),
        ],
        ignore_index=True,
    ).assign(basis="imf_dots")
    updates = [
        {"source_id": KOREA_DOTS_SOURCE_ID, "sha256": file_sha256(imf_folder / DOTS_FILES["KOR"])},
        {"source_id": US_DOTS_SOURCE_ID, "sha256": file_sha256(imf_folder / DOTS_FILES["USA"])},
    ]
    return DotsRows(annual, updates, through)


def reported_goods_rows() -> pd.DataFrame:
    """``goods_trade_annual`` rows from the curated input (Korean customs basis)."""
    rows = read_curated("curated_goods_trade_annual")
    return rows.assign(
        year=rows["year"].astype(int), value_usd_millions=rows["value_usd_millions"].astype(float)
    )


def in_reader_order(codes: pd.DataFrame) -> pd.DataFrame:
    """Named codes first: readers that guess a column's type from its first rows (polars,
    Frictionless on a bare CSV) then read every code as text, never "00100" as 100."""
    numeric = codes["product_code"].str.fullmatch(r"\d+")
    return (
        codes.assign(_numeric=numeric)
        .sort_values(["_numeric", "classification", "product_code"], ignore_index=True)
        .drop(columns="_numeric")
    )


def sector_observations(published: pd.Series) -> pd.DataFrame:
    """The curated USITC sector rows (U.S. exports to Korea, 2013-2017) as observations of the
    bilateral product table: each known from its source's publication date
    (``published``: source_id -> date text)."""
    sectors = read_curated("curated_goods_trade_by_product_annual")
    days = [end_of_period(published.get(s)) for s in sectors["source_id"]]
    return sectors.assign(
        year=sectors["year"].astype("int64"),
        value_usd_millions=sectors["value_usd_millions"].astype(float),
        known_from=pd.to_datetime(days),
        unit=1.0,
    )
