"""Assemble a vintage table from the figures of every release read (ALFRED's model).

Each observation is one release's value of one figure, with the day the release became public
(``known_from``) and the rounding unit of its figures (``unit``: 1e-6 for whole dollars in
millions, 0.1 for a page that shows one decimal). Per figure, in the order releases became
public:

- a value that differs from the current one by more than the rounding of either is a revision:
  a new row starts, and the current row ends that day;
- a value equal within rounding but *more* precise replaces the current one the same way (the
  figure became exact, it was not revised);
- a value equal within rounding and no more precise adds nothing.

A release that does not show a figure says nothing about it: nothing is invented for it.

Example:
    >>> obs = pd.DataFrame({
    ...     "k": ["a", "a", "a"], "v": [10.0, 10.04, 12.0], "source_id": ["r1", "r2", "r3"],
    ...     "known_from": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
    ...     "unit": [1e-6, 0.1, 1e-6]})
    >>> built = build_vintages(obs, ["k"], "v")
    >>> built["v"].tolist(), built["source_id"].tolist(), built["realtime_end"].isna().tolist()
    ([10.0, 12.0], ['r1', 'r3'], [False, True])
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: Values closer than this are the same (floating-point noise below a dollar in millions).
NOISE = 5e-7


def build_vintages(
    observations: pd.DataFrame, key: list[str], value: str, extra: list[str] | None = None
) -> pd.DataFrame:
    """Vintage rows: ``key``, ``value``, ``extra`` columns, ``source_id``, ``realtime_start``,
    ``realtime_end`` (NaT while latest), sorted by key and start."""
    extra = extra or []
    ordered = observations.sort_values(
        [*key, "known_from", "unit"], kind="stable", ignore_index=True
    )
    return chain(ordered[~_repeats(ordered, key, value)], key, value, extra)


def chain(ordered: pd.DataFrame, key: list[str], value: str, extra: list[str]) -> pd.DataFrame:
    """The rows of :func:`build_vintages` from observations already sorted by key, day and
    unit, one observation at a time (the rules of the module's docstring)."""
    # plain lists, not a dict per row: this loop runs once per observation
    keys = list(zip(*(ordered[k].tolist() for k in key), strict=True))
    extras = list(zip(*(ordered[k].tolist() for k in extra), strict=True)) if extra else None
    values, units = ordered[value].tolist(), ordered["unit"].tolist()
    days, sources = ordered["known_from"].tolist(), ordered["source_id"].tolist()
    rows: list[dict] = []
    current: dict | None = None
    current_key = None
    for i, record_key in enumerate(keys):
        if record_key != current_key:
            current, current_key = None, record_key
        if current is not None:
            if days[i] == current["realtime_start"]:
                continue  # two releases on one day: the more precise one was taken
            tolerance = max(units[i], current["unit"]) / 2 + NOISE
            gap = abs(values[i] - current[value])
            if gap <= NOISE or (gap <= tolerance and units[i] >= current["unit"]):
                continue
            current["realtime_end"] = days[i]
        current = {
            **dict(zip(key, record_key, strict=True)),
            **(dict(zip(extra, extras[i], strict=True)) if extras else {}),
            value: values[i],
            "source_id": sources[i],
            "realtime_start": days[i],
            "realtime_end": pd.NaT,
            "unit": units[i],
        }
        rows.append(current)
    out = pd.DataFrame(
        rows, columns=[*key, *extra, value, "source_id", "realtime_start", "realtime_end", "unit"]
    )
    return out.drop(columns="unit")


def _repeats(ordered: pd.DataFrame, key: list[str], value: str) -> pd.Series:
    """Observations the loop of :func:`build_vintages` would pass over, found without it:
    the same figure, value and unit as the observation before, when that one is the first
    of its day (then it either opened a row or was passed over by the same rule, so this one
    is too). Most releases repeat most figures, so this leaves the loop a fraction of them."""
    before = ordered.shift()
    same_figure = pd.Series(True, index=ordered.index)
    for column in key:
        same_figure &= (ordered[column] == before[column]).fillna(False).astype(bool)
    same_day = same_figure & (ordered["known_from"] == before["known_from"])
    first_of_day_before = ~same_day.shift(fill_value=False).astype(bool)
    return (
        same_figure
        & (ordered[value] == before[value]).fillna(False).astype(bool)
        & (ordered["unit"] == before["unit"]).fillna(False).astype(bool)
        & first_of_day_before
    )


def named_codes_first(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """``frame`` sorted by ``order``, rows whose ``product_code`` is a name before those whose
    code is all digits (where the table has product codes): readers that guess a column's
    type from its first rows (polars, Frictionless on a bare CSV) then read every code as
    text, never "00100" as 100.

    Example:
        >>> rows = pd.DataFrame({"product_code": ["00100", "machinery"], "year": [2013, 2014]})
        >>> named_codes_first(rows, ["year"])["product_code"].tolist()
        ['machinery', '00100']
    """
    if "product_code" not in frame:
        return frame.sort_values(order, ignore_index=True)
    numeric = frame["product_code"].astype(str).str.fullmatch(r"\d+")
    return (
        frame.assign(_numeric=numeric)
        .sort_values(["_numeric", *order], ignore_index=True)
        .drop(columns="_numeric")
    )


def latest(vintages: pd.DataFrame) -> pd.DataFrame:
    """The open rows of a vintage table (the published table), without the interval."""
    open_rows = vintages[vintages["realtime_end"].isna()]
    return open_rows.drop(columns=["realtime_start", "realtime_end"]).reset_index(drop=True)


def history(
    committed: pd.DataFrame, key: Mapping[str, type], value: str, units: dict[str, float]
) -> pd.DataFrame:
    """Observations from a committed vintage table (read as text), to build on.

    ``key`` maps each key column to its type; ``units`` gives the rounding unit of a release
    (1e-6 when not listed). Each committed row is its release's value from its start.
    """
    if committed.empty:
        return pd.DataFrame(columns=[*key, value, "source_id", "known_from", "unit"])
    out = committed[[*key, value, "source_id"]].astype({**key, value: float})
    return out.assign(
        known_from=pd.to_datetime(committed["realtime_start"]),
        unit=committed["source_id"].map(units).fillna(1e-6).astype(float),
    )


def with_history(new: pd.DataFrame, past: pd.DataFrame) -> pd.DataFrame:
    """``new`` observations on top of the committed history: a release read again replaces
    its own committed rows; every other release's rows stay."""
    kept = past[~past["source_id"].isin(set(new["source_id"]))]
    return pd.concat([kept, new], ignore_index=True)


def with_refreshed(
    built: pd.DataFrame, committed: pd.DataFrame, refreshed: set[str], key: list[str], value: str
) -> pd.DataFrame:
    """``built`` vintage rows (from files) with the committed rows of ``refreshed`` releases
    (from ``korus-data refresh``) put back in the chain: a rebuild from files never drops
    what a refresh recorded. Rows already in ``built`` are not repeated."""
    kept = committed[committed["source_id"].isin(refreshed)]
    if kept.empty:
        return built
    kept = kept[list(built.columns)].copy()
    for column in built.columns:
        if column in ("realtime_start", "realtime_end"):
            kept[column] = pd.to_datetime(kept[column])
        elif column != "source_id" and not pd.api.types.is_string_dtype(built[column]):
            kept[column] = kept[column].astype(built[column].dtype)
    ids = [*key, "source_id"]
    present = set(zip(*(built[c].tolist() for c in ids), strict=True))
    new = [tuple(r) not in present for r in zip(*(kept[c].tolist() for c in ids), strict=True)]
    kept = kept[new]
    if kept.empty:
        return built
    extra = [
        c
        for c in built.columns
        if c not in (*key, value, "source_id", "realtime_start", "realtime_end")
    ]
    rows = pd.concat([built.astype(object), kept.astype(object)], ignore_index=True)
    observations = rows.rename(columns={"realtime_start": "known_from"}).assign(unit=1e-6)
    observations[value] = observations[value].astype(float)
    observations["known_from"] = pd.to_datetime(observations["known_from"])
    rebuilt = build_vintages(observations.drop(columns="realtime_end"), key, value, extra)
    for column in built.columns:
        if column not in ("realtime_start", "realtime_end", "source_id"):
            rebuilt[column] = rebuilt[column].astype(built[column].dtype)
    return rebuilt[list(built.columns)]
