"""Datasette metadata generated from the table definitions (never written twice)."""

from __future__ import annotations

from korus_data.__about__ import DATA_VERSION
from korus_data.exports.queries import CANNED_QUERIES
from korus_data.schema.tables import TABLES

#: Columns worth faceting on, whatever the table (when the table has them).
FACET_COLUMNS = (
    "reporter",
    "partner",
    "flow",
    "basis",
    "account",
    "year",
    "investor",
    "host",
    "measure",
    "classification",
    "kind",
    "state",
    "sector",
    "korean_group",
    "event",
    "amount_scope",
    "series",
    "verdict",
    "check",
)


def _table(name: str) -> dict:
    table = TABLES[name]
    columns = {
        f.name: f.description + (f" Unit: {f.unit}." if f.unit else "") for f in table.fields
    }
    facets = [c for c in FACET_COLUMNS if c in columns][:5]
    return {
        "title": table.title,
        "description": table.description,
        "columns": columns,
        "facets": facets,
        "license": "CC-BY-4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
    }


def metadata(database: str, *, verdicts: bool) -> dict:
    """The whole metadata document for ``datasette serve --metadata``, for the database
    file named ``database`` (Datasette names a database by its file's stem). With
    ``verdicts``, the database also holds the fact check's ``claim_verdicts`` table, and
    the query that joins it is offered.

    >>> sorted(metadata("korus-data", verdicts=False)["databases"])
    ['korus-data']
    """
    tables = {name: _table(name) for name in TABLES}
    queries = {
        name: query
        for name, query in CANNED_QUERIES.items()
        if verdicts or "claim_verdicts" not in query["sql"]
    }
    if verdicts:
        tables["claim_verdicts"] = {
            "title": "Verdicts of the fact check",
            "description": "Each claim of the June 2019 fact sheet with the verdict, figure and "
            "explanation kd.check_claims() gives, and the sources of its evidence.",
            "facets": ["verdict"],
        }
    return {
        "title": f"korus-data {DATA_VERSION}: the U.S.-Republic of Korea economic relationship",
        "description": "Sourced, validated tables of U.S.-Korea trade and investment. Every row "
        "carries a source_id that resolves in the sources table (linked).",
        "license": "CC-BY-4.0 (compilation); U.S. federal statistics are public domain",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "U.S. Census Bureau, BEA, IMF and the publications in the sources table",
        "source_url": "https://www.census.gov/foreign-trade/balance/c5800.html",
        "databases": {
            database: {
                "title": "korus-data",
                "tables": tables,
                "queries": queries,
            }
        },
    }
