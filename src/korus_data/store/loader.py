"""Read a published table into a typed DataFrame, checked against ``datapackage.json``."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pandas as pd

from korus_data.errors import UnknownTableError
from korus_data.schema.model import Table
from korus_data.schema.tables import TABLES, TableName
from korus_data.store.descriptor import check_integrity
from korus_data.store.paths import resolve_root


def table_definition(name: str) -> Table:
    """The definition of a table; :class:`UnknownTableError` suggests close names.

    Example:
        >>> table_definition("sources").primary_key
        ('source_id',)
    """
    try:
        return TABLES[name]
    except (KeyError, TypeError):
        raise UnknownTableError.for_name(name, TABLES) from None


def parse_csv(data: bytes, table: Table) -> pd.DataFrame:
    """Parse CSV bytes with the table's dtypes (no guessing); dates become datetime64."""
    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=table.dtypes,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    for f in table.fields:
        if f.type == "date" and f.name in frame:
            frame[f.name] = pd.to_datetime(frame[f.name], format="%Y-%m-%d")
    return frame


@functools.lru_cache(maxsize=64)
def _cached(path: Path, mtime_ns: int, size: int, name: str, root: Path) -> pd.DataFrame:
    data = path.read_bytes()
    check_integrity(name, root, data)
    return parse_csv(data, TABLES[name])


def load(
    name: TableName, *, as_of: object = None, root: str | Path | None = None
) -> pd.DataFrame:
    """Load one table as a typed DataFrame, after checking its file's hash and size.

    Codes stay strings, money is float64, years are int64; every call returns a fresh copy,
    so changing it never changes what the next call returns. With ``as_of`` (a date,
    'YYYY-MM-DD', or a release id such as 'census-country-xlsx-2020-08') the table holds the
    figures as they were known that day: from its vintage table where it has one, else the
    rows whose release had become public by then (see :mod:`korus_data.store.history`).

    Example:
        >>> import korus_data as kd
        >>> df = kd.load("goods_trade_annual")
        >>> us = df[(df.reporter == "USA") & (df.basis == "census")]
        >>> us.loc[(us.year == 2018) & (us.flow == "export"), "value_usd_millions"].item()
        56318.293632
    """
    table = table_definition(name)
    base = resolve_root(root)
    if as_of is not None:
        from korus_data.store.history import as_of_view

        return as_of_view(table.name, as_of, base)
    path = base / table.path
    stat = path.stat()
    return _cached(path, stat.st_mtime_ns, stat.st_size, table.name, base).copy()
