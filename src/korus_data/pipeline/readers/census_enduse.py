"""Read the Census Bureau's workbook of U.S. imports by 5-digit End-Use code and country.

Sheet ``EnduseImp``: ``CTY_CODE, CTY_DESC, END_USE, COMM_DESC, value_16 … value_25`` (annual
2016-2025, in dollars). Values are written in millions with six decimals: exact to the dollar.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import read_workbook
from korus_data.schema.codes import KOREA_CENSUS_CODE


def korea_imports(path: Path, source_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Korea's rows as ``goods_trade_by_product_annual`` rows, and the codes they use."""
    if not path.is_file():
        raise BuildError(f"End-Use workbook {path} does not exist")
    raw = read_workbook(path, dtype={"CTY_CODE": str, "END_USE": str, "COMM_DESC": str})
    value_columns = [c for c in raw.columns if re.fullmatch(r"value_\d{2}", str(c))]
    missing = {"CTY_CODE", "END_USE", "COMM_DESC"} - set(raw.columns)
    if missing or not value_columns:
        raise BuildError(f"{path.name} is not the End-Use imports workbook (missing {missing})")
    korea = raw[raw["CTY_CODE"].str.zfill(4) == KOREA_CENSUS_CODE]
    long = korea.melt(
        id_vars=["END_USE", "COMM_DESC"],
        value_vars=value_columns,
        var_name="column",
        value_name="dollars",
    ).dropna(subset=["dollars"])
    products = pd.DataFrame(
        {
            "reporter": "USA",
            "partner": "KOR",
            "year": 2000 + long["column"].str[-2:].astype(int),
            "flow": "import",
            "classification": "census_enduse",
            "product_code": long["END_USE"].str.zfill(5),
            "value_usd_millions": (long["dollars"].astype(float) / 1e6).round(6),
            "source_id": source_id,
        }
    )
    codes = (
        raw[["END_USE", "COMM_DESC"]]
        .drop_duplicates("END_USE")
        .assign(classification="census_enduse", product_code=lambda d: d["END_USE"].str.zfill(5))
        .rename(columns={"COMM_DESC": "description"})
    )
    codes = codes[codes["product_code"].isin(products["product_code"])]
    return products, codes[["classification", "product_code", "description"]]
