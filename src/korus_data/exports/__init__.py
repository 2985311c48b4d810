"""Typed exports of the package: Parquet, DuckDB, SQLite, an Excel workbook, a release zip.

Each export is made on demand (nothing is shipped in the wheel), written under temporary names
inside the destination and renamed into place when complete: an interrupted export never
leaves a partial file under a final name, and nothing outside the destination is touched.

Example:
    >>> import korus_data as kd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "export"
    >>> [p.name for p in kd.export("sqlite", out)]
    ['korus-data-2026.11.sqlite']
"""

from __future__ import annotations

from pathlib import Path

from korus_data.errors import UsageError

FORMATS = ("parquet", "duckdb", "sqlite", "xlsx", "zip")


def export(format: str, out: str | Path) -> list[Path]:
    """Write the package in ``format`` into the folder ``out`` (new or empty); returns the
    files written. :class:`~korus_data.errors.UsageError` for an unknown format or a
    destination that holds other files or cannot be written."""
    from korus_data.exports import writers

    if format not in FORMATS:
        raise UsageError(f"format {format!r} is not known; use one of: {', '.join(FORMATS)}")
    folder = writers.destination(Path(out))
    return getattr(writers, f"write_{format}")(folder)


__all__ = ["FORMATS", "export"]
