"""Refuse a release whose figures move against history beyond what revisions have ever done.

One gate for every new release, whether ``korus-data build`` read it from a file or
``korus-data refresh`` from an official API (Census, BEA, IMF): the staged vintage tables are
compared with the committed ones, and the observations a new release adds are checked against
the figure's previous value and its own history. Thresholds, per table (``LIMITS``), derived
from the revision history of the source pack (seven Census workbook vintages 2018-08 to
2026-01 and three c5800 captures; reproduce with ``kd.revisions(name)``):

- Korea's monthly goods: 377 revisions, the largest 6.22 % of the figure, at most 73 figures
  in one release (a June revision of three years). Refused: a revision above 10 %, or more than
  150 in one release; a new month outside 1/3 and 3 times the same month a year earlier (the
  ratio has stayed within 0.52 and 1.85 since 1985).
- Korea's annual goods: 37 revisions, the largest 0.87 %. Refused: above 5 %; a new year
  outside 1/3 and 3 times the year before (Census since 1985, IMF since 1960: 0.68 to 2.17).
- Every partner's annual goods: revisions up to 44 % of figures of $100 million or more.
  Refused: a revision above 100 % of such a figure; a new year of a partner trading $10 billion
  or more outside 1/5 and 5 times the year before.
- BEA's trade by country: the package holds one BEA release, so no revision history yet; year
  on year the figures of $100 million or more have stayed within 0.38 and 2.28 (annual) and
  0.22 and 4.02 (a quarter against the same quarter a year earlier). Refused: a revision above
  25 %; a new year outside 1/3 and 3, a new quarter outside 1/5 and 5.
- Direct-investment positions: revisions up to 9.8 %. Refused: above 50 % of a position of
  $1 billion or more; a new year of Korea's positions outside 1/3 and 3 times the year before.
- Across bases (a table whose figures several publishers compile: Census, IMF DOTS, the IMF's
  IMTS, Korean customs): a new figure is also checked against the same figure on every other
  basis the package holds, and, when its own basis has no earlier period, against the period
  before on any basis, within the table's new-period ratios (Korea's annual goods: year on
  year 0.66 to 2.17 across every basis; no two bases hold the same year yet). A first IMF
  IMTS reply 1,000 times too large (81,984,300 for 2021 beside 74,531 for 2020 on DOTS) is
  refused, where before it had no history of its own to be checked with.
- Any release of any table: a period that had not ended when the release became public;
  revised figures that are a permutation of the previous ones (periods or flows swapped).

An operator who has read the report can pass ``accept_revisions`` (``--accept-revisions`` of
``build`` and ``refresh``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.store.files import write_utf8
from korus_data.store.releases import end_of_period


@dataclass(frozen=True)
class Limits:
    """How far a table's figures may move in one release before the release is refused."""

    #: a revision of more than this many percent of the previous value is refused
    revision_pct: float
    #: more revisions than this in one release are refused (None: no limit)
    revisions_per_release: int | None = None
    #: a new period against the one ``lag`` periods before must lie within these ratios
    new_period_ratio: tuple[float, float] | None = None
    #: periods back to compare a new period with: 12 months, 4 quarters, 1 year
    lag: int = 1
    #: figures smaller than this (in absolute value) are not checked by ratio
    floor: float = 0.0
    #: the new-period ratio only for this floor (None: ``floor``)
    new_period_floor: float | None = None


LIMITS: dict[str, Limits] = {
    "goods_trade_monthly": Limits(10.0, 150, (1 / 3, 3.0), lag=12),
    "goods_trade_annual": Limits(5.0, None, (1 / 3, 3.0)),
    "us_goods_trade_by_partner_annual": Limits(
        100.0, None, (1 / 5, 5.0), floor=100.0, new_period_floor=10_000.0
    ),
    "bop_trade_annual": Limits(25.0, None, (1 / 3, 3.0), floor=100.0),
    "bop_trade_quarterly": Limits(25.0, None, (1 / 5, 5.0), lag=4, floor=100.0),
    "direct_investment_position_annual": Limits(50.0, None, (1 / 3, 3.0), floor=1000.0),
    "direct_investment_position_by_partner_annual": Limits(100.0, None, None, floor=1000.0),
}
#: Two values closer than this are the same (a capture's one decimal, floating-point noise).
SAME = 0.051


def _period_field(vintages: pd.DataFrame) -> str:
    return "period" if "period" in vintages else "year"


def _series_key(vintages: pd.DataFrame, key: list[str]) -> list[str]:
    period = _period_field(vintages)
    return [k for k in key if k not in (period, "source_id")]


