"""The partners table and the every-partner annual table, from the Census workbook."""

from __future__ import annotations

import pandas as pd

from korus_data.build.census import CountryWorkbook
from korus_data.build.partners_map import (
    AGGREGATE_BELOW,
    FORMER_ISO3,
    ISO3,
    NOTES,
    UNALLOCATED,
)
from korus_data.errors import BuildError


def partner_kind(code: str) -> str:
    if int(code) < AGGREGATE_BELOW:
        return "aggregate"
    return "unallocated" if code in UNALLOCATED else "country"


def partners_table(workbook: CountryWorkbook) -> pd.DataFrame:
    """One row per partner code in the workbook; :class:`BuildError` for an unmapped code."""
    names = (
        workbook.annual.sort_values("year")
        .drop_duplicates("partner_code", keep="last")[["partner_code", "partner_name"]]
        .sort_values("partner_code")
    )
    rows = []
    for code, name in names.itertuples(index=False):
        kind = partner_kind(code)
        if kind == "country" and code not in ISO3:
            raise BuildError(
                f"Census partner {code} ({name}) is new: add its ISO code to "
                "korus_data/build/partners_map.py"
            )
        iso3 = ISO3.get(code) if kind == "country" else None
        rows.append(
            {
                "partner_code": code,
                "name": name,
                "kind": kind,
                "iso3": iso3 or "",
                "iso_status": ("former" if iso3 in FORMER_ISO3 else "current") if iso3 else "",
                "note": NOTES.get(code, ""),
            }
        )
    return pd.DataFrame(rows)


def by_partner_table(workbook: CountryWorkbook, source_id: str) -> pd.DataFrame:
    """Every partner's complete-year exports and imports, as the workbook publishes them."""
    return (
        workbook.annual[["partner_code", "year", "flow", "value"]]
        .rename(columns={"value": "value_usd_millions"})
        .assign(source_id=source_id)
        .sort_values(["partner_code", "year", "flow"], ignore_index=True)
    )
