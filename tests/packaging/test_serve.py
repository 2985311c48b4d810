"""`korus-data serve`: the real Datasette on loopback, checked against the Python API."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pandas as pd
import pytest

import korus_data as kd
from korus_data.schema.tables import TABLES

pytest.importorskip("datasette", reason='serve needs pip install "korus-data[serve]"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str) -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode(), error.code
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


@pytest.fixture(scope="module")
def serve_cache(tmp_path_factory):
    """The module's cache folder: the database serve builds on its first start is reused."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def server(tmp_path_factory, serve_cache):
    port = _free_port()
    env = {**os.environ, "KORUS_CACHE": str(serve_cache)}
    started = time.perf_counter()
    log = (tmp_path_factory.mktemp("log") / "serve.log").open("w")  # a pipe would fill and block
    process = subprocess.Popen(
        [sys.executable, "-m", "korus_data.cli", "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if _get(base, "/-/versions.json")[0] == 200:
                break
        except OSError:
            pass
        assert process.poll() is None, "the server stopped; see its log"
        assert time.perf_counter() - started < 120, "the server did not answer in 120 s"
        time.sleep(0.2)
    print(f"\nserve: first answer after {time.perf_counter() - started:.1f} s")
    yield base, process
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_every_table_page_answers_with_its_rows(server):
    base, _ = server
    for name in TABLES:
        status, body = _get(base, f"/korus-data/{name}.json?_size=0")
        assert status == 200, name
        assert body["filtered_table_rows_count"] == len(kd.load(name)), name
    status, page = _get(base, "/korus-data/claim_verdicts")
    assert status == 200 and "verdict" in page


def test_the_home_page_leads_with_the_headline_tables(server):
    from korus_data.exports.datasette import HEADLINE_TABLES, INTERNAL_TABLES

    base, _ = server
    status, home = _get(base, "/")
    assert status == 200
    linked = re.findall(r'href="/korus-data/([a-z_]+)"', home)
    assert linked[: len(HEADLINE_TABLES)] == list(HEADLINE_TABLES)
    assert "month_revisions?period=2019-03" in home  # a question opens on its example
    assert "_vintages" not in "".join(linked)  # the big tables are one click further
    status, page = _get(base, "/korus-data.json")
    shown = [t["name"] for t in page["tables"] if not t["hidden"]]
    assert not set(INTERNAL_TABLES) & set(shown) and "goods_trade_monthly" in shown


def test_tables_open_newest_first_with_one_count_of_decimals(server):
    base, _ = server
    status, body = _get(base, "/korus-data/goods_trade_monthly.json?_shape=array&_size=3")
    assert status == 200
    newest = kd.load("goods_trade_monthly")["period"].max()
    assert body[0]["period"] == newest
    status, page = _get(base, "/korus-data/goods_trade_monthly?_size=50")
    cells = re.findall(r'class="col-value_usd_millions[^"]*">([^<]*)<', page)
    assert len(cells) == 50 and all(re.fullmatch(r"[\d,]+\.\d+", c.strip()) for c in cells)
    assert len({len(c.strip().split(".")[1]) for c in cells}) == 1, cells  # lined up
    assert any("," in c for c in cells)  # thousands separated
    status, raw = _get(base, "/korus-data/goods_trade_monthly.json?_shape=array&_size=1")
    assert isinstance(raw[0]["value_usd_millions"], float)  # JSON keeps the stored number


def test_a_query_left_empty_shows_its_example(server):
    base, _ = server
    month = _query(base, "month_revisions")
    assert set(month["period"]) == {"2019-03"} and len(month) > 2
    status, page = _get(base, "/korus-data/month_revisions")
    assert status == 200
    cells = re.findall(r'class="col-value_usd_millions[^"]*">([^<]*)<', page)
    assert cells and all(re.fullmatch(r"\d,\d{3}\.\d{6}", c.strip()) for c in cells), cells


def _query(base: str, name: str, **params) -> pd.DataFrame:
    query = urllib.parse.urlencode({"_shape": "array", **params})
    status, rows = _get(base, f"/korus-data/{name}.json?{query}")
    assert status == 200, rows
    return pd.DataFrame(rows)


def test_canned_queries_give_the_python_apis_figures(server):
    base, _ = server
    ranks = _query(base, "korea_rank_and_share").set_index("year")
    api = kd.korea_rank().set_index("year")
    assert (ranks["rank"] == api["rank_total"].astype(int)).all()
    share = kd.share_of_us_trade().set_index("year")["share_pct"]
    both = ranks["share_pct"].dropna()
    assert (both - share.reindex(both.index)).abs().max() < 5e-5  # rounded to 4 decimals
    assert (both == both.round(4)).all()  # no floating-point noise shown

    balance = _query(base, "goods_and_services_balance").set_index("year")
    python = kd.trade_balance(account="goods_and_services").set_index("year")
    assert (balance["balance_usd_millions"] - python["balance"]).abs().max() < 1e-6

    states = _query(base, "projects_by_state").set_index("state")
    python = kd.investment_by_state().set_index("state")
    assert states["projects"].to_dict() == python["projects"].to_dict()
    sums = python["amount_usd_millions"].dropna()
    assert (states.loc[sums.index, "amount_usd_millions"] - sums).abs().max() < 1e-9

    claims = _query(base, "claims_with_verdicts").set_index("claim_id")
    python = kd.check_claims().set_index("claim_id")
    assert claims["verdict"].to_dict() == python["verdict"].to_dict()

    month = _query(base, "month_revisions", period="2019-03")
    python = kd.revisions("goods_trade_monthly", period="2019-03")
    assert month["value_usd_millions"].tolist() == python["value_usd_millions"].tolist()

    paid = _query(base, "average_tariff_paid", iso3="KOR").set_index("year")["rate_pct"]
    python = kd.effective_tariff_rate("KOR").set_index("year")["rate_pct"]
    assert (paid - python.reindex(paid.index)).abs().max() < 5e-5

    beef = _query(base, "korus_rate_of_a_line", hts="02011050")
    python = kd.tariff_schedule("0201.10.50")
    assert beef["kr_rate"].tolist() == python["kr_rate"].tolist()


def test_a_foreign_key_is_a_link_that_resolves(server):
    base, _ = server
    status, body = _get(base, "/korus-data/investment_project_events.json?_size=1&_labels=on")
    assert status == 200
    project = body["rows"][0]["project_id"]
    assert isinstance(project, dict) and project["value"]
    status, page = _get(base, f"/korus-data/investment_projects/{project['value']}.json")
    assert status == 200 and len(page["rows"]) == 1
    status, html = _get(base, "/korus-data/investment_project_events")
    assert f'href="/korus-data/investment_projects/{project["value"]}"' in html


@pytest.mark.parametrize(
    "sql",
    [
        "insert into partners (partner_code, name, kind) values ('9999', 'x', 'country')",
        "update partners set name = 'x'",
        "drop table partners",
        "attach database '/tmp/other.db' as other",
    ],
)
def test_writes_are_refused(server, sql):
    base, _ = server
    status, body = _get(base, "/korus-data.json?" + urllib.parse.urlencode({"sql": sql}))
    assert status == 400 and body["ok"] is False
    assert (
        len(kd.load("partners"))
        == _get(base, "/korus-data/partners.json?_size=0")[1]["filtered_table_rows_count"]
    )


def test_a_long_query_is_stopped_by_the_time_limit(server):
    base, _ = server
    slow = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    started = time.perf_counter()
    status, body = _get(base, "/korus-data.json?" + urllib.parse.urlencode({"sql": slow}))
    assert status == 400 and "too long" in body["error"]
    assert time.perf_counter() - started < 10


def _raw(base: str, method: str, path: str) -> int:
    """The status of one request sent as written (no client-side normalising of the path)."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=b"{}" if method == "POST" else None)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("POST", "/-/insert", 405),
        ("POST", "/korus-data/partners/-/insert", 405),
        ("PUT", "/korus-data/partners", 405),
        ("DELETE", "/korus-data", 405),
        ("GET", "/korus-data/..%2f..%2fetc%2fpasswd", 400),
        ("GET", "/-/static/..%252f..%252fsetup.py", 400),
        ("GET", "/korus-data/%2e%2e/%2e%2e/secrets", 400),
    ],
)
def test_bad_requests_are_answered_with_4xx(server, method, path, status):
    base, _ = server
    assert _raw(base, method, path) == status


RUNAWAY = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"


@pytest.mark.parametrize(
    "runaway",
    [
        "/korus-data.json?" + urllib.parse.urlencode({"sql": RUNAWAY}),
        "/korus-data/partners.json?" + urllib.parse.urlencode({"_where": f"1 = ({RUNAWAY})"}),
    ],
    ids=["sql", "_where"],
)
def test_runaway_queries_cannot_starve_the_pages(server, runaway):
    from concurrent.futures import ThreadPoolExecutor

    base, _ = server
    with ThreadPoolExecutor(20) as pool:
        running = [pool.submit(_get, base, runaway) for _ in range(20)]
        time.sleep(0.3)
        started = time.perf_counter()
        status, _ = _get(base, "/korus-data/partners.json?_size=5")
        page_wait = time.perf_counter() - started
        statuses = sorted(f.result()[0] for f in running)
    print(f"\n{len(running)} runaway queries in flight: an ordinary page in {page_wait:.2f} s")
    assert status == 200 and page_wait < 2, page_wait
    assert 429 in statuses and set(statuses) <= {400, 429}  # stopped by the limit, or turned away


def test_export_metadata_writes_the_generated_file(tmp_path):
    path = tmp_path / "metadata.json"
    subprocess.run(
        [sys.executable, "-m", "korus_data.cli", "serve", "--export-metadata", str(path)],
        check=True,
        capture_output=True,
    )
    meta = json.loads(path.read_text())
    tables = meta["databases"]["korus-data"]["tables"]
    assert tables["goods_trade_monthly"]["columns"]["value_usd_millions"].endswith(
        "Unit: USD millions, current."
    )
    assert "korea_rank_and_share" in meta["databases"]["korus-data"]["queries"]


def test_the_table_page_renders_in_chromium(server, tmp_path_factory):
    import shutil

    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        pytest.skip("Chromium is not installed: apt-get install -y chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(
        options=options,
        service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")),
    )
    try:
        base, _ = server
        browser.set_window_size(1280, 1000)
        browser.get(base + "/korus-data/claim_verdicts")
        assert browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        assert "verdict" in browser.find_element(By.CSS_SELECTOR, ".facet-results").text
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
        shots = tmp_path_factory.getbasetemp() / "screenshots"
        shots.mkdir(exist_ok=True)
        browser.save_screenshot(str(shots / "serve-claim-verdicts.png"))
    finally:
        browser.quit()


def test_shutdown_is_clean(serve_cache):
    port = _free_port()
    env = {**os.environ, "KORUS_CACHE": str(serve_cache)}
    process = subprocess.Popen(
        [sys.executable, "-m", "korus_data.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _get(base, "/-/versions.json")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    process.terminate()
    process.wait(timeout=30)
    assert process.returncode in (0, -15)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more


def test_a_new_database_prunes_only_older_databases(tmp_path, monkeypatch):
    """``refresh`` keeps its raw replies and reports in the same cache folder: building this
    release's database removes older releases' databases and nothing else."""
    from korus_data.serve.database import database
    from korus_data.store.paths import cache_dir

    monkeypatch.setenv("KORUS_CACHE", str(tmp_path))
    kept = [cache_dir() / "raw" / "reply.json", cache_dir() / "reports" / "refresh.json"]
    old = cache_dir() / "serve" / "0123456789abcdef" / "korus-data.db"
    for path in (*kept, old):
        path.parent.mkdir(parents=True)
        path.write_text("{}")
    built = database()
    assert built.is_file() and built.parent.parent == cache_dir() / "serve"
    assert all(path.read_text() == "{}" for path in kept)
    assert not old.parent.exists()
