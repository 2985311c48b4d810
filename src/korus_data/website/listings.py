"""The report's pages about projects, claims, tables and notebooks (the statistics pages are in
:mod:`korus_data.website.pages`)."""

from __future__ import annotations

from html import escape

import korus_data as kd
from korus_data.website import charts
from korus_data.website.html import source_urls, table_html


def _first(ids: str) -> str:
    return str(ids).split("; ")[0]


def projects(c: charts.Charts) -> str:
    by_state = kd.investment_by_state()
    by_sector = kd.investment_by_sector()
    listing = kd.investment_projects()
    by_year = listing.groupby("first_year").size().reset_index(name="projects")
    events = kd.project_events()
    events = events.assign(url=events["source_id"].map(source_urls()))[
        [
            "project_id",
            "date",
            "event",
            "amount_usd_millions",
            "amount_scope",
            "jobs",
            "source_id",
            "url",
        ]
    ]
    table = listing[
        ["project_id", "kind", "company", "sector", "city", "state", "first_year", "status"]
    ]
    return (
        c.figure(
            "projects_state",
            charts.bars(
                "Stated investment by state (latest whole-project amount of each site)",
                "state",
                "amount_usd_millions",
                "USD millions",
            ),
            by_state.fillna({"amount_usd_millions": 0}),
            "Bars of the stated investment of Korean site projects by U.S. state, "
            "USD millions, largest first.",
        )
        + c.figure(
            "projects_sector",
            charts.bars(
                "Stated investment by sector", "sector", "amount_usd_millions", "USD millions"
            ),
            by_sector.fillna({"amount_usd_millions": 0}),
            "Bars of the stated investment of Korean site projects by sector, USD millions.",
        )
        + c.figure(
            "projects_year",
            charts.bars(
                "Projects by year of their first event",
                "first_year",
                "projects",
                "projects",
                horizontal=False,
            ),
            by_year,
            "Bars of the number of projects by the year of their first reported event.",
        )
        + "<h2>Projects</h2>"
        + table_html(table, "projects", searchable=True)
        + "<h2>Events, with their sources</h2>"
        + table_html(events, "events", searchable=True, links={"source_id": "url"})
    )


def factcheck() -> str:
    claims = kd.check_claims()
    claims_table = kd.load("claims").set_index("claim_id")
    claims = claims.assign(
        tolerance_pct=claims["claim_id"].map(claims_table["tolerance_pct"]),
        sources=claims["data_sources"],
    )
    counts = claims["verdict"].value_counts()
    urls = source_urls()
    reading = ", ".join(f"{n} {v}" for v, n in counts.items())
    rows = []
    for r in claims.itertuples():
        links = " ".join(
            f'<a href="{escape(urls.get(s) or "data.html#sources")}">{escape(s)}</a>'
            for s in str(r.sources).split("; ")
            if s
        )
        figure = "—" if r.figure is None or r.figure != r.figure else f"{r.figure:,.1f}"
        tolerance = "—" if r.tolerance_pct != r.tolerance_pct else f"{r.tolerance_pct:g} %"
        rows.append(
            f"<tr><td>{escape(r.claim_id)}</td><td>{escape(r.statement)}</td>"
            f"<td>{escape(r.verdict)}</td><td class=num>{figure}</td><td>{tolerance}</td>"
            f"<td>{escape(r.explanation)}</td><td>{links}</td></tr>"
        )
    head = "".join(
        f"<th data-sort>{h}</th>"
        for h in (
            "claim",
            "statement",
            "verdict",
            "figure",
            "tolerance",
            "what the data say",
            "evidence",
        )
    )
    return (
        f"<p>The June 2019 U.S.-R.O.K. fact sheet, claim by claim: {escape(reading)}.</p>"
        f"<table id=claims><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def data_page() -> str:
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
        parts.append(
            f"<section id={escape(name)}><h2>{escape(name)}</h2><p>{escape(res['description'])}"
            f"</p><p class=note>{coverage.get('rows', 0):,} rows · coverage {escape(span)} · "
            f"sha256 <code>{escape(res['hash'].removeprefix('sha256:'))}</code> · "
            f'<a href="{escape(res["path"])}">download the CSV</a></p>'
            + table_html(fields, f"fields-{name}")
            + "</section>"
        )
    return (
        "<p>Every table with its fields, units, rows, coverage and checksum; each CSV is "
        "copied beside this site. Every row's source_id resolves in the sources table.</p>"
        + "".join(parts)
    )


def notebooks_page(notebooks: list[str], rendered: bool) -> str:
    items = "".join(
        f'<li><a href="notebooks/{escape(n)}">{escape(n)}</a>'
        + (
            f' · <a href="notebooks/{escape(n.replace(".ipynb", ".html"))}">read it</a>'
            if rendered
            else ""
        )
        + "</li>"
        for n in notebooks
    )
    note = (
        ""
        if rendered
        else (
            "<p class=note>Rendered with their outputs by <code>korus-data report --notebooks"
            "</code> (which runs them).</p>"
        )
    )
    return f"<p>The example notebooks of the package.</p>{note}<ul>{items}</ul>"
