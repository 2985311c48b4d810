"""Tables as they were known on a day: the as-of view, from vintages or release dates, and
what it rests on (the package's release in force that day, and the publisher's).

Every frame returned for ``as_of`` carries ``frame.attrs["as_of"]``: the day requested, the
package's newest release of the table's figures public by then (``release_id``,
``data_through``), and, for Census goods, the Census Bureau's release in force that day from
the release calendar (``official_data_through``). Where the publisher had released newer
figures than any the package holds from before that day, a
:class:`~korus_data.errors.StaleVintageWarning` names both.

Example:
    >>> import korus_data as kd
    >>> early = kd.load("goods_trade_monthly", as_of="2018-10-31")
    >>> early["period"].max(), early.attrs["as_of"]["release_id"]
    ('2018-08', 'census-country-xlsx-2018-08')
"""

from __future__ import annotations

import warnings
from contextvars import ContextVar
from pathlib import Path

import pandas as pd

from korus_data.errors import FilterError, StaleVintageWarning
from korus_data.schema.codes import (
    ANNUAL_CALENDARS,
    CALENDAR_OF,
    CALENDAR_PUBLISHER,
    MATCHED_BY_DAY,
    SERIES_PUBLISHER,
    SNAPSHOT_SERIES,
)
from korus_data.schema.tables import TABLES, VINTAGES_OF
from korus_data.store.calendar import calendar_rows, official_in_force
from korus_data.store.releases import end_of_period, known_from, parse_as_of

#: The as-of records of the tables an accessor loads, collected while it runs (see
#: :func:`korus_data.analysis.arguments.answers_as_of`); None when nothing collects them.
COLLECTED: ContextVar[list[dict] | None] = ContextVar("as_of_records", default=None)


def release_days(root: Path | None = None) -> dict[str, pd.Timestamp]:
    """``{source_id: day its figures became public}``; an undated source counts from the day
    the project read it (its ``date_accessed``)."""
    from korus_data.store.reading import load_table as load

    sources = load("sources", root=root)
    days = {
        sid: pd.Timestamp(accessed)
        for sid, accessed in zip(sources["source_id"], sources["date_accessed"], strict=True)
    }
    days.update(known_from(load("releases", root=root), sources))
    return days


def _history_of(name: str, root: Path | None) -> pd.DataFrame:
    from korus_data.store.reading import load_table as load

    source = VINTAGES_OF[name].name if name in VINTAGES_OF else name
    return load(source, root=root)


def first_release(name: str, root: Path | None = None) -> tuple[str, pd.Timestamp] | None:
    """The earliest release (id, day) of a table's figures, or None for a table without any."""
    frame = _history_of(name, root)
    if "source_id" not in frame:
        return None
    days = release_days(root)
    dated = frame["source_id"].map(days)
    index = dated.idxmin()
    return frame.at[index, "source_id"], dated[index]


def held_releases(name: str, root: Path | None = None) -> pd.DataFrame:
    """The package's releases (rows of ``releases``, with the ``day`` each became public) that
    carry the figures of table ``name``: those its rows cite, and every release of a series
    that republishes the whole series (``SNAPSHOT_SERIES``) among them, also where it changed
    none of the table's figures."""
    from korus_data.store.reading import load_table as load

    frame = _history_of(name, root)
    releases = load("releases", root=root)
    if "source_id" not in frame:
        return releases.iloc[0:0].assign(day=pd.Series(dtype="datetime64[us]"))
    cited = releases["release_id"].isin(set(frame["source_id"]))
    series = set(releases.loc[cited, "series"]) & set(SNAPSHOT_SERIES)
    held = releases[cited | releases["series"].isin(series)]
    return held.assign(day=held["release_id"].map(release_days(root)))


def _newest(held: pd.DataFrame) -> pd.Series:
    """The newest of ``held``; releases public on the same day are named together."""
    newest = held[held["day"] == held["day"].max()].sort_values(["data_through", "release_id"])
    row = newest.iloc[-1].copy()
    row["release_id"] = ", ".join(newest["release_id"])
    return row


def package_in_force(name: str, day: pd.Timestamp, root: Path | None = None) -> pd.Series | None:
    """The package's newest release (a row of ``releases``, with its ``day``) of the figures
    of table ``name`` public by ``day``; None when none was. Releases public on the same day
    are named together in ``release_id`` (the exports and imports reports of one release)."""
    held = held_releases(name, root)
    held = held[held["day"] <= day]
    return None if held.empty else _newest(held)


def _calendar_month(release: pd.Series, calendar: pd.DataFrame) -> str | None:
    """The month of the calendar release whose figures ``release`` carries: its own last
    month (December of its year for a yearly series), or, for a series matched by day, that
    of the calendar release in force the day it came out."""
    if release["series"] not in MATCHED_BY_DAY:
        through = str(release["data_through"])
        return f"{through}-12" if len(through) == 4 else through
    before = calendar[calendar["released"] <= release["day"]]
    return None if before.empty else str(before["data_through"].iloc[-1])


