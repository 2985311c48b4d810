"""The database Datasette serves: the SQLite export plus the fact check's verdicts, cached by
release."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from korus_data.store.paths import DESCRIPTOR_NAME, cache_dir, package_root

DATABASE_NAME = "korus-data"
#: Raised when what the served database holds besides the tables changes (2: decimals).
LAYOUT = 2


def databases_dir() -> Path:
    """``serve/`` of the cache folder: one sub-folder per release. ``refresh`` keeps its raw
    replies and reports beside it, so only this folder is ever pruned."""
    return cache_dir() / "serve"


def release_key() -> str:
    """The first 16 hex digits of the SHA-256 of ``datapackage.json``: a new release (or a new
    ``LAYOUT``), a new database."""
    from korus_data.store.files import read_regular

    return hashlib.sha256(read_regular(package_root(), DESCRIPTOR_NAME)).hexdigest()[:16]


def database(rebuild: bool = False) -> Path:
    """The path of the database of this release, built on first use."""
    from korus_data.exports.staging import verified_files
    from korus_data.exports.writers import write_sqlite
    from korus_data.serve.display import add_decimals

    folder = databases_dir() / f"{release_key()}-{LAYOUT}"
    path = folder / f"{DATABASE_NAME}.db"
    files = verified_files()  # a damaged copy is never served, even from the cache
    if path.is_file() and not rebuild:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        built = write_sqlite(Path(tmp), files)[0]
        _add_verdicts(built)
        add_decimals(built)
        os.replace(built, path)
    for old in databases_dir().iterdir():  # databases of older releases
        if old.is_dir() and old.name != folder.name:
            shutil.rmtree(old, ignore_errors=True)
    return path


def _add_verdicts(path: Path) -> None:
    """The fact check's verdicts, computed by the package, as a table ``claim_verdicts``."""
    from korus_data.factcheck.run import check_claims

    verdicts = check_claims()
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "CREATE TABLE claim_verdicts (claim_id TEXT PRIMARY KEY REFERENCES claims(claim_id), "
            "verdict TEXT NOT NULL, figure REAL, explanation TEXT NOT NULL, data_sources TEXT)"
        )
        connection.executemany(
            "INSERT INTO claim_verdicts VALUES (?, ?, ?, ?, ?)",
            [
                (
                    r.claim_id,
                    r.verdict,
                    None if r.figure != r.figure else r.figure,
                    r.explanation,
                    r.data_sources,
                )
                for r in verdicts.itertuples()
            ],
        )
        connection.commit()
    finally:
        connection.close()
