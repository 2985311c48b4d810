"""Tables as they were known on a day: the as-of view, from vintages or release dates.

Example:
    >>> import korus_data as kd
    >>> early = kd.load("goods_trade_monthly", as_of="2019-06-30")
    >>> early["period"].max(), early.loc[early["period"] == "2018-08", "source_id"].iloc[0]
    ('2018-08', 'census-country-xlsx-2018-08')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from korus_data.errors import FilterError
from korus_data.schema.tables import TABLES, VINTAGES_OF
from korus_data.store.releases import end_of_period, known_from, parse_as_of


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


def first_release(name: str, root: Path | None = None) -> tuple[str, pd.Timestamp] | None:
    """The earliest release (id, day) of a table's figures, or None for a table without any."""
    from korus_data.store.loader import load

    source = VINTAGES_OF[name].name if name in VINTAGES_OF else name
    frame = load(source, root=root)  # type: ignore[arg-type]
    if "source_id" not in frame:
        return None
    days = release_days(root)
    dated = frame["source_id"].map(days)
    index = dated.idxmin()
    return frame.at[index, "source_id"], dated[index]


def as_of_view(name: str, as_of: object, root: Path | None = None) -> pd.DataFrame:
    """The table ``name`` as it was known on ``as_of``; FilterError before its first release."""
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
    return view.sort_values(list(table.primary_key)).reset_index(drop=True)


__all__ = ["as_of_view", "end_of_period", "first_release", "release_days"]
