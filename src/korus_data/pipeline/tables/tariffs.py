"""KORUS tariff staging from the ITA's FTA Tariff Tool file: one row per line and year."""

from __future__ import annotations

import pandas as pd

from korus_data.pipeline.inputs import InputFile
from korus_data.pipeline.readers.ita_tariff_tool import read_staging

SOURCE_ID = "ita-fta-tariff-tool-korus-2018-trucks"
URL = (
    "https://github.com/InternationalTradeAdministration/fta-tariff-tool-dataloader/blob/"
    "9ae04e15be302ac8fefc608a60e0f8e4bbda2088/client/"
    "Sept%202018%20KORUS%20Amendment%20and%20Modification%20changes%20to%20FTA%20Tariff%20Tool.xlsx"
)


def staging_table(file: InputFile) -> tuple[pd.DataFrame, dict]:
    """``korus_tariff_staging`` rows and the source record of the file."""
    rows = read_staging(file).assign(source_id=SOURCE_ID)
    rows = rows.sort_values(["reporter", "partner", "tariff_line", "year"], ignore_index=True)
    lines = rows["tariff_line"].nunique()
    record = {
        "source_id": SOURCE_ID,
        "publisher": "International Trade Administration, FTA Tariff Tool (the agency's own "
        "public GitHub repository)",
        "title": "Sept 2018 KORUS Amendment and Modification changes to FTA Tariff Tool: "
        f"staging of {lines} U.S. tariff lines for trucks (HTS 8704), "
        f"{rows['year'].min()}-{rows['year'].max()}",
        "url": URL,
        "kind": "official_statistics",
        "primary": True,
        "date_published": "",
        "vintage": "2018-09",
        "license": "US-Government-Works",
        "sha256": file.sha256,
        "superseded_by": "",
        "notes": "Rates in percent ad valorem, one column per year; years without a rate in "
        "the file are absent here.",
    }
    return rows, record
