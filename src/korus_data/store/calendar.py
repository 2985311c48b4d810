"""The publisher's release calendar beside the releases the package holds.

``release_calendar`` lists every monthly Census goods release (FT-900) since the first the
package holds; ``releases`` lists the releases whose figures the package read (a vintage of the
workbook, a capture of the c5800 page, an API refresh). A package release *holds* a calendar
release when it carries that release's figures: the same series of releases and the same
last month of data.

Example:
    >>> import korus_data as kd
    >>> day = kd.releases(as_of="2024-08-05").iloc[0]
    >>> day["data_through"], f"{day['released']:%Y-%m-%d}", bool(day["held"])
    ('2024-05', '2024-07-03', False)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import CALENDAR_OF, CALENDAR_SERIES, FT900_SERIES
from korus_data.store.releases import parse_as_of


def calendar_rows(series: str = "census_ft900", root: Path | None = None) -> pd.DataFrame:
    """The releases of one calendar series, oldest first."""
    from korus_data.store.reading import load_table as load

    calendar = load("release_calendar", root=root)
    calendar = calendar[calendar["series"] == series]
    return calendar.sort_values("released", ignore_index=True)


def official_in_force(
    day: pd.Timestamp, root: Path | None = None, *, series: str = "census_ft900"
) -> pd.Series | None:
    """The publisher's release (a row of ``release_calendar``) in force on ``day``: the newest
    published by then (for a day past the calendar's last release, that last one: the
    calendar cannot tell what came after it); None before the calendar's first."""
    calendar = calendar_rows(series, root)
    before = calendar[calendar["released"] <= day]
    if before.empty:
        return None
    return before.iloc[-1]


def held_by_month(root: Path | None = None, series: str = "census_ft900") -> dict[str, list[str]]:
    """``{data_through: [ids of the package's releases carrying that calendar release's
    figures]}`` (a yearly release's month is the December of its year)."""
    from korus_data.store.reading import load_table as load

    held = load("releases", root=root)
    if series == "census_ft900":
        held = held[held["series"].isin(FT900_SERIES)]
    else:
        mine = [s for s, calendar in CALENDAR_OF.items() if calendar == series]
        held = held[held["series"].isin(mine)]
    out: dict[str, list[str]] = {}
    for month, release_id in zip(held["data_through"], held["release_id"], strict=True):
        month = f"{month}-12" if len(str(month)) == 4 else str(month)
        out.setdefault(month, []).append(release_id)
    return out


def releases(
    *, as_of: object = None, root: str | Path | None = None, series: str = "census_ft900"
) -> pd.DataFrame:
    """The Census Bureau's monthly releases of U.S. trade in goods by country (FT-900) since the
    first one the package holds, and which of them the package holds.

    Columns: ``series``, ``data_through`` (the month the release first published),
    ``released`` (its day), ``replaced`` (the day the next release replaced it; NaT for the
    newest), ``evidence`` and ``source_id`` (what states the day), ``held`` (the package holds
    its figures) and ``held_release_ids`` (the package's releases that carry them). With
    ``as_of`` (a day): the one release in force that day. ``series="bea_di_country_industry"``
    gives BEA's yearly releases of direct investment by country that the calendar lists
    (not every year is known: a day after its last is one the package cannot speak for).

    Example:
        >>> import korus_data as kd
        >>> calendar = kd.releases()
        >>> calendar.loc[calendar["data_through"] == "2023-01", "held"].item()
        True
    """
    from korus_data.store.paths import resolve_root
    from korus_data.store.reading import load_table as load

    base = resolve_root(root)
    check_choice("series", series, CALENDAR_SERIES)
    calendar = load("release_calendar", root=base)
    calendar = calendar[calendar["series"] == series].sort_values("released", ignore_index=True)
    calendar["replaced"] = calendar["released"].shift(-1)
    held = held_by_month(base, series)
    ids = [", ".join(held.get(month, [])) or None for month in calendar["data_through"]]
    calendar["held"] = [bool(i) for i in ids]
    calendar["held_release_ids"] = pd.Series(ids, dtype="str")
    columns = ["series", "data_through", "released", "replaced", "evidence", "source_id"]
    calendar = calendar[[*columns, "held", "held_release_ids"]]
    if as_of is None:
        return calendar
    day = parse_as_of(as_of)
    current = calendar[calendar["released"] <= day].tail(1)
    if current.empty:
        first = calendar.iloc[0]
        raise FilterError(
            f"as_of={as_of!r} is before the calendar's first release "
            f"({first['released']:%Y-%m-%d}, data through {first['data_through']})"
        )
    return current.reset_index(drop=True)


__all__ = ["calendar_rows", "held_by_month", "official_in_force", "releases"]
