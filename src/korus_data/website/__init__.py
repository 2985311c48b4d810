"""A static report of the whole relationship, opened from the file system, offline.

``build_report(out)`` (``korus-data report --out DIR``, ``kd.report(out=...)``) writes one
page per topic, each with charts (inline SVG, drawn by vl-convert: no script, no request), a
short reading computed from the data, and links from every headline figure to its table and
source; the CSVs are copied beside the site. Needs the ``report`` extra.

Example:
    >>> import korus_data as kd, tempfile, pathlib  # doctest: +SKIP
    >>> kd.report(out=pathlib.Path(tempfile.mkdtemp()) / "site")  # doctest: +SKIP
"""

from __future__ import annotations

import shutil
from pathlib import Path

from korus_data.__about__ import DATA_VERSION
from korus_data.store.files import write_utf8


def report(out: str | Path, *, notebooks: bool = False) -> Path:
    """Write the report into the folder ``out`` (new or empty); returns its index page. The
    site is written into a staging folder beside ``out`` and moved into place when whole: a
    report that fails leaves nothing behind.

    The example notebooks are shown with the outputs they ship with; ``notebooks=True`` runs
    each again first (slower; needs the ``notebooks`` extra).
    """
    from korus_data.exports.staging import destination, staged

    out = destination(Path(out))
    with staged(out) as site:
        _write_site(site, notebooks)
    return out / "index.html"


def _write_site(site: Path, notebooks: bool) -> None:
    from korus_data.schema.tables import TABLES
    from korus_data.store.paths import DESCRIPTOR_NAME, notebooks_dir, package_root
    from korus_data.website import accounts, charts, listings, pages, products, tariffs
    from korus_data.website import notebooks as nb
    from korus_data.website.html import PAGES, page

    c = charts.Charts(site)
    bodies = {
        "index.html": pages.overview(c),
        "goods.html": pages.goods(c),
        "partners.html": pages.partners(c),
        "services.html": accounts.services(c),
        "investment.html": accounts.investment(c),
        "mirror.html": accounts.mirror(c),
        "products.html": products.products(c, accounts.products(c)),
        "tariffs.html": tariffs.tariffs(c),
        "projects.html": listings.projects(c),
        "factcheck.html": listings.factcheck(),
    }
    from korus_data.exports import export

    [bundle] = export("zip", site / "download")
    bodies["data.html"] = listings.data_page(bundle.name)
    root = package_root()
    (site / "data").mkdir()
    for table in TABLES.values():
        shutil.copy2(root / table.path, site / table.path)
    shutil.copy2(root / DESCRIPTOR_NAME, site / DESCRIPTOR_NAME)
    (site / "notebooks").mkdir()
    shown = []
    for notebook in sorted(notebooks_dir().glob("*.ipynb")):
        copy = site / "notebooks" / notebook.name
        shutil.copy2(notebook, copy)
        if notebooks:
            _run_notebook(copy)
        shown.append((notebook.name, nb.title_of(copy)))
        bodies[f"nb-{notebook.stem}.html"] = nb.notebook_html(copy)
    bodies["notebooks.html"] = listings.notebooks_page(shown)
    titles = dict(PAGES) | {f"nb-{Path(n).stem}.html": t for n, t in shown}
    footer = footer_html()
    from korus_data.exports.jsonld import dataset_jsonld
    from korus_data.website.html import structured_data

    # the overview is the landing page: it carries the release's schema.org record
    dataset = structured_data(
        dataset_jsonld({DESCRIPTOR_NAME: (site / DESCRIPTOR_NAME).read_bytes()})
    )
    for filename, body in bodies.items():
        head = dataset if filename == "index.html" else ""
        write_utf8(
            site / filename, page(filename, titles[filename], body, DATA_VERSION, footer, head)
        )


def footer_html(today: str | None = None) -> str:
    """What every page rests on: the release, how far its data run (and what the publisher
    had out by then), when the page was made, where the figures come from, the licence and how
    to cite it."""
    import datetime as dt
    from html import escape

    import korus_data as kd
    from korus_data.__about__ import __version__

    months = kd.goods_trade(frequency="monthly")
    newest = months.loc[months["period"] == months["period"].max()]
    series = kd.load("releases").set_index("release_id")["series"]
    captured = (newest["source_id"].map(series) == "census_c5800_page").any()
    calendar = kd.releases().iloc[-1]
    through = newest["period"].iloc[0] + (" (a page capture: provisional)" if captured else "")
    parts = [
        f"korus-data data release {DATA_VERSION} (library {__version__})",
        f"Census goods data through {through}; the Census Bureau's newest release in the "
        f"package's calendar: data through {calendar['data_through']}, published "
        f"{calendar['released']:%Y-%m-%d}",
        f"generated {today or dt.date.today().isoformat()}",
        'every figure\'s source: <a href="data.html#sources">the sources table</a>',
        "licence: the tables CC BY 4.0 (U.S. federal statistics are public domain), the code MIT",
        f"cite: {escape(str(kd.cite()).splitlines()[0])}",
    ]
    return " · ".join(p if "<a " in p else escape(p) for p in parts)


def _run_notebook(path: Path) -> None:  # pragma: no cover - slow, optional
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError as exc:
        from korus_data.errors import UsageError
        from korus_data.extras import needs

        raise UsageError(needs("running the notebooks needs Jupyter", "report,notebooks")) from exc

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    nbformat.write(notebook, path)


__all__ = ["report"]
