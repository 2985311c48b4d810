"""What the package holds: the table catalogue, field metadata, versions and citation."""

from __future__ import annotations

import pandas as pd

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.schema.tables import TABLES, TableName
from korus_data.store.descriptor import read_descriptor
from korus_data.store.loader import load, table_definition


def _coverage(frame: pd.DataFrame, column: str | None) -> tuple[str, str]:
    if column is None or column not in frame or frame.empty:
        return "", ""
    values = frame[column].dropna().astype(str)
    return values.min(), values.max()


def tables() -> pd.DataFrame:
    """The catalogue: one row per table with its title, rows, coverage and source kinds.

    Example:
        >>> import korus_data as kd
        >>> "goods_trade_monthly" in set(kd.tables()["name"])
        True
    """
    kinds = load("sources").set_index("source_id")["kind"]
    rows = []
    for name, table in TABLES.items():
        frame = load(name)  # type: ignore[arg-type]
        first, last = _coverage(frame, table.period_field)
        used = (
            sorted(set(kinds.reindex(frame["source_id"].unique()).dropna()))
            if "source_id" in frame
            else []
        )
        rows.append(
            {
                "name": name,
                "title": table.title,
                "rows": len(frame),
                "first": first,
                "last": last,
                "source_kinds": ", ".join(used),
            }
        )
    return pd.DataFrame(rows)


def describe(name: TableName) -> pd.DataFrame:
    """Field metadata of a table: type, unit, whether required, description, allowed values.

    Example:
        >>> import korus_data as kd
        >>> kd.describe("goods_trade_monthly").set_index("field").loc["period", "type"]
        'yearmonth'
    """
    table = table_definition(name)
    return pd.DataFrame(
        [
            {
                "field": f.name,
                "type": f.type,
                "unit": f.unit or "",
                "required": f.required,
                "in_key": f.name in table.primary_key,
                "description": f.description,
                "allowed": f.allowed_text(),
            }
            for f in table.fields
        ]
    )


def cite() -> str:
    """How to cite the package (library and data versions) and its main sources.

    Example:
        >>> import korus_data as kd
        >>> "korus-data" in kd.cite()
        True
    """
    descriptor = read_descriptor()
    sources = "\n".join(f"  - {s['title']}: {s['path']}" for s in descriptor.get("sources", []))
    return (
        f"korus-data developers. korus-data: the U.S.-Republic of Korea economic relationship, "
        f"sourced. Data release {DATA_VERSION} (library {__version__}). "
        f"{descriptor.get('homepage', '')}\n"
        "Data licence: CC BY 4.0 for the compilation; U.S. federal statistics are public "
        "domain. Cite the underlying sources too (every row's source_id resolves in the "
        "sources table); main sources:\n"
        f"{sources}"
    )
