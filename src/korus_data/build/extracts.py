"""Read figures out of the source pack's extract files, each file parsed once per build."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError


@functools.lru_cache(maxsize=16)
def read_extract(path: Path, mtime_ns: int) -> pd.DataFrame:
    """An extract file (cached while the file is unchanged); addresses and labels as text."""
    return pd.read_csv(path, dtype={"source_url": str, "measure": str, "flow": str})


def extract_value(folder: Path, file: str, url: str, year: int, **columns: str) -> float:
    """The one figure of ``file`` with this address, year and column values.

    The figure column is ``value`` (or ``value_musd`` in files that use that name);
    :class:`BuildError` when there is not exactly one distinct figure.
    """
    path = folder / file
    if not path.is_file():
        raise BuildError(f"extract {path} does not exist")
    frame = read_extract(path, path.stat().st_mtime_ns)
    rows = frame[(frame["source_url"] == url) & (frame["year"] == year)]
    for column, value in columns.items():
        rows = rows[rows[column] == value]
    column = "value" if "value" in rows else "value_musd"
    values = set(rows[column].astype(float))
    if len(values) != 1:
        raise BuildError(f"{file}: expected one value for {url} {year} {columns}, found {values}")
    return values.pop()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
