"""Checks that span tables: foreign keys, and annual figures against the sum of their months.

Each check takes ``{table name: typed DataFrame}`` and returns :class:`GateResult` objects.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from korus_data.definitions import TABLES
from korus_data.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]


def foreign_keys(frames: Frames) -> list[GateResult]:
    """Every foreign key of every table resolves in the table it references."""
    results = []
    for name, frame in frames.items():
        table = TABLES[name]
        if not table.foreign_keys:
            continue
        failures: list[Failure] = []
        for fk in table.foreign_keys:
            target = frames.get(fk.table)
            if target is None:
                failures.append(Failure(name, f"referenced table {fk.table!r} could not be read"))
                continue
            known = set(target[list(fk.reference_fields)].itertuples(index=False, name=None))
            values = frame[list(fk.fields)]
            for index, key in zip(
                values.index, values.itertuples(index=False, name=None), strict=True
            ):
                if all(pd.isna(k) for k in key):
                    continue  # an empty optional reference
                if key not in known:
                    shown = key[0] if len(key) == 1 else key
                    failures.append(
                        Failure(
                            name,
                            f"{shown!r} is not a {'/'.join(fk.reference_fields)} of {fk.table}",
                            row=index + 2,
                            column=",".join(fk.fields),
                        )
                    )
        results.append(GateResult.from_failures("foreign_keys", name, failures))
    return results


def _rounding_unit(values: pd.Series) -> float:
    """The coarsest rounding among published figures: 0.1 for '800.7', 1e-6 for dollars."""
    for decimals in range(7):
        if ((values * 10**decimals).round(6) % 1 == 0).all():
            return 10.0**-decimals
    return 1e-6


def annual_equals_months(frames: Frames) -> list[GateResult]:
    """Each annual figure equals the sum of its twelve months, within the source's rounding.

    The check is strict where the months and the annual figure come from one release (one
    data vintage in the sources table). Where a later release revised the annual figure but
    not every month is available from it, the year is listed as a warning, not hidden.
    """
    needed = {"goods_trade_annual", "goods_trade_monthly", "sources"}
    if not needed <= frames.keys():
        return []
    vintage = frames["sources"].set_index("source_id")["vintage"]
    keys = ["reporter", "partner", "basis", "flow", "year"]
    # Rows with unreadable cells are reported by the read gate; leave them out here.
    monthly = frames["goods_trade_monthly"].dropna(
        subset=[*keys[:4], "period", "value_usd_millions"]
    )
    monthly = monthly.assign(year=monthly["period"].str[:4].astype(int))
    annual = frames["goods_trade_annual"].dropna(subset=[*keys, "value_usd_millions"])
    months = monthly.groupby(keys).agg(
        months=("value_usd_millions", "size"),
        total=("value_usd_millions", "sum"),
        vintages=("source_id", lambda s: frozenset(vintage.reindex(s).fillna("?"))),
        unit=("value_usd_millions", _rounding_unit),
    )
    joined = annual.join(months, on=keys, how="inner")
    joined = joined[joined["months"] == 12]
    failures: list[Failure] = []
    mixed: list[str] = []
    for index, row in joined.iterrows():
        release = vintage.get(row["source_id"], "?")
        unit = max(row["unit"], _rounding_unit(pd.Series([row["value_usd_millions"]])))
        tolerance = 13 * unit / 2 + 1e-9
        gap = row["value_usd_millions"] - row["total"]
        label = f"{row['reporter']}->{row['partner']} {row['flow']} {row['year']}"
        if row["vintages"] != frozenset([release]):
            mixed.append(f"{label} ({gap:+.1f})")
        elif abs(gap) > tolerance:
            failures.append(
                Failure(
                    "goods_trade_annual",
                    f"{label}: annual {row['value_usd_millions']} differs from the sum of "
                    f"months {row['total']:.6f} by {gap:.6f} (tolerance {tolerance:.6f})",
                    row=index + 2,
                    column="value_usd_millions",
                )
            )
    results = [
        GateResult.from_failures(
            "annual_months",
            "goods_trade_annual",
            failures,
            note=f"{len(joined) - len(mixed)} annual figures checked against their months",
        )
    ]
    if mixed:
        results.append(
            GateResult(
                "annual_months",
                "goods_trade_annual",
                "warn",
                len(mixed),
                [],
                note="annual figure from a later release than some of its months: "
                + "; ".join(mixed),
            )
        )
    return results


#: Every cross-table check, run in this order by ``validate()``.
CHECKS: tuple[Callable[[Frames], list[GateResult]], ...] = (foreign_keys, annual_equals_months)
