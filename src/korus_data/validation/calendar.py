"""The releases the package holds against the publisher's release calendar.

Example:
    >>> import korus_data as kd
    >>> frames = {n: kd.load(n) for n in ("releases", "release_calendar")}
    >>> [r.status for r in releases_match_calendar(frames)]
    ['pass']
"""

from __future__ import annotations

import pandas as pd

from korus_data.schema.codes import FT900_SERIES
from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]


def releases_match_calendar(frames: Frames) -> list[GateResult]:
    """Every Census goods release the package holds is one of the calendar's.

    Fails: a release dated by its publication on another day than the calendar gives the
    release of its last month; a copy retrieved before that release came out; a month within
    the calendar's span that it does not list. Warns: a copy retrieved after the next release
    had replaced its own (a stale copy, counted from the day it was retrieved), and a month newer
    than the calendar's newest (add that release to ``data/release_calendar.csv``)."""
    if not {"releases", "release_calendar"} <= frames.keys():
        return []
    calendar = frames["release_calendar"]
    calendar = calendar[calendar["series"] == "census_ft900"]
    calendar = calendar.sort_values("released", ignore_index=True)
    calendar = calendar.assign(replaced=calendar["released"].shift(-1))
    by_month = calendar.set_index("data_through")
    newest = calendar["data_through"].max()
    held = frames["releases"]
    held = held[held["series"].isin(FT900_SERIES)]
    failures: list[Failure] = []
    warnings: list[Failure] = []
    for row in held.itertuples(index=False):
        day = pd.Timestamp(row.released)
        if row.data_through not in by_month.index:
            late = row.data_through > newest
            (warnings if late else failures).append(
                Failure(
                    "releases",
                    f"{row.release_id}: the calendar has no release of {row.data_through} data"
                    + ("; add it to data/release_calendar.csv" if late else ""),
                )
            )
            continue
        entry = by_month.loc[row.data_through]
        if row.date_kind == "published" and day != entry["released"]:
            failures.append(
                Failure(
                    "releases",
                    f"{row.release_id}: released {day:%Y-%m-%d}, but the calendar's release of "
                    f"{row.data_through} data is dated {entry['released']:%Y-%m-%d}",
                )
            )
        elif row.date_kind == "retrieved" and day < entry["released"]:
            failures.append(
                Failure(
                    "releases",
                    f"{row.release_id}: retrieved {day:%Y-%m-%d}, before the release of "
                    f"{row.data_through} data came out ({entry['released']:%Y-%m-%d})",
                )
            )
        elif (
            row.date_kind == "retrieved"
            and pd.notna(entry["replaced"])
            and day >= entry["replaced"]
        ):
            warnings.append(
                Failure(
                    "releases",
                    f"{row.release_id}: retrieved {day:%Y-%m-%d}, after the release of "
                    f"{row.data_through} data was replaced ({entry['replaced']:%Y-%m-%d}): "
                    "a stale copy, counted from the day it was retrieved",
                )
            )
    return [
        GateResult.from_failures("releases_match_calendar", "releases", failures),
        *(
            [GateResult.from_failures("releases_match_calendar", "releases", warnings, warn=True)]
            if warnings
            else []
        ),
    ]
