"""The change report of a refresh: what a new release adds, revises or removes.

Printed for the person at the terminal and written as JSON for the record. A revision names
the release of the old value and of the new one; the old value stays in the vintage table.

Example:
    >>> old = pd.DataFrame({"period": ["2020-01"], "value_usd_millions": [1.0], "source_id": ["a"]})
    >>> new = pd.DataFrame({"period": ["2020-01", "2020-02"], "value_usd_millions": [1.5, 2.0],
    ...                     "source_id": ["b", "b"]})
    >>> [c.kind for c in diff_table("t", old, new, ["period"])]
    ['revised', 'new']
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from korus_data.pipeline.vintages import NOISE

VALUE = "value_usd_millions"
#: The kinds of change, in the order a report lists them.
KINDS = ("new", "revised", "exact", "removed")
_NAMES = {
    "new": "new figures",
    "revised": "revised figures",
    "exact": "figures now exact (same within the old rounding)",
    "removed": "figures no longer published",
}


@dataclass(frozen=True)
class Change:
    """One figure that a refresh adds, revises, makes exact or removes."""

    table: str
    key: dict[str, str]
    kind: str
    old: float | None
    new: float | None
    old_release: str | None
    new_release: str | None

    def __str__(self) -> str:
        where = " ".join(v for k, v in self.key.items() if k not in _CONSTANT)
        if self.kind == "new":
            return f"{self.table} {where}: {self.new:,.6g}"
        if self.kind == "removed":
            return f"{self.table} {where}: {self.old:,.6g} ({self.old_release})"
        return f"{self.table} {where}: {self.old:,.6g} -> {self.new:,.6g} ({self.old_release})"


#: Key columns whose value is the same on every row of a table the refresh writes.
_CONSTANT = ("reporter", "partner", "basis")


@dataclass
class ChangeReport:
    """Everything a refresh found; ``written`` says whether ``data/`` was changed."""

    services: list[str]
    releases: list[dict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    reconciliation: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: list[str] = field(default_factory=list)
    report_path: str | None = None

    @property
    def tables(self) -> list[str]:
        return sorted({c.table for c in self.changes})

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    @property
    def removals(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "removed"]

    def to_json(self) -> str:
        payload = {
            "services": self.services,
            "dry_run": self.dry_run,
            "written": self.written,
            "tables_touched": self.tables,
            "counts": {kind: self.count(kind) for kind in KINDS},
            "releases": self.releases,
            "changes": [asdict(c) for c in self.changes],
            "reconciliation": self.reconciliation,
        }
        return json.dumps(payload, indent=1, default=str) + "\n"

    def render(self, limit: int = 20) -> str:
        """A short text: counts, then the first ``limit`` changes of each kind."""
        if not self.changes:
            return f"refresh {'+'.join(self.services)}: no changes; every file is as it was"
        verb = "would change" if self.dry_run else "changed"
        lines = [f"refresh {'+'.join(self.services)} {verb} {', '.join(self.tables)}:"]
        new_releases = sorted({c.new_release for c in self.changes if c.new_release})
        lines += [f"  new release {r}" for r in new_releases]
        for kind in KINDS:
            chosen = [c for c in self.changes if c.kind == kind]
            if not chosen:
                continue
            lines.append(f"  {len(chosen):,} {_NAMES[kind]}")
            lines += [f"   {c}" for c in chosen[:limit]]
            if len(chosen) > limit:
                lines.append(f"    … and {len(chosen) - limit:,} more (see the JSON report)")
        if self.reconciliation:
            lines.append(
                f"  {len(self.reconciliation):,} notes (where two releases differ, the later one "
                "is kept; cells without a figure):"
            )
            lines += [f"   {r}" for r in self.reconciliation[:5]]
            if len(self.reconciliation) > 5:
                lines.append(
                    f"    … and {len(self.reconciliation) - 5:,} more (see the JSON report)"
                )
        return "\n".join(lines)


def diff_table(
    name: str,
    old: pd.DataFrame,
    new: pd.DataFrame,
    key: list[str],
    coarse: dict[str, float] | None = None,
    value: str = VALUE,
) -> list[Change]:
    """The changes from ``old`` to ``new`` (two versions of one table's latest rows).

    ``coarse`` gives the rounding unit of releases that show fewer digits (a page showing
    one decimal): a new value within half that unit makes the figure exact, not revised.
    """
    coarse = coarse or {}
    columns = [*key, value, "source_id"]
    before = old[columns].astype({k: str for k in key}).astype({value: float})
    after = new[columns].astype({k: str for k in key}).astype({value: float})
    both = before.merge(after, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    gap = (both[f"{value}_new"] - both[f"{value}_old"]).abs()
    unit = pd.Series(
        [coarse.get(s, 0.0) for s in both["source_id_old"]], index=both.index, dtype="float64"
    )
    kind = pd.Series(None, index=both.index, dtype=object)
    kind[both["_merge"] == "right_only"] = "new"
    kind[both["_merge"] == "left_only"] = "removed"
    moved = (both["_merge"] == "both") & (gap > NOISE)
    kind[moved & (gap <= unit / 2 + NOISE)] = "exact"
    kind[moved & (gap > unit / 2 + NOISE)] = "revised"
    changed = both[kind.notna()].assign(kind=kind[kind.notna()]).sort_values(key)
    return [
        Change(
            name,
            {k: row[k] for k in key},
            row["kind"],
            None if pd.isna(row[f"{value}_old"]) else float(row[f"{value}_old"]),
            None if pd.isna(row[f"{value}_new"]) else float(row[f"{value}_new"]),
            None if pd.isna(row["source_id_old"]) else row["source_id_old"],
            None if pd.isna(row["source_id_new"]) else row["source_id_new"],
        )
        for row in changed.to_dict("records")
    ]
