"""Where the package's files are, what ``datapackage.json`` says, and whether files match it."""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from pathlib import Path

from korus_data.definitions import TABLES
from korus_data.errors import IntegrityError, UnknownTableError

DESCRIPTOR_NAME = "datapackage.json"


def package_root() -> Path:
    """The folder holding ``datapackage.json`` and ``data/``.

    In an installed wheel that is the ``korus_data`` package folder; in an editable install
    or a checkout it is the repository root (next to ``src/``).

    Example:
        >>> (package_root() / "datapackage.json").is_file()
        True
    """
    installed = Path(str(resources.files("korus_data")))
    if (installed / DESCRIPTOR_NAME).is_file():
        return installed
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / DESCRIPTOR_NAME).is_file() and (checkout / "src" / "korus_data").is_dir():
        return checkout
    raise FileNotFoundError(
        f"cannot find {DESCRIPTOR_NAME}: looked in {installed} and {checkout}; reinstall korus-data"
    )


def resolve_root(root: str | Path | None) -> Path:
    """``root`` as a Path, or the package's own root when None."""
    return package_root() if root is None else Path(root).resolve()


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


def bytes_digest(data: bytes) -> tuple[str, int]:
    """``("sha256:<hex>", size in bytes)`` of some bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest(), len(data)


def file_digest(path: str | Path) -> tuple[str, int]:
    """``("sha256:<hex>", size in bytes)`` of a file."""
    return bytes_digest(Path(path).read_bytes())


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
