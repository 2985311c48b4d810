"""The revision history of official figures, from the vintage tables.

Example:
    >>> import korus_data as kd
    >>> march = kd.revisions("goods_trade_monthly", period="2019-03", flow="import")
    >>> march["source_id"].tolist()[0], len(march) > 1
    ('census-country-xlsx-2019-10', True)
"""

from __future__ import annotations

import difflib

import pandas as pd

from korus_data.errors import FilterError
from korus_data.schema.codes import FT900_SERIES
from korus_data.schema.tables import TABLES, VINTAGES_OF
from korus_data.store.loader import load
from korus_data.store.releases import end_of_period

#: Half a decimal of the c5800 page: a change no larger, after a value from the page, is the
#: figure becoming exact, not a revision.
PRECISION_ONLY = 0.05 + 1e-6


def _vintaged(table: object) -> str:
    if isinstance(table, str) and table in VINTAGES_OF:
        return table
    names = list(VINTAGES_OF)
    close = difflib.get_close_matches(str(table), names, n=2)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise FilterError(
        f"table={table!r} has no revision history{hint} Tables with vintages: {', '.join(names)}"
    )


def _filtered(frame: pd.DataFrame, name: str, filters: dict) -> pd.DataFrame:
    key = [k for k in TABLES[name].primary_key if k != "source_id"]
    for column, value in filters.items():
        if column not in key:
            raise FilterError(
                f"{column}={value!r} is not a filter of {name}; use one of: {', '.join(key)}"
            )
        values = value if isinstance(value, list | tuple | set) else [value]
        if not values:
            raise FilterError(f"{column}={value!r} selects nothing; give a value or leave it out")
        known = set(frame[column])
        missing = [v for v in values if v not in known]
        if missing:
            shown = sorted(known)
            allowed = shown if len(shown) <= 12 else [*shown[:3], "…", *shown[-3:]]
            raise FilterError(
                f"{column}={value!r} is not in {name}; values run " + ", ".join(map(str, allowed))
            )
        frame = frame[frame[column].isin(values)]
    return frame


def first_prints(history: pd.DataFrame, releases: pd.DataFrame) -> pd.Series:
    """True where a vintage row comes from the release that first published its period: a
    Census goods release (a workbook vintage, a page capture, an API refresh) whose last month
    of data is the row's month (for a year: its December). Every other first row of a figure
    is only the earliest value the package holds.

    Example:
        >>> rows = pd.DataFrame({"period": ["2023-01", "2022-12"], "source_id": ["r", "r"]})
        >>> held = pd.DataFrame({"release_id": ["r"], "series": ["census_country_workbook"],
        ...                      "data_through": ["2023-01"]})
        >>> first_prints(rows, held).tolist()
        [True, False]
    """
    by_id = releases.set_index("release_id")
    series = history["source_id"].map(by_id["series"])
    through = history["source_id"].map(by_id["data_through"])
    if "period" in history:
        month = history["period"].astype(str)
    else:
        month = history["year"].astype(str) + "-12"
    return (series.isin(FT900_SERIES) & (through == month)).astype(bool)


def revisions(
    table: str = "goods_trade_monthly",
    *,
    earliest: bool = False,
    first_release: bool | None = None,
    **filters: object,
) -> pd.DataFrame:
    """Every value each selected figure has had, oldest first, with its release and change.

    ``filters`` select figures by the table's key columns (``period="2019-03"``,
    ``flow="import"``, ``partner_code="5800"``, ``year=2018``…; a list selects several).
    Columns: the key, ``value_usd_millions``, ``source_id`` (the release), ``realtime_start``
    and ``realtime_end``, ``vintage`` (1 = the earliest value the package holds),
    ``change_usd_millions`` and ``change_pct`` against the previous value, ``kind`` and
    ``days_after_period`` (from the end of the month or year the figure is about to the day of
    the release). ``kind`` is ``first_print`` when the package holds the release that first
    published the period (per ``release_calendar``: its last month of data is the row's
    month), ``earliest_held`` for the first value the package holds of a figure whose first
    print it does not hold, ``revision``, or ``precision`` (a one-decimal figure became exact).
    ``earliest=True`` gives one row per figure: its earliest held and latest value and
    releases, whether the earliest is the first print, the total change and the number of
    revisions. (``first_release=True`` is the old name of ``earliest=True``.)
    """
    for argument, value in (("earliest", earliest), ("first_release", first_release)):
        if value is not None and not isinstance(value, bool):
            raise FilterError(f"{argument}={value!r} is not allowed; use True or False")
    if first_release is not None:
        import warnings

        warnings.warn(
            "revisions(first_release=...) is now earliest=...: the first value the package "
            "holds is a first print only where earliest_is_first_print is True",
            FutureWarning,
            stacklevel=2,
        )
        earliest = bool(first_release)
    name = _vintaged(table)
    key = [k for k in TABLES[name].primary_key if k != "source_id"]
    history = _filtered(load(VINTAGES_OF[name].name), name, filters)  # type: ignore[arg-type]
    history = history.sort_values([*key, "realtime_start"], ignore_index=True)
    groups = history.groupby(key, sort=False)
    previous = groups["value_usd_millions"].shift()
    change = history["value_usd_millions"] - previous
    history["vintage"] = groups.cumcount() + 1
    history["change_usd_millions"] = change
    history["change_pct"] = 100 * change / previous
    releases = load("releases")
    first_print = first_prints(history, releases)
    history["kind"] = "revision"
    history.loc[history["vintage"] == 1, "kind"] = "earliest_held"
    history.loc[(history["vintage"] == 1) & first_print, "kind"] = "first_print"
    series = releases.set_index("release_id")["series"]
    was_rounded = groups["source_id"].shift().map(series) == "census_c5800_page"
    exact_now = (history["vintage"] > 1) & was_rounded & (change.abs() <= PRECISION_ONLY)
    history.loc[exact_now, "kind"] = "precision"
    period = "period" if "period" in key else "year"
    period_end = pd.to_datetime(
        pd.Series([end_of_period(str(v)) for v in history[period]], index=history.index)
    )
    history["days_after_period"] = (history["realtime_start"] - period_end).dt.days
    if not earliest:
        return history
    first = groups.head(1).set_index(key)
    last = groups.tail(1).set_index(key)
    counts = history[history["kind"] == "revision"].groupby(key).size()
    out = pd.DataFrame(
        {
            "earliest_value": first["value_usd_millions"],
            "earliest_source_id": first["source_id"],
            "earliest_released": first["realtime_start"],
            "earliest_is_first_print": first["kind"] == "first_print",
            "latest_value": last["value_usd_millions"],
            "latest_source_id": last["source_id"],
            "latest_released": last["realtime_start"],
        }
    )
    out["total_change_usd_millions"] = out["latest_value"] - out["earliest_value"]
    out["revisions"] = counts.reindex(out.index).fillna(0).astype(int)
    return out.reset_index()
