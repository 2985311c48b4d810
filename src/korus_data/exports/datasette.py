"""Datasette metadata generated from the table definitions (never written twice): the
headline tables listed first, the package's own ``_korus_*`` tables hidden, tables with a
time column shown newest first, each canned query with a link that fills in its example."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from korus_data.__about__ import DATA_VERSION
from korus_data.exports.queries import CANNED_QUERIES, EXAMPLES, parameters
from korus_data.schema.tables import TABLES

#: The tables most people come for, in the order the home page lists them.
HEADLINE_TABLES = (
    "goods_trade_annual",
    "goods_trade_monthly",
    "bop_trade_annual",
    "us_goods_trade_by_partner_annual",
    "goods_trade_by_product_annual",
    "us_imports_and_duty_annual",
    "us_tariff_schedule",
    "us_tariff_measures",
    "direct_investment_position_annual",
    "affiliate_operations_annual",
    "investment_projects",
    "claims",
    "sources",
)
#: The SQLite export's tables about the tables (hidden: reached by address or SQL).
INTERNAL_TABLES = ("_korus_tables", "_korus_columns")
#: Time columns, the first a table has sorts it newest first.
NEWEST_FIRST = ("year", "period", "date", "released", "data_through", "edition")
#: Tables read in their own order (the fact sheet's claims as the fact sheet lists them).
OWN_ORDER = ("claims",)

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
    meta = {
        "title": table.title,
        "description": table.description,
        "columns": columns,
        "facets": facets,
        "license": "CC-BY-4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
    }
    newest = [c for c in (table.period_field, *NEWEST_FIRST) if c and c in columns]
    if newest and name not in OWN_ORDER:
        meta["sort_desc"] = newest[0]
    return meta


def example_address(database: str, name: str) -> str:
    """The address of canned query ``name`` with its example parameters filled in.

    >>> example_address("korus-data", "month_revisions")
    '/korus-data/month_revisions?period=2019-03'
    """
    params = {p: EXAMPLES[p] for p in parameters(CANNED_QUERIES[name]["sql"])}
    return f"/{database}/{name}" + (f"?{urlencode(params)}" if params else "")


def _guide(database: str, queries: dict, tables: dict) -> str:
    """HTML: the headline tables, then the questions the canned queries answer."""
    headline = "".join(
        f'<li><a href="/{database}/{name}">{escape(tables[name]["title"])}</a> '
        f"<code>{name}</code></li>"
        for name in HEADLINE_TABLES
    )
    asked = "".join(
        f'<li><a href="{escape(example_address(database, name))}">{escape(query["title"])}</a></li>'
        for name, query in queries.items()
    )
    return (
        f"<h2>Start here</h2><ul>{headline}</ul>"
        f"<h2>Questions, answered in SQL</h2><ul>{asked}</ul>"
        f'<p><a href="/{database}">Every table</a> (the <code>_vintages</code> tables keep '
        "every release's figures; the newest are in the tables above).</p>"
    )


def metadata(database: str, *, verdicts: bool) -> dict:
    """The whole metadata document for ``datasette serve --metadata``, for the database
    file named ``database`` (Datasette names a database by its file's stem). With
    ``verdicts``, the database also holds the fact check's ``claim_verdicts`` table, and
    the query that joins it is offered.

    >>> sorted(metadata("korus-data", verdicts=False)["databases"])
    ['korus-data']
    """
    tables = {name: _table(name) for name in TABLES}
    tables.update({name: {"hidden": True} for name in INTERNAL_TABLES})
    queries = {
        name: _query(database, name, query)
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
        "description_html": "<p>Sourced, validated tables of U.S.-Korea trade and investment. "
        "Every row carries a <code>source_id</code> that resolves in the sources table "
        "(linked).</p>" + _guide(database, queries, tables),
        "license": "CC-BY-4.0 (compilation); U.S. federal statistics are public domain",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "U.S. Census Bureau, BEA, IMF and the publications in the sources table",
        "source_url": "https://www.census.gov/foreign-trade/balance/c5800.html",
        "databases": {
            database: {
                "title": "korus-data",
                "description_html": _guide(database, queries, tables),
                "tables": tables,
                "queries": queries,
            }
        },
    }


def _query(database: str, name: str, query: dict) -> dict:
    """A canned query's metadata; one with parameters says what it shows when left empty."""
    params = parameters(query["sql"])
    if not params:
        return dict(query)
    examples = ", ".join(f"{p} = {EXAMPLES[p]}" for p in params)
    link = escape(example_address(database, name))
    return {
        **query,
        "description_html": f'Left empty, it shows the example (<a href="{link}">{examples}</a>).',
    }
