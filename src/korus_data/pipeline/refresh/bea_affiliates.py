"""BEA's MNE operations of majority-owned U.S. affiliates of Korean parents -> rows of the
hand-kept ``affiliate_operations_annual``.

The table keeps one value per figure and has no vintage table, so a refresh adds figures it
lacks and lists a BEA figure that differs from the one kept (not applied: a person decides).
"""

from __future__ import annotations

import re

import pandas as pd

from korus_data.pipeline.refresh.bea_api import NOT_A_NUMBER, yearly_cells
from korus_data.pipeline.refresh.changes import Change
from korus_data.pipeline.refresh.context import Refresh
from korus_data.pipeline.refresh.http import FetchError, Response
from korus_data.pipeline.writer import to_csv_text
from korus_data.schema.codes import AFFILIATE_UNITS
from korus_data.schema.tables import TABLES

#: Measure of the table -> description of its MNE series (matched in GetParameterValues).
MEASURES = {
    "employment": r"^employment",
    "rnd_expenditure": r"research and development",
    "exports_of_goods": r"^exports of goods",
}
#: BEA's TableScale -> multiplier to the table's unit.
SCALES = {"thousands of employees": 1000.0, "millions of dollars": 1.0, "number": 1.0}


def series_code(values: list[dict], pattern: str) -> str:
    wanted = re.compile(pattern, re.IGNORECASE)
    hits = [v for v in values if wanted.search(str(v.get("Desc", "")))]
    if len(hits) != 1:
        raise FetchError(
            f"bea MNE SeriesID codes: expected one series matching {pattern!r}, found {len(hits)}"
        )
    return str(hits[0]["Key"])


def release_id(measure: str, response: Response) -> str:
    day = response.retrieved.date().isoformat()
    return f"bea-mne-affiliates-{measure.replace('_', '-')}-korea-{day}"


def affiliate_rows(measure: str, response: Response) -> tuple[pd.DataFrame, list[str]]:
    label = response.request.label
    source_id = release_id(measure, response)
    rows, notes = [], []
    for year, row, value, cell in yearly_cells(response):
        if value is None:
            notes.append(f"affiliates {measure} {year}: {cell} ({NOT_A_NUMBER[cell]}), no row")
            continue
        scale = str(row.get("TableScale", "")).strip().lower()
        if scale not in SCALES:
            raise FetchError(
                f"{label}: the {year} row has TableScale {scale!r}, not one of {', '.join(SCALES)}"
            )
        rows.append(
            (
                "KOR",
                "USA",
                year,
                measure,
                "majority_owned",
                value * SCALES[scale],
                AFFILIATE_UNITS[measure],
                "exact",
                source_id,
            )
        )
    return pd.DataFrame(rows, columns=TABLES["affiliate_operations_annual"].field_names), notes


def put_affiliates(ctx: Refresh, new: pd.DataFrame) -> None:
    """Add the figures the table lacks; list (not apply) those that differ from the kept one."""
    name = "affiliate_operations_annual"
    table = TABLES[name]
    key = list(table.primary_key)
    kept = ctx.committed(name)
    kept_keys = kept[key].astype(str).apply(tuple, axis=1)
    kept_values = dict(zip(kept_keys, kept["value"].astype(float), strict=True))
    kept_sources = dict(zip(kept_keys, kept["source_id"], strict=True))
    added = []
    for row in new.to_dict("records"):
        row_key = tuple(str(row[k]) for k in key)
        if row_key not in kept_values:
            added.append(row)
            ctx.report.changes.append(
                Change(
                    name,
                    dict(zip(key, row_key, strict=True)),
                    "new",
                    None,
                    row["value"],
                    None,
                    row["source_id"],
                )
            )
        elif abs(kept_values[row_key] - row["value"]) > 5e-7:
            ctx.report.reconciliation.append(
                f"{name} {' '.join(row_key)}: {kept_values[row_key]:,.6g} kept "
                f"({kept_sources[row_key]}), {row['value']:,.6g} from BEA: not applied (the "
                "table keeps one value per figure; edit it after review)"
            )
    if added:
        combined = pd.concat(
            [kept.astype(object), pd.DataFrame(added).astype(object)], ignore_index=True
        )
        combined["year"] = combined["year"].astype(int)
        combined["value"] = combined["value"].astype(float)
        ctx.texts[name] = to_csv_text(combined.sort_values(key, ignore_index=True), table)
