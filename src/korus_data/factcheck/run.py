"""Run every claim of the fact sheet through its check."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping

import pandas as pd

from korus_data.errors import FilterError
from korus_data.factcheck.checks import CHECKS
from korus_data.factcheck.verdicts import NOT_VERIFIABLE, TIMELESS, Data
from korus_data.store.answer import merged, reraise_stale_once
from korus_data.store.history import stale_message


def check_claims(
    data: Mapping[str, pd.DataFrame] | None = None, *, as_of: object = None
) -> pd.DataFrame:
    """Every claim of the fact sheet with the figure the data give and a verdict.

    ``data`` replaces tables by name (to see how a verdict would change with other data);
    ``as_of`` (a date or a release id) checks the claims against the figures as they were
    known that day (a claim whose data were not yet released is "not verifiable").

    Example:
        >>> import korus_data as kd
        >>> verdicts = kd.check_claims().set_index("claim_id")
        >>> verdicts.loc["goods-two-way-2018", "verdict"]
        'supported'
    """
    if data is not None and (
        not isinstance(data, Mapping)
        or not all(isinstance(k, str) and isinstance(v, pd.DataFrame) for k, v in data.items())
    ):
        raise FilterError(
            f"data={data!r:.60} is not allowed; pass a mapping of table names to DataFrames, "
            "e.g. {'goods_trade_annual': frame}"
        )
    if data is not None:
        from korus_data.schema.tables import table_definition

        for name in data:
            table_definition(name)  # an unknown table name says which exist
    if as_of is None:
        return verdicts(Data(data))
    from korus_data.store.history import COLLECTED, release_days
    from korus_data.store.releases import parse_as_of

    day = parse_as_of(as_of, release_days())  # a bad date fails here, with its reason
    token = COLLECTED.set([])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = verdicts(Data(data, as_of), records=COLLECTED.get())
    finally:
        records = COLLECTED.get() or []
        COLLECTED.reset(token)
    reraise_stale_once(caught, stacklevel=2)
    out.attrs["as_of"] = merged(records) if records else {"requested": f"{day:%Y-%m-%d}"}
    return out


def _as_of_note(verdict: str, read: set[str], records: list[dict]) -> str:
    """What an as-of answer rests on, for the tables a check read: the package's release
    in force, and, where the package lacks the one the publisher had out that day, so."""
    mine = [r for r in records if r["table"] in read and r["release_id"]]
    unpublished = sorted(read - set(TIMELESS) - {r["table"] for r in records})
    if not mine:
        if unpublished and verdict == NOT_VERIFIABLE:
            return (
                f" [the package holds no release of {', '.join(unpublished)} from that day or "
                "before, so it cannot say what had been published then]"
            )
        return ""
    stale = [m for r in mine if (m := stale_message(r))]
    if stale:
        lead = (
            "the package holds no release current on that day"
            if verdict == NOT_VERIFIABLE
            else "not the release current on that day"
        )
        return f" [{lead}: {stale[0]}]"
    used = ", ".join(sorted({r["release_id"] for r in mine}))
    return f" [as of {mine[0]['requested']}: {used}]"


def verdicts(tables: Data, records: list[dict] | None = None) -> pd.DataFrame:
    """The verdict of every claim, each check reading what it needs from ``tables``; with
    ``records`` (as-of answers), each explanation ends with the releases it rests on."""
    rows = []
    for _, claim in tables["claims"].iterrows():
        tables.track()
        result = CHECKS[claim["check"]](claim, tables)
        if records is not None:
            result.explanation += _as_of_note(result.verdict, tables.read, records)
        threshold = claim["threshold"]
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "statement": claim["statement"],
                "figure": None
                if result.figure is None
                or (isinstance(result.figure, float) and math.isnan(result.figure))
                else round(result.figure, 3),
                "threshold": None if pd.isna(threshold) else float(threshold),
                "unit": claim["unit"],
                "verdict": result.verdict,
                "explanation": result.explanation,
                "data_sources": "; ".join(result.sources),
            }
        )
    return pd.DataFrame(rows)
