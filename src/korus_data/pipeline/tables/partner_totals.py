"""Figures by partner checked against the Census workbook totals the package holds.

A file of figures by partner (End-Use codes, imports and duty) was published on some day
whose release the package may or may not hold; its partner-year totals must equal, to the
dollar, one of the values that partner's total has had in the releases held, but in the years
``curated/vintage_gaps.csv`` lists for the file (it carries a revision of which no workbook is
held) and the differences ``curated/enduse_total_differences.csv`` lists with both figures.
A listing that is no longer needed stops the build too.

Example:
    >>> TotalsCheck(matched=2, gaps=0).matched
    2
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated

#: One dollar in millions (each side is rounded to six decimals).
DOLLAR = 1e-6


def _listed_differences(source: str) -> dict[tuple[str, int, str], tuple[float, float]]:
    listed = read_curated("enduse_total_differences")
    listed = listed[listed["source_id"] == source]
    return {
        (code, int(year), flow): (float(mine), float(book))
        for code, year, flow, mine, book in zip(
            listed["partner_code"],
            listed["year"],
            listed["flow"],
            listed["enduse_usd_millions"],
            listed["workbook_usd_millions"],
            strict=True,
        )
    }


def _is_listed(row, known: tuple[float, float] | None) -> bool:
    if known is None:
        return False
    workbook = 0.0 if pd.isna(row.value) else float(row.value)
    return abs(known[0] - row.value_usd_millions) <= DOLLAR and abs(known[1] - workbook) <= DOLLAR


@dataclass(frozen=True)
class TotalsCheck:
    matched: int  # partner-years whose codes add up to a workbook total
    gaps: int  # partner-years of the listed years, not compared


def check_totals(rows: pd.DataFrame, held_totals: pd.DataFrame, label: str) -> TotalsCheck:
    """:class:`BuildError` unless each partner-year's codes in ``rows`` (one release) add up
    to one of the workbook totals in ``held_totals`` (``partner_code, year, flow, value``,
    every vintage held), but in the years listed for the release in
    ``curated/vintage_gaps.csv`` and the differences listed with both figures in
    ``curated/enduse_total_differences.csv``; a listing that is no longer needed fails too."""
    source = str(rows["source_id"].iloc[0])
    key = ["partner_code", "year", "flow"]
    sums = rows.groupby(key, as_index=False)["value_usd_millions"].sum()
    both = sums.merge(held_totals, on=key, how="left")
    # a partner-year with nothing traded may have no workbook row (a code no longer in use)
    nothing = (both["value_usd_millions"] == 0) & both["value"].isna()
    both["equal"] = ((both["value_usd_millions"] - both["value"]).abs() <= DOLLAR * 1.5) | nothing
    equal = both.groupby(key)["equal"].any().reset_index()
    gaps = read_curated("vintage_gaps")
    listed = {int(y) for y in gaps.loc[gaps["source_id"] == source, "year"]}
    unlisted = equal[~equal["equal"] & ~equal["year"].isin(listed)]
    unlisted = unlisted.merge(sums, on=key).merge(
        held_totals.drop_duplicates(key, keep="last"), on=key, how="left"
    )
    known = _listed_differences(source)
    surprising = [
        row
        for row in unlisted.itertuples(index=False)
        if not _is_listed(row, known.get((row.partner_code, int(row.year), row.flow)))
    ]
    if surprising:
        first = surprising[0]
        raise BuildError(
            f"{label}: the figures of {first.partner_code} {first.year} {first.flow}s add "
            f"up to {first.value_usd_millions:,.6f} USD millions, which is no Census workbook "
            f"total the package holds ({first.value:,.6f}; {len(surprising)} such "
            "partner-years). If the file carries a revision no workbook read has, list its "
            "year in korus_data/curated/vintage_gaps.csv; if both files are right, list "
            "the difference in korus_data/curated/enduse_total_differences.csv"
        )
    found = {(r.partner_code, int(r.year), r.flow) for r in unlisted.itertuples(index=False)}
    gone = sorted(set(known) - found)
    if gone:
        raise BuildError(
            f"{label}: the listed differences {gone} are gone; remove them from "
            "korus_data/curated/enduse_total_differences.csv"
        )
    in_listed = equal[equal["year"].isin(listed)].groupby("year")["equal"].all()
    needless = sorted(int(y) for y, all_equal in in_listed.items() if all_equal)
    if needless:
        raise BuildError(
            f"{label}: every partner of {needless} adds up to a workbook total; remove those "
            "years from korus_data/curated/vintage_gaps.csv"
        )
    return TotalsCheck(
        matched=int((~equal["year"].isin(listed)).sum()), gaps=int(equal["year"].isin(listed).sum())
    )
