"""``korus-data refresh bea`` (BEA's MNE dataset) against a real HTTP server on loopback
serving replies in the documented ``BEAAPI`` shapes."""

from __future__ import annotations

import pytest
from bea_replies import ita_rows, position_rows, serve_bea
from helpers import snapshot
from loopback import Loopback, Reply, ok

import korus_data as kd
from korus_data.pipeline.refresh import run_refresh
from korus_data.pipeline.refresh.http import Fetcher, FetchError
from korus_data.validation import validate

KEY = "BEA-k3y-0123456789ABCDEF"


def _korea_services_exports_2023(frame):
    """The rows of Korea's 2023 services exports (the figure the ITA tests revise)."""
    return frame[
        (frame.partner == "KOR")
        & (frame.year == 2023)
        & (frame.account == "services")
        & (frame.flow == "export")
    ]


def refresh(root, server, tmp_path, **options):
    fetcher = Fetcher(cache_dir=tmp_path / "cache", timeout=5, retries=2, backoff=0.01)
    return run_refresh(
        root,
        services=["bea"],
        api_base=server.url + "/",
        bea_key=KEY,
        fetcher=fetcher,
        report_path=tmp_path / "report.json",
        **options,
    )


def test_figures_equal_to_the_published_ones_change_nothing(root, tmp_path):
    before = snapshot(root)
    with Loopback() as server:
        serve_bea(server, root, list_shaped=True)
        report = refresh(root, server, tmp_path)
    assert report.changes == [] and snapshot(root) == before
    data = [q for _, q in server.requests if q.get("method") == ["GetData"]]
    mne = [q for q in data if q["DataSetName"] == ["MNE"]]
    positions = [q for q in mne if q["SeriesID"] == ["4"]]
    assert [q["Country"] for q in positions] == [["all"], ["all"]]  # every country at once
    affiliates = [q for q in mne if q["SeriesID"] != ["4"]]
    assert {q["Country"][0] for q in affiliates} == {"340"}  # read from GetParameterValues
    assert sorted(q["SeriesID"][0] for q in affiliates) == ["10", "8", "9"]
    ita = [q for q in data if q["DataSetName"] == ["ITA"]]
    assert {q["AreaOrCountry"][0] for q in ita} == {"KoreaRepOf"}
    assert sorted(q["Indicator"][0] for q in ita) == ["ExpGds", "ExpServ", "ImpGds", "ImpServ"]
    assert all(q["UserID"] == [KEY] for _, q in server.requests)


def test_a_revision_a_new_year_and_a_suppressed_cell(root, tmp_path):
    inward = position_rows(
        root, "KOR", revise={2016: 42500.0}, add={2021: 70000.0}, suppressed=[2022]
    )
    with Loopback() as server:
        serve_bea(server, root, inward=inward)
        report = refresh(root, server, tmp_path)
    kinds = sorted((c.table, c.kind, c.key["year"]) for c in report.changes)
    assert kinds == [
        ("direct_investment_position_annual", "new", "2021"),
        ("direct_investment_position_annual", "revised", "2016"),
        ("direct_investment_position_by_partner_annual", "new", "2021"),
        ("direct_investment_position_by_partner_annual", "revised", "2016"),
    ]
    assert any("South Korea 2022: (D) (suppressed), no row" in n for n in report.reconciliation)
    positions = kd.load("direct_investment_position_annual", root=root)
    korea = positions[positions.investor == "KOR"].set_index("year")
    assert korea.loc[2016, "value_usd_millions"] == 42500.0 and 2022 not in korea.index
    assert korea.loc[2021, "source_id"].startswith("bea-mne-inward-position-")
    every = kd.load("direct_investment_position_by_partner_annual", root=root)
    mine = every[(every.iso3 == "KOR") & (every.direction == "inward")].set_index("year")
    assert mine.loc[2021, "source_id"] == korea.loc[2021, "source_id"]  # one release, both
    vintages = kd.load("direct_investment_position_annual_vintages", root=root)
    assert 42426.0 in set(
        vintages[(vintages.investor == "KOR") & (vintages.year == 2016)].value_usd_millions
    )