def _shift_back(period: object, lag: int) -> object:
    """The period ``lag`` steps before: a year, a YYYY-MM month, or a YYYY-Qn quarter."""
    if isinstance(period, int) or str(period).isdigit():
        return int(str(period)) - lag
    text = str(period)
    year, part = text[:4], text[5:]
    if part.startswith("Q"):
        index = int(year) * 4 + int(part[1:]) - 1 - lag
        return f"{index // 4}-Q{index % 4 + 1}"
    index = int(year) * 12 + int(part) - 1 - lag
    return f"{index // 12}-{index % 12 + 1:02d}"


def _period_end(period: object) -> pd.Timestamp | None:
    text = str(period)
    if "-Q" in text:
        year, quarter = text.split("-Q")
        return pd.Timestamp(f"{year}-{int(quarter) * 3:02d}-01") + pd.offsets.MonthEnd(0)
    return end_of_period(text)


def _label(row: pd.Series, columns: list[str]) -> str:
    return " ".join(str(row[c]) for c in columns)


def _permutations(revised: pd.DataFrame, group: list[str]) -> list[str]:
    problems = []
    for labels, rows in revised.groupby(group):
        if len(rows) < 2:
            continue

        def same(a: list[float], b: list[float]) -> bool:
            return all(abs(x - y) <= SAME for x, y in zip(a, b, strict=True))

        old, new = list(rows["previous"]), list(rows["value_usd_millions"])
        if not same(old, new) and same(sorted(old), sorted(new)):  # the same figures, moved
            where = " ".join(str(v) for v in (labels if isinstance(labels, tuple) else (labels,)))
            problems.append(
                f"{where}: {len(rows)} figures of {rows['source_id'].iloc[0]} are the previous "
                "values in another order (periods or flows swapped or relabelled)"
            )
    return problems


def check_table(name: str, vintages: pd.DataFrame, key: list[str], releases: set[str]) -> list[str]:
    """Implausible moves in the vintage table of ``name`` (typed rows, ``key`` its published
    key) made by the ``releases`` of this build or refresh; [] when all are within history."""
    limits = LIMITS.get(name)
    if limits is None or vintages.empty:
        return []
    period = _period_field(vintages)
    series = _series_key(vintages, key)
    ordered = vintages.sort_values([*series, period, "realtime_start"], kind="stable")
    ordered = ordered.assign(
        previous=ordered.groupby([*series, period])["value_usd_millions"].shift()
    )
    mine = ordered[ordered["source_id"].isin(releases)]
    problems = _future(mine, period, series)
    changed = mine[mine["previous"].notna()].copy()
    changed = changed[(changed["value_usd_millions"] - changed["previous"]).abs() > SAME]
    big = changed[changed["previous"].abs() >= max(limits.floor, 1e-9)]
    pct = 100 * (big["value_usd_millions"] / big["previous"] - 1)
    for index in big.index[pct.abs() > limits.revision_pct]:
        row = big.loc[index]
        problems.append(
            f"{_label(row, [*series, period])}: {row['previous']:,.1f} -> "
            f"{row['value_usd_millions']:,.1f} ({pct[index]:+.1f} %) in {row['source_id']}; "
            f"revisions of {name} have never exceeded {limits.revision_pct:g} %"
        )
    if limits.revisions_per_release is not None:
        for source, count in changed.groupby("source_id").size().items():
            if count > limits.revisions_per_release:
                problems.append(
                    f"{source} revises {count} figures of {name} at once; no release has "
                    f"revised more than {limits.revisions_per_release}"
                )
    changed["year"] = changed[period].astype(str).str[:4]
    without_flow = [k for k in series if k != "flow"]
    moved = _permutations(changed, ["source_id", *series, "year"])
    if "flow" in series:
        moved += _permutations(changed, ["source_id", *without_flow, period])
    new = mine[mine["previous"].isna()]
    return moved + problems + _new_periods(name, ordered, new, series, period, limits)


def _future(rows: pd.DataFrame, period: str, series: list[str]) -> list[str]:
    ends = pd.to_datetime(pd.Series([_period_end(v) for v in rows[period]], index=rows.index))
    late = rows[ends > pd.to_datetime(rows["realtime_start"])]
    return [
        f"{_label(r, [*series, period])}: a period that had not ended when {r['source_id']} "
        f"became public ({r['realtime_start']:%Y-%m-%d})"
        for _, r in late.iterrows()
    ]


