"""KORUS tariff staging: the rate of each tariff line by year."""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years
from korus_data.errors import FilterError
from korus_data.store.loader import load


def tariff_staging(
    tariff_line: str | None = None, *, years: YearRange = None, reporter: str = "USA"
) -> pd.DataFrame:
    """The preferential rate of each tariff line in each year (``tariff_line``: an HTS
    number or its first digits, e.g. ``"8704"``); ``attrs["note"]`` says what is held.

    Example:
        >>> import korus_data as kd
        >>> trucks = kd.tariff_staging("8704")
        >>> trucks.groupby("year")["rate_pct"].max().loc[[2040, 2041]].tolist()
        [25.0, 0.0]
    """
    frame = load("korus_tariff_staging")
    frame = frame[frame["reporter"] == reporter]
    if tariff_line is not None:
        prefix = str(tariff_line).replace(".", "").strip()
        if not prefix.isdigit():
            raise FilterError(f"tariff_line={tariff_line!r} is not an HTS number such as '8704'")
        frame = frame[frame["tariff_line"].str.startswith(prefix)]
        if frame.empty:
            held = ", ".join(sorted(set(load("korus_tariff_staging")["tariff_line"])))
            raise FilterError(f"no staging held for {tariff_line!r}; lines held: {held}")
    frame = filter_years(frame, years).reset_index(drop=True)
    frame.attrs["note"] = (
        "only the lines of the 2018 KORUS amendment are held (U.S. trucks, HTS 8704); the "
        "whole KORUS schedule is not in the package"
    )
    return frame
