"""Verdicts of the fact check, how a figure is compared with a claim, and the tables a check reads.

Verdicts: ``supported``; ``supported with caveat`` (the data agree, with a stated reservation:
another basis, vintage, reporter or rounding); ``contradicted``; ``not verifiable`` (the package
has no data that can settle it); ``out of scope`` (not about what the package covers).

Tolerances: "nearly X" holds for a figure from X less the row's ``tolerance_pct`` up to X;
"equals X" holds within ``tolerance_pct`` of X, and is "supported with caveat" when the gap is
within the rounding of the data's own source (a figure stated as "$1 billion" is rounded to the
billion).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from korus_data.errors import FilterError
from korus_data.store.loader import load

SUPPORTED, CAVEAT, CONTRADICTED = "supported", "supported with caveat", "contradicted"
NOT_VERIFIABLE, OUT_OF_SCOPE = "not verifiable", "out of scope"
VERDICTS = (SUPPORTED, CAVEAT, CONTRADICTED, NOT_VERIFIABLE, OUT_OF_SCOPE)


@dataclass
class Verdict:
    figure: float | None
    verdict: str
    explanation: str
    sources: list[str] = field(default_factory=list)


#: Tables that describe things rather than report figures: read whole even ``as_of`` a day.
TIMELESS = (
    "claims",
    "claim_product_codes",
    "sources",
    "releases",
    "partners",
    "product_codes",
    "investment_projects",
)


class Data(Mapping):
    """The tables a check reads: the package's own (as known ``as_of`` a day, when given), or
    replacements given by a test."""

    def __init__(
        self,
        overrides: Mapping[str, pd.DataFrame] | None = None,
        as_of: object = None,
        reader: Callable[[str], pd.DataFrame | None] | None = None,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._cache: dict[str, pd.DataFrame] = {}
        self._as_of = as_of
        self._reader = reader  # reads a table from elsewhere (None: the package's own)
        #: Names of the tables read since :meth:`track` was last called.
        self.read: set[str] = set()

    def track(self) -> set[str]:
        """Start a new record of the tables read; returns the names read until now."""
        read, self.read = self.read, set()
        return read

    def __getitem__(self, name: str) -> pd.DataFrame:
        self.read.add(name)
        if name in self._overrides:
            return self._overrides[name]
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def _load(self, name: str) -> pd.DataFrame:
        read = self._reader(name) if self._reader is not None else None
        if read is not None:
            return read
        if self._as_of is None or name in TIMELESS:
            return load(name)  # type: ignore[arg-type]
        try:
            return load(name, as_of=self._as_of)  # type: ignore[arg-type]
        except FilterError:  # nothing of this table was released yet: no evidence
            return load(name).iloc[0:0]  # type: ignore[arg-type]

    def __iter__(self):
        return iter(self._overrides)

    def __len__(self) -> int:
        return len(self._overrides)


def billions(value: float) -> str:
    """USD millions as a reader would say them: $130.6 billion, $360 million."""
    if abs(value) < 1000:
        return f"${value:,.0f} million"
    return f"${value / 1000:,.1f} billion"


def compare(value: float, claim: pd.Series) -> tuple[bool, str]:
    threshold, kind = float(claim["threshold"]), claim["comparison"]
    tolerance = float(claim["tolerance_pct"]) if pd.notna(claim["tolerance_pct"]) else 0.0
    if kind == "more_than":
        return value > threshold, "more than"
    if kind == "at_least":
        return value >= threshold, "at least"
    if kind == "nearly":
        return threshold * (1 - tolerance / 100) <= value <= threshold, (
            f"nearly (within {tolerance:g}% below)"
        )
    if kind == "equals":
        return abs(value - threshold) <= threshold * tolerance / 100, f"within {tolerance:g}% of"
    if kind == "rank_at_most":
        return value <= threshold, "rank at most"
    raise ValueError(f"comparison {kind!r} is not a numeric comparison")


def source_rounding(value: float) -> float:
    """Half the rounding unit a published figure shows: 1000 -> 500, 14200 -> 50."""
    if value == 0 or value != int(value):
        return 0.0
    text = str(int(abs(value)))
    zeros = len(text) - len(text.rstrip("0"))
    return 10**zeros / 2
