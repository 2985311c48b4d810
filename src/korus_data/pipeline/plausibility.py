"""Refuse a release whose figures move against history beyond what revisions have ever done.

Thresholds, derived from the revision history of the source pack (seven Census workbook
vintages 2018-08 to 2026-01 and three c5800 captures; reproduce with
``kd.revisions("goods_trade_monthly")`` and ``kd.revisions("goods_trade_annual")``):

- Korea's monthly figures: 377 revisions, the largest 6.22 % of the figure, at most 73 figures
  in one release (a June revision of three years). Refused: a revision above 10 %, or more than
  150 revisions in one release.
- Korea's annual figures: 37 revisions, the largest 0.87 %. Refused: above 5 %.
- A month published for the first time: against the same month a year earlier, the ratio has
  stayed within 0.52 and 1.85 since 1985. Refused: outside 1/3 and 3.
- Any release: a period that had not ended when the release became public; revised figures
  that are a permutation of the previous ones (months or flows swapped, labels rotated).

An operator who has read the report can pass ``accept_revisions`` (``--accept-revisions``).
"""

from __future__ import annotations

import pandas as pd

from korus_data.store.releases import end_of_period

MONTHLY_MAX_REVISION_PCT = 10.0
MONTHLY_MAX_REVISIONS_PER_RELEASE = 150
ANNUAL_MAX_REVISION_PCT = 5.0
NEW_MONTH_RATIO = (1 / 3, 3.0)


def _revisions(vintages: pd.DataFrame, key: list[str], releases: set[str]) -> pd.DataFrame:
    ordered = vintages.sort_values([*key, "realtime_start"], kind="stable")
    previous = ordered.groupby(key)["value_usd_millions"].shift()
    ordered = ordered.assign(previous=previous)
    return ordered[ordered["source_id"].isin(releases)]


def _label(row: pd.Series, key: list[str]) -> str:
    return " ".join(str(row[k]) for k in key)


def _future(rows: pd.DataFrame, period: str) -> list[str]:
    ends = pd.to_datetime(
        pd.Series([end_of_period(str(v)) for v in rows[period]], index=rows.index)
    )
    late = rows[ends > pd.to_datetime(rows["realtime_start"])]
    return [
        f"{r[period]} {r['flow']}: a period that had not ended when {r['source_id']} became "
        f"public ({r['realtime_start']:%Y-%m-%d})"
        for _, r in late.iterrows()
    ]


def _permutations(revised: pd.DataFrame, group: list[str]) -> list[str]:
    problems = []
    for labels, rows in revised.groupby(group):
        if len(rows) < 2:
            continue

        def same(a: list[float], b: list[float]) -> bool:  # within a capture's rounding
            return all(abs(x - y) <= 0.051 for x, y in zip(a, b, strict=True))

        old, new = list(rows["previous"]), list(rows["value_usd_millions"])
        if not same(old, new) and same(sorted(old), sorted(new)):  # the same figures, moved
            where = " ".join(str(v) for v in (labels if isinstance(labels, tuple) else (labels,)))
            problems.append(
                f"{where}: {len(rows)} figures of {rows['source_id'].iloc[0]} are the previous "
                "values in another order (months or flows swapped or relabelled)"
            )
    return problems


def check_goods(monthly: pd.DataFrame, annual: pd.DataFrame, releases: set[str]) -> list[str]:
    """Implausible moves in the Korea goods vintages (``period``/``year``, ``flow``) made by
    the ``releases`` read in this build; [] when every figure is within history."""
    monthly = monthly[(monthly["reporter"] == "USA") & (monthly["basis"] == "census")]
    annual = annual[(annual["reporter"] == "USA") & (annual["basis"] == "census")]
    problems: list[str] = []
    future = _future(monthly[monthly["source_id"].isin(releases)], "period")
    future += _future(annual[annual["source_id"].isin(releases)], "year")
    revised = _revisions(monthly, ["period", "flow"], releases)
    changed = revised[revised["previous"].notna()].copy()
    changed["pct"] = 100 * (changed["value_usd_millions"] / changed["previous"] - 1)
    for _, row in changed[changed["pct"].abs() > MONTHLY_MAX_REVISION_PCT].iterrows():
        problems.append(
            f"{_label(row, ['period', 'flow'])}: {row['previous']:,.1f} -> "
            f"{row['value_usd_millions']:,.1f} ({row['pct']:+.1f} %) in {row['source_id']}; "
            f"revisions have never exceeded {MONTHLY_MAX_REVISION_PCT:g} %"
        )
    for source, count in changed.groupby("source_id").size().items():
        if count > MONTHLY_MAX_REVISIONS_PER_RELEASE:
            problems.append(
                f"{source} revises {count} monthly figures at once; no release has revised "
                f"more than {MONTHLY_MAX_REVISIONS_PER_RELEASE}"
            )
    changed["year"] = changed["period"].str[:4]
    moved = _permutations(changed, ["source_id", "year", "flow"])
    moved += _permutations(changed, ["source_id", "period"])
    annual_revised = _revisions(annual, ["year", "flow"], releases)
    annual_changed = annual_revised[annual_revised["previous"].notna()]
    pct = 100 * (annual_changed["value_usd_millions"] / annual_changed["previous"] - 1)
    for index in annual_changed.index[pct.abs() > ANNUAL_MAX_REVISION_PCT]:
        row = annual_changed.loc[index]
        problems.append(
            f"{row['year']} {row['flow']} (annual): {row['previous']:,.1f} -> "
            f"{row['value_usd_millions']:,.1f} ({pct[index]:+.1f} %) in {row['source_id']}"
        )
    problems += _new_months(monthly, revised[revised["previous"].isna()])
    return future + moved + problems  # the clearest reasons first


def _new_months(monthly: pd.DataFrame, first: pd.DataFrame) -> list[str]:
    """First releases of a month against the same month a year earlier."""
    values = (
        monthly.sort_values("realtime_start")
        .groupby(["period", "flow"])["value_usd_millions"]
        .first()
    )
    problems = []
    low, high = NEW_MONTH_RATIO
    for _, row in first.iterrows():
        year, month = row["period"].split("-")
        before = values.get((f"{int(year) - 1}-{month}", row["flow"]))
        if before is None or before <= 0:
            continue
        ratio = row["value_usd_millions"] / before
        if not low <= ratio <= high:
            problems.append(
                f"{row['period']} {row['flow']}: {row['value_usd_millions']:,.1f}, {ratio:.2f} "
                f"times the same month a year earlier, first published in {row['source_id']}; "
                f"new months have stayed within {low:.2f} and {high:g} times"
            )
    return problems
