"""Explore without code: the package's SQLite export behind Datasette, read-only.

``korus-data serve`` builds (once per release: the cache is keyed by the SHA-256 of
``datapackage.json``) an SQLite database with every table, its keys and the fact check's
verdicts, writes Datasette metadata generated from the table definitions (descriptions, units,
facets, canned queries), and starts Datasette on it in immutable mode, on loopback by default,
with a time limit on every query. Needs ``pip install "korus-data[serve]"``.
"""

from __future__ import annotations

from korus_data.exports import datasette
from korus_data.serve.database import DATABASE_NAME, database

__all__ = ["DATABASE_NAME", "database", "metadata"]


def metadata() -> dict:
    """Datasette's metadata for the database ``serve`` builds (verdicts included).

    >>> "claims_with_verdicts" in metadata()["databases"][DATABASE_NAME]["queries"]
    True
    """
    return datasette.metadata(DATABASE_NAME, verdicts=True)