def test_official_figures_end_the_press_figures_of_the_same_year(root, tmp_path):
    inward = position_rows(root, "KOR", add={2018: 57500.0})
    with Loopback() as server:
        serve_bea(server, root, inward=inward)
        refresh(root, server, tmp_path)
    vintages = kd.load("direct_investment_position_annual_vintages", root=root)
    year = vintages[(vintages.investor == "KOR") & (vintages.year == 2018)]
    press = year[~year.source_id.str.startswith("bea-")]
    assert len(press) >= 1 and press.realtime_end.notna().all()  # kept in the history


def test_a_bad_key_is_named_and_redacted(root, tmp_path):
    error = {
        "BEAAPI": {
            "Request": {"RequestParam": [{"ParameterName": "USERID", "ParameterValue": KEY}]},
            "Error": {"APIErrorCode": "3", "APIErrorDescription": f"The UserID {KEY} is invalid."},
        }
    }
    before = snapshot(root)
    with Loopback() as server:
        server.route("/", ok(error))
        with pytest.raises(FetchError, match="BEA error 3") as caught:
            refresh(root, server, tmp_path)
    assert KEY not in str(caught.value) and "BEA_API_KEY" in str(caught.value)
    assert snapshot(root) == before
    written = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert all(KEY.encode() not in p.read_bytes() for p in written if p.name.endswith("meta.json"))


def test_a_lock_out_stops_at_once_with_when_to_try_again(root, tmp_path):
    locked = Reply(
        429,
        '{"BEAAPI":{"Error":{"APIErrorCode":"429","APIErrorDescription":'
        '"Too many requests; the key is locked out for one hour"}}}',
        {"Retry-After": "3600"},
    )
    waits = []
    with Loopback() as server:
        server.route("/", locked)
        fetcher = Fetcher(cache_dir=tmp_path, timeout=5, retries=3, backoff=1.0, sleep=waits.append)
        with pytest.raises(FetchError, match=r"HTTP 429: BEA has locked the key out.*wait an hour"):
            run_refresh(
                root, services=["bea"], api_base=server.url + "/", bea_key=KEY, fetcher=fetcher
            )
        assert len(server.requests) == 1  # never retried with the locked key
    assert not [w for w in waits if w >= 1.0]


def test_a_passing_server_error_backs_off_then_stops(root, tmp_path):
    waits = []
    with Loopback() as server:
        server.route("/", Reply(503, "busy"))
        fetcher = Fetcher(cache_dir=tmp_path, timeout=5, retries=3, backoff=1.0, sleep=waits.append)
        with pytest.raises(FetchError, match=r"HTTP 503.*after 4 tries"):
            run_refresh(
                root, services=["bea"], api_base=server.url + "/", bea_key=KEY, fetcher=fetcher
            )
    assert [w for w in waits if w >= 1.0] == [1.0, 2.0, 4.0]  # growing waits, never a tight loop


def test_malformed_json_is_named(root, tmp_path):
    with Loopback() as server:
        server.route("/", Reply(200, '{"BEAAPI": {"Results": '))
        with pytest.raises(FetchError, match="not valid JSON"):
            refresh(root, server, tmp_path)


def test_ita_revises_and_extends_the_balance_of_payments_tables(root, tmp_path):
    quarters = {f"2023-Q{q}": 5000.0 for q in range(1, 5)}
    revised = ita_rows(
        root,
        "ExpServ",
        revise={"ExpServ": {"2023": 20000.0, **quarters}},
        add={"ExpServ": {"2025": 21000.0}},
    )
    with Loopback() as server:
        serve_bea(server, root, ita={"ExpServ": revised})
        report = refresh(root, server, tmp_path)
    annual = sorted((c.kind, c.key["year"]) for c in report.changes if "year" in c.key)
    assert annual == [("new", "2025"), ("revised", "2023")]
    quarterly = sorted(c.key["period"] for c in report.changes if "period" in c.key)
    assert quarterly == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    assert any(line.startswith("2023 services export") for line in report.reconciliation)
    assert validate(root).ok
    annual = kd.load("bop_trade_annual", root=root)
    row = _korea_services_exports_2023(annual)
    assert row.value_usd_millions.item() == 20000.0
    assert row.source_id.item().startswith("bea-ita-expserv-korea-")
    history = kd.load("bop_trade_annual_vintages", root=root)
    same = _korea_services_exports_2023(history)
    assert len(same) == 2 and same.realtime_end.notna().sum() == 1  # the workbook's value kept


