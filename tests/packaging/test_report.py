"""The report: built from the package, offline, checked page by page in real Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import korus_data as kd
from korus_data.website import pages
from korus_data.website.html import PAGES, money

pytest.importorskip("vl_convert", reason='the report needs pip install "korus-data[report]"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    started = time.perf_counter()
    kd.report(out=out)
    print(f"\nreport built in {time.perf_counter() - started:.1f} s")
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        for key in ("src", "srcset"):
            if key in attrs:
                self.sources.append(attrs[key])
        if tag == "link" and "href" in attrs:
            self.sources.append(attrs["href"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_exists_and_every_internal_link_resolves(site):
    for filename, _ in PAGES:
        assert (site / filename).is_file(), filename
    for filename, _ in PAGES:
        links = _parse(site / filename)
        assert links.sources == [], (filename, links.sources)  # nothing is loaded from anywhere
        for href in links.hrefs:
            if href.startswith(("http://", "https://")):
                continue  # a source's address: a link for the reader, never a request
            target, _, anchor = href.partition("#")
            path = site / (target or filename)
            assert path.is_file(), (filename, href)
            if anchor:
                assert anchor in _parse(path).ids, (filename, href)


def test_every_chart_has_a_title_axes_a_text_alternative_and_data(site):
    charts = 0
    for filename, _ in PAGES:
        html = (site / filename).read_text(encoding="utf-8")
        for figure in re.findall(r"<figure data-chart=\"(\w+)\">(.*?)</figure>", html, re.S):
            name, body = figure
            charts += 1
            assert 'role="img" aria-label="' in body, name
            assert f'href="charts/{name}.csv"' in body, name
            assert (site / "charts" / f"{name}.csv").is_file()
            assert "role-title" in body and "role-axis-title" in body, name
    assert charts >= 12


def test_headline_figures_equal_the_api(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    shown = dict(re.findall(r"data-figure=(\w+)><a [^>]*>([^<]+)</a>", html))
    h = pages.headline()
    assert shown["goods_total"] == money(kd.trade_balance().iloc[-1]["total"])
    assert shown["goods_balance"] == money(kd.trade_balance().iloc[-1]["balance"])
    assert shown["services_total"] == money(kd.trade_balance(account="services").iloc[-1]["total"])
    assert shown["rank"] == str(int(kd.korea_rank().iloc[-1]["rank_total"]))
    assert shown["share_pct"] == f"{kd.share_of_us_trade().iloc[-1]['share_pct']:.2f} %"
    assert shown["latest_month"] == kd.goods_trade(frequency="monthly")["period"].max()
    assert shown["korea_in_us"] == money(h["korea_in_us"])


def test_the_products_page_ranks_korea_in_each_group_and_the_truck_phase_out_is_said(site):
    products = (site / "products.html").read_text(encoding="utf-8")
    year = int(kd.load("us_goods_trade_by_product_annual").query("months == 12")["year"].max())
    oil = kd.product_rank("211", year, "export")
    rank = int(oil.loc[oil["partner_code"] == "5800", "rank"].item())
    assert f"In {year} Korea was the number {rank} market" in products
    assert "id=naics-rank-exports" in products and "id=naics-rank-imports" in products
    assert 'data-chart="won"' in products
    for page in ("products.html", "factcheck.html"):
        assert "falls to zero in 2041" in (site / page).read_text(encoding="utf-8")


def test_the_tariffs_page_leads_with_the_rate_paid_and_lists_every_measure(site):
    from korus_data.website import tariffs

    h = tariffs.headline()
    side = kd.effective_tariff_rate("KOR", compare=["JPN"], years=2024).set_index("partner_code")
    assert h["korea_pct"] == side.loc["5800", "rate_pct"]
    assert h["japan_pct"] == side.loc["5880", "rate_pct"]
    page = (site / "tariffs.html").read_text(encoding="utf-8")
    assert f"In {h['year']} goods from Korea paid {h['korea_pct']:.2f}" in page
    assert page.count("<li><strong>") == len(kd.tariff_measures())
    assert "2012-03-15 (usda-fas-korus-trade-agreement)" in page
    figures = pd.read_csv(site / "charts" / "tariff-rate-paid.csv")
    assert set(figures["series"]) == {"Korea", "Japan", "China", "World (derived)"}


def test_the_site_is_small_and_carries_the_csvs(site):
    def size(paths) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file())

    csvs = size((site / "data").glob("*.csv"))
    zipped = size((site / "download").glob("*.zip"))
    notebooks = size(site.glob("nb-*.html")) + size((site / "notebooks").glob("*"))
    total = size(site.rglob("*"))
    rest = total - csvs - zipped - notebooks
    print(f"\nsite: {rest / 1e6:.2f} MB of pages and charts, notebooks {notebooks / 1e6:.2f} MB")
    # the pages and charts (2.2 MB with the Tariffs page); the notebooks with their outputs,
    # twice (to download and to read: 1.1 MB each); the zip of every table (5.2 MB since every
    # partner's End-Use exports, 264,000 rows, and the tariff schedule, 44,000 lines, joined)
    assert rest <= 2_500_000
    assert notebooks <= 3_000_000
    assert zipped <= 6_500_000
    assert (site / "data" / "goods_trade_monthly.csv").is_file()


# --- in a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    # Debian's chromium and chromedriver from PATH, or the browser a CI runner already has
    chromium = os.environ.get("KORUS_CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("KORUS_CHROMEDRIVER") or shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip(
            "Chromium is not installed: apt-get install -y chromium chromium-driver "
            "(.ci/run installs it), or set KORUS_CHROMIUM and KORUS_CHROMEDRIVER"
        )
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver)
    session = webdriver.Chrome(options=options, service=service)
    yield session
    session.quit()


def _requests(browser) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


#: Words (whitespace-separated) of table cells that the browser laid out on more than one line.
BROKEN_WORDS = """
const broken = [];
for (const cell of document.querySelectorAll('td, th')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /\\S+/g; let m;
    while ((m = re.exec(node.textContent)) !== null) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const lines = new Set(Array.from(range.getClientRects())
        .filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
}
return broken.slice(0, 10);
"""
#: The height of the smallest text in the charts a reader sees (CSS pixels).
SMALLEST_CHART_TEXT = """
let smallest = 1000;
for (const svg of document.querySelectorAll('figure svg')) {
  if (svg.getBoundingClientRect().width === 0) continue;  // the drawing for the other width
  for (const text of svg.querySelectorAll('text')) {
    const box = text.getBoundingClientRect();
    if (box.height > 0 && text.textContent.trim()) smallest = Math.min(smallest, box.height);
  }
}
return smallest;
"""


@pytest.mark.parametrize("filename", [name for name, _ in PAGES])
def test_each_page_in_chromium(browser, site, filename, tmp_path_factory):
    from selenium.webdriver.common.by import By

    artifacts = tmp_path_factory.getbasetemp() / "screenshots"
    artifacts.mkdir(exist_ok=True)
    browser.get_log("performance")  # forget earlier pages
    browser.set_window_size(1280, 1000)
    browser.get((site / filename).as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    requests = _requests(browser)
    assert all(u.startswith(("file://", "data:", "about:")) for u in requests), requests
    for figure in browser.find_elements(By.CSS_SELECTOR, "figure[data-chart]"):
        name = figure.get_attribute("data-chart")
        svg = figure.find_element(By.CSS_SELECTOR, "svg.wide")
        assert svg.size["width"] > 100 and svg.size["height"] > 100, name
        data = pd.read_csv(site / "charts" / f"{name}.csv")
        lines = svg.find_elements(By.CSS_SELECTOR, "g.mark-line path")
        bars = svg.find_elements(By.CSS_SELECTOR, "g.mark-rect path")
        if "series" in data:
            assert len(lines) == data["series"].nunique(), name
        else:
            assert len(bars) == len(data), name
    footer = browser.find_element(By.TAG_NAME, "footer").text
    for words in ("data release", "data through", "generated", "licence", "cite"):
        assert words in footer, (filename, words)
    assert browser.execute_script(BROKEN_WORDS) == [], filename
    browser.save_screenshot(str(artifacts / filename.replace(".html", "-1280.png")))
    browser.set_window_size(390, 844)
    browser.get((site / filename).as_uri())
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 1, f"{filename} is {overflow}px wider than a phone"
    assert browser.execute_script(BROKEN_WORDS) == [], filename
    smallest = browser.execute_script(SMALLEST_CHART_TEXT)
    assert smallest >= 10, f"{filename}: chart text {smallest:.1f}px high at 390 px"
    browser.save_screenshot(str(artifacts / filename.replace(".html", "-390.png")))


def test_each_series_has_one_colour_and_a_human_label_on_every_page(site):
    from korus_data.website.charts import PALETTE

    for path in sorted((site / "charts").glob("*.csv")):
        data = pd.read_csv(path)
        if "series" in data:
            labels = set(data["series"])
            assert labels <= set(PALETTE), (path.name, labels - set(PALETTE))
            assert not any("_" in label for label in labels), path.name  # no column names
    for filename, _ in PAGES:  # every colour drawn is a palette colour or the neutral grid
        html = (site / filename).read_text(encoding="utf-8")
        for name, body in re.findall(r"<figure data-chart=\"(\w+)\">(.*?)</figure>", html, re.S):
            strokes = set(re.findall(r'stroke="(#[0-9a-f]{6})"', body.split('class="narrow"')[0]))
            drawn = {s for s in strokes if s not in ("#888888", "#dddddd", "#000000", "#333333")}
            assert drawn <= set(PALETTE.values()) | {"#ffffff"}, (filename, name, drawn)


def test_the_projects_table_searches_and_sorts(browser, site):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 1000)
    browser.get((site / "projects.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="projects"]')
    box.send_keys("Dalton")
    visible = [
        r for r in browser.find_elements(By.CSS_SELECTOR, "#projects tbody tr") if r.is_displayed()
    ]
    assert len(visible) == 1 and "hanwha-qcells-dalton" in visible[0].text


def test_the_overview_carries_the_release_as_a_schema_org_dataset(site):
    import json
    import re

    html = (site / "index.html").read_text(encoding="utf-8")
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    record = json.loads(script)
    assert record["@type"] == "Dataset" and record["version"] == kd.DATA_VERSION
    assert "application/ld+json" not in (site / "goods.html").read_text(encoding="utf-8")


def test_a_report_that_fails_leaves_nothing_behind(tmp_path, monkeypatch):
    import sys

    from korus_data.errors import UsageError

    monkeypatch.setitem(sys.modules, "vl_convert", None)  # the report extra is missing
    out = tmp_path / "site"
    with pytest.raises(UsageError, match="vl-convert"):
        kd.report(out=out)
    assert not out.exists() and list(tmp_path.iterdir()) == []
