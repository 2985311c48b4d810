"""Reading a package's own files: regular files inside the package, nothing else.

A CSV or ``datapackage.json`` replaced by a symbolic link (to a file elsewhere), a folder, a
FIFO (whose reader would wait forever) or a device is refused with one line naming it, before
anything is opened for reading.

Example:
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "data").mkdir()
    >>> (root / "data" / "t.csv").write_text("a\\n1\\n")
    4
    >>> file_problem(root, "data/t.csv") is None, read_regular(root, "data/t.csv")
    (True, b'a\\n1\\n')
    >>> (root / "data" / "l.csv").symlink_to(root / "data" / "t.csv")
    >>> file_problem(root, "data/l.csv")
    'data/l.csv is a symbolic link, not a file of the package'
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from korus_data.errors import IntegrityError


def write_utf8(path: str | os.PathLike, text: str) -> None:
    """``text`` at ``path`` in UTF-8 with the line ends it holds (``\n``): the same bytes on
    every platform (a file opened in text mode writes ``\r\n`` on Windows). The one way the
    package writes text."""
    Path(path).write_bytes(text.encode("utf-8"))


KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
FIX = "a package file must be the file itself: reinstall korus-data, or rebuild the package"


def file_problem(root: str | Path, relative: str | Path) -> str | None:
    """Why ``root / relative`` is not a regular file inside the package (a link on the way,
    or not a file at all), or None; a missing file is None (callers say it is missing)."""
    current = Path(root)
    parts = Path(relative).parts
    for depth, part in enumerate(parts, start=1):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"{relative} cannot be read ({exc.strerror})"
        shown = "/".join(parts[:depth])
        if stat.S_ISLNK(mode):
            return f"{shown} is a symbolic link, not a file of the package"
        if depth < len(parts) and not stat.S_ISDIR(mode):
            return f"{shown} is not a folder"
    if not stat.S_ISREG(mode):
        return f"{relative} is {KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a file"
    return None


def read_regular(root: str | Path, relative: str | Path) -> bytes:
    """The bytes of a package file; :class:`IntegrityError` in one line when it is not a
    regular file inside the package; FileNotFoundError when it is missing."""
    problem = file_problem(root, relative)
    if problem:
        raise IntegrityError(f"{problem}; {FIX}")
    path = Path(root) / relative
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the check and the open
            raise IntegrityError(f"{relative} is not a regular file; {FIX}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


__all__ = ["FIX", "file_problem", "read_regular"]
