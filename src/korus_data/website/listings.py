"""The report's pages about projects, claims, tables and notebooks (the statistics pages are in
:mod:`korus_data.website.pages`)."""

from __future__ import annotations

from html import escape

import korus_data as kd
from korus_data.website import charts, news
from korus_data.website.html import source_urls, table_html, words


def _first(ids: str) -> str:
    return str(ids).split("; ")[0]


PROJECTS_SOURCE = (
    "company releases, government statements and the press, each event's source listed below"
)


def _stated(frame, by: str):
    """Rows whose amount is stated, in billions, and the names of those that state none
    (vocabulary codes as words: ``ev_batteries`` is "ev batteries")."""
    frame = frame.assign(**{by: frame[by].astype(str).str.replace("_", " ")})
    frame = frame.replace({by: {"(none)": "no state (plans)"}})
    stated = frame[frame["amount_usd_millions"].notna()]
    stated = stated.assign(value=stated["amount_usd_millions"] / 1000)[[by, "value"]]
    missing = sorted(map(str, frame.loc[frame["amount_usd_millions"].isna(), by]))
    return stated, missing


def projects(c: charts.Charts) -> str:
    by_state, states_without = _stated(kd.investment_by_state(), "state")
    by_sector, sectors_without = _stated(kd.investment_by_sector(), "sector")
    listing = kd.investment_projects()
    counts = listing.groupby("first_year").size()
    years = range(int(counts.index.min()), int(counts.index.max()) + 1)
    by_year = counts.reindex(years, fill_value=0).rename_axis("first_year")
    by_year = by_year.reset_index(name="projects")
    amounts = kd.latest_amounts("site").set_index("project_id")["amount_usd_millions"]
    plans = kd.latest_amounts("plan").set_index("project_id")["amount_usd_millions"]
    listing = listing.assign(
        latest_amount_usd_millions=listing["project_id"].map(amounts.combine_first(plans))
    )
    events = kd.project_events()
    events = events.assign(
        url=events["source_id"].map(source_urls()),
        counted=events["same_event_as"].isna().map({True: "yes", False: "repeat"}),
    )[
        [
            "project_id",
            "date",
            "event",
            "amount_usd_millions",
            "amount_scope",
            "jobs",
            "counted",
            "source_id",
            "url",
        ]
    ]
    table = listing[
        [
            "company",
            "kind",
            "state",
            "latest_amount_usd_millions",
            "sector",
            "status",
            "first_year",
            "city",
            "project_id",
        ]
    ].sort_values("latest_amount_usd_millions", ascending=False, na_position="last")

    def none_stated(names: list[str]) -> str:
        return f" Not drawn (no amount stated): {', '.join(names)}." if names else ""

    return (
        f"<p class=lead>{escape(news.projects_sentence())}</p>"
        + c.figure(
            "projects_state",
            charts.bars(
                "Stated investment by state (latest whole-project amount of each site)",
                "state",
                "value",
                "USD billions",
                colour=charts.KOREA,
            ),
            by_state,
            "Bars of the stated investment of Korean site projects by U.S. state, USD billions, "
            "largest first." + none_stated(states_without),
            PROJECTS_SOURCE,
        )
        + c.figure(
            "projects_sector",
            charts.bars(
                "Stated investment by sector",
                "sector",
                "value",
                "USD billions",
                colour=charts.KOREA,
            ),
            by_sector,
            "Bars of the stated investment of Korean site projects by sector, USD billions."
            + none_stated(sectors_without),
            PROJECTS_SOURCE,
        )
        + c.figure(
            "projects_year",
            charts.bars(
                "Projects in the list by year of their first event",
                "first_year",
                "projects",
                "projects",
                horizontal=False,
                continuous=True,
            ),
            by_year,
            "Bars of the number of listed projects by the year of their first reported event, "
            "every year shown (the list is not a census of all Korean investment).",
            PROJECTS_SOURCE,
        )
        + "<h2>Projects</h2>"
        + table_html(
            table,
            "projects",
            searchable=True,
            key=("company", "kind", "state", "latest_amount_usd_millions"),
        )
        + "<h2>Events, with their sources</h2><p class=note>An occurrence several sources "
        "report is one row per source; <em>repeat</em> rows are not counted again.</p>"
        + table_html(
            events,
            "events",
            searchable=True,
            links={"source_id": "url"},
            key=("project_id", "date", "event", "amount_usd_millions"),
        )
    )


BADGES = {
    "supported": "supported",
    "supported with caveat": "caveat",
    "contradicted": "contradicted",
    "not verifiable": "unverifiable",
    "out of scope": "scope",
}


