"""Korean investment projects: keys, vocabularies, no double counting, dates, the fact sheet."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

import korus_data as kd

#: The six projects the June 2019 fact sheet names.
FACT_SHEET_PROJECTS = (
    "lotte-westlake-lake-charles-ethylene",
    "lg-electronics-clarksville-washers",
    "sk-battery-america-commerce",
    "hanwha-qcells-dalton",
    "lg-electronics-hazel-park-ev-components",
    "hyundai-kia-us-plan-2017",
)


def test_every_event_belongs_to_a_project_and_has_a_registered_source():
    events = kd.load("investment_project_events")
    assert set(events["project_id"]) <= set(kd.load("investment_projects")["project_id"])
    sources = kd.load("sources").set_index("source_id")
    assert events["source_id"].notna().all()
    assert set(events["source_id"]) <= set(sources.index)
    assert sources.loc[events["source_id"].unique(), "url"].str.startswith("http").all()


def test_every_project_has_an_event():
    events = kd.load("investment_project_events")
    assert set(kd.load("investment_projects")["project_id"]) == set(events["project_id"])


def test_month_precision_dates_never_get_a_day():
    events = kd.load("investment_project_events")
    lengths = events["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    assert (lengths == events["date_precision"]).all()
    months = events[events["date_precision"] == "month"]
    assert len(months) > 10 and months["date"].str.fullmatch(r"\d{4}-\d{2}").all()


def test_the_six_fact_sheet_projects_are_present():
    projects = kd.load("investment_projects").set_index("project_id")
    flagged = set(projects.index[projects["in_2019_fact_sheet"]])
    assert flagged == set(FACT_SHEET_PROJECTS) and len(flagged) == 6
    assert projects.loc["hanwha-qcells-dalton", "state"] == "GA"
    assert projects.loc["hyundai-kia-us-plan-2017", "kind"] == "plan"


def test_a_project_with_several_amounts_counts_once_at_its_latest_total():
    amounts = kd.latest_amounts().set_index("project_id")
    events = kd.project_events("lotte-westlake-lake-charles-ethylene")
    assert (events["amount_usd_millions"] == 3100).sum() >= 3  # stated at several events
    assert amounts.loc["lotte-westlake-lake-charles-ethylene", "amount_usd_millions"] == 3100
    by_state = kd.investment_by_state().set_index("state")
    louisiana = amounts[amounts["state"] == "LA"]["amount_usd_millions"].sum()
    assert by_state.loc["LA", "amount_usd_millions"] == louisiana


def test_totals_equal_the_sum_of_one_amount_per_project():
    amounts = kd.latest_amounts()
    assert amounts["project_id"].is_unique
    assert kd.investment_by_state()["amount_usd_millions"].sum() == pytest.approx(
        amounts["amount_usd_millions"].sum()
    )
    assert kd.investment_by_sector()["amount_usd_millions"].sum() == pytest.approx(
        amounts["amount_usd_millions"].sum()
    )


def test_expansion_increments_are_never_a_projects_total():
    events = kd.load("investment_project_events")
    increments = events[events["amount_scope"] == "increment"]
    assert set(increments["event"]) <= {
        "expansion_announced",
        "expansion",
        "expansion_completed",
        "divested",
    }
    kia = kd.latest_amounts().set_index("project_id").loc["kia-georgia-west-point"]
    assert kia["expansions"] >= 1 and kia["amount_usd_millions"] == 1100
    with pytest.raises(ValueError, match="'total_project'"):
        kd.investment_by_state(scope="increment")


def test_plans_are_never_mixed_with_sites():
    sites = kd.investment_by_state(kind="site")["projects"].sum()
    plans = kd.investment_by_state(kind="plan")["projects"].sum()
    assert sites == len(kd.investment_projects(kind="site"))
    assert plans == len(kd.investment_projects(kind="plan"))


def test_conflicting_reports_are_both_kept():
    events = kd.project_events("hankook-clarksville")
    expansion = events[events["date"] == "2022-08-29"]
    assert sorted(expansion["amount_usd_millions"]) == [612.0, 1600.0]


def test_amounts_are_only_kept_when_the_source_states_them():
    events = kd.load("investment_project_events")
    emptied = events[events["note"].fillna("").str.contains("Amount left empty")]
    assert len(emptied) == 9
    assert emptied["amount_usd_millions"].isna().all()


def test_every_amount_is_one_its_source_gives_in_the_extract(source_pack):
    """Curated amounts trace back: the extract row of the same address states the same amount.

    Events whose source replaced a weaker one (not in the extract) are checked by their note.
    """
    extract = pd.read_csv(source_pack / "extracts" / "investment_projects.csv", dtype=str)
    by_url = extract.groupby("source_url")["amount_musd"].agg(
        lambda values: {float(v) for v in values.dropna()}
    )
    urls = kd.load("sources").set_index("source_id")["url"]
    events = kd.load("investment_project_events").dropna(subset=["amount_usd_millions"])
    checked = 0
    for event in events.itertuples():
        url = urls[event.source_id]
        if url in by_url.index:
            assert event.amount_usd_millions in by_url[url], (event.project_id, event.date)
            checked += 1
    assert checked >= 120


def test_filters_and_status():
    georgia = kd.investment_projects(state="GA", since=2019)
    assert (georgia["state"] == "GA").all() and (georgia["first_year"] >= 2019).all()
    lg = kd.investment_projects(group="LG")
    assert "hl-ga-battery-ellabell" in set(lg["project_id"])  # "Hyundai Motor Group; LG"
    status = kd.project_status().set_index("project_id")
    assert status.loc["ultium-cells-fourth-plant", "status"] == "cancelled"
    assert set(kd.investment_projects(status="cancelled")["project_id"]) == {
        "ultium-cells-fourth-plant"
    }


@pytest.mark.parametrize(
    "kwargs, allowed",
    [
        ({"state": "Georgia"}, "'GA'"),
        ({"sector": "cars"}, "'automotive'"),
        ({"group": "Hyundai"}, "'Hyundai Motor Group'"),
        ({"status": "done"}, "'opened'"),
        ({"since": "2019"}, "a year"),
    ],
)
def test_bad_filters_name_what_is_allowed(kwargs, allowed):
    with pytest.raises(ValueError, match=allowed):
        kd.investment_projects(**kwargs)


def test_unknown_project_suggests_close_ids():
    with pytest.raises(ValueError, match="did you mean 'hanwha-qcells-dalton'"):
        kd.project_events("hanwha-qcells-daltn")


def test_cli_projects(capsys):
    from korus_data.cli import main

    assert main(["projects", "--state", "GA", "--format", "csv"]) == 0
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert set(frame["state"]) == {"GA"} and "hyundai-metaplant-america" in set(frame["project_id"])


def test_one_occurrence_reported_twice_is_counted_once():
    """Two rows of one project and event on agreeing dates (a day within the month another
    source gives) are one occurrence: all but one name the counted row in same_event_as."""
    events = kd.load("investment_project_events")
    counted = events[events["same_event_as"].isna()]
    for (_, _), rows in counted.groupby(["project_id", "event"]):
        dates = sorted(rows["date"])
        for a, b in itertools.combinations(dates, 2):
            assert not (b.startswith(a) or a.startswith(b)), rows[["project_id", "date"]]
    once = kd.project_events(repeats=False)
    assert len(once) == len(counted) < len(events)
    opened = once[(once["project_id"] == "lotte-westlake-lake-charles-ethylene")]
    assert (opened["event"] == "opened").sum() == 1
    for project in ("hyundai-kia-us-plan-2017", "hyundai-motor-group-plan-2025"):
        rows = once[(once["project_id"] == project) & (once["event"] == "announced")]
        assert len(rows) == 1, project
    taylor = once[(once["project_id"] == "samsung-taylor-fab") & (once["date"] == "2021-11-23")]
    assert len(taylor) == 1


def test_a_repeat_must_name_a_counted_row_on_an_agreeing_date():
    from korus_data.schema.tables import TABLES
    from korus_data.schema.to_pandera import pandera_schema

    events = kd.load("investment_project_events")
    wrong = events.copy()
    row = wrong.index[wrong["same_event_as"].notna()][0]
    wrong.loc[row, "same_event_as"] = "no-such-source"
    with pytest.raises(Exception, match="repeats_a_counted_row"):
        pandera_schema(TABLES["investment_project_events"]).validate(wrong, lazy=True)
