"""Read an IMF Direction of Trade Statistics report (``dots-*-reporter.xlsx``).

Sheets "Exports, FOB" and "Imports, CIF"; partners down column B, years from 1960 across one
header row; millions of U.S. dollars. ``...`` or an empty cell is not a figure.
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, read_workbook

SHEETS = {"Exports, FOB": ("export", "fob"), "Imports, CIF": ("import", "cif")}


def read_dots(file: InputFile, partner: str) -> pd.DataFrame:
    """One partner's row of both sheets of a DOTS report: year, flow, valuation, value."""
    path = file.path
    rows = []
    for sheet, (flow, valuation) in SHEETS.items():
        try:
            frame = read_workbook(path, sheet_name=sheet, header=None, dtype=object)
        except Exception as exc:
            raise BuildError(f"cannot read sheet {sheet!r} of {path.name}: {exc}") from exc
        header = frame.index[frame.iloc[:, 2].astype(str) == "1960"]
        match = frame.index[frame.iloc[:, 1].astype(str).str.strip() == partner]
        if len(header) != 1 or len(match) != 1:
            raise BuildError(f"{path.name} {sheet}: no single year header and {partner!r} row")
        years = frame.iloc[header[0], 2:]
        values = frame.iloc[match[0], 2:]
        for year, value in zip(years, values, strict=True):
            if pd.notna(year) and pd.notna(value) and str(value).strip() not in ("", "..."):
                rows.append((int(year), flow, valuation, float(value)))
    return pd.DataFrame(rows, columns=["year", "flow", "valuation", "value_usd_millions"])
