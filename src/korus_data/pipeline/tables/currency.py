"""The won-dollar tables: the daily H.10 rate as published, and the monthly and annual
means derived from it (the mean of the days with a rate, four decimals).

A month or year is averaged only when the file covers it whole: the file starts on
1981-04-13 and ends on its last day, so the first month and the last unfinished month (and
their years) are left out rather than averaged over part of their days.

Example:
    >>> import pandas as pd
    >>> days = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-02-01"]),
    ...                      "krw_per_usd": [1300.0, 1310.0, 1320.0]})
    >>> monthly_means(days, "x", first=pd.Timestamp("2024-01-01"),
    ...               last=pd.Timestamp("2024-02-29"))["krw_per_usd"].tolist()
    [1305.0, 1320.0]
"""

from __future__ import annotations

import pandas as pd

from korus_data.pipeline.inputs import InputFile

SOURCE_ID = "frb-h10-krw-daily"
DERIVATION = "mean_of_days_with_a_rate"
URL = "https://github.com/eggT0928/MDD/blob/d77f7856694bae85df22e2f479501a455c919c1d/DEXKOUS.csv"


def _covered(periods: pd.PeriodIndex | pd.Series, first: pd.Timestamp, last: pd.Timestamp):
    """Periods that lie wholly between the first and the last day of the file."""
    return (periods.dt.start_time >= first) & (periods.dt.end_time.dt.normalize() <= last)


def monthly_means(
    days: pd.DataFrame, source_id: str, *, first: pd.Timestamp, last: pd.Timestamp
) -> pd.DataFrame:
    """``krw_per_usd_monthly`` rows: each whole month's mean of the days with a rate."""
    return _means(days, "M", "period", source_id, first, last)


def annual_means(
    days: pd.DataFrame, source_id: str, *, first: pd.Timestamp, last: pd.Timestamp
) -> pd.DataFrame:
    """``krw_per_usd_annual`` rows: each whole year's mean of its days with a rate."""
    return _means(days, "Y", "year", source_id, first, last)


def _means(days, frequency, column, source_id, first, last) -> pd.DataFrame:
    periods = days["date"].dt.to_period(frequency)
    kept = _covered(periods, first, last)
    grouped = days[kept].groupby(periods[kept])["krw_per_usd"]
    means = pd.DataFrame({"krw_per_usd": grouped.mean().round(4), "days": grouped.size()})
    labels = means.index.astype(str) if frequency == "M" else means.index.year
    return pd.DataFrame(
        {
            column: labels,
            "krw_per_usd": means["krw_per_usd"].to_numpy(),
            "days": means["days"].to_numpy().astype("int64"),
            "derivation": DERIVATION,
            "source_id": source_id,
        }
    )


def daily_source(file: InputFile, days: pd.DataFrame) -> dict:
    first, last = days["date"].min().date(), days["date"].max().date()
    return {
        "source_id": SOURCE_ID,
        "publisher": "Board of Governors of the Federal Reserve System, H.10 Foreign Exchange "
        "Rates (as distributed by FRED, series DEXKOUS; file copied in a public GitHub "
        "repository)",
        "title": f"South Korean won to one U.S. dollar, daily noon buying rates, {first} to {last}",
        "url": URL,
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": str(last),
        "license": "US-Government-Works",
        "sha256": file.sha256,
        "superseded_by": "",
        "notes": "Rates in won per dollar with two decimals; days without a rate are empty in "
        "the file and absent here. The monthly and annual tables average them (derived).",
    }
