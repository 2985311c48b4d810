"""One rule for every accessor: checked arguments, no silent empty result, no wrong answer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import korus_data as kd


def test_top_products_over_several_years_gives_per_year_shares():
    single = kd.top_products(2016, "import", n=3).set_index("product_code")["share_pct"]
    ranged = kd.top_products((2016, 2018), "import", n=3)
    in_2016 = ranged[ranged["year"] == 2016].set_index("product_code")["share_pct"]
    pd.testing.assert_series_equal(in_2016, single, check_names=False)
    every = kd.top_products(None, "import", n=500)
    sums = every.groupby(["year", "classification"])["share_pct"].sum()
    assert np.allclose(sums, 100)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: kd.top_products(2024, n=-1), "n=-1 is not allowed; use a whole number ≥ 1"),
        (lambda: kd.top_products(2024, n="3"), "n='3' is not allowed"),
        (lambda: kd.trade_balance(partner=None, basis="bop"), "never a sum of partners"),
        (lambda: kd.trade_balance(partner="EUROPEAN_UNION", basis="bop"), "one economy"),
        (lambda: kd.trade_balance(reporter="KOR"), "balances here are U.S.-reported"),
        (lambda: kd.goods_trade("KOR", frequency="monthly"), "monthly figures exist for U.S."),
        (lambda: kd.goods_trade(years=1900), "years available: 1985 to"),
        (lambda: kd.bop_trade(years=1900), "years available: 1999 to"),
        (lambda: kd.mirror(years=1900), "years available"),
        (lambda: kd.direct_investment(years=1900), "years available: 1982 to"),
        (lambda: kd.affiliate_operations(years=1900), "years available: 2012 to"),
        (lambda: kd.direct_investment("KOR", "KOR"), "links two economies"),
        (lambda: kd.investment_projects(since=2020, until=2019), "is after until"),
        (lambda: kd.investment_projects(state="GA", since=2030), "no project matches"),
        (lambda: kd.korea_rank(kind="aggregate"), "which is of kind 'country'"),
        (lambda: kd.project_events(["x"]), "unknown project_id"),
        (lambda: kd.check_claims(5), "pass a mapping of table names to DataFrames"),
        (lambda: kd.check_claims({"nope": pd.DataFrame()}), "unknown table 'nope'"),
        (lambda: kd.goods_trade(pd.Series(["USA"])), r"reporter \(a Series\) is not allowed"),
        (lambda: kd.resolve_partner(["KOR"]), "is not allowed; use an ISO code"),
        (lambda: kd.partner_rank(3000), "use a year from 1985 to"),
    ],
)
def test_bad_requests_are_a_clear_error_naming_what_is_allowed(call, message):
    # ValueError for bad values; KeyError (UnknownTableError) for an unknown table name
    with pytest.raises((ValueError, KeyError), match=message):
        call()


def test_numpy_integers_are_years_like_any_other():
    assert kd.partner_rank(np.int64(2018), top=np.int32(3))["year"].iloc[0] == 2018
    assert len(kd.goods_trade(years=np.int64(2018))) == 2
    assert len(kd.goods_trade(years=(np.int64(2017), np.int64(2018)))) == 4
    assert not kd.investment_projects(since=np.int64(2019)).empty


def test_korea_rank_among_all_kinds_still_works():
    ranks = kd.korea_rank(kind="all").set_index("year")
    assert ranks.loc[2018, "rank_total"] >= 6


HOSTILE = {"NA": "pd.NA", "Series": "pd.Series([2020])", "empty list": "[]"}
ACCESSORS = {
    "trade_balance": (),
    "goods_trade": (),
    "investor_rank": (2019,),
    "korea_investor_rank": (),
    "revisions": (),
    "goods_by_product": (),
    "partner_rank": (),
    "mirror": (),
}


@pytest.mark.parametrize("name", ACCESSORS)
@pytest.mark.parametrize("label", HOSTILE)
def test_a_series_na_or_empty_list_argument_is_a_filter_error(name, label):
    """Never a raw pandas error ("truth value of a Series is ambiguous"), never an empty
    frame: every keyword of every accessor names what is allowed."""
    import inspect

    import pandas as pd

    import korus_data as kd
    from korus_data.errors import FilterError, UsageError

    value = eval(HOSTILE[label], {"pd": pd})
    function = getattr(kd, name)
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is not parameter.KEYWORD_ONLY or parameter.name == "as_of":
            continue
        try:
            out = function(*ACCESSORS[name], **{parameter.name: value})
        except (FilterError, UsageError):
            continue
        assert not (isinstance(out, pd.DataFrame) and out.empty), (name, parameter.name)


def test_an_accepted_reporter_without_figures_and_an_empty_filter_say_so():
    import korus_data as kd

    with pytest.raises(ValueError, match="reporter='KOR' has no trade by product"):
        kd.goods_by_product("KOR")
    with pytest.raises(ValueError, match="selects nothing"):
        kd.revisions(flow=[])