def figure_text(figure: object, unit: object, check: str = "") -> str:
    """A claim's figure with its unit, as a reader says it.

    Example:
        >>> figure_text(130557.2, "USD millions"), figure_text(8.0, "rank"), figure_text(None, "")
        ('$130.6 billion', 'rank 8', '—')
        >>> figure_text(31.6, "percent"), figure_text(51900.0, "persons"), figure_text(1.7, "GW")
        ('31.6 %', '51,900 persons', '1.7 GW')
    """
    from korus_data.website.html import money

    if figure is None or figure != figure:
        return "—"
    value = float(figure)  # type: ignore[arg-type]
    if check == "product_exports_grew" and not (isinstance(unit, str) and unit):
        return ("+" if value >= 0 else "−") + money(abs(value)) + " on the year"
    if unit == "USD millions":
        return money(value)
    if unit == "rank":
        return f"rank {value:,.0f}"
    if unit == "percent":
        return f"{value:,.1f} %"
    if unit in ("persons", "projects"):
        return f"{value:,.0f} {unit}"
    if isinstance(unit, str) and unit:
        return f"{value:,.1f} {unit}"
    return f"{value:,.1f}"


def readable(text: str, titles: dict[str, str]) -> str:
    """An explanation with each source id that it quotes said by its title."""
    for source_id in sorted(titles, key=len, reverse=True):
        if source_id in text:
            text = text.replace(source_id, f"“{titles[source_id]}”")
    return text


def factcheck() -> str:
    claims = kd.check_claims()
    claims_table = kd.load("claims").set_index("claim_id")
    claims = claims.assign(sources=claims["data_sources"])
    urls = source_urls()
    sources = kd.load("sources").set_index("source_id")
    titles = sources["title"].to_dict()
    rows = []
    for r in claims.itertuples():
        links = "<br>".join(
            f'<a href="{escape(urls.get(s) or "data.html#sources")}">{words(titles.get(s, s))}</a>'
            for s in str(r.sources).split("; ")
            if s
        )
        unit = claims_table.loc[r.claim_id, "unit"]
        check = str(claims_table.loc[r.claim_id, "check"])
        badge = f"<span class='badge {BADGES.get(r.verdict, 'scope')}'>{escape(r.verdict)}</span>"
        rows.append(
            f"<tr><td class=text>{words(r.statement)}</td><td>{badge}</td>"
            f"<td class='num fig'>{escape(figure_text(r.figure, unit, check))}</td>"
            f"<td class='text opt'>{words(readable(r.explanation, titles))}</td>"
            f"<td class='text opt'>{links}</td></tr>"
        )
    head = (
        "<th data-sort>statement</th><th data-sort>verdict</th><th data-sort>figure</th>"
        "<th class=opt>what the data say</th><th class=opt>evidence</th>"
    )
    from korus_data.website.products import tariff_line

    return (
        f"<p class=lead>{escape(news.factcheck_sentence())}</p>"
        "<p class=phone-note>On a phone this table shows each claim, its verdict and its "
        "figure; what the data say and the evidence are on a wider screen.</p>"
        f"<div class=scroll><table id=claims><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f"<p>{escape(tariff_line())}</p>"
    )


def data_page(bundle: str) -> str:
    from korus_data.store.descriptor import read_descriptor

    resources = {r["name"]: r for r in read_descriptor()["resources"]}
    parts = []
    for name, res in resources.items():
        fields = kd.describe(name)[["field", "type", "unit", "description"]]
        coverage = res.get("coverage", {})
        span = (
            f"{coverage.get('first', '')} to {coverage.get('last', '')}"
            if coverage.get("first")
            else "—"
        )
        title = escape(name).replace("_", "_<wbr>")  # a long name may break after "_"
        about = escape(res["description"]).replace("_", "_<wbr>")
        parts.append(
            f"<section id={escape(name)}><h2>{title}</h2><p>{about}"
            f"</p><p class=note>{coverage.get('rows', 0):,} rows · coverage {escape(span)} · "
            f"sha256 <code class=sha>{escape(res['hash'].removeprefix('sha256:'))}</code> · "
            f'<a href="{escape(res["path"])}">download the CSV</a></p>'
            + table_html(fields, f"fields-{name}")
            + "</section>"
        )
    toc = "".join(
        f'<a href="#{escape(n)}">{escape(n).replace("_", "_<wbr>")}</a><br>' for n in resources
    )
    return (
        "<p>Every table with its fields, units, rows, coverage and checksum; each CSV is "
        "copied beside this site. Every row's source_id resolves in the sources table. "
        f'<a href="download/{escape(bundle)}">Download every table at once</a> (the release '
        "bundle: CSVs, datapackage.json, README, LICENSE, CITATION.cff, CHANGELOG).</p>"
        f"<nav class=toc aria-label='tables'>{toc}</nav>" + "".join(parts)
    )


def notebooks_page(notebooks: list[tuple[str, str]]) -> str:
    """The list of the example notebooks: each read here with its outputs, or downloaded."""
    items = "".join(
        f'<li><a href="nb-{escape(name.removesuffix(".ipynb"))}.html">{escape(title)}</a> · '
        f'<a href="notebooks/{escape(name)}">download {escape(name)}</a></li>'
        for name, title in notebooks
    )
    return (
        "<p>The example notebooks of the package, each shown with the outputs it ships with "
        "(a test runs every notebook again and fails when an output is stale). Open one in "
        "Jupyter to change it.</p>"
        f"<ul>{items}</ul>"
    )
