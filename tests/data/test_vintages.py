"""Every release kept: releases, vintage tables, as-of views, revisions, one latest everywhere."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import korus_data as kd
from korus_data.schema.tables import VINTAGES_OF
from korus_data.validation import calendar as calendar_gate
from korus_data.validation import provenance

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _workbook_months(path) -> pd.DataFrame:
    """Korea's monthly figures read straight from one workbook vintage."""
    raw = pd.read_excel(path, engine="calamine", dtype={"CTY_CODE": str, "year": str})
    raw = raw.dropna(subset=["year", "CTY_CODE"])
    korea = raw[raw["CTY_CODE"].str.zfill(4) == "5800"]
    last_year, last_month = path.stem.split("-")[1:]
    rows = []
    for _, row in korea.iterrows():
        for number, month in enumerate(MONTHS, 1):
            if row["year"] == last_year and number > int(last_month):
                continue
            for prefix, flow in (("E", "export"), ("I", "import")):
                if pd.notna(row[prefix + month]):
                    period = f"{row['year']}-{number:02d}"
                    rows.append((period, flow, round(float(row[prefix + month]), 6)))
    return pd.DataFrame(rows, columns=["period", "flow", "value"])


@pytest.fixture(scope="module")
def workbooks(source_pack) -> dict[str, pd.DataFrame]:
    paths = sorted((source_pack / "census").glob("country-*.xlsx"))
    return {p.stem.removeprefix("country-"): _workbook_months(p) for p in paths}


def test_as_of_each_workbook_gives_that_workbooks_figures(workbooks):
    releases = kd.load("releases").set_index("release_id")
    for vintage, direct in workbooks.items():
        day = releases.loc[f"census-country-xlsx-{vintage}", "released"]
        view = kd.load("goods_trade_monthly", as_of=day).set_index(["period", "flow"])
        seen = view["value_usd_millions"].reindex(
            pd.MultiIndex.from_frame(direct[["period", "flow"]])
        )
        assert seen.to_numpy() == pytest.approx(direct["value"].to_numpy(), abs=5e-7), vintage


def test_revisions_between_the_workbooks_match_a_direct_reading(workbooks):
    direct = pd.concat(workbooks.values(), keys=workbooks.keys(), names=["vintage"]).reset_index()
    spread = direct.groupby(["period", "flow"])["value"].agg(["size", "min", "max"])
    in_several = spread[spread["size"] > 1]
    revised_directly = in_several[(in_several["max"] - in_several["min"]) > 5e-7]
    # The package's own answer: each figure as each workbook release left it.
    releases = kd.load("releases").set_index("release_id")
    views = [
        kd.load("goods_trade_monthly", as_of=releases.loc[f"census-country-xlsx-{v}", "released"])
        .set_index(["period", "flow"])["value_usd_millions"]
        .rename(v)
        for v in workbooks
    ]
    table = pd.concat(views, axis=1).loc[in_several.index]
    revised = table[(table.max(axis=1) - table.min(axis=1)) > 5e-7]
    assert len(workbooks) == 8 and len(in_several) == 952
    assert len(revised) == len(revised_directly) == 208
    assert (revised_directly["max"] - revised_directly["min"]).max() == pytest.approx(312.649295)
    # 1985-2015 were never revised between the eight vintages
    early = direct[direct["period"] < "2016"].groupby(["period", "flow"])["value"]
    assert (early.max() - early.min()).max() == 0


def test_as_of_between_two_workbooks_gives_the_older_one():
    with pytest.warns(kd.StaleVintageWarning, match="published data through 2020-10"):
        between = kd.goods_trade(frequency="monthly", years=2019, as_of="2020-12-31")
    assert set(between["source_id"]) == {"census-country-xlsx-2020-08"}
    assert between.attrs["as_of"]["release_id"] == "census-country-xlsx-2020-08"
    assert between["period"].max() == "2019-12"
    earlier = kd.goods_trade(frequency="monthly", as_of="census-country-xlsx-2018-08")
    assert earlier["period"].max() == "2018-08"


def test_as_of_today_is_the_latest_view():
    from korus_data.schema.tables import TABLES

    today = dt.date.today().isoformat()
    for name in VINTAGES_OF:
        key = list(TABLES[name].primary_key)
        latest = kd.load(name).sort_values(key).reset_index(drop=True)
        with warnings.catch_warnings():  # today the Census Bureau has newer months out
            warnings.simplefilter("ignore", kd.StaleVintageWarning)
            view = kd.load(name, as_of=today)
        view.attrs = {}
        pd.testing.assert_frame_equal(view, latest, obj=name)


