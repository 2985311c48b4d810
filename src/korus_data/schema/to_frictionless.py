"""Generate ``datapackage.json`` (Frictionless Data Package v2) from the table definitions.

The committed ``datapackage.json`` must equal :func:`render_descriptor` of the committed data;
the tests and ``korus_data.validate()`` check it.

Example:
    >>> from korus_data.schema.tables import TABLES
    >>> table_schema(TABLES["goods_trade_monthly"])["primaryKey"]
    ['reporter', 'partner', 'period', 'flow', 'basis']
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from korus_data.__about__ import DATA_CREATED, DATA_VERSION
from korus_data.schema.model import Field, Table
from korus_data.schema.tables import present_tables

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
HOMEPAGE = "https://github.com/korus-data/korus-data"

COMPILATION_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the compilation: selection, structure, "
    "descriptions)",
}
US_GOVERNMENT_LICENSE = {
    "name": "US-Government-Works",
    "path": "https://www.usa.gov/government-copyright",
    "title": "U.S. federal statistics (Census, BEA) are works of the U.S. Government, "
    "public domain in the United States",
}


#: How every CSV of the package is written (the writer is korus_data.pipeline.writer).
DIALECT = {
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}


def bytes_digest(data: bytes) -> tuple[str, int]:
    """``("sha256:<hex>", size in bytes)``: how a resource's ``hash`` and ``bytes`` are written.

    Example:
        >>> bytes_digest(b"")[1]
        0
    """
    return "sha256:" + hashlib.sha256(data).hexdigest(), len(data)


def field_schema(field: Field) -> dict:
    """The Frictionless field descriptor of one field."""
    out: dict = {"name": field.name, "type": field.type, "description": field.description}
    if field.unit:
        out["unit"] = field.unit
    constraints: dict = {}
    if field.required:
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.enum is not None:
        constraints["enum"] = list(field.enum)
    if field.minimum is not None:
        constraints["minimum"] = field.minimum
    if field.maximum is not None:
        constraints["maximum"] = field.maximum
    if field.pattern and field.type == "string":
        constraints["pattern"] = field.pattern
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(table: Table) -> dict:
    """The Frictionless table schema of one table."""
    schema: dict = {
        "fields": [field_schema(f) for f in table.fields],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": (
                    {"fields": list(fk.reference_fields)}
                    if fk.table == table.name
                    else {"resource": fk.table, "fields": list(fk.reference_fields)}
                ),
            }
            for fk in table.foreign_keys
        ]
    return schema


def _sources_by_id(data_dir: Path) -> dict[str, dict]:
    path = data_dir / "sources.csv"
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8") as f:
        return {row["source_id"]: row for row in csv.DictReader(f)}


def _scan(data: bytes, table: Table) -> tuple[list[str], dict]:
    """The source ids a table cites and its coverage: rows, first and last period (the two
    columns read by Arrow, as text)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace", newline="")
    header = next(csv.reader(text), [])
    wanted = [c for c in ("source_id", table.period_field) if c and c in header]
    cells = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            include_columns=wanted or header[:1],
            column_types=dict.fromkeys(header, pa.string()),
            null_values=[""],
            strings_can_be_null=True,
        ),
    )
    used = (
        sorted(pc.unique(cells.column("source_id")).drop_null().to_pylist())
        if "source_id" in wanted
        else []
    )
    coverage: dict = {"rows": cells.num_rows}
    if table.period_field in wanted:
        periods = pc.min_max(cells.column(table.period_field))
        if periods["min"].is_valid:
            coverage["first"], coverage["last"] = periods["min"].as_py(), periods["max"].as_py()
    return used, coverage


def resource_descriptor(table: Table, root: Path, sources: dict[str, dict]) -> dict:
    """The resource entry of one table, with the hash and size of its file."""
    data = (root / table.path).read_bytes()
    digest, size = bytes_digest(data)
    used_ids, coverage = _scan(data, table)
    used = [sources[s] for s in used_ids if s in sources]
    coverage["source_kinds"] = sorted({s["kind"] for s in used})
    licenses = [COMPILATION_LICENSE]
    if any(s["license"] == "US-Government-Works" for s in used):
        licenses.append(US_GOVERNMENT_LICENSE)
    res: dict = {
        "name": table.name,
        "type": "table",
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        # stated, not left to a sniffer (one reader took "_" for the delimiter)
        "dialect": DIALECT,
        "hash": digest,
        "bytes": size,
        "licenses": licenses,
        # korus-data's own property (the standard allows them): what `kd.tables()` lists,
        # recorded here so the catalogue needs no table to be read
        "coverage": coverage,
    }
    if used:
        res["sources"] = [
            {"title": f"{s['publisher']}: {s['title']}", "path": s["url"]} for s in used
        ]
    res["schema"] = table_schema(table)
    return res


def build_descriptor(root: str | Path) -> dict:
    """The whole package descriptor for the tables under ``root / "data"``."""
    root = Path(root)
    sources = _sources_by_id(root / "data")
    return {
        "$schema": PROFILE,
        "name": "korus-data",
        "title": "korus-data: the U.S.-Republic of Korea economic relationship, sourced",
        "description": (
            "Tidy, sourced tables of U.S.-Korea trade in goods and services, investment and "
            "Korean investment projects in the United States, with a source registry. Every "
            "row carries a source_id that resolves in the sources table."
        ),
        "version": DATA_VERSION,
        "created": DATA_CREATED,
        "homepage": HOMEPAGE,
        "keywords": ["Korea", "United States", "trade", "KORUS", "investment"],
        "licenses": [COMPILATION_LICENSE, US_GOVERNMENT_LICENSE],
        "sources": [
            {
                "title": "U.S. Census Bureau, U.S. Trade in Goods by Country",
                "path": "https://www.census.gov/foreign-trade/balance/c5800.html",
            }
        ],
        "contributors": [{"title": "korus-data developers", "roles": ["creator"]}],
        "resources": [resource_descriptor(t, root, sources) for t in present_tables(root).values()],
    }


def render_descriptor(root: str | Path) -> str:
    """``datapackage.json`` as text, exactly as it is committed."""
    buffer = io.StringIO()
    json.dump(build_descriptor(root), buffer, indent=2, ensure_ascii=False)
    return buffer.getvalue() + "\n"
