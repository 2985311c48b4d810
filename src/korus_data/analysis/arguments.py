"""Argument checking shared by the accessors: one place for every "what is allowed" message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from korus_data.errors import FilterError, check_choice

YearRange = int | tuple[int, int] | None
#: A day (``datetime.date``, ``'YYYY-MM-DD'``) or a release id; None for the latest figures.
AsOf = str | dt.date | None


def year_bounds(years: YearRange) -> tuple[int, int] | None:
    """``years`` as inclusive (first, last): an int is one year, a pair a range, None all.

    Example:
        >>> year_bounds(2018), year_bounds((2010, 2019)), year_bounds(None)
        ((2018, 2018), (2010, 2019), None)
    """
    if years is None:
        return None
    if isinstance(years, bool):
        raise FilterError(f"years={years!r} is not allowed; use a year or a (first, last) pair")
    if isinstance(years, int):
        return years, years
    if (
        isinstance(years, tuple | list)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and years[0] <= years[1]
    ):
        return int(years[0]), int(years[1])
    raise FilterError(
        f"years={years!r} is not allowed; use a year (2018) or an increasing (first, last) "
        "pair of years ((2010, 2019))"
    )


def filter_years(frame: pd.DataFrame, years: YearRange, column: str = "year") -> pd.DataFrame:
    """Rows whose year (or the year of a YYYY-MM period) lies within ``years``."""
    bounds = year_bounds(years)
    if bounds is None:
        return frame
    values = frame[column]
    year = values if pd.api.types.is_integer_dtype(values) else values.str[:4].astype(int)
    return frame[(year >= bounds[0]) & (year <= bounds[1])]


def filter_choice(
    frame: pd.DataFrame, column: str, argument: str, value: object, allowed: Iterable[object]
) -> pd.DataFrame:
    """Rows where ``column`` equals ``value`` (None keeps all); a bad value names the allowed."""
    if value is None:
        return frame
    check_choice(argument, value, allowed)
    return frame[frame[column] == value]
