"""What ``datapackage.json`` says, and whether the package's files match it."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from korus_data.errors import IntegrityError, UnknownTableError
from korus_data.schema.tables import TABLES
from korus_data.schema.to_frictionless import bytes_digest
from korus_data.store.paths import DESCRIPTOR_NAME, resolve_root


@functools.lru_cache(maxsize=8)
def _read_descriptor(path: Path, mtime_ns: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def read_descriptor(root: str | Path | None = None) -> dict:
    """The parsed ``datapackage.json`` (cached until the file changes)."""
    path = resolve_root(root) / DESCRIPTOR_NAME
    return _read_descriptor(path, path.stat().st_mtime_ns)


def resource_descriptor(name: str, root: str | Path | None = None) -> dict:
    """The descriptor of one resource; :class:`UnknownTableError` for an unknown name."""
    for res in read_descriptor(root)["resources"]:
        if res["name"] == name:
            return res
    raise UnknownTableError.for_name(name, TABLES)


def integrity_problem(
    name: str, root: str | Path | None = None, data: bytes | None = None
) -> str | None:
    """Why a table's file (or ``data``, its bytes already read) differs from its record.

    Returns None when the file matches the hash and size in ``datapackage.json``.
    """
    base = resolve_root(root)
    res = resource_descriptor(name, base)
    path = base / res["path"]
    if data is None:
        if not path.is_file():
            return f"{res['path']} is missing"
        data = path.read_bytes()
    digest, size = bytes_digest(data)
    if size != res["bytes"]:
        return f"{res['path']} has {size} bytes; datapackage.json records {res['bytes']}"
    if digest != res["hash"]:
        return f"{res['path']} has hash {digest}; datapackage.json records {res['hash']}"
    return None


def check_integrity(name: str, root: str | Path | None = None, data: bytes | None = None) -> None:
    """Raise :class:`IntegrityError` naming the file when it differs from its record."""
    problem = integrity_problem(name, root, data)
    if problem:
        raise IntegrityError(
            f"table {name!r}: {problem}. The file was changed after the package was built; "
            "reinstall korus-data, or run `korus-data build` to regenerate the descriptor."
        )
