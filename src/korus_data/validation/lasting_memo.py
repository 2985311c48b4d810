"""Which files passed the per-table gates, remembered across processes in the user's cache.

A file's strict read and Pandera gate depend only on its bytes, its table's definition, the
gates' code and the libraries that run them. When all of these are the same as when a file
last passed, ``validate()`` in a new process skips both (it parses the file with the fast
reader the loader uses, for the cross-table gates, which always run). The key is the SHA-256
of the file and of everything else it depends on (:func:`context`), so any change of those
misses; an entry that is not exactly what this module writes is ignored, never believed.
Only passes are remembered: a file with a problem is checked again, and its failures found
afresh.

Example:
    >>> from korus_data.schema.tables import TABLES
    >>> len(entry_key(TABLES["partners"], "sha256:00")) == 64
    True
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from korus_data.schema.model import Table

#: Raised when what an entry holds changes.
FORMAT = 1
#: The modules whose code decides whether a file passes the per-table gates.
GATE_MODULES = (
    "validation/strict_read.py",
    "validation/memo.py",
    "validation/lasting_memo.py",
    "validation/gates.py",
    "schema/model.py",
    "schema/to_pandera.py",
    "store/reading.py",
)


@functools.cache
def context() -> str:
    """A digest of what a pass depends on besides the file and its definition: the gates'
    code, and the versions of korus-data, Pandera, pandas and pyarrow."""
    from importlib import metadata

    from korus_data.__about__ import __version__
    from korus_data.store.paths import package_dir

    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    for library in ("pandera", "pandas", "pyarrow", "frictionless"):
        try:
            digest.update(f"|{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{library}=?".encode())
    code = [package_dir() / name for name in GATE_MODULES]
    code += sorted((package_dir() / "schema" / "tables").glob("*.py"))  # the row rules' code
    for path in code:
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=256)
def definition_text(table: Table) -> str:
    """The whole definition of ``table`` as stable text (a row rule by its name and
    description: its code is in :func:`context`)."""
    import dataclasses

    described = {
        key: value
        for key, value in dataclasses.asdict(table).items()
        if key not in ("rules", "fields", "foreign_keys")
    }
    described["fields"] = [dataclasses.asdict(f) for f in table.fields]
    described["foreign_keys"] = [dataclasses.asdict(k) for k in table.foreign_keys]
    described["rules"] = [(rule.name, rule.description) for rule in table.rules]
    return json.dumps(described, sort_keys=True, default=str)


def entry_key(table: Table, file_hash: str) -> str:
    """The entry's name: the file's hash, its table's whole definition, and :func:`context`."""
    text = f"{file_hash}|{definition_text(table)}|{context()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def spec_key(resource: dict, digests: list[str]) -> str:
    """The entry's name for Frictionless's pass of one resource of a descriptor: the resource
    as described, the actual digests of its file and of the files its foreign keys read, and
    :func:`context`."""
    text = json.dumps({"resource": resource, "digests": digests}, sort_keys=True, default=str)
    return hashlib.sha256(f"spec|{text}|{context()}".encode()).hexdigest()


def spec_passed_before(key: str) -> bool:
    """Whether Frictionless passed the resource of ``key`` (:func:`spec_key`) before."""
    path = _folder() / f"{key}.json"
    try:
        return json.loads(path.read_bytes()) == {"format": FORMAT, "spec": key, "passed": True}
    except (OSError, ValueError):
        return False


def remember_spec_pass(key: str) -> None:
    """Remember Frictionless's pass of the resource of ``key``."""
    _write_entry(key, {"format": FORMAT, "spec": key, "passed": True})


def _folder() -> Path:
    from korus_data.store.paths import cache_dir

    return cache_dir() / "validation"


def _expected(table: Table, file_hash: str) -> dict:
    return {"format": FORMAT, "table": table.name, "hash": file_hash, "passed": True}


def passed_before(table: Table, file_hash: str) -> bool:
    """Whether these bytes of ``table`` passed the per-table gates before, with everything
    else they depend on unchanged (an unreadable or unexpected entry: no)."""
    path = _folder() / f"{entry_key(table, file_hash)}.json"
    try:
        return json.loads(path.read_bytes()) == _expected(table, file_hash)
    except (OSError, ValueError):
        return False


def remember_pass(table: Table, file_hash: str) -> None:
    """Remember that these bytes of ``table`` passed (silently nothing when the cache cannot
    be written: the next validation checks them again)."""
    _write_entry(entry_key(table, file_hash), _expected(table, file_hash))


def _write_entry(name: str, content: dict) -> None:
    import os
    import tempfile

    from korus_data.store.files import write_utf8

    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-")
        os.close(fd)
        write_utf8(temporary, json.dumps(content))
        os.replace(temporary, folder / f"{name}.json")
    except OSError:
        pass


__all__ = [
    "context",
    "entry_key",
    "passed_before",
    "remember_pass",
    "remember_spec_pass",
    "spec_key",
    "spec_passed_before",
]