def test_services_by_type_fill_their_refresh_only_table(root, tmp_path):
    rows = [
        {
            "TypeOfService": "Travel",
            "TradeDirection": "Exports",
            "Affiliation": "AllAffiliations",
            "TimePeriod": "2023",
            "UNIT_MULT": "6",
            "DataValue": "5,432",
        },
        {
            "TypeOfService": "Transport",
            "TradeDirection": "Imports",
            "Affiliation": "AllAffiliations",
            "TimePeriod": "2023",
            "UNIT_MULT": "6",
            "DataValue": "(D)",
        },
        {
            "TypeOfService": "Travel",
            "TradeDirection": "Balance",
            "Affiliation": "AllAffiliations",
            "TimePeriod": "2023",
            "UNIT_MULT": "6",
            "DataValue": "1,000",
        },
    ]
    with Loopback() as server:
        serve_bea(server, root, services=rows)
        report = refresh(root, server, tmp_path)
    assert [(c.table, c.kind) for c in report.changes] == [("services_trade_by_type_annual", "new")]
    table = kd.load("services_trade_by_type_annual", root=root)
    assert table[["type_of_service", "flow", "value_usd_millions"]].values.tolist() == [
        ["Travel", "export", 5432.0]
    ]
    descriptor = (root / "datapackage.json").read_text()
    assert '"name": "services_trade_by_type_annual"' in descriptor


def test_affiliates_are_added_and_a_different_figure_is_listed_not_applied(root, tmp_path):
    employment = [
        {"Year": "2021", "DataValue": "79.1", "TableScale": "Thousands of employees"},
        {"Year": "2022", "DataValue": "(D)", "TableScale": "Thousands of employees"},
    ]
    exports = [{"Year": "2021", "DataValue": "12,345", "TableScale": "Millions of Dollars"}]
    with Loopback() as server:
        serve_bea(server, root, affiliates={"8": employment, "10": exports})
        refresh(root, server, tmp_path)
        table = kd.load("affiliate_operations_annual", root=root)
        bea = table[table.source_id.str.startswith("bea-mne-affiliates-")]
        assert sorted(zip(bea.measure, bea.value, bea.ownership, strict=True)) == [
            ("employment", 79100.0, "majority_owned"),
            ("exports_of_goods", 12345.0, "majority_owned"),
        ]
        changed = [{**employment[0], "DataValue": "80.0"}]
        serve_bea(server, root, affiliates={"8": changed})
        report = refresh(root, server, tmp_path)
    assert report.changes == []
    assert any(
        "79,100 kept" in line and "80,000 from BEA: not applied" in line
        for line in report.reconciliation
    )


def test_the_lock_out_message_says_to_wait(root, tmp_path):
    locked = {
        "BEAAPI": {
            "Error": {
                "APIErrorCode": "1",
                "APIErrorDescription": "Your API key has exceeded the request limit "
                "and is locked out for one hour.",
            }
        }
    }
    with Loopback() as server:
        server.route("/", ok(locked))
        with pytest.raises(FetchError, match="wait, then run again"):
            refresh(root, server, tmp_path)
    assert len(server.requests) == 1  # an error envelope is not retried


