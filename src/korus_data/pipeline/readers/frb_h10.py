"""Read the Federal Reserve Board's H.10 daily rate of the won, as FRED distributes it.

``observation_date,DEXKOUS``: one line per business day, the rate in won per dollar with two
decimals, empty on a day without a rate (a U.S. holiday). Days without a rate are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

COLUMNS = ["observation_date", "DEXKOUS"]
#: The won has never been near these bounds since 1981 (about 660 to 2,000 per dollar): a
#: value outside them is a misread file, not a rate.
PLAUSIBLE = (100.0, 10_000.0)


@dataclass(frozen=True)
class H10:
    """The days with a rate, and the first and last day the file covers (with a rate or
    not: the span a whole-period mean needs)."""

    days: pd.DataFrame  # date, krw_per_usd
    first: pd.Timestamp
    last: pd.Timestamp


def read_h10(file: InputFile) -> H10:
    """The file's rates and span; :class:`BuildError` for any other layout."""
    try:
        raw = pd.read_csv(file.path, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise BuildError(f"cannot read the H.10 file {file.label}: {exc}") from exc
    if list(raw.columns) != COLUMNS:
        raise BuildError(f"{file.label}: columns are {list(raw.columns)}, not {COLUMNS}")
    if raw.empty:
        raise BuildError(f"{file.label} holds no day")
    dates = pd.to_datetime(raw["observation_date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        line = int(dates.isna().idxmax()) + 2
        raise BuildError(
            f"{file.label} line {line}: {raw['observation_date'][line - 2]!r} is not a day"
        )
    if dates.duplicated().any() or not dates.is_monotonic_increasing:
        raise BuildError(f"{file.label}: days repeat or are out of order")
    kept = raw["DEXKOUS"] != ""
    rates = pd.to_numeric(raw["DEXKOUS"][kept], errors="coerce")
    bad = rates.isna() | (rates < PLAUSIBLE[0]) | (rates > PLAUSIBLE[1])
    if bad.any():
        line = int(bad[bad].index[0]) + 2
        raise BuildError(f"{file.label} line {line}: {raw['DEXKOUS'][line - 2]!r} is not a rate")
    days = pd.DataFrame({"date": dates[kept].to_numpy(), "krw_per_usd": rates.to_numpy()})
    return H10(days, dates.iloc[0], dates.iloc[-1])
