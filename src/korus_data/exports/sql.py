"""SQL for the database exports: column types, CREATE statements with keys and
vocabularies, and the order rows and tables go in so that every foreign key holds.

Example:
    >>> sql_text("Korea's rank")
    "'Korea''s rank'"
"""

from __future__ import annotations

from korus_data.schema.model import Table
from korus_data.schema.tables import TABLES

SQL_TYPES = {
    "string": "TEXT",
    "integer": "BIGINT",
    "year": "INTEGER",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "yearmonth": "TEXT",
}


def sql_text(value: str) -> str:
    """An SQL string literal (COMMENT ON takes no parameters)."""
    return "'" + value.replace("'", "''") + "'"


def sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def enum_type(table: Table, field) -> str:
    """The name of the DuckDB ENUM type of a vocabulary field."""
    return sql_name(f"{table.name}__{field.name}")


def create_statements(table: Table, *, sqlite: bool) -> str:
    """CREATE TABLE with the primary key and foreign keys of the definition; a vocabulary is
    a CHECK (SQLite) or an ENUM type (DuckDB, created by :func:`enum_statements`)."""
    columns = []
    for f in table.fields:
        kind = "REAL" if sqlite and f.type == "number" else SQL_TYPES[f.type]
        if f.enum is not None and not sqlite:
            kind = enum_type(table, f)
        column = f"{sql_name(f.name)} {kind}" + (" NOT NULL" if f.required else "")
        if f.enum is not None and sqlite:
            allowed = ", ".join(sql_text(str(v)) for v in f.enum)
            column += f" CHECK ({sql_name(f.name)} IN ({allowed}))"
        columns.append(column)
    columns.append(f"PRIMARY KEY ({', '.join(map(sql_name, table.primary_key))})")
    for fk in table.foreign_keys:
        columns.append(
            f"FOREIGN KEY ({', '.join(map(sql_name, fk.fields))}) REFERENCES "
            f"{sql_name(fk.table)} ({', '.join(map(sql_name, fk.reference_fields))})"
        )
    return f"CREATE TABLE {sql_name(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def enum_statements(table: Table) -> list[str]:
    """CREATE TYPE ... AS ENUM for each vocabulary field of ``table`` (DuckDB)."""
    return [
        f"CREATE TYPE {enum_type(table, f)} AS ENUM ({', '.join(sql_text(str(v)) for v in f.enum)})"
        for f in table.fields
        if f.enum is not None
    ]


def column_rows() -> list[tuple[str, str, str, str | None, str, str]]:
    """(table, column, type, unit, description, allowed) of every column of every table."""
    return [
        (t.name, f.name, f.type, f.unit, f.description, f.allowed_text())
        for t in TABLES.values()
        for f in t.fields
    ]


def referenced_first(table: Table, frame):
    """``frame`` in parts, each row after the rows of the same table it refers to (DuckDB
    checks a table's foreign key to itself row by row: ``superseded_by`` of sources)."""
    own = [fk for fk in table.foreign_keys if fk.table == table.name]
    if not own:
        yield frame
        return
    fk = own[0]
    pending, done = frame, set[str]()
    while len(pending):
        refs = pending[fk.fields[0]]
        ready = refs.isna() | refs.isin(done)
        if not ready.any():  # a cycle would be refused by the foreign key: insert it whole
            yield pending
            return
        yield pending[ready]
        done |= set(pending.loc[ready, fk.reference_fields[0]])
        pending = pending[~ready]


def ordered_tables() -> list[str]:
    """Tables in an order where every referenced table comes first."""
    done: list[str] = []
    pending = list(TABLES)
    while pending:
        for name in list(pending):
            needs = {fk.table for fk in TABLES[name].foreign_keys} - {name}
            if needs <= set(done):
                done.append(name)
                pending.remove(name)
    return done
