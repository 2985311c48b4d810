"""Friendly accessors for trade in goods: filtered series and derived balances."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from korus_data.definitions import ECONOMIES, FLOWS, GOODS_BASES
from korus_data.errors import check_choice
from korus_data.filters import YearRange, filter_choice, filter_years
from korus_data.load import load

Frequency = Literal["annual", "monthly"]
FREQUENCIES = ("annual", "monthly")
#: The basis each reporter's series uses unless the caller asks for another.
DEFAULT_BASIS = {"USA": "census"}


def goods_trade(
    reporter: str = "USA",
    *,
    frequency: Frequency = "annual",
    years: YearRange = None,
    flow: str | None = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """Trade in goods as ``reporter`` records it, one basis at a time.

    ``years`` is a year or an inclusive (first, last) pair; ``flow`` is "export" or "import";
    ``basis`` defaults to the reporter's main series (U.S.: "census").

    Example:
        >>> import korus_data as kd
        >>> df = kd.goods_trade("USA", years=2018, flow="export")
        >>> round(df["value_usd_millions"].item(), 1)
        56318.3
    """
    check_choice("reporter", reporter, ECONOMIES)
    check_choice("frequency", frequency, FREQUENCIES)
    basis = basis if basis is not None else DEFAULT_BASIS.get(reporter)
    if basis is not None:
        check_choice("basis", basis, GOODS_BASES)
    name = "goods_trade_annual" if frequency == "annual" else "goods_trade_monthly"
    period = "year" if frequency == "annual" else "period"
    frame = load(name)
    frame = frame[frame["reporter"] == reporter]
    frame = filter_choice(frame, "basis", "basis", basis, GOODS_BASES)
    frame = filter_choice(frame, "flow", "flow", flow, FLOWS)
    frame = filter_years(frame, years, period)
    return frame.sort_values([period, "flow"]).reset_index(drop=True)


def trade_balance(
    reporter: str = "USA",
    *,
    frequency: Frequency = "annual",
    years: YearRange = None,
    basis: str | None = None,
) -> pd.DataFrame:
    """Exports, imports, balance (exports - imports) and two-way total, derived per period.

    Only periods with both flows published appear; the balance is never stored, always
    computed here from the published exports and imports of one basis.

    Example:
        >>> import korus_data as kd
        >>> row = kd.trade_balance(years=2018).iloc[0]
        >>> float(round(row["balance"], 1)), float(round(row["total"], 1))
        (-17920.6, 130557.2)
    """
    frame = goods_trade(reporter, frequency=frequency, years=years, basis=basis)
    period = "year" if frequency == "annual" else "period"
    wide = frame.pivot(index=period, columns="flow", values="value_usd_millions")
    wide = wide.dropna(subset=[f for f in FLOWS if f in wide.columns])
    out = pd.DataFrame(
        {
            period: wide.index,
            "exports": wide.get("export"),
            "imports": wide.get("import"),
        }
    ).reset_index(drop=True)
    out["balance"] = out["exports"] - out["imports"]
    out["total"] = out["exports"] + out["imports"]
    out.insert(1, "reporter", reporter)
    out.insert(2, "basis", frame["basis"].iloc[0] if len(frame) else basis)
    return out
