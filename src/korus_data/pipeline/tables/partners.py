"""The partners table and the every-partner annual table, from the Census workbook.

What each code stands for (kind, ISO code, note) is the curated input
``curated/census_partner_codes.csv``; the name is the workbook's own (its latest spelling).
Codes of older vintages that later ones dropped (OPEC, the NICs) stay: their figures are in
the vintage tables.
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated
from korus_data.pipeline.readers.census_country import CountryWorkbook
from korus_data.schema.tables import TABLES


def partners_table(workbooks: list[CountryWorkbook], committed: pd.DataFrame) -> pd.DataFrame:
    """One row per partner code of any vintage of the workbook, named as the newest vintage
    that has it names it, plus the ``committed`` partners of vintages not read this time;
    :class:`BuildError` for an unmapped code."""
    every = pd.concat([w.annual.assign(vintage=w.last_month) for w in workbooks], ignore_index=True)
    names = (
        every.sort_values(["vintage", "year"])
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
    earlier = committed[~committed["partner_code"].isin(table["partner_code"])]
    table = pd.concat([table, earlier], ignore_index=True).sort_values("partner_code")
    return table[TABLES["partners"].field_names]
