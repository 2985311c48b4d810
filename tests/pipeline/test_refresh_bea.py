"""``korus-data refresh bea`` (BEA's MNE dataset) against a real HTTP server on loopback
serving replies in the documented ``BEAAPI`` shapes."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from helpers import copy_package, snapshot
from loopback import Loopback, Reply, ok

import korus_data as kd
from korus_data.pipeline.refresh import run_refresh
from korus_data.pipeline.refresh.http import Fetcher, FetchError
from korus_data.validation import validate

KEY = "BEA-k3y-0123456789ABCDEF"
COUNTRIES = {"BEAAPI": {"Results": {"ParamValue": [
    {"Key": "308", "Desc": "Japan"}, {"Key": "340", "Desc": "Korea, Republic of"},
    {"Key": "000", "Desc": "All Countries Total"}]}}}  # fmt: skip
SERIES = {"BEAAPI": {"Results": {"ParamValue": [
    {"Key": "4", "Desc": "Direct Investment Position"},
    {"Key": "5", "Desc": "Direct Investment Income"}]}}}  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return copy_package(tmp_path_factory.mktemp("bea") / "pkg")


@pytest.fixture
def root(tmp_path, pristine):
    shutil.copytree(pristine, tmp_path / "pkg")
    return tmp_path / "pkg"


def bea_rows(root, investor, revise=None, add=None, suppressed=()):
    """MNE Data rows from the package's official BEA figures of one direction."""
    table = pd.read_csv(root / "data" / "direct_investment_position_annual.csv", dtype=str)
    mine = table[(table.investor == investor) & table.source_id.str.startswith("bea-")]
    values = {int(y): float(v) for y, v in zip(mine.year, mine.value_usd_millions, strict=True)}
    values.update(revise or {})
    values.update(add or {})
    rows = [{"Year": str(y), "DataValue": f"{v:,.0f}", "SeriesID": "4", "Column": "Korea"}
            for y, v in sorted(values.items())]  # fmt: skip
    rows += [{"Year": str(y), "DataValue": "(D)", "SeriesID": "4"} for y in suppressed]
    return rows


def serve(server, root, inward=None, outward=None, list_shaped=False):
    server.route("/", ok(COUNTRIES), when={"ParameterName": "Country"})
    server.route("/", ok(SERIES), when={"ParameterName": "SeriesID"})
    for direction, investor, rows in (("inward", "KOR", inward), ("outward", "USA", outward)):
        results = {"Data": rows if rows is not None else bea_rows(root, investor)}
        body = {"BEAAPI": {"Results": [results] if list_shaped else results}}
        server.route("/", ok(body), when={"DirectionOfInvestment": direction})


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
        serve(server, root, list_shaped=True)
        report = refresh(root, server, tmp_path)
    assert report.changes == [] and snapshot(root) == before
    data = [q for _, q in server.requests if q.get("method") == ["GetData"]]
    assert {q["Country"][0] for q in data} == {"340"} and {q["SeriesID"][0] for q in data} == {"4"}


def test_a_revision_a_new_year_and_a_suppressed_cell(root, tmp_path):
    inward = bea_rows(root, "KOR", revise={2016: 42500.0}, add={2021: 70000.0}, suppressed=[2022])
    with Loopback() as server:
        serve(server, root, inward=inward)
        report = refresh(root, server, tmp_path)
    kinds = sorted((c.kind, c.key["year"]) for c in report.changes)
    assert kinds == [("new", "2021"), ("revised", "2016")]
    assert any("2022: (D) (suppressed), no row" in note for note in report.reconciliation)
    assert validate(root).ok
    positions = kd.load("direct_investment_position_annual", root=root)
    korea = positions[positions.investor == "KOR"].set_index("year")
    assert korea.loc[2016, "value_usd_millions"] == 42500.0 and 2022 not in korea.index
    assert korea.loc[2021, "source_id"].startswith("bea-mne-inward-korea-")
    vintages = kd.load("direct_investment_position_annual_vintages", root=root)
    assert 42426.0 in set(vintages[(vintages.investor == "KOR") & (vintages.year == 2016)]
                          .value_usd_millions)  # fmt: skip


def test_official_figures_end_the_press_figures_of_the_same_year(root, tmp_path):
    inward = bea_rows(root, "KOR", add={2018: 57500.0})
    with Loopback() as server:
        serve(server, root, inward=inward)
        refresh(root, server, tmp_path)
    vintages = kd.load("direct_investment_position_annual_vintages", root=root)
    year = vintages[(vintages.investor == "KOR") & (vintages.year == 2018)]
    press = year[~year.source_id.str.startswith("bea-")]
    assert len(press) >= 1 and press.realtime_end.notna().all()  # kept in the history


def test_a_bad_key_is_named_and_redacted(root, tmp_path):
    error = {"BEAAPI": {"Request": {"RequestParam": [{"ParameterName": "USERID",
             "ParameterValue": KEY}]}, "Error": {"APIErrorCode": "3",
             "APIErrorDescription": f"The UserID {KEY} is invalid."}}}  # fmt: skip
    before = snapshot(root)
    with Loopback() as server:
        server.route("/", ok(error))
        with pytest.raises(FetchError, match="BEA error 3") as caught:
            refresh(root, server, tmp_path)
    assert KEY not in str(caught.value) and "BEA_API_KEY" in str(caught.value)
    assert snapshot(root) == before
    written = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert all(KEY.encode() not in p.read_bytes() for p in written if p.name.endswith("meta.json"))


def test_the_rate_limit_backs_off_then_stops(root, tmp_path):
    locked = Reply(429, '{"BEAAPI":{"Error":{"APIErrorCode":"429","APIErrorDescription":'
                   '"Too many requests; the key is locked out for one hour"}}}')  # fmt: skip
    waits = []
    with Loopback() as server:
        server.route("/", locked)
        fetcher = Fetcher(cache_dir=tmp_path, timeout=5, retries=3, backoff=1.0,
                          sleep=waits.append)  # fmt: skip
        with pytest.raises(FetchError, match=r"HTTP 429.*after 4 tries"):
            run_refresh(root, services=["bea"], api_base=server.url + "/", bea_key=KEY,
                        fetcher=fetcher)  # fmt: skip
    assert [w for w in waits if w >= 1.0] == [1.0, 2.0, 4.0]  # growing waits, never a tight loop


def test_malformed_json_is_named(root, tmp_path):
    with Loopback() as server:
        server.route("/", Reply(200, '{"BEAAPI": {"Results": '))
        with pytest.raises(FetchError, match="not valid JSON"):
            refresh(root, server, tmp_path)
