"""The won: the daily H.10 rate, its derived monthly and annual means, and figures converted
to won at the mean of their period.

A conversion is derived, never official: a figure in dollars times the mean won-dollar rate
of its month (monthly figures) or year (annual figures), from ``krw_per_usd_monthly`` and
``krw_per_usd_annual``. A period without a whole-period mean (before May 1981, the month or
year still running in the rate file) gets no won value, never an estimate.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years
from korus_data.errors import FilterError, check_choice
from korus_data.schema.tables import TableName
from korus_data.store.loader import load

FREQUENCIES = ("daily", "monthly", "annual")
CURRENCIES = ("USD", "KRW")
TABLE: dict[str, TableName] = {
    "daily": "krw_per_usd_daily",
    "monthly": "krw_per_usd_monthly",
    "annual": "krw_per_usd_annual",
}
CONVERTED = (
    "converted to won at the period's mean of the Federal Reserve's daily H.10 rate "
    "(krw_per_usd_monthly / krw_per_usd_annual, derived by korus-data): not an official figure"
)


def exchange_rate(
    frequency: Literal["daily", "monthly", "annual"] = "monthly", *, years: YearRange = None
) -> pd.DataFrame:
    """Won per dollar: ``daily`` as the Federal Reserve publishes it, or the ``monthly`` or
    ``annual`` mean of the days with a rate (derived; ``derivation`` says how).

    Example:
        >>> import korus_data as kd
        >>> int(kd.exchange_rate("annual", years=2024)["days"].item())
        251
    """
    check_choice("frequency", frequency, FREQUENCIES)
    frame = load(TABLE[frequency])
    if years is not None and frequency == "daily":
        dated = frame.assign(year=frame["date"].dt.year)
        frame = filter_years(dated, years).drop(columns="year")
    elif years is not None:
        frame = filter_years(frame, years, "period" if frequency == "monthly" else "year")
    frame.attrs["source"] = (
        "Federal Reserve Board, H.10 (daily)" if frequency == "daily" else "derived from H.10"
    )
    return frame.reset_index(drop=True)


def in_won(frame: pd.DataFrame, period: str, money: list[str]) -> pd.DataFrame:
    """``frame`` with ``krw_per_usd`` (the rate used) and ``<column>_krw_billions`` for each
    column of ``money`` (USD millions), converted at the mean of each row's period."""
    rates = _rates_for(frame[period], period)
    out = frame.copy()
    out["krw_per_usd"] = rates.to_numpy()
    for column in money:
        name = column.replace("_usd_millions", "") + "_krw_billions"
        out[name] = out[column] * out["krw_per_usd"] / 1000
    missing = out["krw_per_usd"].isna().sum()
    out.attrs = {**frame.attrs, "converted": CONVERTED}
    if missing:
        out.attrs["not_converted"] = f"{missing} rows: no whole-period mean rate"
    return out


def _rates_for(periods: pd.Series, period: str) -> pd.Series:
    if period == "year":
        annual = load("krw_per_usd_annual").set_index("year")["krw_per_usd"]
        return periods.map(annual)
    if period == "period" and periods.astype(str).str.fullmatch(r"\d{4}-\d{2}").all():
        monthly = load("krw_per_usd_monthly").set_index("period")["krw_per_usd"]
        return periods.astype(str).map(monthly)
    raise FilterError(
        "currency='KRW' converts annual and monthly figures (the package derives no quarterly "
        "mean rate)"
    )


def check_currency(currency: object) -> str:
    check_choice("currency", currency, CURRENCIES)
    return str(currency)
