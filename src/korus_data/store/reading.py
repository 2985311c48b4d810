"""Reading one published table: its bytes checked against ``datapackage.json``, parsed with
the table's types (CSV or a release's Parquet file). The layer under :func:`~korus_data.store.
loader.load` that the release calendar and the as-of views read through, so that they never
import the loader that dispatches to them."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from korus_data.errors import IntegrityError, UsageError
from korus_data.schema.model import ARROW_TYPES, Table
from korus_data.schema.tables import DEFINED, REFRESH_ONLY, table_definition
from korus_data.store.descriptor import check_integrity, resource_descriptor
from korus_data.store.files import read_regular
from korus_data.store.journal import settle
from korus_data.store.paths import is_address, resolve_root

#: Arrow types read as pandas's nullable dtypes (a missing integer or flag stays missing).
NULLABLE = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def _arrow_types(table: Table) -> dict[str, pa.DataType]:
    return {f.name: pa.type_for_alias(ARROW_TYPES.get(f.type, "string")) for f in table.fields}


def _typed(cells: pa.Table, table: Table) -> pd.DataFrame:
    """The DataFrame of Arrow ``cells`` typed as ``table`` defines: the one step after parsing
    that a CSV and a Parquet file share, so that both give the same frame."""
    frame = cells.to_pandas()
    for f in table.fields:  # a missing integer or flag stays missing, never a float or None
        if f.loaded_dtype in ("Int64", "boolean") and f.name in frame:
            frame[f.name] = cells.column(f.name).to_pandas(types_mapper=NULLABLE.get)
    differ = {
        f.name: f.loaded_dtype
        for f in table.fields
        if f.name in frame and frame[f.name].dtype != f.loaded_dtype
    }
    return frame.astype(differ) if differ else frame  # e.g. a gap in a required integer


def parse_csv(data: bytes, table: Table) -> pd.DataFrame:
    """Parse CSV bytes with the table's dtypes (no guessing); dates become datetime64.

    Arrow's CSV reader parses and types every column in C++ (two to four times faster than
    :func:`pandas.read_csv` here); each column then gets the dtype of its definition.
    """
    try:
        cells = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=_arrow_types(table),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                true_values=["true"],
                false_values=["false"],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:  # a value of the wrong type
        first = str(exc).splitlines()[0]
        raise IntegrityError(
            f"table {table.name!r}: a value disagrees with its type: {first}"
        ) from None
    if cells.column_names != table.field_names:
        raise IntegrityError(
            f"table {table.name!r}: its header is {', '.join(cells.column_names[:8])}; the "
            f"table's fields are {', '.join(table.field_names)} (a file of another shape is "
            "refused whatever its recorded hash)"
        )
    return _typed(cells, table)


def parse_parquet(data: bytes, table: Table) -> pd.DataFrame:
    """Parse the bytes of a release's Parquet file of ``table`` into the frame
    :func:`parse_csv` gives for its CSV (vocabularies back to text, dates as datetime64).

    :class:`IntegrityError` when the file lacks a column of the definition."""
    import pyarrow.parquet as pq

    cells = pq.read_table(pa.BufferReader(data))
    types = _arrow_types(table)
    missing = [name for name in types if name not in cells.column_names]
    if missing:
        raise IntegrityError(f"{table.name}: the Parquet file lacks {', '.join(missing)}")
    columns = [cells.column(name).cast(kind) for name, kind in types.items()]
    return _typed(pa.Table.from_arrays(columns, names=list(types)), table)


def from_parquet(table: Table, file_format: str, root: object, as_of: object) -> pd.DataFrame:
    if file_format != "parquet":
        raise UsageError(f"file_format={file_format!r}: use 'csv' (the default) or 'parquet'")
    if not is_address(root) or as_of is not None:
        raise UsageError(
            "file_format='parquet' reads a published release's Parquet file: give release= "
            "(or root= its download address), without as_of="
        )
    from korus_data.store.remote import fetched_parquet

    data = fetched_parquet(str(root), table.name).read_bytes()
    return parse_parquet(data, table)


@functools.lru_cache(maxsize=64)
def _parsed(name: str, digest: str, data: bytes) -> pd.DataFrame:
    """The parsed table, cached by the content hash that was checked (never by file dates)."""
    return parse_csv(data, DEFINED[name])


def _read(base: Path, relative: str, name: str) -> bytes:
    path = base / relative
    try:
        return read_regular(base, relative)
    except FileNotFoundError:
        if name in REFRESH_ONLY:
            raise UsageError(
                f"table {name!r} is defined but not published in this copy: "
                "korus-data refresh census fills it (it needs a Census API key)"
            ) from None
        from korus_data.store.paths import package_root

        fix = (
            "reinstall korus-data"
            if base == package_root()
            else f"{base} is not a whole korus-data package (its data/ folder lacks the file)"
        )
        raise IntegrityError(f"table {name!r}: {path} is missing; {fix}") from None


def load_table(name: str, root: str | Path | None = None) -> pd.DataFrame:
    """The table ``name`` of the package under ``root`` (a folder; the installed copy when
    None), checked and parsed: :func:`~korus_data.store.loader.load` without ``as_of`` or an
    address."""
    table = table_definition(name)
    base = resolve_root(root)
    settle(base)  # an interrupted build: back to the release it replaced
    data = _read(base, table.path, table.name)
    check_integrity(table.name, base, data)  # hashes the bytes once, against the record
    recorded = resource_descriptor(table.name, base)["hash"]
    return _parsed(table.name, recorded, data).copy()
