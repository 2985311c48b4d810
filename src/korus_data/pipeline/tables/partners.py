"""The partners table and the every-partner annual table, from the Census workbook.

What each code stands for (kind, ISO code, note) is the curated input
``curated/census_partner_codes.csv``; the name is the workbook's own (its latest spelling).
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.readers.census_country import CountryWorkbook
from korus_data.schema.tables import TABLES


def partners_table(workbook: CountryWorkbook) -> pd.DataFrame:
    """One row per partner code in the workbook; :class:`BuildError` for an unmapped code."""
    names = (
        workbook.annual.sort_values("year")
        .drop_duplicates("partner_code", keep="last")[["partner_code", "partner_name"]]
        .rename(columns={"partner_name": "name"})
        .sort_values("partner_code")
    )
    codes = read_curated("census_partner_codes")
    unmapped = sorted(set(names["partner_code"]) - set(codes["partner_code"]))
    if unmapped:
        shown = ", ".join(
            f"{c} ({n})" for c, n in names[names["partner_code"].isin(unmapped)].to_numpy()
        )
        raise BuildError(
            f"Census partner codes new to the package: {shown}. Add each with its kind and "
            "ISO code to korus_data/curated/census_partner_codes.csv"
        )
    table = names.merge(codes, on="partner_code", how="left")
    return table[TABLES["partners"].field_names]


def by_partner_table(workbook: CountryWorkbook, source_id: str) -> pd.DataFrame:
    """Every partner's complete-year exports and imports, as the workbook publishes them."""
    return (
        workbook.annual[["partner_code", "year", "flow", "value"]]
        .rename(columns={"value": "value_usd_millions"})
        .assign(source_id=source_id)
        .sort_values(["partner_code", "year", "flow"], ignore_index=True)
    )