def _new_periods(
    name: str,
    ordered: pd.DataFrame,
    new: pd.DataFrame,
    series: list[str],
    period: str,
    limits: Limits,
) -> list[str]:
    """Periods published for the first time against the period ``lag`` before them, as the
    history first gave it; where the table has bases (the same figure compiled by several
    publishers: Census, IMF DOTS, the IMF's IMTS, Korean customs), also against the same
    figure on every other basis, and, when its own basis has no earlier period, against the
    period before on any basis: a new basis has no history of its own to be checked with."""
    if limits.new_period_ratio is None or new.empty:
        return []
    first = ordered.groupby([*series, period], sort=False)["value_usd_millions"].first()
    floor = limits.new_period_floor if limits.new_period_floor is not None else limits.floor
    low, high = limits.new_period_ratio
    others = [k for k in series if k != "basis"] if "basis" in series else None
    by_basis: dict[tuple, list[tuple[str, float]]] = {}
    if others is not None:  # the figure's values on each basis, by the rest of its key
        at = [[*series, period].index(k) for k in [*others, period]]
        basis_at = series.index("basis")
        for key, value in first.items():
            by_basis.setdefault(tuple(key[i] for i in at), []).append((key[basis_at], value))
    problems = []
    for _, row in new.iterrows():
        value, where = row["value_usd_millions"], _label(row, [*series, period])
        earlier = _shift_back(row[period], limits.lag)
        before = first.get((*(row[k] for k in series), earlier))
        compared = (
            [] if before is None else [(before, f"the same figure {limits.lag} period(s) before")]
        )
        if others is not None:
            rest = tuple(row[k] for k in others)
            for basis, other in by_basis.get((*rest, row[period]), []):
                if basis != row["basis"]:
                    compared.append((other, f"the same figure on basis {basis}"))
            if before is None:
                for basis, other in by_basis.get((*rest, earlier), []):
                    compared.append((other, f"the period before on basis {basis}"))
        for reference, what in compared:
            if reference is None or reference <= 0 or reference < floor:
                continue
            ratio = value / reference
            if not low <= ratio <= high:
                problems.append(
                    f"{where}: {value:,.1f}, {ratio:.2f} times {what} ({reference:,.1f}), "
                    f"first published in {row['source_id']}; new periods of {name} have stayed "
                    f"within {low:.2f} and {high:g} times"
                )
    return problems


def check_goods(monthly: pd.DataFrame, annual: pd.DataFrame, releases: set[str]) -> list[str]:
    """Implausible moves in the U.S.-reported Korea goods vintages (``period``/``year``,
    ``flow``) made by ``releases``; [] when every figure is within history."""
    monthly = monthly[(monthly["reporter"] == "USA") & (monthly["basis"] == "census")]
    annual = annual[(annual["reporter"] == "USA") & (annual["basis"] == "census")]
    key_m = ["reporter", "partner", "period", "flow", "basis"]
    key_a = ["reporter", "partner", "year", "flow", "basis"]
    return check_table("goods_trade_monthly", monthly, key_m, releases) + check_table(
        "goods_trade_annual", annual, key_a, releases
    )


def check_staged(base: Path, stage: Path) -> list[str]:
    """Every implausible move the staged release under ``stage`` makes against the tables
    committed under ``base``: observations of the staged vintage tables that the committed ones
    lack (a new row, or a row whose value changed) are the new release's, and each release
    that adds one is checked with :func:`check_table`."""
    from korus_data.schema.tables import DEFINED, VINTAGES_OF
    from korus_data.store.loader import parse_csv

    problems: list[str] = []
    for name, definition in VINTAGES_OF.items():
        staged_path = stage / definition.path
        if not staged_path.is_file():
            continue
        staged = parse_csv(staged_path.read_bytes(), definition)
        committed_path = base / definition.path
        ids = [*DEFINED[name].primary_key, "source_id", "realtime_start", "value_usd_millions"]
        if committed_path.is_file():
            committed = parse_csv(committed_path.read_bytes(), definition)
            known = set(map(tuple, committed[ids].astype(str).to_numpy()))
            added = [tuple(r) not in known for r in staged[ids].astype(str).to_numpy()]
        else:
            added = [True] * len(staged)
        releases = set(staged.loc[added, "source_id"])
        if releases:
            problems += check_table(name, staged, list(DEFINED[name].primary_key), releases)
    return problems


def refuse_implausible(problems: list[str]) -> None:
    """:class:`BuildError` in one line: how many figures move beyond their history, the first
    (the clearest reasons come first), where the whole list was written, and how to accept."""
    if not problems:
        return
    from korus_data.store.paths import cache_dir

    listing = None
    try:
        folder = cache_dir() / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = pd.Timestamp.now(tz="UTC").strftime("%Y%m%dT%H%M%S%fZ")
        listing = folder / f"refused-{stamp}.txt"
        write_utf8(listing, "\n".join(problems) + "\n")
    except OSError:
        listing = None  # the message still names the first problem
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    where = f" (all listed in {listing})" if listing else ""
    raise BuildError(
        f"the new release moves figures beyond anything in their history, nothing was changed: "
        f"{problems[0]}{more}{where}; if you have checked them against the publisher, rerun "
        "with --accept-revisions"
    )


__all__ = ["LIMITS", "Limits", "check_goods", "check_staged", "check_table", "refuse_implausible"]
