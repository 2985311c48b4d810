"""Imports with the duty calculated on them, and imports by HTS 10-digit line, from USA Trade
Online reports; each dated by the Census release in force the day it was downloaded.

Example:
    >>> release_id_of("duty", "2025-02")
    'census-usato-imports-duty-2025-02'
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.readers.usato_duty import DutyReport
from korus_data.pipeline.readers.usato_hs10 import Hs10Report
from korus_data.pipeline.tables.usato_names import require_known

DECIMALS = 6
COPIES = {
    "duty": "https://github.com/Rblivingstone/TariffBlogPost/blob/"
    "462be530011e6b40c744621280088522257e68eb/data/Standard%20Report%20-%20Imports.csv",
    "hs10": "https://github.com/redzone67/g/blob/3fde097a0b830dbbc2255ae58b4cf2ede5ca562b/"
    "Imports_4.xlsx",
}


def release_id_of(kind: str, month: str) -> str:
    return f"census-usato-imports-{kind}-{month}"


def _codes(names: pd.Series, codes: dict[str, str | None], label: str) -> pd.Series:
    require_known(names, codes, label)
    return names.map(codes)


def duty_rows(report: DutyReport, codes: dict[str, str | None], source_id: str) -> pd.DataFrame:
    """Rows of ``us_imports_and_duty_annual`` (groups the package does not publish dropped)."""
    rows = report.rows.assign(partner_code=_codes(report.rows["country"], codes, report.file.label))
    rows = rows[rows["partner_code"].notna()]
    _single_code(rows, ["partner_code", "year"], report.file.label)
    out = pd.DataFrame(
        {
            "partner_code": rows["partner_code"].astype("str"),
            "year": rows["year"].astype("int64"),
            "value_usd_millions": (rows["value"] / 1e6).round(DECIMALS),
            "calculated_duty_usd_millions": (rows["duty"].astype("Float64") / 1e6).round(DECIMALS),
            "source_id": source_id,
        }
    )
    return out.sort_values(["partner_code", "year"], ignore_index=True)


def hs10_rows(report: Hs10Report, codes: dict[str, str | None], source_id: str) -> pd.DataFrame:
    """Rows of ``us_imports_by_hts10_annual``."""
    rows = report.rows.assign(partner_code=_codes(report.rows["country"], codes, report.file.label))
    rows = rows[rows["partner_code"].notna()]
    _single_code(rows, ["partner_code", "hts_code"], report.file.label)
    out = pd.DataFrame(
        {
            "partner_code": rows["partner_code"].astype("str"),
            "year": report.year,
            "hts_code": rows["hts_code"],
            "value_usd_millions": (rows["dollars"] / 1e6).round(DECIMALS),
            "source_id": source_id,
        }
    )
    return out.sort_values(["partner_code", "year", "hts_code"], ignore_index=True)


def _single_code(rows: pd.DataFrame, key: list[str], label: str) -> None:
    repeated = rows[rows.duplicated(key, keep=False)]
    if len(repeated):
        raise BuildError(
            f"{label}: the names {sorted(set(repeated['country']))} map to one Census code; fix "
            "korus_data/curated/usato_partner_names.csv"
        )


def source_record(kind: str, release: dict, file_sha256: str, generated: str, years: str) -> dict:
    """The registry record of one report."""
    what = {
        "duty": "imports (customs value, general) and calculated duty by country, All "
        f"Commodities, annual {years}",
        "hs10": "imports for consumption (customs value) by HTS 10-digit line and country, "
        f"{years}, part 4 of 8 of the alphabet (Guatemala to Laos)",
    }[kind]
    return {
        "source_id": release["release_id"],
        "publisher": "U.S. Census Bureau, USA Trade Online (report copied in a public GitHub "
        "repository)",
        "title": f"Standard Report - Imports: {what} (report generated {generated})",
        "url": COPIES[kind],
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": years[-4:],
        "license": "US-Government-Works",
        "sha256": file_sha256,
        "superseded_by": "",
        "notes": "Whole dollars, published here in millions with six decimals. The figures are "
        f"those of the Census release in force the day the report was generated (that of "
        f"{release['released']}, from the release calendar); the report date is when it was "
        "downloaded.",
    }
