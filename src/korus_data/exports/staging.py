"""What an export reads and where it writes: the package's files, each checked against
``datapackage.json`` first, and a staging folder beside the destination moved into place in one
rename (see :mod:`korus_data.exports`)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from korus_data.errors import IntegrityError, UsageError
from korus_data.store.files import FIX
from korus_data.store.journal import held_elsewhere, holding
from korus_data.store.paths import DESCRIPTOR_NAME, package_root

STAGING = ".korus-export-"


def destination(out: Path) -> Path:
    """``out`` checked: new, or an empty folder; its parent exists or can be made, and can be
    written (the staging folder goes beside ``out``)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(f"{out} is a file or a link; give a new or empty folder")
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"{out} holds other files; give a new or empty folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out.parent}: {exc.strerror}") from exc
    if not os.access(out.parent, os.W_OK) or (out.is_dir() and not os.access(out, os.W_OK)):
        raise UsageError(f"cannot write to {out}")
    return out


def new_folder(out: Path) -> Path:
    """``out`` checked by :func:`destination`, then made (for outputs written in place: the
    report, copied notebooks)."""
    destination(out)
    try:
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out}: {exc.strerror}") from exc
    return out


#: Beside each staging folder, the lock its writer holds while it runs (``<stage>.lock``).
LOCK_SUFFIX = ".lock"


def leftovers(out: Path) -> list[Path]:
    """Staging folders that earlier runs into ``out`` left when they were killed (their
    writer holds no lock any more); a live run's folder is never one."""
    folders = [p for p in out.parent.glob(f".{out.name}{STAGING}*") if p.is_dir()]
    return sorted(p for p in folders if not held_elsewhere(_lock_of(p)))


def _lock_of(stage: Path) -> Path:
    return stage.with_name(stage.name + LOCK_SUFFIX)


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``out``, owned by this run (a lock beside it held while it
    runs), moved to ``out`` in one rename when the block completes, removed when it fails.
    Only the leftovers of runs that have ended are removed; while another run writes into
    ``out``, this one refuses in one line."""
    import shutil

    live = [p for p in out.parent.glob(f".{out.name}{STAGING}*") if p.is_dir()]
    if any(held_elsewhere(_lock_of(p)) for p in live):
        raise UsageError(
            f"another run is writing {out}; wait for it to finish, or give another --out"
        )
    for old in leftovers(out):
        shutil.rmtree(old, ignore_errors=True)
        _lock_of(old).unlink(missing_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}", dir=out.parent))
    lock = _lock_of(stage)
    try:
        with holding(lock):
            yield stage
            if out.is_dir() and not any(out.iterdir()):
                out.rmdir()  # empty (checked): the rename puts the whole export in its place
            try:
                os.replace(stage, out)
            except OSError:
                raise UsageError(
                    f"{out} was written by another run meanwhile; nothing of this run was kept"
                ) from None
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)
        lock.unlink(missing_ok=True)


def verified_files(root: Path | None = None) -> dict[str, bytes]:
    """Every file of the package (each table present, ``datapackage.json``, README, LICENSE,
    CITATION.cff, CHANGELOG) by its path in the package, each table's bytes checked against
    the descriptor; :class:`IntegrityError` naming the first that differs, is missing, or is
    not a regular file."""
    from korus_data.schema.tables import present_tables
    from korus_data.store.descriptor import check_integrity, read_descriptor
    from korus_data.store.files import read_regular
    from korus_data.store.journal import settle

    base = root or package_root()
    settle(base)
    read_descriptor(base)  # a damaged descriptor stops here, with its reason
    files = {}
    for name, table in present_tables(base).items():
        try:
            data = read_regular(base, table.path)
        except FileNotFoundError:
            raise IntegrityError(f"table {name!r}: {table.path} is missing; {FIX}") from None
        check_integrity(name, base, data)
        files[table.path] = data
    files[DESCRIPTOR_NAME] = read_regular(base, DESCRIPTOR_NAME)
    for extra in EXTRAS:
        extra_data = _extra(base, extra)
        if extra_data is not None:
            files[extra] = extra_data
    return files


#: Files beside the tables that a release carries (the data licence needs attribution).
EXTRAS = ("README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md")


def _extra(base: Path, name: str) -> bytes | None:
    """A release file: beside the tables in a checkout, in the package's own folder in a
    wheel (where hatchling puts them); None when neither has it."""
    from korus_data.store.files import read_regular
    from korus_data.store.paths import package_dir

    for folder in (base, package_dir()):
        try:
            return read_regular(folder, name)
        except FileNotFoundError:
            continue
    return None


@contextlib.contextmanager
def final(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed to it when the block completes."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    os.unlink(temporary)  # engines create their own file
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
