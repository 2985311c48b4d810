"""Explore without code: the package's SQLite export behind Datasette, read-only.

``korus-data serve`` builds (once per release: the cache is keyed by the SHA-256 of
``datapackage.json``) an SQLite database with every table, its keys and the fact check's
verdicts, writes Datasette metadata generated from the table definitions (descriptions, units,
facets, canned queries), and starts Datasette on it in immutable mode, on loopback by default,
with a time limit on every query. Needs the ``serve`` extra.
"""

from __future__ import annotations

from pathlib import Path

from korus_data.exports import datasette
from korus_data.serve import display, guard
from korus_data.serve.database import DATABASE_NAME, database
from korus_data.store.files import write_utf8

__all__ = ["DATABASE_NAME", "TEMPLATES", "database", "metadata", "plugins_dir"]

#: Templates that replace Datasette's own (``--template-dir``): the home page's guide.
TEMPLATES = Path(__file__).parent / "templates"


def metadata(path: Path | None = None) -> dict:
    """Datasette's metadata for the database ``serve`` builds (verdicts included); with the
    database's ``path``, each table's decimals as measured in it (``korus_decimals``).

    >>> "claims_with_verdicts" in metadata()["databases"][DATABASE_NAME]["queries"]
    True
    """
    meta = datasette.metadata(DATABASE_NAME, verdicts=True)
    if path is not None:
        tables = meta["databases"][DATABASE_NAME]["tables"]
        for table, places in display.decimals(path).items():
            tables.setdefault(table, {})["korus_decimals"] = places
    return meta


def plugins_dir(folder: Path) -> Path:
    """A folder of one-line plugins loading the guard and the display rules (for
    ``--plugins-dir``): they apply to the package's own server only."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, module in (("guard", guard), ("display", display)):
        write_utf8(folder / f"korus_data_{name}.py", module.PLUGIN_MODULE)
    return folder
