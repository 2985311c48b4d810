"""``korus-data refresh census`` against a real HTTP server on loopback serving replies in the
Census API's documented shape (no machine here reaches the live API)."""

from __future__ import annotations

import json
import socket

import pandas as pd
import pytest
from census_replies import serve_census, totals_reply
from helpers import snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loopback import Loopback, Reply, ok

import korus_data as kd
from korus_data.errors import BuildError, UsageError
from korus_data.pipeline.refresh import run_refresh
from korus_data.pipeline.refresh.census_api import TOTALS, parse_reply
from korus_data.pipeline.refresh.http import Fetcher, FetchError, OfflineError
from korus_data.pipeline.refresh.run import RemovalRefused
from korus_data.validation import validate

KEY = "k3y-s3cr3t-0123456789"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def refresh(root, server, cache, **options):
    fetcher = Fetcher(
        cache_dir=cache / "raw", timeout=options.pop("timeout", 5), retries=2, backoff=0.01
    )
    return run_refresh(
        root,
        api_base=server.url,
        key=KEY,
        fetcher=fetcher,
        report_path=cache / "report.json",
        **options,
    )


def test_figures_equal_to_the_published_ones_change_nothing(root, cache):
    before = snapshot(root)
    with Loopback() as server:
        serve_census(server, root)
        report = refresh(root, server, cache)
    assert report.changes == [] and report.written == []
    assert snapshot(root) == before
    assert len(server.requests) == 8
    path, query = server.requests[0]
    assert path == "/exports/hs"
    assert query["CTY_CODE"] == ["5800"] and query["time"] == ["from 2010-01"]
    assert query["get"] == ["CTY_CODE,ALL_VAL_MO,ALL_VAL_YR"] and query["key"] == [KEY]


def test_one_revision_and_one_new_month_are_exactly_the_changes(root, cache):
    old = kd.load("goods_trade_monthly", root=root)
    row = old[(old.period == "2015-03") & (old.flow == "export")].iloc[0]
    with Loopback() as server:
        serve_census(
            server,
            root,
            revise={"export": {"2015-03": 4051.234567}},
            add={"import": {"2026-05": 12001.123456}},
        )
        report = refresh(root, server, cache)
    kinds = sorted((c.kind, c.key["period"], c.key["flow"]) for c in report.changes)
    assert kinds == [("new", "2026-05", "import"), ("revised", "2015-03", "export")]
    revised = next(c for c in report.changes if c.kind == "revised")
    assert (revised.old, revised.new) == (row.value_usd_millions, 4051.234567)
    assert revised.old_release == row.source_id
    assert revised.new_release.startswith("census-intltrade-exports-hs-korea-")
    assert validate(root).ok
    new = kd.load("goods_trade_monthly", root=root)
    assert (
        new[(new.period == "2015-03") & (new.flow == "export")].value_usd_millions.item()
        == 4051.234567
    )
    vintages = kd.load("goods_trade_monthly_vintages", root=root)
    history = vintages[(vintages.period == "2015-03") & (vintages.flow == "export")]
    assert row.value_usd_millions in set(history.value_usd_millions)  # kept as a vintage
    assert history.realtime_end.notna().sum() == len(history) - 1
    releases = kd.load("releases", root=root)
    assert set(releases.release_id) >= {revised.new_release}
    saved = json.loads((cache / "report.json").read_text())
    assert saved["counts"] == {"new": 1, "revised": 1, "exact": 0, "removed": 0}


def test_a_dry_run_reports_and_changes_nothing(root, cache):
    before = snapshot(root)
    with Loopback() as server:
        serve_census(server, root, add={"export": {"2026-05": 6001.0}})
        report = refresh(root, server, cache, dry_run=True)
    assert [c.kind for c in report.changes] == ["new"]
    assert "would change" in report.render()
    assert snapshot(root) == before


def test_figures_that_disappear_are_refused_unless_allowed(root, cache):
    before = snapshot(root)
    reply = totals_reply(root, "export")
    dropped = [r for r in reply if r[3] != "2012-06"]
    with Loopback() as server:
        serve_census(server, root)
        server.route("/exports/hs", ok(dropped))
        with pytest.raises(RemovalRefused, match=r"2012-06.*--allow-removals"):
            refresh(root, server, cache)
        assert snapshot(root) == before
        report = refresh(root, server, cache, allow_removals=True)
    assert [(c.kind, c.key["period"]) for c in report.changes] == [("removed", "2012-06")]
    monthly = kd.load("goods_trade_monthly", root=root)
    assert not ((monthly.period == "2012-06") & (monthly.flow == "export")).any()
    vintages = kd.load("goods_trade_monthly_vintages", root=root)
    assert ((vintages.period == "2012-06") & (vintages.flow == "export")).any()


