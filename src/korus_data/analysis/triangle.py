"""The revision triangle of Korea's monthly trade: every held release × every reference month.

The Philadelphia Fed's real-time data set lays a series out as a triangle: one row per
reference period, one column per vintage, each cell the value as known in that vintage. Here
a vintage is a release the package holds of Census goods figures (a workbook, a USA Trade
Online report, a page capture), in the order they became public; a cell is the figure in
force on the release's day (from the vintage table), for the months up to the release's last
one. ``change_usd_millions`` is the cell minus the earliest value the package holds of that
month; ``months_after`` counts the months from the reference month to the release's last
month (0: the release that first published it).

Example:
    >>> import korus_data as kd
    >>> cells = kd.revision_triangle("export", start="2019-01", end="2019-03")
    >>> cells.groupby("period")["release_id"].first().tolist()[0]
    'census-country-xlsx-2019-10'
"""

from __future__ import annotations

import pandas as pd

from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import FLOWS
from korus_data.store.history import held_releases
from korus_data.store.loader import load

TABLE = "goods_trade_monthly"


def _month_number(text: pd.Series) -> pd.Series:
    values = text.astype(str)
    return values.str[:4].astype("int64") * 12 + values.str[5:7].astype("int64")


def _bound(value: object, name: str) -> str | None:
    if value is None:
        return None
    text = str(value) if isinstance(value, str) else None
    if text is None or len(text) != 7 or text[4] != "-" or not text.replace("-", "").isdigit():
        raise FilterError(f"{name}={value!r} is not a month; use 'YYYY-MM'")
    return text


def revision_triangle(
    flow: str = "export",
    *,
    start: str | None = None,
    end: str | None = None,
    wide: bool = False,
) -> pd.DataFrame:
    """Korea's monthly U.S.-reported exports or imports in every release the package holds.

    Long form (default): one row per reference month and release, with ``period``, ``flow``,
    ``release_id``, ``released`` (its day), ``data_through`` (its last month),
    ``months_after``, ``value_usd_millions``, ``earliest_value``, ``change_usd_millions``
    and ``change_pct`` (against the earliest held value of the month). ``wide=True`` gives
    the triangle itself: months down, releases across in the order they came out, values in
    the cells. ``start``/``end`` bound the reference months (YYYY-MM).

    Example:
        >>> import korus_data as kd
        >>> grid = kd.revision_triangle("import", start="2019-03", end="2019-03", wide=True)
        >>> int(grid.notna().sum(axis=1).iloc[0]) > 3
        True
    """
    check_choice("flow", flow, FLOWS)
    first, last = _bound(start, "start"), _bound(end, "end")
    if not isinstance(wide, bool):
        raise FilterError(f"wide={wide!r} is not allowed; use True or False")
    every = load("goods_trade_monthly_vintages")
    vintages = every[(every["flow"] == flow) & (every["basis"] == "census")]
    if first is not None:
        vintages = vintages[vintages["period"] >= first]
    if last is not None:
        vintages = vintages[vintages["period"] <= last]
    if vintages.empty:
        raise FilterError(f"no {flow} figures between {start} and {end}")
    carrying = set(every.loc[every["flow"] == flow, "source_id"])
    releases = held_releases(TABLE)
    releases = releases[releases["release_id"].isin(carrying)]
    releases = releases.sort_values(["day", "release_id"], ignore_index=True)
    cells = []
    for release in releases.itertuples(index=False):
        valid = (vintages["realtime_start"] <= release.day) & (
            vintages["realtime_end"].isna() | (vintages["realtime_end"] > release.day)
        )
        shown = vintages[valid & (vintages["period"] <= release.data_through)]
        cells.append(
            shown[["period", "flow", "value_usd_millions"]].assign(
                release_id=release.release_id,
                released=release.day,
                data_through=release.data_through,
            )
        )
    long = pd.concat(cells, ignore_index=True)
    long = long.sort_values(["period", "released", "release_id"], ignore_index=True)
    long["months_after"] = _month_number(long["data_through"]) - _month_number(long["period"])
    long["earliest_value"] = long.groupby("period")["value_usd_millions"].transform("first")
    long["change_usd_millions"] = long["value_usd_millions"] - long["earliest_value"]
    long["change_pct"] = 100 * long["change_usd_millions"] / long["earliest_value"]
    columns = [
        "period",
        "flow",
        "release_id",
        "released",
        "data_through",
        "months_after",
        "value_usd_millions",
        "earliest_value",
        "change_usd_millions",
        "change_pct",
    ]
    long = long[columns]
    long.attrs["derived"] = {
        "months_after": "months from the reference month to the release's last month",
        "change_usd_millions": "value minus the earliest value the package holds of the month",
        "change_pct": "100 * change_usd_millions / earliest_value",
    }
    long.attrs["releases"] = len(releases)
    if not wide:
        return long
    order = list(releases["release_id"])
    grid = long.pivot(index="period", columns="release_id", values="value_usd_millions")
    grid = grid[[r for r in order if r in grid.columns]]
    grid.columns.name = "release_id"
    grid.attrs = {"flow": flow, "releases": releases[["release_id", "day", "data_through"]]}
    return grid


def revision_sizes(flow: str = "export") -> pd.DataFrame:
    """How far figures move as they age: per ``months_after``, the number of figures and the
    mean, median and largest absolute change from the earliest held value (USD millions), over
    the months the package holds in more than one release (derived from the triangle).

    Example:
        >>> import korus_data as kd
        >>> sizes = kd.revision_sizes("export")
        >>> bool((sizes["largest_abs_change"] >= sizes["median_abs_change"]).all())
        True
    """
    long = revision_triangle(flow)
    several = long.groupby("period")["release_id"].transform("size") > 1
    moved = long[several & (long["change_usd_millions"].notna())]
    moved = moved.assign(abs_change=moved["change_usd_millions"].abs())
    out = (
        moved.groupby("months_after")["abs_change"]
        .agg(
            figures="size",
            mean_abs_change="mean",
            median_abs_change="median",
            largest_abs_change="max",
        )
        .reset_index()
    )
    out.attrs["derived"] = "absolute change from the earliest held value, by months after"
    return out


__all__ = ["revision_sizes", "revision_triangle"]
