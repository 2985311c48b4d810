"""Publish a new release of the package all-or-nothing, one build at a time.

``publish`` stages the new files in a private folder of the package root (created exclusively,
mode 0700, never through a symlink), validates the staged package, then switches the changed
files under the rollback journal of :mod:`korus_data.store.journal`. A lock on the package root
(``flock`` on its ``data/`` folder on Linux and macOS, ``msvcrt.locking`` on a lock file on
Windows) lets one build in at a time; the operating system releases it when its holder dies,
so a killed build never blocks the next.

``STEP_HOOK``, when set, is called with the name of each step of the switch (tests use it to
interrupt a build at every step).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from korus_data.store import journal
from korus_data.store.journal import (
    HOLDER_NAME,
    STAGING_PREFIX,
    build_lock,
    journal_path,
    remove_litter,
    roll_back,
)

STEP_HOOK: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if STEP_HOOK is not None:
        STEP_HOOK(name)


def locked(root: Path):
    """The package root's build lock (see :func:`korus_data.store.journal.build_lock`)."""
    return build_lock(root)


def _fsync_dir(path: Path) -> None:
    """Make a folder's entries (renames, new files) durable where the platform can: on Windows
    a folder cannot be opened to sync it (its file system journals the entries itself)."""
    if journal.WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` exclusively (never through an existing file or symlink) and fill it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def stage(root: Path) -> Path:
    """A new private staging folder inside ``root``."""
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))


def switch(root: Path, staging: Path, changed: list[str]) -> None:
    """Move the staged ``changed`` files (paths relative to ``root``) into place atomically as
    a set: backups and journal first, then the renames, then the commit."""
    entries = []
    for rel in changed:
        target = root / rel
        existed = target.is_file() and not target.is_symlink()
        if existed:
            backup = staging / "backup" / rel
            backup.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(target, backup)
            except OSError:
                shutil.copy2(target, backup)
        entries.append({"path": rel, "existed": existed})
    record = staging / "journal.json"
    _write_new(record, json.dumps({"staging": staging.name, "files": entries}).encode())
    os.link(record, journal_path(root))  # exists whole or not at all; fails if one exists
    _fsync_dir(root)
    _step("journal")
    for rel in changed:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "new" / rel, target)
        _step(f"replace {rel}")
    for folder in {(root / rel).parent for rel in changed}:
        _fsync_dir(folder)
    journal_path(root).unlink()  # the commit
    _fsync_dir(root)
    _step("commit")
    shutil.rmtree(staging, ignore_errors=True)
    _step("cleanup")


def publish_files(
    root: Path,
    files: dict[str, bytes],
    check: Callable[[Path], None],
    prepare: Callable[[Path], None] | None = None,
) -> list[str]:
    """Publish ``files`` (path relative to ``root`` -> bytes) as one release.

    The staged package (``staging/new``: a copy of ``data/`` with the new files, plus anything
    ``prepare(stage_root)`` writes, such as a regenerated descriptor) is checked by
    ``check(stage_root)``, which raises :class:`BuildError` to refuse it. Returns the paths
    that changed; nothing changes when anything fails.
    """
    root = Path(root)
    with locked(root):
        roll_back(root)
        remove_litter(root)
        staging = stage(root)
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        _write_new(staging / HOLDER_NAME, f"pid {os.getpid()}, started {started}".encode())
        try:
            new = staging / "new"
            shutil.copytree(root / "data", new / "data", symlinks=True)
            for rel, data in files.items():
                (new / rel).unlink(missing_ok=True)
                _write_new(new / rel, data)
            if prepare is not None:
                prepare(new)
            check(new)
            _step("staged")
            candidates = set(files) | {
                str(p.relative_to(new)) for p in new.iterdir() if p.is_file()
            }
            if (new / "docs").is_dir():  # the generated documents of a checkout
                candidates |= {
                    str(p.relative_to(new)) for p in (new / "docs").iterdir() if p.is_file()
                }
            changed = sorted(
                rel
                for rel in candidates
                if not (root / rel).is_file()
                or (root / rel).read_bytes() != (new / rel).read_bytes()
            )
            if changed:
                switch(root, staging, changed)
        finally:
            if staging.exists() and not journal_path(root).exists():
                shutil.rmtree(staging, ignore_errors=True)
    return changed


def recover(root: str | Path | None = None) -> str:
    """Roll back an interrupted build and remove staging folders, under the lock; says what
    it did."""
    from korus_data.store.paths import resolve_root

    base = resolve_root(root)
    with locked(base):
        rolled = roll_back(base)
        removed = remove_litter(base)
    parts = ["rolled back an interrupted build"] if rolled else []
    if removed:
        parts.append(f"removed {len(removed)} staging folder(s)")
    return "; ".join(parts) or f"nothing to recover in {base}"
