"""Merge the source records a build generates into the curated source registry.

A generated record is either whole (a new release of an official file: the build writes every
field) or an update of a few fields of a hand-kept record (the SHA-256 of the file read).
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import BuildError
from korus_data.schema.tables import TABLES

FIELDS = TABLES["sources"].field_names


def merge_releases(committed: pd.DataFrame, new: list[dict]) -> pd.DataFrame:
    """The committed releases with ``new`` ones added or replaced, sorted by release_id."""
    added = pd.DataFrame(new, columns=TABLES["releases"].field_names)
    kept = committed[~committed["release_id"].isin(added["release_id"])]
    return pd.concat([kept, added], ignore_index=True).sort_values("release_id")


def merge_sources(existing: pd.DataFrame, generated: list[dict], today: str) -> pd.DataFrame:
    """``existing`` with ``generated`` records added or updated, sorted by source_id.

    A record keeps its ``date_accessed`` when the file it describes is unchanged (same SHA-256
    and vintage), so rebuilding from the same files changes nothing. A partial record (fewer
    fields than the registry has) updates a registered source; :class:`BuildError` when that
    source is not registered.
    """
    previous = existing.set_index("source_id") if len(existing) else pd.DataFrame()
    combined: dict[str, dict] = {}
    for record in generated:  # several partial records of one source: one update
        combined[record["source_id"]] = {**combined.get(record["source_id"], {}), **record}
    rows = []
    for record in combined.values():
        sid = record["source_id"]
        old = previous.loc[sid].to_dict() if sid in previous.index else None
        if old is None and set(record) < set(FIELDS) - {"date_accessed"}:
            raise BuildError(f"source {sid!r} is not in data/sources.csv: register it first")
        row = {**(old or {}), **record, "source_id": sid, "date_accessed": today}
        if (
            old is not None
            and _text(old["sha256"]) == _text(row["sha256"])
            and _text(old["vintage"]) == _text(row["vintage"])
        ):
            row["date_accessed"] = _date_text(old["date_accessed"])
        rows.append(row)
    new = pd.DataFrame(rows, columns=FIELDS)
    kept = existing[~existing["source_id"].isin(new["source_id"])] if len(existing) else existing
    merged = pd.concat([kept.astype(object), new.astype(object)], ignore_index=True)
    merged["date_accessed"] = merged["date_accessed"].map(_date_text)
    return merged.sort_values("source_id", ignore_index=True)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _date_text(value: object) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)
