"""When each figure became known: release dates, and the as-of view of a table.

A figure's *known-from* day is the day its release became public: ``releases.released`` for
releases of official series, else the source's ``date_published``; a date given to the month
or year counts from the last day of that month or year (nothing is known before it certainly
was). ``as_of`` views come from the vintage tables where a table has one, else from each row's
known-from day.

Example:
    >>> [str(end_of_period(d).date()) for d in ("2020-07", "2016", "2018-10-05")]
    ['2020-07-31', '2016-12-31', '2018-10-05']
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from korus_data.errors import FilterError

#: A day (``datetime.date``, ``'YYYY-MM-DD'``) or a release id; None for the latest figures.
AsOf = str | dt.date | None


def end_of_period(text: object) -> pd.Timestamp | None:
    """The last day of a YYYY, YYYY-MM or YYYY-MM-DD period; None for an empty value."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text == "":
        return None
    text = str(text)
    if len(text) == 4:
        return pd.Timestamp(f"{text}-12-31")
    if len(text) == 7:
        return pd.Timestamp(f"{text}-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(text)


def known_from(releases: pd.DataFrame, sources: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """``{source_id: day its figures became public}`` for every dated source or release."""
    dates = {}
    for sid, published in zip(sources["source_id"], sources["date_published"], strict=True):
        day = end_of_period(published)
        if day is not None:
            dates[sid] = day
    for rid, released in zip(releases["release_id"], releases["released"], strict=True):
        dates[rid] = end_of_period(released)
    return dates


def parse_as_of(
    as_of: object, dates: dict[str, pd.Timestamp] | None = None, *, today: dt.date | None = None
) -> pd.Timestamp:
    """``as_of`` as a day: a date, a datetime, 'YYYY-MM-DD', or a release id (the day that
    release became public, from ``dates``). FilterError when it is none of these or lies in
    the future."""
    if isinstance(as_of, bool) or not isinstance(as_of, str | dt.date | pd.Timestamp):
        raise FilterError(f"as_of={as_of!r} is not a date; use 'YYYY-MM-DD' or a datetime.date")
    if isinstance(as_of, str) and not as_of[:1].isdigit():
        if dates is not None and as_of in dates:
            return dates[as_of]
        import difflib

        close = difflib.get_close_matches(as_of, sorted(dates or {}), n=3)
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise FilterError(
            f"as_of={as_of!r} is neither a date nor a known release{hint} "
            "(kd.load('releases') lists the releases)"
        )
    try:
        day = pd.Timestamp(as_of).normalize()
    except (ValueError, TypeError):
        raise FilterError(
            f"as_of={as_of!r} is not a date; use 'YYYY-MM-DD' or a datetime.date"
        ) from None
    if day.tz is not None:
        day = day.tz_localize(None)
    today = today or dt.date.today()
    if day.date() > today:
        raise FilterError(f"as_of={as_of!r} is in the future; the latest possible is {today}")
    return day
