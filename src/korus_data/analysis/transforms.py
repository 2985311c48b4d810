"""Transforms of a series, in FRED's vocabulary: units, frequency aggregation, trailing sums.

Every transformed column is derived here, never published, and named for what it is; the
frame's ``attrs["derived"]`` maps each new column to its formula. A value whose predecessor
period is not in the series (the first periods, or a gap) has no transform: it is missing,
never computed from another period.

``units`` (FRED's codes; ``n`` is the number of periods in a year: 12, 4 or 1):

====== ============================================ ===================================
code   meaning                                      column suffix
====== ============================================ ===================================
lin    levels (no transform)                        —
chg    change: x(t) - x(t-1)                        ``_change``
ch1    change from a year ago: x(t) - x(t-n)        ``_change_year_ago``
pch    percent change: 100 (x(t)/x(t-1) - 1)        ``_pct_change``
pc1    percent change from a year ago:              ``_pct_change_year_ago``
       100 (x(t)/x(t-n) - 1)
pca    compounded annual rate of change:            ``_pct_change_annual_rate``
       100 ((x(t)/x(t-1))^n - 1)
log    natural log: ln x(t)                         ``_log``
====== ============================================ ===================================

Aggregation (``aggregate``): monthly to quarterly or annual by sum (FRED's ``sum``), whole
periods only: a quarter or year with a month missing is dropped, and ``attrs["dropped"]``
says which. ``trailing_sum``: the sum of the last ``window`` periods, only where all of them
are in the series.

Example:
    >>> frame = pd.DataFrame({"period": ["2023-01", "2023-02", "2024-01"], "v": [10.0, 12.0, 11.0]})
    >>> out = transform(frame, "period", ["v"], "pc1")
    >>> out["v_pct_change_year_ago"].round(3).tolist()
    [nan, nan, 10.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from korus_data.errors import FilterError

UNITS = ("lin", "chg", "ch1", "pch", "pc1", "pca", "log")
SUFFIX = {
    "chg": "change",
    "ch1": "change_year_ago",
    "pch": "pct_change",
    "pc1": "pct_change_year_ago",
    "pca": "pct_change_annual_rate",
    "log": "log",
}
FORMULA = {
    "chg": "x(t) - x(t-1)",
    "ch1": "x(t) - x(t-n), n periods a year",
    "pch": "100 * (x(t) / x(t-1) - 1)",
    "pc1": "100 * (x(t) / x(t-n) - 1), n periods a year",
    "pca": "100 * ((x(t) / x(t-1)) ** n - 1), n periods a year",
    "log": "ln x(t)",
}
FREQUENCY_OF = {1: "annual", 4: "quarterly", 12: "monthly"}


def check_units(units: object) -> str:
    if not isinstance(units, str) or units not in UNITS:
        raise FilterError.not_allowed("units", units, UNITS)
    return units


def periods_per_year(values: pd.Series) -> int:
    """12 for months (YYYY-MM), 4 for quarters (YYYY-Qn), 1 for years."""
    if pd.api.types.is_integer_dtype(values):
        return 1
    first = str(values.iloc[0]) if len(values) else ""
    return 4 if "-Q" in first else 12 if len(first) == 7 else 1


def _ordinal(values: pd.Series, per_year: int) -> pd.Series:
    """Each period as a whole number counting periods (so t-1 is one less)."""
    if per_year == 1:
        return values.astype("int64")
    text = values.astype(str)
    year = text.str[:4].astype("int64")
    if per_year == 4:
        return year * 4 + text.str[-1].astype("int64") - 1
    return year * 12 + text.str[5:7].astype("int64") - 1


def transform(
    frame: pd.DataFrame,
    period: str,
    values: Sequence[str],
    units: str,
    by: Sequence[str] = (),
) -> pd.DataFrame:
    """``frame`` with each of ``values`` transformed by ``units`` within each group of
    ``by`` (the new columns named by their suffix; ``lin`` returns the frame unchanged)."""
    units = check_units(units)
    if units == "lin":
        return frame
    out = frame.copy()
    n = periods_per_year(out[period])
    ordinal = _ordinal(out[period], n)
    lag = n if units in ("ch1", "pc1") else 1
    keys = [*by, "_t"]
    known = out[[*by, *values]].assign(_t=ordinal)
    before = known.assign(_t=known["_t"] + lag)  # each row as the predecessor of t + lag
    matched = known[keys].merge(before, on=keys, how="left", suffixes=("", "_before"))
    derived = dict(out.attrs.get("derived", {}))
    for column in values:
        now = out[column].astype(float).to_numpy()
        previous = matched[column].astype(float).to_numpy()
        name = f"{column}_{SUFFIX[units]}"
        if units in ("chg", "ch1"):
            result = now - previous
        elif units in ("pch", "pc1"):
            result = 100 * (now / previous - 1)
        elif units == "pca":
            result = 100 * ((now / previous) ** n - 1)
        else:
            result = [math.log(v) if v > 0 else math.nan for v in now]
        out[name] = result
        derived[name] = f"{FORMULA[units]} of {column}, {FREQUENCY_OF[n]} (n = {n}); derived"
    out.attrs = {**frame.attrs, "derived": derived}
    return out


def aggregate(
    frame: pd.DataFrame, values: Sequence[str], to: str, by: Sequence[str] = ()
) -> pd.DataFrame:
    """Monthly rows (``period`` YYYY-MM) summed to ``to`` ("quarterly": column ``quarter``,
    YYYY-Qn; "annual": column ``year``), whole periods only; ``attrs["dropped"]`` names the
    partial ones left out."""
    months = frame["period"].astype(str)
    year = months.str[:4].astype("int64")
    month = months.str[5:7].astype("int64")
    if to == "quarterly":
        column, size = "quarter", 3
        label = year.astype(str) + "-Q" + ((month - 1) // 3 + 1).astype(str)
    elif to == "annual":
        column, size, label = "year", 12, year
    else:
        raise FilterError.not_allowed("to", to, ("quarterly", "annual"))
    work = frame.assign(**{column: label})
    keys = [*by, column]
    grouped = work.groupby(keys, sort=True)
    sums = grouped[list(values)].sum().reset_index()
    count = grouped.size().reset_index(name="_months")
    out = sums.merge(count, on=keys)
    partial = out[out["_months"] < size]
    out = out[out["_months"] == size].drop(columns="_months").reset_index(drop=True)
    derived = {v: f"sum of the {size} months of each {column}; derived" for v in values}
    out.attrs = {**frame.attrs, "derived": {**frame.attrs.get("derived", {}), **derived}}
    if len(partial):
        out.attrs["dropped"] = (
            f"partial {column}s left out (fewer than {size} months held): "
            + ", ".join(sorted({str(p) for p in partial[column]}))
        )
    return out


def trailing_sum(
    frame: pd.DataFrame, period: str, values: Sequence[str], window: int, by: Sequence[str] = ()
) -> pd.DataFrame:
    """``frame`` with ``<value>_trailing_<window>`` columns: the sum of the ``window``
    periods up to each one, where every one of them is in the series (else missing)."""
    if isinstance(window, bool) or not isinstance(window, int) or window < 2:
        raise FilterError(f"window={window!r} is not allowed; use a whole number of 2 or more")
    out = frame.copy()
    n = periods_per_year(out[period])
    ordinal = _ordinal(out[period], n)
    keys = [*by, "_t"]
    known = out[[*by, *values]].assign(_t=ordinal)
    total = known[keys].copy()
    for column in values:
        total[column] = 0.0
    complete = pd.Series(True, index=total.index)
    for lag in range(window):
        shifted = known.assign(_t=known["_t"] + lag)
        matched = known[keys].merge(shifted, on=keys, how="left")
        complete &= matched[values[0]].notna().to_numpy()
        for column in values:
            total[column] += matched[column].astype(float).fillna(0).to_numpy()
    derived = dict(out.attrs.get("derived", {}))
    for column in values:
        name = f"{column}_trailing_{window}"
        out[name] = total[column].where(complete).to_numpy()
        derived[name] = f"sum of the {window} {FREQUENCY_OF[n]} periods to t of {column}; derived"
    out.attrs = {**frame.attrs, "derived": derived}
    return out


__all__ = ["UNITS", "aggregate", "check_units", "periods_per_year", "trailing_sum", "transform"]
