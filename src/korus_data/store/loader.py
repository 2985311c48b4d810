"""Read a published table into a typed DataFrame, checked against ``datapackage.json``: as
published, as of a day or a release, or from a published release's address."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from korus_data.schema.tables import TableName, table_definition
from korus_data.store.paths import is_address
from korus_data.store.reading import (
    NULLABLE,
    from_parquet,
    load_table,
    parse_csv,
    parse_parquet,
)
from korus_data.store.releases import AsOf

__all__ = ["NULLABLE", "FileFormat", "load", "parse_csv", "parse_parquet"]

#: How a published release's table is read: its CSV (in the bundle), or its Parquet file.
FileFormat = Literal["csv", "parquet"]


def load(
    name: TableName,
    *,
    as_of: AsOf = None,
    root: str | Path | None = None,
    release: str | None = None,
    file_format: FileFormat = "csv",
) -> pd.DataFrame:
    """Load one table as a typed DataFrame, after checking its file's hash and size.

    Codes stay strings, money is float64, years are int64; every call returns a fresh copy,
    so changing it never changes what the next call returns. With ``as_of`` (a date,
    'YYYY-MM-DD', or a release id such as 'census-country-xlsx-2020-08') the table holds the
    figures as they were known that day: from its vintage table where it has one, else the
    rows whose release had become public by then (see :mod:`korus_data.store.history`).
    ``root`` reads another copy: a folder, or the http(s) address of a published release
    (each file fetched once into the cache and checked against its hash and size first; see
    :mod:`korus_data.store.remote`); ``release="2026.12"`` is that release's address.
    ``file_format="parquet"`` reads a published release's Parquet file of the table instead
    of its CSV (the same frame).

    Example:
        >>> import korus_data as kd
        >>> df = kd.load("goods_trade_annual")
        >>> us = df[(df.reporter == "USA") & (df.basis == "census")]
        >>> us.loc[(us.year == 2018) & (us.flow == "export"), "value_usd_millions"].item()
        56318.293632
    """
    table = table_definition(name)
    if release is not None:
        from korus_data.store.remote import release_address

        root = release_address(release)
    if file_format != "csv":
        return from_parquet(table, file_format, root, as_of)
    if is_address(root):
        from korus_data.store.remote import fetched

        # as of a day, the view reads the vintages, releases, sources and the calendar too
        root = fetched(root, None if as_of is not None else [table.name])
    if as_of is not None:
        from korus_data.store.history import as_of_view
        from korus_data.store.journal import settle
        from korus_data.store.paths import resolve_root

        base = resolve_root(root)
        settle(base)  # an interrupted build: back to the release it replaced
        return as_of_view(table.name, as_of, base)
    return load_table(table.name, root)