def as_of_record(name: str, day: pd.Timestamp, root: Path | None = None) -> dict:
    """What an as-of view of ``name`` on ``day`` rests on (the keys of ``attrs["as_of"]``).

    ``release_id``/``data_through``: the package's newest release of the table public by
    then. For figures that follow a publisher's calendar (Census goods): ``official_release``
    and ``official_data_through``, the publisher's release in force that day (None when the
    calendar has none); ``held_calendar_release`` and ``held_data_through``, the package's
    newest release on that calendar; ``calendar_ends``, the day of the calendar's last
    release, and ``calendar_complete`` (False for a day past it: the package cannot tell
    what came out after it)."""
    held = held_releases(name, root)
    held = held[held["day"] <= day]
    package = None if held.empty else _newest(held)
    record = {
        "requested": f"{day:%Y-%m-%d}",
        "table": name,
        "release_id": None if package is None else package["release_id"],
        "data_through": None if package is None else package["data_through"],
        "official_release": None,
        "official_data_through": None,
    }
    following = held[held["series"].isin(list(CALENDAR_OF))]
    if following.empty:
        return record
    newest = _newest(following)
    calendar_series = CALENDAR_OF[newest["series"]]
    calendar = calendar_rows(calendar_series, root)
    if calendar.empty:
        return record
    official = official_in_force(day, root, series=calendar_series)
    last = calendar.iloc[-1]
    record.update(
        {
            "publisher": SERIES_PUBLISHER.get(
                newest["series"], CALENDAR_PUBLISHER[calendar_series]
            ),
            "annual_calendar": calendar_series in ANNUAL_CALENDARS,
            "matched_by_day": newest["series"] in MATCHED_BY_DAY,
            "held_calendar_release": newest["release_id"],
            "held_data_through": _calendar_month(newest, calendar),
            "calendar_ends": f"{last['released']:%Y-%m-%d}",
            "calendar_complete": bool(day <= last["released"]),
        }
    )
    if official is not None:
        record["official_release"] = f"{official['released']:%Y-%m-%d}"
        record["official_data_through"] = official["data_through"]
    return record


def stale_message(record: dict) -> str | None:
    """The one-sentence warning for a record whose package release is older than the
    publisher's release in force that day, or whose day lies past the end of the release
    calendar (the package cannot tell what was published then); None when the package held
    the release in force."""
    official, held = record.get("official_data_through"), record.get("held_data_through")
    if official is None or held is None:
        return None
    publisher = record["publisher"]
    if record.get("annual_calendar"):  # yearly figures: name the year, not December
        official, held = official[:4], held[:4]
    through = (
        f"the workbook that came with the release of {held} data"
        if record.get("matched_by_day")
        else f"data through {held}"
    )
    nearest = (
        f"this package's nearest earlier release is {record['held_calendar_release']} ({through})"
    )
    if not record["calendar_complete"]:
        if official > held:
            return (
                f"as of {record['requested']} {publisher} had published at least data through "
                f"{official} (released {record['official_release']}, the last release in the "
                f"package's calendar, which cannot tell what came out after "
                f"{record['calendar_ends']}); {nearest}"
            )
        return (
            f"as of {record['requested']} the package cannot tell what {publisher} had "
            f"published: its release calendar ends on {record['calendar_ends']}; {nearest}"
        )
    if official <= held:
        return None
    return (
        f"as of {record['requested']} {publisher} had published data through {official} "
        f"(released {record['official_release']}); {nearest}"
    )


def as_of_view(name: str, as_of: object, root: Path | None = None) -> pd.DataFrame:
    """The table ``name`` as it was known on ``as_of``; FilterError before its first release.

    The frame's ``attrs["as_of"]`` says what it rests on (:func:`as_of_record`); a
    :class:`StaleVintageWarning` when the package lacks the release in force that day."""
    from korus_data.store.reading import load_table as load

    days = release_days(root)
    day = parse_as_of(as_of, days)
    table = TABLES[name]
    if name in VINTAGES_OF:
        vintages = load(VINTAGES_OF[name].name, root=root)
        valid = (vintages["realtime_start"] <= day) & (
            vintages["realtime_end"].isna() | (vintages["realtime_end"] > day)
        )
        view = vintages[valid].drop(columns=["realtime_start", "realtime_end"])
    else:
        view = load(name, root=root)
        if "source_id" in view and name not in ("sources", "releases"):
            view = view[view["source_id"].map(days) <= day]
    if view.empty:
        first = first_release(name, root)
        where = f"; the first is {first[0]} ({first[1]:%Y-%m-%d})" if first else ""
        raise FilterError(
            f"as_of={as_of!r}: no figure of {name} had been released by {day:%Y-%m-%d}{where}"
        )
    view = view.sort_values(list(table.primary_key)).reset_index(drop=True)
    record = as_of_record(name, day, root)
    view.attrs["as_of"] = record
    collected = COLLECTED.get()
    if collected is not None:
        collected.append(record)
    message = stale_message(record)
    if message:
        warnings.warn(message, StaleVintageWarning, stacklevel=3)
    return view


__all__ = [
    "COLLECTED",
    "as_of_record",
    "as_of_view",
    "end_of_period",
    "first_release",
    "held_releases",
    "official_in_force",
    "package_in_force",
    "release_days",
    "stale_message",
]
