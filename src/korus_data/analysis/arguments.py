"""Argument checking shared by the accessors: one place for every "what is allowed" message.

One rule for every accessor: arguments are checked (types, NumPy integers included, ranges,
combinations) and a request that can only return nothing is a :class:`FilterError` (a
``ValueError``) naming what is available, never an empty frame.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable

import pandas as pd

from korus_data.errors import FilterError, check_choice
from korus_data.store.answer import answers_as_of
from korus_data.store.releases import AsOf

__all__ = [
    "AsOf",
    "YearRange",
    "answers_as_of",
    "filter_choice",
    "filter_years",
    "nonempty",
    "whole_number",
    "year_bounds",
]

YearRange = int | tuple[int, int] | None


def whole_number(argument: str, value: object, *, minimum: int | None = None) -> int:
    """``value`` as an int: Python and NumPy integers pass, bools and text do not.

    Example:
        >>> import numpy as np
        >>> whole_number("year", np.int64(2018))
        2018
        >>> whole_number("n", "3")
        Traceback (most recent call last):
        ...
        korus_data.errors.FilterError: n='3' is not allowed; use a whole number
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        floor = f" ≥ {minimum}" if minimum is not None else ""
        raise FilterError(f"{argument}={value!r} is not allowed; use a whole number{floor}")
    number = int(value)
    if minimum is not None and number < minimum:
        raise FilterError(f"{argument}={value!r} is not allowed; use a whole number ≥ {minimum}")
    return number


def year_bounds(years: YearRange) -> tuple[int, int] | None:
    """``years`` as inclusive (first, last): an int is one year, a pair a range, None all.

    Example:
        >>> year_bounds(2018), year_bounds((2010, 2019)), year_bounds(None)
        ((2018, 2018), (2010, 2019), None)
    """
    if years is None:
        return None
    pair_hint = (
        f"years={years!r} is not allowed; use a year (2018) or an increasing (first, last) "
        "pair of years ((2010, 2019))"
    )
    if isinstance(years, numbers.Integral) and not isinstance(years, bool):
        return int(years), int(years)
    if isinstance(years, tuple | list) and len(years) == 2:
        try:
            first, last = (whole_number("years", y) for y in years)
        except FilterError:
            raise FilterError(pair_hint) from None
        if first <= last:
            return first, last
    raise FilterError(pair_hint)


def _years_of(frame: pd.DataFrame, column: str) -> pd.Series:
    values = frame[column]
    if pd.api.types.is_integer_dtype(values):
        return values
    return values.astype(str).str[:4].astype(int)


def filter_years(frame: pd.DataFrame, years: YearRange, column: str = "year") -> pd.DataFrame:
    """Rows whose year (or the year of a YYYY-MM period) lies within ``years``.

    :class:`FilterError` naming the years available when none lies within ``years``.
    """
    bounds = year_bounds(years)
    if bounds is None or frame.empty:
        return frame
    year = _years_of(frame, column)
    kept = frame[(year >= bounds[0]) & (year <= bounds[1])]
    if kept.empty:
        raise FilterError(
            f"years={years!r} has no data here; years available: {year.min()} to {year.max()}"
        )
    return kept


def filter_choice(
    frame: pd.DataFrame, column: str, argument: str, value: object, allowed: Iterable[object]
) -> pd.DataFrame:
    """Rows where ``column`` equals ``value`` (None keeps all); a bad value names the allowed."""
    if value is None:
        return frame
    check_choice(argument, value, allowed)
    return frame[frame[column] == value]


def nonempty(frame: pd.DataFrame, request: str, available: str) -> pd.DataFrame:
    """``frame``, or :class:`FilterError` saying the request matches nothing and what exists."""
    if frame.empty:
        raise FilterError(f"{request} matches no data; {available}")
    return frame
