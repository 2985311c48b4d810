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

    def counts(self) -> dict[str, int]:
        """How many checks passed, failed, warned and were skipped."""
        out = {"pass": 0, "fail": 0, "warn": 0, "skip": 0}
        for r in self.results:
            out[r.status] += 1
        return out

    def text(self, *, verbose: bool = False, width: int | None = None) -> str:
        """The report for people: counts by status, then every failure and warning in full
        (``verbose``: every check); lines wrapped to ``width``."""
        import textwrap

        width = width or 100
        lines = []
        for r in self.results:
            if not verbose and r.status in ("pass", "skip"):
                continue
            line = f"{r.status.upper():4}  {r.gate} · {r.table}"
            if r.count:
                line += f" ({r.count} problem{'s' if r.count != 1 else ''})"
            if r.note:
                line += f": {r.note}"
            lines += textwrap.wrap(line, width, subsequent_indent="      ") or [line]
            for failure in r.examples[:5]:
                lines += textwrap.wrap(
                    f"- {failure}", width, initial_indent="      ", subsequent_indent="        "
                )
        counts = self.counts()
        verdict = "VALID" if self.ok else "INVALID"
        tally = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        lines.append(f"{verdict}: {len(self.results)} checks ({tally})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text(verbose=True)

    def __repr__(self) -> str:
        counts = self.counts()
        return (
            f"<ValidationReport {'VALID' if self.ok else 'INVALID'}: {len(self.results)} checks, "
            f"{counts['fail']} failed, {counts['warn']} warnings>"
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(r.status)}</td><td>{escape(r.gate)}</td><td>{escape(r.table)}</td>"
            f"<td>{r.count}</td><td>{escape(str(r.examples[0]) if r.examples else r.note)}</td>"
            "</tr>"
            for r in self.results
            if r.status in ("fail", "warn")
        )
        head = escape(repr(self))
        table = (
            "<table><tr><th>status</th><th>gate</th><th>table</th><th>problems</th>"
            f"<th>first problem or note</th></tr>{rows}</table>"
            if rows
            else ""
        )
        return f"<p><b>{head}</b></p>{table}"
