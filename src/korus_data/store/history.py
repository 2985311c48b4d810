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
from korus_data.schema.codes import FT900_SERIES
from korus_data.schema.tables import TABLES, VINTAGES_OF
from korus_data.store.calendar import official_in_force
from korus_data.store.releases import end_of_period, known_from, parse_as_of

#: The as-of records of the tables an accessor loads, collected while it runs (see
#: :func:`korus_data.analysis.arguments.answers_as_of`); None when nothing collects them.
COLLECTED: ContextVar[list[dict] | None] = ContextVar("as_of_records", default=None)


def release_days(root: Path | None = None) -> dict[str, pd.Timestamp]:
    """``{source_id: day its figures became public}``; an undated source counts from the day
    the project read it (its ``date_accessed``)."""
    from korus_data.store.loader import load

    sources = load("sources", root=root)
    days = {
        sid: pd.Timestamp(accessed)
        for sid, accessed in zip(sources["source_id"], sources["date_accessed"], strict=True)
    }
    days.update(known_from(load("releases", root=root), sources))
    return days


def _history_of(name: str, root: Path | None) -> pd.DataFrame:
    from korus_data.store.loader import load

    source = VINTAGES_OF[name].name if name in VINTAGES_OF else name
    return load(source, root=root)  # type: ignore[arg-type]


def first_release(name: str, root: Path | None = None) -> tuple[str, pd.Timestamp] | None:
    """The earliest release (id, day) of a table's figures, or None for a table without any."""
    frame = _history_of(name, root)
    if "source_id" not in frame:
        return None
    days = release_days(root)
    dated = frame["source_id"].map(days)
    index = dated.idxmin()
    return frame.at[index, "source_id"], dated[index]


def package_in_force(name: str, day: pd.Timestamp, root: Path | None = None) -> pd.Series | None:
    """The package's newest release (a row of ``releases``, with its ``day``) of the figures
    of table ``name`` public by ``day``; None when the table's figures have no release."""
    from korus_data.store.loader import load

    frame = _history_of(name, root)
    if "source_id" not in frame:
        return None
    releases = load("releases", root=root)
    held = releases[releases["release_id"].isin(set(frame["source_id"]))]
    held = held.assign(day=held["release_id"].map(release_days(root)))
    held = held[held["day"] <= day]
    if held.empty:
        return None
    return held.sort_values(["day", "data_through"]).iloc[-1]


def as_of_record(name: str, day: pd.Timestamp, root: Path | None = None) -> dict:
    """What an as-of view of ``name`` on ``day`` rests on (the keys of ``attrs["as_of"]``)."""
    package = package_in_force(name, day, root)
    record = {
        "requested": f"{day:%Y-%m-%d}",
        "table": name,
        "release_id": None if package is None else package["release_id"],
        "data_through": None if package is None else package["data_through"],
        "official_release": None,
        "official_data_through": None,
    }
    if package is not None and package["series"] in FT900_SERIES:
        official = official_in_force(day, root)
        if official is not None:
            record["official_release"] = f"{official['released']:%Y-%m-%d}"
            record["official_data_through"] = official["data_through"]
    return record


def stale_message(record: dict) -> str | None:
    """The one-sentence warning for a record whose package release is older than the
    publisher's release in force that day; None when the package held the one in force."""
    official, held = record["official_data_through"], record["data_through"]
    if official is None or held is None or official <= held:
        return None
    return (
        f"as of {record['requested']} the Census Bureau had published data through {official} "
        f"(released {record['official_release']}); this package's nearest earlier release is "
        f"{record['release_id']} (data through {held})"
    )


def as_of_view(name: str, as_of: object, root: Path | None = None) -> pd.DataFrame:
    """The table ``name`` as it was known on ``as_of``; FilterError before its first release.

    The frame's ``attrs["as_of"]`` says what it rests on (:func:`as_of_record`); a
    :class:`StaleVintageWarning` when the package lacks the release in force that day."""
    from korus_data.store.loader import load

    days = release_days(root)
    day = parse_as_of(as_of, days)
    table = TABLES[name]
    if name in VINTAGES_OF:
        vintages = load(VINTAGES_OF[name].name, root=root)  # type: ignore[arg-type]
        valid = (vintages["realtime_start"] <= day) & (
            vintages["realtime_end"].isna() | (vintages["realtime_end"] > day)
        )
        view = vintages[valid].drop(columns=["realtime_start", "realtime_end"])
    else:
        view = load(name, root=root)  # type: ignore[arg-type]
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
    "official_in_force",
    "package_in_force",
    "release_days",
    "stale_message",
]
