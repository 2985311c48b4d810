"""Friendly accessors for trade in goods: filtered series and derived balances."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from korus_data.analysis.arguments import (
    AsOf,
    YearRange,
    answers_as_of,
    filter_choice,
    filter_years,
    nonempty,
)
from korus_data.analysis.currency import check_currency, in_won
from korus_data.analysis.transforms import aggregate, check_units, trailing_sum, transform
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import (
    ACCOUNTS,
    BEA_GROUPS,
    BEA_PARTNERS,
    ECONOMIES,
    FLOWS,
    GOODS_BASES,
)
from korus_data.schema.tables import TableName
from korus_data.store.loader import load

Frequency = Literal["annual", "monthly", "quarterly"]
Units = Literal["lin", "chg", "ch1", "pch", "pc1", "pca", "log"]
FREQUENCIES = ("annual", "monthly", "quarterly")
BOP_FREQUENCIES = ("annual", "quarterly")
BALANCE_ACCOUNTS = ("goods", "services", "goods_and_services")
#: Which bases each account can be measured on; the first is the default.
ACCOUNT_BASES = {"goods": ("census", "bop"), "services": ("bop",), "goods_and_services": ("bop",)}
#: The basis each reporter's series uses unless the caller asks for another.
DEFAULT_BASIS = {"USA": "census", "KOR": "imf_dots"}


@answers_as_of
def goods_trade(
    reporter: str = "USA",
    *,
    frequency: Frequency = "annual",
    years: YearRange = None,
    flow: str | None = None,
    basis: str | None = None,
    as_of: AsOf = None,
    currency: str = "USD",
    units: Units = "lin",
    trailing: int | None = None,
) -> pd.DataFrame:
    """Trade in goods as ``reporter`` records it, one basis at a time. ``currency="KRW"``
    adds ``value_krw_billions`` at the period's mean won rate (derived; see
    :mod:`korus_data.analysis.currency`).

    ``frequency="quarterly"`` sums the Census months into quarters (whole quarters only:
    ``attrs["dropped"]`` names a partial one). ``units`` transforms ``value_usd_millions``
    in FRED's vocabulary (``chg``, ``ch1``, ``pch``, ``pc1``, ``pca``, ``log``; see
    :mod:`korus_data.analysis.transforms`) into a new column labelled in
    ``attrs["derived"]``; ``trailing=12`` adds the sum of the last 12 periods.

    ``years`` is a year or an inclusive (first, last) pair; ``flow`` is "export" or "import";
    ``basis`` defaults to the reporter's main series (U.S.: "census"; Korea: "imf_dots",
    1960-2020; Korea's own customs figures after 2020 are ``basis="korea_customs"``). Monthly
    figures exist for the Census basis only. ``as_of`` (a date or a release id) gives the
    figures as they were known that day.

    Example:
        >>> import korus_data as kd
        >>> df = kd.goods_trade("USA", years=2018, flow="export")
        >>> round(df["value_usd_millions"].item(), 1)
        56318.3
        >>> growth = kd.goods_trade(frequency="monthly", flow="export", units="pc1", years=2019)
        >>> float(round(growth["value_usd_millions_pct_change_year_ago"].iloc[0], 2))
        6.24
    """
    check_choice("reporter", reporter, ECONOMIES)
    check_choice("frequency", frequency, FREQUENCIES)
    check_units(units)
    basis = basis if basis is not None else DEFAULT_BASIS.get(reporter)
    if basis is not None:
        check_choice("basis", basis, GOODS_BASES)
    if frequency != "annual" and (reporter, basis) != ("USA", "census"):
        raise FilterError(
            f"frequency={frequency!r} is not available for reporter={reporter!r}, "
            f"basis={basis!r}: monthly figures exist for U.S. Census trade only "
            "(reporter='USA', basis='census')"
        )
    name: TableName = "goods_trade_annual" if frequency == "annual" else "goods_trade_monthly"
    period = {"annual": "year", "monthly": "period", "quarterly": "quarter"}[frequency]
    frame = load(name, as_of=as_of)
    frame = frame[frame["reporter"] == reporter]
    frame = filter_choice(frame, "basis", "basis", basis, GOODS_BASES)
    frame = nonempty(
        frame,
        f"reporter={reporter!r}, basis={basis!r}",
        "bases by reporter: USA census (and imf_dots 1960-1984), KOR imf_dots and korea_customs",
    )
    frame = filter_choice(frame, "flow", "flow", flow, FLOWS)
    if frequency == "quarterly":
        frame = _quarters(frame)
    frame = frame.sort_values([period, "flow"]).reset_index(drop=True)
    # transformed before the years are picked: the first year asked has its predecessors
    frame = _transformed(frame, period, ["value_usd_millions"], units, trailing, ["flow"])
    frame = filter_years(frame, years, period)
    frame = frame.reset_index(drop=True)
    if check_currency(currency) == "KRW":
        if period == "quarter":
            raise FilterError("currency='KRW' converts annual or monthly figures, not quarters")
        frame = in_won(frame, period, ["value_usd_millions"])
    return frame


def _quarters(monthly: pd.DataFrame) -> pd.DataFrame:
    """Census months summed to whole quarters, with the releases each sum rests on."""
    by = ["reporter", "partner", "flow", "basis", "valuation"]
    quarters = aggregate(monthly, ["value_usd_millions"], "quarterly", by)
    number = (monthly["period"].str[5:7].astype(int) - 1) // 3 + 1
    label = monthly["period"].str[:4] + "-Q" + number.astype(str)
    sources = (
        monthly.assign(quarter=label)
        .groupby([*by, "quarter"])["source_id"]
        .agg(lambda ids: "; ".join(sorted(set(ids))))
    )
    quarters["source_id"] = pd.MultiIndex.from_frame(quarters[[*by, "quarter"]]).map(sources)
    quarters.insert(2, "year", quarters["quarter"].str[:4].astype("int64"))
    return quarters


def _transformed(
    frame: pd.DataFrame,
    period: str,
    values: list[str],
    units: str,
    trailing: int | None,
    by: list[str],
) -> pd.DataFrame:
    """``frame`` with the transform ``units`` and a trailing sum, each a derived column."""
    if trailing is not None:
        if period in ("year",):
            raise FilterError(
                "trailing= sums the last months or quarters: use frequency='monthly' or 'quarterly'"
            )
        frame = trailing_sum(frame, period, values, trailing, by)
    return transform(frame, period, values, units, by)


@answers_as_of
def bop_trade(
    partner: str | None = "KOR",
    *,
    account: str | None = None,
    frequency: str = "annual",
    years: YearRange = None,
    flow: str | None = None,
    as_of: AsOf = None,
    units: Units = "lin",
) -> pd.DataFrame:
    """U.S. trade on a balance-of-payments basis (BEA): goods and services, by partner.

    ``partner`` is an ISO code or one of BEA's groups (None: every partner); ``account`` is
    "goods" or "services" (None: both); ``frequency`` "annual" or "quarterly" (seasonally
    adjusted); ``units`` a transform in FRED's vocabulary (a derived column, see
    :func:`goods_trade`).

    Example:
        >>> import korus_data as kd
        >>> s = kd.bop_trade("KOR", account="services", years=2018)
        >>> s.set_index("flow")["value_usd_millions"].to_dict()
        {'export': 23404.0, 'import': 10274.0}
    """
    check_choice("frequency", frequency, BOP_FREQUENCIES)
    check_units(units)
    name: TableName = "bop_trade_annual" if frequency == "annual" else "bop_trade_quarterly"
    period = "year" if frequency == "annual" else "period"
    frame = load(name, as_of=as_of)
    frame = filter_choice(frame, "partner", "partner", partner, BEA_PARTNERS)
    frame = filter_choice(frame, "account", "account", account, ACCOUNTS)
    frame = filter_choice(frame, "flow", "flow", flow, FLOWS)
    frame = frame.sort_values(["partner", period, "account", "flow"]).reset_index(drop=True)
    frame = transform(frame, period, ["value_usd_millions"], units, ["partner", "account", "flow"])
    return filter_years(frame, years, period).reset_index(drop=True)


@answers_as_of
def services_trade(
    partner: str | None = "KOR",
    *,
    frequency: str = "annual",
    years: YearRange = None,
    flow: str | None = None,
    as_of: AsOf = None,
    units: Units = "lin",
) -> pd.DataFrame:
    """U.S. trade in services with ``partner`` (BEA, balance-of-payments basis); ``units`` as
    in :func:`bop_trade`.

    Example:
        >>> import korus_data as kd
        >>> kd.services_trade("KOR", years=(1999, 2024))["year"].nunique()
        26
    """
    return bop_trade(
        partner,
        account="services",
        frequency=frequency,
        years=years,
        flow=flow,
        as_of=as_of,
        units=units,
    )


def _flows_wide(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    wide = frame.pivot_table(
        index=period, columns="flow", values="value_usd_millions", aggfunc="sum", min_count=1
    )
    for flow in FLOWS:
        if flow not in wide.columns:
            wide[flow] = float("nan")
    return wide.dropna(subset=list(FLOWS))


@answers_as_of
def trade_balance(
    reporter: str = "USA",
    *,
    account: str = "goods",
    basis: str | None = None,
    frequency: Frequency = "annual",
    years: YearRange = None,
    partner: str = "KOR",
    as_of: AsOf = None,
    currency: str = "USD",
    units: Units = "lin",
    trailing: int | None = None,
) -> pd.DataFrame:
    """Exports, imports, balance (exports - imports) and two-way total, derived per period
    (USD millions; ``currency="KRW"`` adds each in won billions at the period's mean rate).
    ``units`` and ``trailing`` transform all four as in :func:`goods_trade` (a percent change
    of a balance that changes sign means little: read ``chg`` there).

    ``account`` is "goods", "services" or "goods_and_services". Goods default to the Census
    basis (monthly or annual); ``basis="bop"`` uses BEA's balance-of-payments goods (annual
    or quarterly). Services and goods-and-services exist only on the balance-of-payments
    basis: their totals add BEA goods to BEA services, never Census goods to BEA services.
    Only periods with both flows appear; balances are computed here, never stored.

    Example:
        >>> import korus_data as kd
        >>> row = kd.trade_balance(years=2018).iloc[0]
        >>> float(round(row["balance"], 1)), float(round(row["total"], 1))
        (-17920.6, 130557.2)
        >>> gs = kd.trade_balance(account="goods_and_services", years=2018).iloc[0]
        >>> float(gs["balance"])
        -4549.0
    """
    check_choice("account", account, BALANCE_ACCOUNTS)
    check_units(units)
    if not isinstance(reporter, str) or reporter != "USA":
        raise FilterError(
            f"reporter={reporter!r} is not allowed: balances here are U.S.-reported "
            "(reporter='USA'); for Korea's own records use kd.goods_trade('KOR') or kd.mirror()"
        )
    if partner is not None and not isinstance(partner, str):
        raise FilterError.not_allowed("partner", partner, ("KOR", "JPN", "CHN", "…"))
    if partner is None or partner in BEA_GROUPS:
        shown = "None" if partner is None else repr(partner)
        raise FilterError(
            f"partner={shown} is not allowed: a balance is for one economy, never a sum of "
            "partners that would add BEA's groups to single economies; use an ISO code such as "
            "'KOR'"
        )
    allowed = ACCOUNT_BASES[account]
    basis = basis if basis is not None else allowed[0]
    if not isinstance(basis, str) or basis not in allowed:
        raise FilterError(
            f"basis={basis!r} is not allowed for account={account!r}; use one of: "
            + ", ".join(repr(b) for b in allowed)
            + (
                " (services are only published on the balance-of-payments basis, so a "
                "Census goods figure is never added to them)"
                if account != "goods"
                else ""
            )
        )
    if basis == "census":
        if partner != "KOR":
            raise FilterError(
                f"partner={partner!r} is not allowed on the Census basis here; "
                "use 'KOR' (or kd.partner_rank for every partner)"
            )
        frame = goods_trade(reporter, frequency=frequency, basis="census", as_of=as_of)
        period = {"annual": "year", "monthly": "period", "quarterly": "quarter"}[frequency]
    else:
        check_choice("reporter", reporter, ("USA",))
        accounts = None if account == "goods_and_services" else account
        frame = bop_trade(partner, account=accounts, frequency=frequency, as_of=as_of)
        if account == "goods_and_services":
            complete = (
                frame.groupby(["year" if frequency == "annual" else "period", "flow"])[
                    "account"
                ].transform("nunique")
                == 2
            )
            frame = frame[complete]
        period = "year" if frequency == "annual" else "period"
    wide = _flows_wide(frame, period)
    out = pd.DataFrame(
        {
            period: wide.index,
            "exports": wide["export"].to_numpy(),
            "imports": wide["import"].to_numpy(),
        }
    )
    out["balance"] = out["exports"] - out["imports"]
    out["total"] = out["exports"] + out["imports"]
    out.insert(1, "reporter", reporter)
    out.insert(2, "partner", partner)
    out.insert(3, "account", account)
    out.insert(4, "basis", basis)
    out = out.reset_index(drop=True)
    values = ["exports", "imports", "balance", "total"]
    if isinstance(frame.attrs.get("dropped"), str):
        out.attrs["dropped"] = frame.attrs["dropped"]
    out = _transformed(out, period, values, units, trailing, [])
    out = filter_years(out, years, period)
    out = out.reset_index(drop=True)
    if check_currency(currency) == "KRW":
        if period == "quarter":
            raise FilterError("currency='KRW' converts annual or monthly figures, not quarters")
        out = in_won(out, period, values)
    return out
