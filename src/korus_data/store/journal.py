"""The rollback journal that makes publishing a new release all-or-nothing.

A build stages every new file in a private folder ``.korus-build-*`` of the package root,
hard-links each file it will replace into ``backup/`` there, then writes the journal
``.korus-journal.json`` (by linking a complete file into place: it exists whole or not at all)
before it renames the first new file into place. Deleting the journal is the commit. Whoever
finds a journal - the next build, ``load`` or ``validate`` - rolls the package back to the
release the journal saved, so a reader sees the old release or the new one, never a mix.
Rolling back is idempotent: a rollback interrupted in turn is finished by the next reader.

Example:
    >>> from korus_data.store.paths import package_root
    >>> needs_recovery(package_root())
    False
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from korus_data.errors import BuildError, IntegrityError

JOURNAL_NAME = ".korus-journal.json"
STAGING_PREFIX = ".korus-build-"


HOLDER_NAME = "holder"


#: On Windows, where a folder cannot be locked, the lock is taken on this file of the root
#: (ignored by git, removed when the build ends).
WINDOWS_LOCK_NAME = ".korus-build.lock"
#: Whether the platform's Windows ways are used (a test forces them on Linux).
WINDOWS = sys.platform == "win32"


def _lock_target(root: Path) -> int:
    """A descriptor to lock: the ``data/`` folder (Linux, macOS), or a lock file (Windows)."""
    if WINDOWS:
        return os.open(Path(root) / WINDOWS_LOCK_NAME, os.O_RDWR | os.O_CREAT)
    return os.open(Path(root) / "data", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it. The platform's
    own call, imported here only (reading the package never needs it): ``flock`` on POSIX,
    ``msvcrt.locking`` on Windows; both are released when the holder ends, however it ends."""
    if WINDOWS:
        import importlib

        msvcrt = importlib.import_module("msvcrt")  # typed as any module: Windows only

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def build_lock(root: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the package root's build lock, released by the operating system when the holder
    ends, however it ends (see :func:`_try_lock`).

    Waits up to ``wait`` seconds, then raises :class:`BuildError` naming the holder.
    """
    try:
        fd = _lock_target(root)
    except OSError as exc:
        raise BuildError(f"cannot open {root} to lock it: {exc.strerror}") from exc
    try:
        give_up = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= give_up:
                raise BuildError(
                    f"another build holds {root} ({_holder(Path(root))}); wait for it to "
                    "finish and run again"
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
        if WINDOWS:  # the lock file goes too, unless another process has it open
            with contextlib.suppress(OSError):
                (Path(root) / WINDOWS_LOCK_NAME).unlink()


@contextlib.contextmanager
def holding(path: Path) -> Iterator[None]:
    """Hold a lock on the file ``path`` (made if needed) while the block runs: the mark of a
    live process that :func:`held_elsewhere` reads. Released by the system however the holder
    ends. :class:`BuildError` when another process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            raise BuildError(f"{path} is held by another process")
        yield
    finally:
        os.close(fd)


def held_elsewhere(path: Path) -> bool:
    """Whether a live process holds the lock on ``path`` (False for a missing file, or one
    whose holder has ended: a leftover)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)  # closing releases the lock just taken


def _holder(root: Path) -> str:
    """Who holds the lock, as the holder wrote it in its staging folder."""
    for note in root.glob(f"{STAGING_PREFIX}*/{HOLDER_NAME}"):
        with contextlib.suppress(OSError):
            return note.read_text(encoding="utf-8").strip()
    return "another process"


def settle(root: Path) -> None:
    """Before reading: finish what an interrupted build left (roll back its journal, remove
    its staging folders), or wait for a live build to finish switching. Never touches the
    work of a build that is still running; read-only packages are left as they are."""
    root = Path(root)
    if not needs_recovery(root) and not any(root.glob(f"{STAGING_PREFIX}*")):
        return
    if not os.access(root, os.W_OK):
        if needs_recovery(root):
            roll_back(root)  # raises with the fix
        return
    try:
        with build_lock(root, wait=60.0 if needs_recovery(root) else 0.0):
            roll_back(root)
            remove_litter(root)
    except BuildError:
        if needs_recovery(root):
            raise IntegrityError(
                f"a build of {root} is still switching files after 60 s; try again later"
            ) from None


def journal_path(root: Path) -> Path:
    return Path(root) / JOURNAL_NAME


def needs_recovery(root: Path) -> bool:
    """True when an interrupted publication left a journal in ``root``."""
    return os.path.lexists(journal_path(root))


def _read(path: Path) -> dict | None:
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(journal, dict) and isinstance(journal.get("staging"), str)
    return journal if ok and isinstance(journal.get("files"), list) else None


def roll_back(root: Path) -> bool:
    """Restore the release a journal saved; True when there was one to restore.

    Raises :class:`IntegrityError` with the fix when the package cannot be written.
    """
    root = Path(root)
    path = journal_path(root)
    if not os.path.lexists(path):
        return False
    journal = _read(path)
    try:
        if journal is not None:
            staging = root / Path(journal["staging"]).name
            for entry in journal["files"]:
                rel = Path(entry["path"])
                if rel.is_absolute() or ".." in rel.parts:
                    continue  # a journal never names a file outside the package
                target = root / rel
                backup = staging / "backup" / rel
                if entry.get("existed"):
                    if os.path.lexists(backup):
                        os.replace(backup, target)
                elif os.path.lexists(target):
                    target.unlink()
            shutil.rmtree(staging, ignore_errors=True)
        path.unlink()
    except PermissionError as exc:
        raise IntegrityError(
            f"an interrupted build left {root} half-published and it cannot be restored "
            f"without write access ({exc.strerror}); run `korus-data build --recover` as the "
            "owner of the package"
        ) from exc
    return True


def remove_litter(root: Path) -> list[str]:
    """Delete staging folders of interrupted builds (only while no journal needs them)."""
    if needs_recovery(root):
        return []
    removed = []
    for folder in Path(root).glob(f"{STAGING_PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
