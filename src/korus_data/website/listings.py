"""The report's pages about projects, claims, tables and notebooks (the statistics pages are in
:mod:`korus_data.website.pages`)."""

from __future__ import annotations

from html import escape

import korus_data as kd
from korus_data.website import charts
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
            "project_id",
            "kind",
            "company",
            "sector",
            "city",
            "state",
            "first_year",
            "status",
            "latest_amount_usd_millions",
        ]
    ]

    def none_stated(names: list[str]) -> str:
        return f" Not drawn (no amount stated): {', '.join(names)}." if names else ""

    return (
        c.figure(
            "projects_state",
            charts.bars(
                "Stated investment by state (latest whole-project amount of each site)",
                "state",
                "value",
                "USD billions",
            ),
            by_state,
            "Bars of the stated investment of Korean site projects by U.S. state, USD billions, "
            "largest first." + none_stated(states_without),
            PROJECTS_SOURCE,
        )
        + c.figure(
            "projects_sector",
            charts.bars("Stated investment by sector", "sector", "value", "USD billions"),
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
        + table_html(table, "projects", searchable=True)
        + "<h2>Events, with their sources</h2><p class=note>An occurrence several sources "
        "report is one row per source; <em>repeat</em> rows are not counted again.</p>"
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
            f'<a class=nw href="{escape(urls.get(s) or "data.html#sources")}">{escape(s)}</a>'
            for s in str(r.sources).split("; ")
            if s
        )
        figure = "—" if r.figure is None or r.figure != r.figure else f"{r.figure:,.1f}"
        tolerance = "—" if r.tolerance_pct != r.tolerance_pct else f"{r.tolerance_pct:g} %"
        rows.append(
            f"<tr><td>{escape(r.claim_id)}</td><td class=text>{words(r.statement)}</td>"
            f"<td>{escape(r.verdict)}</td><td class=num>{figure}</td><td>{tolerance}</td>"
            f"<td class=text>{words(r.explanation)}</td><td class=text>{links}</td></tr>"
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
    from korus_data.website.products import tariff_line

    return (
        f"<p>The June 2019 U.S.-R.O.K. fact sheet, claim by claim: {escape(reading)}.</p>"
        f"<p>{escape(tariff_line())}</p>"
        f"<div class=scroll><table id=claims><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
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
    return (
        "<p>Every table with its fields, units, rows, coverage and checksum; each CSV is "
        "copied beside this site. Every row's source_id resolves in the sources table. "
        f'<a href="download/{escape(bundle)}">Download every table at once</a> (the release '
        "bundle: CSVs, datapackage.json, README, LICENSE, CITATION.cff, CHANGELOG).</p>"
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
        "<p>Each notebook was run when this report was written and is shown with its outputs "
        "(<em>read it</em>).</p>"
        if rendered
        else "<p class=note>These are the notebooks as they ship, without outputs: open them "
        "in Jupyter, or write the report with <code>korus-data report --notebooks</code> to "
        "run each one and show it here with its outputs.</p>"
    )
    return f"<p>The example notebooks of the package.</p>{note}<ul>{items}</ul>"
