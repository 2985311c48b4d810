"""Tariffs: the U.S. schedule by edition (general and KORUS rates), KORUS staging by year, and
the 2025 measures that name Korea."""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_years
from korus_data.errors import FilterError, check_choice
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


def tariff_schedule(
    query: str | None = None,
    *,
    edition: int | None = None,
    korus: bool | None = None,
) -> pd.DataFrame:
    """Rate lines of the U.S. tariff schedule with their general and KORUS rates.

    ``query`` is an HTS number or its first digits ("0201.10.50", "8704") or words found in
    the line's text or the headings above it ("beef", "passenger"); ``edition`` a Basic
    Edition (2024, 2025, 2026; default: every edition held); ``korus=True`` keeps the tariff
    lines (chapters 1-97) whose KORUS rate is not free (still staged), ``False`` those where it
    is free. Chapters 98 and 99 are special provisions, not tariff lines: a KORUS rate there
    (a reference to another heading) is never counted as staging.

    Example:
        >>> import korus_data as kd
        >>> beef = kd.tariff_schedule("0201.10.50")
        >>> beef.set_index("edition")["kr_rate"].to_dict()
        {2024: '3.5%', 2025: '1.7%', 2026: 'Free'}
    """
    frame = load("us_tariff_schedule")
    if edition is not None:
        editions = sorted(set(frame["edition"]))
        if isinstance(edition, bool) or edition not in editions:
            raise FilterError.not_allowed("edition", edition, editions)
        frame = frame[frame["edition"] == edition]
    if query is not None:
        if not isinstance(query, str) or not query.strip():
            raise FilterError(
                f"query={query!r} is not allowed; give an HTS number ('8704') or words ('beef')"
            )
        text = query.strip()
        digits = text.replace(".", "")
        if digits.isdigit():
            frame = frame[frame["hts_code"].str.startswith(digits)]
        else:
            words = text.casefold().split()
            haystack = (frame["context"].fillna("") + " | " + frame["description"]).str.casefold()
            found = pd.Series(True, index=frame.index)
            for word in words:
                found &= haystack.str.contains(word, regex=False)
            frame = frame[found]
        if frame.empty:
            raise FilterError(f"no rate line matches {query!r}; try fewer digits or other words")
    if korus is not None:
        if not isinstance(korus, bool):
            raise FilterError(f"korus={korus!r} is not allowed; use True, False or None")
        goods = ~frame["hts_code"].str[:2].isin(["98", "99"])
        staged = goods & frame["kr_kind"].notna() & (frame["kr_kind"] != "free")
        frame = frame[staged if korus else goods & (frame["kr_kind"] == "free")]
    frame = frame.sort_values(["hts_code", "edition"]).reset_index(drop=True)
    frame.attrs["note"] = (
        "the schedule gives the rate available to goods of Korea under KORUS, not the rate an "
        "importer claimed: kd.effective_tariff_rate gives the average rate actually paid"
    )
    return frame


def tariff_measures(*, status: str | None = None) -> pd.DataFrame:
    """The 2025 U.S. tariff measures (chapter 99 headings) whose text names Korea: what each
    covers, its rate and how it works, the dates and citation its text states, its status.

    Example:
        >>> import korus_data as kd
        >>> cars = kd.tariff_measures().set_index("heading").loc["9903.94.61"]
        >>> cars["rate_kind"], float(cars["rate_pct"])
        ('all_in', 15.0)
    """
    frame = load("us_tariff_measures")
    if status is not None:
        check_choice("status", status, ("listed", "terminated"))
        frame = frame[frame["status"] == status]
    return frame.sort_values(["edition", "heading"]).reset_index(drop=True)