def test_a_reply_slower_than_the_timeout(root, tmp_path):
    with Loopback() as server:
        server.route("/", Reply(200, "{}", delay=1.5))
        fetcher = Fetcher(cache_dir=tmp_path, timeout=0.5, retries=1, backoff=0.01)
        with pytest.raises(FetchError, match=r"no reply within 0.5 s after 2 tries") as caught:
            run_refresh(
                root, services=["bea"], api_base=server.url + "/", bea_key=KEY, fetcher=fetcher
            )
    assert KEY not in str(caught.value)


def test_refresh_all_asks_for_every_key_before_any_request(root, monkeypatch, capsys):
    from korus_data.cli import main

    monkeypatch.setenv("CENSUS_API_KEY", "census-key")
    monkeypatch.delenv("BEA_API_KEY", raising=False)
    assert main(["refresh", "all", "--root", str(root), "--api-base", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "BEA_API_KEY" in err and "https://apps.bea.gov/api/signup/" in err


def test_an_all_countries_reply_adds_later_years_for_every_country(root, tmp_path):
    inward = position_rows(root, "KOR") + [
        {"Year": "2020", "Row": row, "DataValue": value, "SeriesID": "4"}
        for row, value in (
            ("All countries", "4,500,000"),
            ("Europe", "2,900,000"),
            ("Other", "40,000"),
            ("Japan", "600,000"),
            ("South Korea", "64,000"),
            ("United Kingdom", "500,000"),
            ("Luxembourg", "(D)"),
        )
    ]
    with Loopback() as server:
        serve_bea(server, root, inward=inward)
        refresh(root, server, tmp_path)
    every = kd.load("direct_investment_position_by_partner_annual", root=root)
    year = every[(every.direction == "inward") & (every.year == 2020)].set_index("partner")
    assert set(year.index) == {
        "All countries",
        "Europe",
        "Europe: Other",
        "Japan",
        "South Korea",
        "United Kingdom",
    }
    assert year.loc["Europe: Other", "partner_kind"] == "residual"
    assert year.loc["Japan", "iso3"] == "JPN" and "Luxembourg" not in year.index


def test_an_unknown_partner_label_stops_the_refresh(root, tmp_path):
    inward = [*position_rows(root, "KOR"), {"Year": "2020", "Row": "Atlantis", "DataValue": "5"}]
    before = snapshot(root)
    with Loopback() as server:
        serve_bea(server, root, inward=inward)
        with pytest.raises(FetchError, match=r"'Atlantis'.*bea_partner_codes\.csv"):
            refresh(root, server, tmp_path)
    assert snapshot(root) == before


@pytest.mark.slow
def test_a_rebuild_from_files_keeps_what_refreshes_recorded(
    root, tmp_path, source_pack, monkeypatch
):
    from census_replies import serve_census

    from korus_data.pipeline import BuildInputs, run_build

    quarters = {f"2023-Q{q}": 5000.0 for q in range(1, 5)}
    revised = ita_rows(root, "ExpServ", revise={"ExpServ": {"2023": 20000.0, **quarters}})
    with Loopback() as server:
        serve_bea(server, root, ita={"ExpServ": revised})
        refresh(root, server, tmp_path)
    with Loopback() as server:
        serve_census(server, root, add={"export": {"2026-05": 7012.345678}})
        run_refresh(
            root,
            api_base=server.url,
            key="census-key",
            fetcher=Fetcher(cache_dir=tmp_path / "c", timeout=5, retries=0),
            report_path=tmp_path / "census-report.json",
        )
    # the two files whose series the refreshes touched, rebuilt as a whole-pack build would
    pack = BuildInputs.from_source_pack(source_pack)
    run_build(root, census_workbook=pack.census_workbook, bea_workbook=pack.bea_workbook)
    annual = kd.load("bop_trade_annual", root=root)
    row = _korea_services_exports_2023(annual)
    assert row.value_usd_millions.item() == 20000.0  # the later release still wins
    history = kd.load("bop_trade_annual_vintages", root=root)
    same = _korea_services_exports_2023(history)
    assert len(same) == 2
    monthly = kd.load("goods_trade_monthly", root=root)
    assert ((monthly.period == "2026-05") & (monthly.flow == "export")).any()
    assert validate(root).ok
