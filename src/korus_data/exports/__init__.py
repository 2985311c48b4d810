"""Typed exports of the package: Parquet, DuckDB, SQLite, an Excel workbook, a release zip.

Each export is made on demand (nothing is shipped in the wheel) from files checked against
``datapackage.json`` first (a file that differs from its record stops every format), written
into a hidden staging folder beside the destination (``.<name>.korus-export-*``) and moved into
place in one rename when complete: the destination holds the whole export or nothing, never a
partial set under final names. An export killed on the way leaves only its staging folder,
which the next export to the same destination removes.

Example:
    >>> import korus_data as kd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "export"
    >>> [p.name for p in kd.export("sqlite", out)]
    ['korus-data-2026.12.sqlite', 'korus-data-2026.12.datasette.json']
"""

from __future__ import annotations

from pathlib import Path

from korus_data.errors import UsageError

FORMATS = ("parquet", "duckdb", "sqlite", "xlsx", "zip")


def export(format: str, out: str | Path, *, root: str | Path | None = None) -> list[Path]:
    """Write the package (this one, or the copy at ``root``) in ``format`` into the folder
    ``out`` (new or empty); returns the files written.
    :class:`~korus_data.errors.UsageError` for an unknown format or a destination that holds
    other files or cannot be written; :class:`~korus_data.errors.IntegrityError` (nothing
    written) when a file of the package differs from ``datapackage.json``."""
    from korus_data.exports import staging, writers
    from korus_data.store.paths import resolve_root

    if format not in FORMATS:
        raise UsageError(f"format {format!r} is not known; use one of: {', '.join(FORMATS)}")
    out = Path(out)
    staging.destination(out)
    files = staging.verified_files(resolve_root(root))  # every byte checked before writing
    with staging.staged(out) as stage:
        written = getattr(writers, f"write_{format}")(stage, files)
    return [out / path.name for path in written]


__all__ = ["FORMATS", "export"]
