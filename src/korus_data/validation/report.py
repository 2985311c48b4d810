"""The validation report: one result per (gate, table), with located failures."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

Status = Literal["pass", "fail", "warn", "skip"]
#: How many failures of one result are kept as examples.
EXAMPLES_KEPT = 20


@dataclass(frozen=True)
class Failure:
    """One problem, located: ``row`` is the CSV line number (the header is line 1)."""

    table: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.table
        if self.row is not None:
            where += f" line {self.row}"
        if self.column:
            where += f" column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class GateResult:
    """The outcome of one gate on one table ("*" for the whole package)."""

    gate: str
    table: str
    status: Status
    count: int = 0
    examples: list[Failure] = field(default_factory=list)
    note: str = ""

    @classmethod
    def from_failures(
        cls, gate: str, table: str, failures: list[Failure], note: str = "", *, warn=False
    ) -> GateResult:
        status: Status = ("warn" if warn else "fail") if failures else "pass"
        return cls(gate, table, status, len(failures), failures[:EXAMPLES_KEPT], note)


@dataclass
class ValidationReport:
    """Every gate's result. ``ok`` is False when any gate failed.

    Example:
        >>> report = ValidationReport([GateResult("integrity", "sources", "pass")])
        >>> report.ok
        True
    """

    results: list[GateResult]

    @property
    def ok(self) -> bool:
        return all(r.status != "fail" for r in self.results)

    @property
    def failures(self) -> list[Failure]:
        return [f for r in self.results if r.status == "fail" for f in r.examples]

    def to_frame(self) -> pd.DataFrame:
        """One row per (gate, table): status, count, first failure, note."""
        return pd.DataFrame(
            [
                {
                    "gate": r.gate,
                    "table": r.table,
                    "status": r.status,
                    "count": r.count,
                    "first_failure": str(r.examples[0]) if r.examples else "",
                    "note": r.note,
                }
                for r in self.results
            ]
        )

    def to_dict(self) -> dict:
        return {"ok": self.ok, "results": [asdict(r) for r in self.results]}

    def __str__(self) -> str:
        lines = []
        for r in self.results:
            line = f"{r.status.upper():4}  {r.gate:<14} {r.table}"
            if r.count:
                line += f"  ({r.count} problem{'s' if r.count != 1 else ''})"
            if r.note:
                line += f"  {r.note}"
            lines.append(line)
            lines.extend(f"        - {f}" for f in r.examples[:5])
        verdict = "VALID" if self.ok else "INVALID"
        failed = sum(r.status == "fail" for r in self.results)
        lines.append(f"{verdict}: {len(self.results)} checks, {failed} failed")
        return "\n".join(lines)
