"""Answers that say what they rest on: the ``attrs["as_of"]`` of an accessor's frame.

Example:
    >>> import korus_data as kd
    >>> kd.goods_trade(years=2019, as_of="2024-08-06").attrs["as_of"]["release_id"]
    'census-country-xlsx-2024-06'
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pandas as pd

from korus_data.errors import StaleVintageWarning
from korus_data.store.history import COLLECTED

P = ParamSpec("P")
R = TypeVar("R")


def merged(records: list[dict]) -> dict:
    """One ``attrs["as_of"]`` from the records of the tables an answer loaded: the first
    table's, with ``tables`` listing each table's record when there are several."""
    unique = list({r["table"]: r for r in records}.values())
    return {**unique[0], "tables": unique} if len(unique) > 1 else unique[0]


def reraise_stale_once(caught: list[warnings.WarningMessage], stacklevel: int) -> None:
    """Warn again what ``caught`` holds: other warnings as they were, each distinct
    :class:`StaleVintageWarning` once."""
    stale: list[str] = []
    for w in caught:
        if issubclass(w.category, StaleVintageWarning):
            if str(w.message) not in stale:
                stale.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    for message in stale:
        warnings.warn(message, StaleVintageWarning, stacklevel=stacklevel + 1)


def answers_as_of(function: Callable[P, R]) -> Callable[P, R]:
    """Make an accessor's answer with ``as_of`` say what it rests on.

    The frame returned carries ``attrs["as_of"]``: the record of the first table the accessor
    loaded as of that day (:func:`korus_data.store.history.as_of_record`), with
    ``attrs["as_of"]["tables"]`` listing every table's record when it loaded several. A
    :class:`~korus_data.errors.StaleVintageWarning` of its loads reaches the caller once.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs.get("as_of") is None:
            return function(*args, **kwargs)
        outer = COLLECTED.get()
        token = COLLECTED.set([])
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                out = function(*args, **kwargs)
        finally:
            records = COLLECTED.get() or []
            COLLECTED.reset(token)
        if outer is not None:
            outer.extend(records)
        reraise_stale_once(caught, stacklevel=2)
        if records and isinstance(out, pd.DataFrame):
            out.attrs["as_of"] = merged(records)
        return out

    return wrapper


__all__ = ["answers_as_of", "merged", "reraise_stale_once"]