@pytest.mark.parametrize(
    "as_of, message",
    [
        ("2010-01-01", "the first is census-country-xlsx-2018-08 (2018-10-05)"),
        ("2999-01-01", "is in the future"),
        ("yesterday", "neither a date nor a known release"),
        ("census-country-xlsx-2020-8", "did you mean 'census-country-xlsx-2020-08'"),
        (20200101, "is not a date"),
    ],
)
def test_bad_as_of_is_explained(as_of, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        kd.goods_trade(frequency="monthly", as_of=as_of)


@pytest.mark.filterwarnings("ignore::korus_data.StaleVintageWarning")
def test_every_accessor_of_official_figures_takes_as_of():
    day = "2022-06-30"  # after the workbook with data through 2022-01 and the IMF reports
    assert kd.trade_balance(as_of=day)["year"].max() == 2021
    assert kd.partner_rank(as_of=day)["year"].iloc[0] == 2021
    assert kd.korea_rank(as_of=day)["year"].max() == 2021
    assert kd.share_of_us_trade(as_of=day)["year"].max() == 2021
    assert kd.mirror(as_of=day)["year"].max() == 2021
    positions = kd.direct_investment("KOR", "USA", as_of="2021-06-30").set_index("year")
    assert positions.loc[2019, "value_usd_millions"] == 61822  # BEA, before the July 2021 release
    with pytest.raises(ValueError, match="bop_trade_annual"):
        kd.bop_trade(as_of=day)  # the one BEA release in the package came out in 2025
    with pytest.raises(ValueError, match="bop_trade_annual"):
        kd.services_trade(as_of=day)


def test_the_older_official_investment_vintage_stays_in_the_history():
    history = kd.revisions("direct_investment_position_annual", investor="KOR", year=2019)
    assert history["value_usd_millions"].tolist() == [61822.0, 55750.0]
    assert history["source_id"].tolist()[0] == "bea-fdius-position-by-country-2008-2019"


def test_one_latest_everywhere():
    balance = kd.trade_balance().set_index("year")
    share = kd.share_of_us_trade().set_index("year")
    common = balance.index.intersection(share.index)
    assert (balance.loc[common, "total"] - share.loc[common, "total"]).abs().max() < 1e-6
    bilateral = kd.goods_trade("USA").set_index(["year", "flow"])
    partner = kd.load("us_goods_trade_by_partner_annual")
    korea = partner[partner["partner_code"] == "5800"].set_index(["year", "flow"])
    joined = bilateral.join(korea.add_suffix("_partner"), how="inner")
    assert (joined["value_usd_millions"] == joined["value_usd_millions_partner"]).all()
    assert (joined["source_id"] == joined["source_id_partner"]).all()
    # Where Korea's figure comes from a later release than the world total, the share says so.
    mixed = share[~share["same_release"]]
    assert not mixed.empty and (mixed["source_id"] != mixed["world_source_id"]).all()


def test_revisions_kinds_and_the_earliest_value_held():
    history = kd.revisions("goods_trade_monthly", period="2019-03", flow="import")
    # the package's earliest release of it is of October 2019 (its first print came out in
    # May 2019); the report of May 2021 data carries the annual revision of June 2021
    assert history["kind"].tolist() == ["earliest_held", "revision", "revision", "revision"]
    assert history["source_id"].iloc[2] == "census-usato-country-imports-2021-05"
    assert history["change_usd_millions"].iloc[1:].notna().all()
    summary = kd.revisions("goods_trade_monthly", earliest=True)
    assert summary["earliest_released"].le(summary["latest_released"]).all()
    assert (summary["revisions"] > 0).sum() >= 200
    with pytest.warns(FutureWarning, match="earliest"):
        old_name = kd.revisions("goods_trade_monthly", first_release=True)
    pd.testing.assert_frame_equal(old_name, summary)
    with pytest.raises(ValueError, match="Tables with vintages"):
        kd.revisions("claims")
    with pytest.raises(ValueError, match="not a filter"):
        kd.revisions("goods_trade_monthly", year=2019)
    with pytest.raises(ValueError, match="values run"):
        kd.revisions("goods_trade_monthly", period="1900-01")


def test_every_release_of_the_vintage_tables_is_registered_and_dated():
    releases = set(kd.load("releases")["release_id"])
    official = {"census-", "bea-", "imf-"}
    for name, definition in VINTAGES_OF.items():
        used = set(kd.load(definition.name)["source_id"])
        assert {s for s in used if any(s.startswith(p) for p in official)} <= releases, name


def _frames():
    names = [*VINTAGES_OF, *(t.name for t in VINTAGES_OF.values()), "releases", "sources"]
    return {n: kd.load(n) for n in names}


def test_the_vintage_gate_passes_and_catches_overlaps_gaps_and_drift():
    frames = _frames()
    assert all(r.status == "pass" for r in provenance.vintages_consistent(frames))
    monthly = frames["goods_trade_monthly_vintages"]
    revised = monthly[monthly["realtime_end"].notna()].index[0]

    overlap = dict(frames, goods_trade_monthly_vintages=monthly.copy())
    overlap["goods_trade_monthly_vintages"].loc[revised, "realtime_end"] += pd.Timedelta(days=3)
    gap = dict(frames, goods_trade_monthly_vintages=monthly.copy())
    gap["goods_trade_monthly_vintages"].loc[revised, "realtime_end"] -= pd.Timedelta(days=3)
    drift = dict(frames, goods_trade_monthly=frames["goods_trade_monthly"].copy())
    drift["goods_trade_monthly"].loc[0, "value_usd_millions"] += 1
    misdated = dict(frames, goods_trade_monthly_vintages=monthly.copy())
    misdated["goods_trade_monthly_vintages"].loc[0, "realtime_start"] -= pd.Timedelta(days=1)
    for broken, words in (
        (overlap, "not when the next"),
        (gap, "not when the next"),
        (drift, "must agree"),
        (misdated, "became public on"),
    ):
        results = provenance.vintages_consistent(broken)
        failed = [f for r in results if r.status == "fail" for f in r.examples]
        assert failed and any(words in str(f) for f in failed), words


def test_fact_check_as_of_the_fact_sheet():
    with pytest.warns(kd.StaleVintageWarning) as caught:
        then = kd.check_claims(as_of="2019-06-30")
    said = [str(w.message) for w in caught]
    assert any("the Census Bureau had published data through 2019-04" in m for m in said)
    # BEA's positions of 2017 were out; the package's nearest are older
    assert any("BEA had published data through 2017 (released 2018-07-30)" in m for m in said)
    assert then.attrs["as_of"]["release_id"] == "census-country-xlsx-2018-08"
    then = then.set_index("claim_id")
    now = kd.check_claims().set_index("claim_id")
    assert then.loc["goods-two-way-2018", "verdict"] == "not verifiable"
    assert now.loc["goods-two-way-2018", "verdict"] == "supported"
    assert then.loc["korea-closest-partner-2018", "verdict"] == "not verifiable"
    for claim in ("goods-two-way-2018", "korea-closest-partner-2018"):
        said = then.loc[claim, "explanation"]
        assert "the package holds no release current on that day" in said, said
        assert "census-country-xlsx-2018-08 (data through 2018-08)" in said, said
    # BEA published its 2018 figures before that day (the fact sheet quotes them): the
    # package only lacks that release, and says so rather than that nothing was published
    said = then.loc["services-two-way-2018", "explanation"]
    assert "the package holds no release of bop_trade_annual from that day or before" in said
    assert "had been published by that day" not in said


def test_review_corrections():
    events = kd.load("investment_project_events").set_index(["project_id", "date"])
    scope = events["amount_scope"]
    assert scope[("hyundai-motor-group-plan-2025", "2025-08-26")] == "total_project"
    assert scope[("samsung-texas-chips-program", "2024-04-15")] == "total_project"
    assert scope[("lotte-westlake-lake-charles-ethylene", "2019-11")] == "sale_proceeds"
    assert "hanwha-defense-pine-bluff" in set(kd.load("investment_projects")["project_id"])
    note = kd.load("sources").set_index("source_id").loc["usitc-2007-korus-report-di-2005", "notes"]
    assert "not used" not in note and "2005" in note
    partners = kd.load("us_goods_trade_by_partner_annual")
    groups = partners[partners["partner_code"].isin(["0005", "0021"])]
    assert not (groups["flow"] == "export").any()  # import-only groups: no export rows
    ussr = partners[partners["partner_code"] == "4610"]
    by_year = ussr.groupby("year")["value_usd_millions"].sum()
    assert by_year.iloc[-1] > 0 and by_year.index.max() < 1995  # no zeros after the code ended
    assert (partners["value_usd_millions"] == 0).sum() > 250  # measured zeros stay


def test_as_of_names_the_release_it_used_and_the_one_in_force():
    with pytest.warns(kd.StaleVintageWarning) as caught:
        frame = kd.load("goods_trade_monthly", as_of="2024-08-05")
    assert str(caught[0].message) == (
        "as of 2024-08-05 the Census Bureau had published data through 2024-05 (released "
        "2024-07-03); this package's nearest earlier release is census-country-xlsx-2023-01 "
        "(data through 2023-01)"
    )
    assert len(caught) == 1 and caught[0].filename == __file__  # warned at the caller
    record = frame.attrs["as_of"]
    assert record["requested"] == "2024-08-05"
    assert (record["release_id"], record["data_through"]) == (
        "census-country-xlsx-2023-01",
        "2023-01",
    )
    assert (record["official_data_through"], record["official_release"]) == (
        "2024-05",
        "2024-07-03",
    )
    assert frame["period"].max() == "2023-01"


def test_as_of_a_day_the_package_holds_the_release_in_force_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = kd.load("goods_trade_monthly", as_of="2024-08-06")
        summed = kd.goods_trade(frequency="monthly", years=2024, as_of="2024-10-08")
    assert frame.attrs["as_of"]["official_data_through"] == "2024-06" == frame["period"].max()
    assert summed.attrs["as_of"]["release_id"] == "census-country-xlsx-2024-08"
    bea = kd.load("bop_trade_annual", as_of="2025-03-10").attrs["as_of"]
    assert bea["release_id"] == "bea-trade-by-country-2025-03-06"
    assert bea["official_data_through"] == "2025-01"  # the release its workbook came with


def test_an_accessor_warns_once_and_lists_every_table_it_read():
    with pytest.warns(kd.StaleVintageWarning) as caught:
        balance = kd.trade_balance(as_of="2019-06-30")
    assert len([w for w in caught if w.category is kd.StaleVintageWarning]) == 1
    assert balance.attrs["as_of"]["release_id"] == "census-country-xlsx-2018-08"


def test_the_calendar_says_which_release_was_in_force_and_whether_it_is_held():
    calendar = kd.releases()
    assert calendar["data_through"].is_monotonic_increasing
    assert calendar["data_through"].iloc[0] == "2018-08"
    months = pd.PeriodIndex(calendar["data_through"], freq="M")
    assert (pd.Series(months.asi8).diff().iloc[1:] == 1).all()  # one a month, none missing
    assert (
        calendar["released"].iloc[1:].to_numpy() == calendar["replaced"].iloc[:-1].to_numpy()
    ).all()
    held = set(calendar.loc[calendar["held"], "data_through"])
    assert held == {
        "2018-08",
        "2019-10",
        "2020-08",
        "2021-03",
        "2021-05",
        "2022-01",
        "2023-01",
        "2024-06",
        "2024-08",
        "2025-11",
        "2026-01",
        "2026-04",
    }
    assert calendar["source_id"].str.startswith("census-ft900-").all()
    day = kd.releases(as_of="2019-06-30").iloc[0]
    assert (day["data_through"], f"{day['released']:%Y-%m-%d}", day["held"]) == (
        "2019-04",
        "2019-06-06",
        False,
    )
    with pytest.raises(ValueError, match="before the calendar's first release"):
        kd.releases(as_of="2018-01-01")


def test_a_first_print_is_only_the_release_that_first_published_its_month():
    history = kd.revisions("goods_trade_monthly")
    releases = kd.load("releases").set_index("release_id")
    first = history[history["kind"] == "first_print"]
    assert (first["source_id"].map(releases["data_through"]) == first["period"]).all()
    # every other earliest value came with a later release than the month's own
    held = history[history["kind"] == "earliest_held"]
    assert (held["source_id"].map(releases["data_through"]) > held["period"]).all()
    assert len(first) == 24 and len(held) == 992 - 24
    annual = kd.revisions("goods_trade_annual")
    assert "first_print" not in set(annual["kind"])  # no held release has December data


def test_the_calendar_gate_catches_a_held_release_on_the_wrong_day():
    frames = {n: kd.load(n) for n in ("releases", "release_calendar")}
    assert [r.status for r in calendar_gate.releases_match_calendar(frames)] == ["pass"]
    moved = frames["releases"].copy()
    moved.loc[moved["release_id"] == "census-country-xlsx-2023-01", "released"] = "2023-03-07"
    capture = moved["release_id"] == "census-c5800-capture-2026-06-17-monthly"
    moved.loc[capture, "released"] = "2026-06-01"  # before its release came out
    late = frames["releases"]["release_id"] == "census-c5800-capture-2026-02-13-monthly"
    moved.loc[late, "released"] = "2026-03-01"  # after the next release: a stale copy
    results = calendar_gate.releases_match_calendar({**frames, "releases": moved})
    failed = [f.message for r in results if r.status == "fail" for f in r.examples]
    warned = [f.message for r in results if r.status == "warn" for f in r.examples]
    assert any("dated 2023-03-08" in s for s in failed)
    assert any("before the release of 2026-04 data" in s for s in failed)
    assert any("a stale copy" in s for s in warned) and len(failed) == 2
