"""Korea's imports by the tariff treatment the schedule offers them: KORUS joined to trade.

Each 10-digit line of U.S. imports (for consumption, ``us_imports_by_hts10_annual``) is joined
to the rate line of the tariff schedule of the same year's edition that governs it: the
10-digit line itself where the schedule writes a rate there, else its 8-digit subheading. By
the two rates, each line falls in one treatment:

- ``free_for_every_country``: the general rate is free;
- ``free_only_under_korus``: the general rate is not free, the KORUS rate is;
- ``still_staged_under_korus``: the KORUS rate is not yet free;
- ``no_korus_rate``: the general rate is not free and the line names no KORUS rate;
- ``not_in_the_schedule``: no rate line of that edition governs the code (a code retired, or
  a statistical code such as low-value shipments).

The schedule gives the rate *available*, not the rate an importer claimed: the treatment
says what KORUS offers, the duty actually paid is :func:`korus_data.analysis.duty.
effective_tariff_rate`. Everything here is derived.

Example:
    >>> import korus_data as kd
    >>> treatment = kd.korus_treatment("KOR", 2024)
    >>> round(float(treatment["value_usd_millions"].sum()) * 1e6)
    130471361727
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import whole_number
from korus_data.analysis.partners import resolve_partner
from korus_data.errors import FilterError
from korus_data.store.loader import load

TREATMENTS = (
    "free_for_every_country",
    "free_only_under_korus",
    "still_staged_under_korus",
    "no_korus_rate",
    "not_in_the_schedule",
)
#: Kinds of rate with a percent of value (free counts 0 %).
PERCENT_KINDS = ("free", "ad_valorem")


def governing_lines(imports: pd.DataFrame, schedule: pd.DataFrame) -> pd.DataFrame:
    """``imports`` (with ``hts_code``, 10 digits) with the columns of the rate line that governs
    each code: the 10-digit line where it carries the rate, else its 8-digit subheading."""
    lines = schedule.set_index("hts_code")
    own = imports["hts_code"].where(imports["hts_code"].isin(lines.index))
    parent = imports["hts_code"].str[:8].where(imports["hts_code"].str[:8].isin(lines.index))
    governing = own.fillna(parent)
    columns = ["general_rate", "general_kind", "general_ad_valorem_pct"]
    columns += ["kr_rate", "kr_kind", "kr_ad_valorem_pct"]
    joined = lines.reindex(governing.to_numpy())[columns].reset_index(drop=True)
    out = imports.reset_index(drop=True).assign(rate_line=governing.to_numpy())
    return pd.concat([out, joined], axis=1)


def treatment_of(lines: pd.DataFrame) -> pd.Series:
    """The treatment of each governed line (see the module's list)."""
    general_free = lines["general_kind"] == "free"
    kr_free = lines["kr_kind"] == "free"
    staged = lines["kr_kind"].notna() & ~kr_free
    out = pd.Series("no_korus_rate", index=lines.index, dtype="str")
    out[staged] = "still_staged_under_korus"
    out[kr_free & ~general_free] = "free_only_under_korus"
    out[general_free] = "free_for_every_country"
    out[lines["rate_line"].isna()] = "not_in_the_schedule"
    return out


def korus_lines(partner: str | int = "KOR", year: int = 2024) -> pd.DataFrame:
    """Every 10-digit import line of ``partner`` in ``year`` with its governing rate line and
    treatment (the rows :func:`korus_treatment` adds up)."""
    year = whole_number("year", year)
    code = resolve_partner(partner)
    every = load("us_imports_by_hts10_annual")
    imports = every[(every["partner_code"] == code) & (every["year"] == year)]
    if imports.empty:
        held = sorted(set(every["year"]))
        raise FilterError(
            f"no imports by HTS line held for {partner!r} in {year}; held: years {held}, for "
            f"{every['partner_code'].nunique()} partners (kd.load('us_imports_by_hts10_annual'))"
        )
    schedule = load("us_tariff_schedule")
    editions = sorted(set(schedule["edition"]))
    if year not in editions:
        raise FilterError(f"no edition of the tariff schedule for {year}; editions: {editions}")
    lines = governing_lines(imports, schedule[schedule["edition"] == year])
    lines["treatment"] = treatment_of(lines)
    return lines


def korus_treatment(partner: str | int = "KOR", year: int = 2024) -> pd.DataFrame:
    """``partner``'s imports in ``year`` by the treatment the schedule of that year offers
    them: lines, value (USD millions), share of the total, and how much of it has a general
    rate that is not a percent of value (specific, compound or other).

    ``attrs``: ``total_usd_millions`` (the report's total, which the treatments add up to to
    the dollar), ``weighted_general_pct`` and ``weighted_kr_pct`` (trade-weighted average
    general and KORUS rates over the lines where both are a percent of value, free counting 0;
    derived), ``weighted_share_pct`` (the share of imports those lines cover: what the
    averages leave out), and ``note``.

    Example:
        >>> import korus_data as kd
        >>> t = kd.korus_treatment("KOR", 2024).set_index("treatment")
        >>> float(t["share_pct"].sum()).__round__(6)
        100.0
    """
    lines = korus_lines(partner, year)
    value = lines["value_usd_millions"]
    not_percent = ~lines["general_kind"].isin(PERCENT_KINDS) & lines["rate_line"].notna()
    grouped = lines.assign(non_ad_valorem=value.where(not_percent, 0.0)).groupby("treatment")
    out = pd.DataFrame(
        {
            "lines": grouped.size(),
            "value_usd_millions": grouped["value_usd_millions"].sum(),
            "non_ad_valorem_usd_millions": grouped["non_ad_valorem"].sum(),
        }
    ).reindex(list(TREATMENTS), fill_value=0)
    total = float(value.sum())
    out["share_pct"] = 100 * out["value_usd_millions"] / total
    out = out.reset_index().rename(columns={"index": "treatment"})
    out["lines"] = out["lines"].astype("int64")
    both = lines["general_kind"].isin(PERCENT_KINDS) & lines["kr_kind"].isin(PERCENT_KINDS)
    covered = lines[both]
    weight = covered["value_usd_millions"]
    general = float((weight * covered["general_ad_valorem_pct"]).sum() / weight.sum())
    korus = float((weight * covered["kr_ad_valorem_pct"]).sum() / weight.sum())
    out.attrs = {
        "partner": resolve_partner(partner),
        "year": int(year),
        "total_usd_millions": total,
        "weighted_general_pct": general,
        "weighted_kr_pct": korus,
        "weighted_share_pct": float(100 * weight.sum() / total),
        "derived": "treatments, shares and trade-weighted rates are computed here from the "
        "imports by HTS line and the schedule of the same year",
        "note": "imports for consumption (the report's basis, 0.8 % below general imports); the "
        "schedule gives the rate available under KORUS, not the rate claimed: see "
        "kd.effective_tariff_rate for the duty actually paid",
        "sources": sorted(set(lines["source_id"])),
    }
    return out


__all__ = ["TREATMENTS", "governing_lines", "korus_lines", "korus_treatment", "treatment_of"]