def test_products_and_states_fill_the_refresh_only_tables(root, cache):
    with pytest.raises(UsageError, match="refresh census fills it"):
        kd.load("goods_trade_by_product_monthly", root=root)
    hs2 = [
        [
            "CTY_CODE",
            "E_COMMODITY",
            "E_COMMODITY_LDESC",
            "ALL_VAL_MO",
            "time",
            "COMM_LVL",
            "CTY_CODE",
        ],
        ["5800", "87", "VEHICLES, EXCEPT RAILWAY", "1500000000", "2025-01", "HS2", "5800"],
        ["5800", "27", "MINERAL FUELS", "2000000000", "2025-01", "HS2", "5800"],
    ]
    states = [
        ["CTY_CODE", "STATE", "ALL_VAL_MO", "time"],
        ["5800", "TX", "900000000", "2025-01"],
        ["5800", "CA", "700000000", "2025-01"],
    ]
    with Loopback() as server:
        serve_census(
            server, root, products={("/exports/hs", "HS2"): hs2, ("/exports/statehs", None): states}
        )
        server.route("/exports/statehs", Reply(204), when={"COMM_LVL": "HS2"})
        report = refresh(root, server, cache)
    assert report.count("new") == 4
    products = kd.load("goods_trade_by_product_monthly", root=root)
    assert products.set_index("product_code").value_usd_millions.to_dict() == {
        "27": 2000.0,
        "87": 1500.0,
    }
    by_state = kd.load("us_state_exports_to_korea_monthly", root=root)
    assert set(by_state.product_code) == {"total"} and set(by_state.state) == {"CA", "TX"}
    refreshed = ["goods_trade_by_product_monthly", "us_state_exports_to_korea_monthly"]
    report = validate(root, spec=True, tables=refreshed)  # Frictionless reads the new resources
    assert report.ok and {r.table for r in report.results if r.gate == "frictionless"} >= set(
        refreshed
    )


def _unchanged_after_error(root, cache, reply_or_route, match):
    before = snapshot(root)
    with Loopback() as server:
        serve_census(server, root)
        reply_or_route(server)
        with pytest.raises(FetchError, match=match) as caught:
            refresh(root, server, cache, timeout=0.5)
    assert KEY not in str(caught.value) and "key=***" in str(caught.value)
    assert "census exports/hs" in str(caught.value)
    assert snapshot(root) == before
    return caught.value


def test_the_html_missing_key_redirect_is_named(root, cache):
    redirect = Reply(302, "<html>missing key</html>", {"Location": "/missing_key.html"})
    _unchanged_after_error(
        root,
        cache,
        lambda s: s.route("/exports/hs", redirect),
        "redirected.*missing or invalid key",
    )


def test_429_then_success_is_retried(root, cache):
    with Loopback() as server:
        serve_census(server, root)
        good = server.match("/exports/hs", {})[0]
        server.route("/exports/hs", Reply(429, "Too Many Requests", {"Retry-After": "0"}), good)
        report = refresh(root, server, cache)
    assert report.changes == []
    assert [p for p, _ in server.requests].count("/exports/hs") == 3  # 429, totals, HS2


def test_500_on_every_try_stops_with_the_request_named(root, cache):
    error = _unchanged_after_error(
        root,
        cache,
        lambda s: s.route("/exports/hs", Reply(500, "oops")),
        "HTTP 500 oops after 3 tries",
    )
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ('[["CTY_CODE","ALL_VAL_MO"],["5800","12', "not valid JSON"),
        (
            [
                ["CTY_CODE", "ALL_VAL_MO", "ALL_VAL_YR", "time", "NEW_COL"],
                ["5800", "1", "1", "2010-01", "x"],
            ],
            "columns korus-data does not know \\(NEW_COL\\)",
        ),
        (
            [["CTY_CODE", "ALL_VAL_MO", "ALL_VAL_YR", "time"], ["5800", "12.5x", "1", "2010-01"]],
            "row 2, ALL_VAL_MO is '12.5x', not a whole number",
        ),
    ],
    ids=["truncated", "unknown-column", "not-a-number"],
)
def test_a_bad_reply_is_named_and_changes_nothing(root, cache, body, match):
    if not isinstance(body, str):

        def route(server):
            server.route("/exports/hs", ok(body))

        with pytest.raises(FetchError, match=match) as caught:
            before = snapshot(root)
            with Loopback() as server:
                serve_census(server, root)
                route(server)
                refresh(root, server, cache)
        assert snapshot(root) == before and KEY not in str(caught.value)
    else:
        _unchanged_after_error(root, cache, lambda s: s.route("/exports/hs", ok(body)), match)


