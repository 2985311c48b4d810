"""Read the pipeline's curated inputs (``korus_data/curated/*.csv``) as text columns.

The build merges them with the rows it reads from official files; where several publications
give the same figure, the vintage tables keep each in the order it was published
(:mod:`korus_data.pipeline.vintages`).

Example:
    >>> codes = read_curated("census_partner_codes")
    >>> codes.set_index("partner_code").loc["5800", "iso3"]
    'KOR'
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.schema.tables import CURATED, DEFINED
from korus_data.store.paths import curated_dir, table_file


def read_text_table(data: bytes) -> pd.DataFrame:
    """A CSV as text columns, empty cells as missing values (no type guessing)."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])


def read_committed(base: Path, name: str) -> pd.DataFrame:
    """A table as published under ``base`` (text columns), or an empty frame with its columns
    when it is not (yet) published."""
    path = base / DEFINED[name].path
    if not path.is_file():
        return pd.DataFrame(columns=DEFINED[name].field_names)
    return read_text_table(path.read_bytes())


def read_curated(name: str) -> pd.DataFrame:
    """The curated input ``name`` (a key of ``CURATED``) as text columns."""
    table = CURATED[name]
    path = table_file(table, curated_dir().parent)
    if not path.is_file():
        raise BuildError(f"curated input {table.path} is missing from the package")
    frame = read_text_table(path.read_bytes())
    if list(frame.columns) != table.field_names:
        raise BuildError(f"curated input {table.path}: columns are not {table.field_names}")
    return frame
