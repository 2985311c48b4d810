"""Merge the source records a build generates into the curated source registry."""

from __future__ import annotations

import pandas as pd

from korus_data.definitions import SOURCES


def merge_sources(existing: pd.DataFrame, generated: list[dict], today: str) -> pd.DataFrame:
    """``existing`` with ``generated`` records added or replaced, sorted by source_id.

    A regenerated record keeps its ``date_accessed`` when the file it describes is unchanged
    (same SHA-256 and vintage), so rebuilding from the same files changes nothing.
    """
    previous = existing.set_index("source_id") if len(existing) else None
    rows = []
    for record in generated:
        row = dict(record)
        row["date_accessed"] = today
        if previous is not None and row["source_id"] in previous.index:
            old = previous.loc[row["source_id"]]
            same_file = (old["sha256"] if pd.notna(old["sha256"]) else "") == row["sha256"]
            same_vintage = (old["vintage"] if pd.notna(old["vintage"]) else "") == row["vintage"]
            if same_file and same_vintage:
                row["date_accessed"] = _date_text(old["date_accessed"])
        rows.append(row)
    new = pd.DataFrame(rows, columns=SOURCES.field_names)
    kept = existing[~existing["source_id"].isin(new["source_id"])] if len(existing) else existing
    merged = pd.concat([kept.astype(object), new.astype(object)], ignore_index=True)
    merged["date_accessed"] = merged["date_accessed"].map(_date_text)
    return merged.sort_values("source_id", ignore_index=True)


def _date_text(value: object) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