def test_a_reply_slower_than_the_timeout(root, cache):
    slow = Reply(200, "[]", delay=1.5)
    _unchanged_after_error(
        root, cache, lambda s: s.route("/exports/hs", slow), "no reply within 0.5 s after 3 tries"
    )


def test_no_network_at_all_is_one_line(root, cache):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = Fetcher(cache_dir=cache, timeout=2, retries=0)
    with pytest.raises(OfflineError) as caught:
        run_refresh(root, api_base=f"http://127.0.0.1:{port}", key=KEY, fetcher=fetcher)
    message = str(caught.value)
    assert message.startswith("cannot reach 127.0.0.1") and "\n" not in message
    assert KEY not in message


def test_the_key_never_reaches_a_file(root, cache):
    with Loopback() as server:
        serve_census(server, root, add={"export": {"2026-05": 6001.0}})
        refresh(root, server, cache)
    written = [p for folder in (root, cache) for p in folder.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" and p.parent.name == "raw" for p in written)
    assert all(KEY.encode() not in p.read_bytes() for p in written)


def test_a_missing_key_is_a_usage_error(root, cache, monkeypatch):
    monkeypatch.delenv("CENSUS_API_KEY", raising=False)
    with pytest.raises(UsageError, match="CENSUS_API_KEY"):
        run_refresh(root)
    assert issubclass(FetchError, BuildError)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(2010, 2030), st.integers(1, 12), st.integers(0, 10**12)),
        unique_by=lambda t: t[:2],
        max_size=30,
    )
)
def test_well_formed_replies_parse_to_valid_rows(rows):
    reply = [["CTY_CODE", "ALL_VAL_MO", "ALL_VAL_YR", "time", "CTY_CODE"]]
    reply += [["5800", str(v), str(v), f"{y}-{m:02d}", "5800"] for y, m, v in rows]
    frame = parse_reply(reply, TOTALS["export"])
    assert len(frame) == len(rows)
    assert frame["period"].str.match(r"^\d{4}-(0[1-9]|1[0-2])$").all()
    assert (frame["value_usd_millions"] >= 0).all()
    assert (frame["value_usd_millions"] * 1e6).round().astype("int64").tolist() == [
        v for _, _, v in rows
    ]
    pd.testing.assert_series_equal(
        frame["value_usd_millions"], frame["year_to_date_usd_millions"], check_names=False
    )


def test_the_command_line_exit_codes(root, cache, monkeypatch, capsys):
    from korus_data.cli import main

    with Loopback() as server:
        serve_census(server, root, add={"export": {"2026-05": 6001.0}})
        argv = [
            "refresh",
            "census",
            "--root",
            str(root),
            "--api-base",
            server.url,
            "--report",
            str(cache / "r.json"),
        ]
        monkeypatch.delenv("CENSUS_API_KEY", raising=False)
        assert main(argv) == 2
        assert "CENSUS_API_KEY" in capsys.readouterr().err
        monkeypatch.setenv("CENSUS_API_KEY", KEY)
        assert main([*argv, "--dry-run"]) == 0
        assert "would change goods_trade_monthly" in capsys.readouterr().out
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "1 new figures" in out and KEY not in out
        assert all(len(line) <= 100 for line in out.splitlines())  # fits a terminal
        server.route("/exports/hs", Reply(404, "no such dataset"))
        assert main(argv) == 1
        err = capsys.readouterr().err.splitlines()
        # progress, one line per step (stderr is not a terminal here), then the error: one line
        assert err[-1].startswith("korus-data: error: ") and "HTTP 404" in err[-1]
        assert all(line.startswith("korus-data: ") for line in err) and KEY not in "".join(err)
