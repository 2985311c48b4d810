"""How ``korus-data serve`` shows numbers: each column of decimals with one count of decimals
(the most any of its values needs, at most six) and thousands separators, so that figures line
up and ``5337.0`` sits over ``312.6`` as ``5,337.0`` over ``312.6``. Only the HTML pages change;
JSON and CSV give the stored values.

The counts are measured once, when the database of a release is built, and kept in it (the
hidden table ``_korus_decimals``); ``serve`` hands them to Datasette in its metadata, and the
hook :func:`render_cell` (loaded from ``--plugins-dir``) applies them.

Example:
    >>> cell_text(5337.0, 1), cell_text(0.000123, 6)
    ('5,337.0', '0.000123')
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DECIMALS_TABLE = "_korus_decimals"
MAX_DECIMALS = 6
PLUGIN_MODULE = "from korus_data.serve.display import render_cell  # noqa: F401\n"
#: The decimals a value needs, in SQLite (printed to six places, trailing zeros dropped).
_NEEDED = (
    "MAX(LENGTH(RTRIM(PRINTF('%.{n}f', ABS({c})), '0')) - INSTR(PRINTF('%.{n}f', ABS({c})), '.'))"
)


def cell_text(value: float, places: int) -> str:
    """``value`` with ``places`` decimals and thousands separators."""
    return f"{value:,.{places}f}"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def add_decimals(path: Path) -> None:
    """Measure the decimals of every REAL column of the database at ``path`` and keep them in
    ``_korus_decimals`` (table_name, column_name, decimals)."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE '\\_korus\\_%' ESCAPE '\\'"
            )
        ]
        measured = []
        for table in tables:
            columns = connection.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
            real = [c[1] for c in columns if str(c[2]).upper() == "REAL"]
            if not real:
                continue
            needed = ", ".join(_NEEDED.format(n=MAX_DECIMALS, c=_quoted(c)) for c in real)
            row = connection.execute(f"SELECT {needed} FROM {_quoted(table)}").fetchone()
            pairs = zip(real, row, strict=True)
            measured += [(table, column, int(n)) for column, n in pairs if n is not None]
        connection.execute(
            f"CREATE TABLE {DECIMALS_TABLE} (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
            "decimals INTEGER NOT NULL, PRIMARY KEY (table_name, column_name))"
        )
        connection.executemany(f"INSERT INTO {DECIMALS_TABLE} VALUES (?, ?, ?)", measured)
        connection.commit()
    finally:
        connection.close()


def decimals(path: Path) -> dict[str, dict[str, int]]:
    """Table -> column -> decimals, as measured by :func:`add_decimals` ({} before)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(f"SELECT * FROM {DECIMALS_TABLE}").fetchall()
    except sqlite3.OperationalError:  # a database built before the table existed
        return {}
    finally:
        connection.close()
    out: dict[str, dict[str, int]] = {}
    for table, column, places in rows:
        out.setdefault(table, {})[column] = places
    return out


#: A query's columns by name: the decimals its canned queries round them to.
QUERY_DECIMALS = {"usd_millions": 6, "pct": 4}


def render_cell(value, column, table, database, datasette):
    """Datasette's hook: a number of a table page with its column's decimals, of a query's
    page by the column's name (None: shown as Datasette shows it)."""
    if not isinstance(value, float):
        return None
    if table is None:
        places = next((n for end, n in QUERY_DECIMALS.items() if column.endswith(end)), None)
    else:
        measured = datasette.metadata(
            "korus_decimals", database=database, table=table, fallback=False
        )
        places = (measured or {}).get(column)
    return None if places is None else cell_text(value, places)


try:  # Datasette marks hook implementations; without it this module is still importable
    from datasette import hookimpl

    render_cell = hookimpl(render_cell)
except ImportError:  # pragma: no cover - serve refuses to start without Datasette
    pass
