"""Read a file of the International Trade Administration's FTA Tariff Tool.

One row per tariff line (``TL``) with its description (``TL_Desc``), base rate
(``Base_Rate``), staging category (``StagingBasket``), the reporter and partner
(``ReporterName``, ``PartnerName``) and one column per year, ``Y2004`` … ``Y2041`` (the
preferential rate, percent ad valorem), each with an ``Alt_<year>`` column for a rate that is
not a plain percentage.
"""

from __future__ import annotations

import re

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, read_workbook

REQUIRED = ["TL", "TL_Desc", "Base_Rate", "StagingBasket", "ReporterName", "PartnerName"]
YEAR = re.compile(r"^Y(\d{4})$")
#: The Tariff Tool's names of the two economies.
ECONOMY = {"United States": "USA", "Korea": "KOR"}


def read_staging(file: InputFile) -> pd.DataFrame:
    """``reporter, partner, tariff_line, description, base_rate_pct, staging, year, rate_pct,
    rate_text`` for every line and year; :class:`BuildError` for another layout."""
    try:
        raw = read_workbook(file.path, dtype={"TL": str})
    except Exception as exc:
        raise BuildError(f"cannot read the FTA Tariff Tool file {file.label}: {exc}") from exc
    missing = [c for c in REQUIRED if c not in raw.columns]
    years = {c: int(m.group(1)) for c in raw.columns if (m := YEAR.match(str(c)))}
    if missing or not years:
        raise BuildError(
            f"{file.label} is not an FTA Tariff Tool file (missing {missing or 'Y<year>'})"
        )
    unknown = set(raw["ReporterName"]) | set(raw["PartnerName"])
    if not unknown <= set(ECONOMY):
        raise BuildError(f"{file.label}: economies {sorted(unknown - set(ECONOMY))} are not known")
    lines = raw["TL"].str.strip()
    if not lines.str.fullmatch(r"\d{8}").all() or lines.duplicated().any():
        raise BuildError(f"{file.label}: TL is not one 8-digit tariff line per row")
    rows = []
    for position, row in raw.assign(TL=lines).iterrows():
        for column, year in years.items():
            alternative = row.get(f"Alt_{year}")
            rate, text = row[column], alternative if pd.notna(alternative) else None
            if pd.isna(rate) and text is None:
                continue  # no rate that year: absent, never zero
            if pd.notna(rate) and not isinstance(rate, int | float):
                raise BuildError(
                    f"{file.label} row {position + 2}: {column} {rate!r} is not a rate"
                )
            rows.append(
                {
                    "reporter": ECONOMY[row["ReporterName"]],
                    "partner": ECONOMY[row["PartnerName"]],
                    "tariff_line": row["TL"],
                    "description": str(row["TL_Desc"]).strip(),
                    "base_rate_pct": float(row["Base_Rate"]),
                    "staging": str(row["StagingBasket"]).strip(),
                    "year": year,
                    "rate_pct": float(rate) if pd.notna(rate) else None,
                    "rate_text": str(text).strip() if text is not None else None,
                }
            )
    return pd.DataFrame(rows)
