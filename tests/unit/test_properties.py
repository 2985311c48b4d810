"""Property-based tests of the accessors' filters (hypothesis).

Any valid filter returns a subset of its table with the table's dtypes; any invalid value
raises a ValueError naming what is allowed; no accessor changes what the next load returns.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import korus_data as kd
from korus_data.schema.codes import BEA_PARTNERS, ECONOMIES, FLOWS, SECTORS, USPS_STATES

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
years = st.one_of(
    st.none(),
    st.integers(1950, 2035),
    st.tuples(st.integers(1950, 2035), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1])),
)
words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-", min_size=1, max_size=12
)


def _is_subset(result: pd.DataFrame, table: str, key: list[str]) -> bool:
    full = kd.load(table).set_index(key)
    return result.set_index(key).index.isin(full.index).all()


def _same_dtypes(result: pd.DataFrame, table: str) -> None:
    full = kd.load(table)
    for column in full.columns:
        assert result[column].dtype == full[column].dtype, column


@FAST
@given(reporter=st.sampled_from(ECONOMIES), flow=st.sampled_from([None, *FLOWS]), years=years)
def test_goods_trade_returns_a_typed_subset(reporter, flow, years):
    try:
        result = kd.goods_trade(reporter, flow=flow, years=years)
    except ValueError as exc:  # only a request that can only return nothing is refused
        assert "years available" in str(exc)
        return
    assert _is_subset(
        result, "goods_trade_annual", ["reporter", "partner", "year", "flow", "basis"]
    )
    _same_dtypes(result, "goods_trade_annual")
    if flow:
        assert set(result["flow"]) <= {flow}
    if isinstance(years, tuple):
        assert result["year"].between(*years).all()


@FAST
@given(
    partner=st.sampled_from([None, *BEA_PARTNERS]),
    years=years,
    frequency=st.sampled_from(["annual", "quarterly"]),
)
def test_bop_trade_returns_a_typed_subset(partner, years, frequency):
    try:
        result = kd.bop_trade(partner, years=years, frequency=frequency)
    except ValueError as exc:
        assert "years available" in str(exc)
        return
    table = "bop_trade_annual" if frequency == "annual" else "bop_trade_quarterly"
    period = "year" if frequency == "annual" else "period"
    assert _is_subset(result, table, ["reporter", "partner", period, "account", "flow"])
    _same_dtypes(result, table)


@FAST
@given(
    state=st.sampled_from([None, *USPS_STATES]),
    sector=st.sampled_from([None, *SECTORS]),
    since=st.one_of(st.none(), st.integers(2000, 2030)),
)
def test_investment_projects_filters_are_subsets(state, sector, since):
    try:
        result = kd.investment_projects(state=state, sector=sector, since=since)
    except ValueError as exc:
        assert "no project matches" in str(exc)
        return
    assert set(result["project_id"]) <= set(kd.load("investment_projects")["project_id"])
    if state:
        assert set(result["state"]) <= {state}
    if since is not None:
        assert (result["first_year"] >= since).all()


@FAST
@given(value=words)
def test_bad_values_name_what_is_allowed(value):
    if value not in FLOWS:
        with pytest.raises(ValueError, match="'export', 'import'"):
            kd.goods_trade(flow=value)
    if value not in ECONOMIES:
        with pytest.raises(ValueError, match="'USA', 'KOR'"):
            kd.direct_investment(value)
    if value not in USPS_STATES:  # every code, or the one meant
        with pytest.raises(ValueError, match=r"'[A-Z]{2}'") as info:
            kd.investment_projects(state=value)
        named = set(re.findall(r"'([A-Z]{2})'", str(info.value))) - {value}  # not the echo
        assert named and named <= set(USPS_STATES), str(info.value)
    if value not in BEA_PARTNERS:
        with pytest.raises(ValueError, match="'KOR'"):
            kd.services_trade(value)


@FAST
@given(
    bad=st.one_of(
        st.floats(allow_nan=True), st.text(max_size=5), st.just((2019, 2010)), st.booleans()
    )
)
def test_bad_years_are_refused_with_a_message(bad):
    with pytest.raises(ValueError, match="years="):
        kd.goods_trade(years=bad)


ACCESSORS = [
    ("goods_trade_annual", lambda: kd.goods_trade()),
    ("goods_trade_monthly", lambda: kd.goods_trade(frequency="monthly")),
    ("bop_trade_annual", lambda: kd.services_trade()),
    ("direct_investment_position_annual", lambda: kd.direct_investment()),
    ("affiliate_operations_annual", lambda: kd.affiliate_operations()),
    ("investment_projects", lambda: kd.investment_projects()),
    ("investment_project_events", lambda: kd.project_events()),
    ("goods_trade_by_product_annual", lambda: kd.goods_by_product()),
    ("us_goods_trade_by_partner_annual", lambda: kd.partner_rank(2018)),
]


@pytest.mark.parametrize("table, accessor", ACCESSORS, ids=[a[0] for a in ACCESSORS])
def test_no_accessor_mutates_the_tables_a_user_holds(table, accessor):
    before = kd.load(table)
    result = accessor()
    for column in result.select_dtypes("number").columns:
        result[column] = -1
    result[result.columns[0]] = None
    pd.testing.assert_frame_equal(kd.load(table), before)
