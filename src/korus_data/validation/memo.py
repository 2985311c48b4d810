"""The per-table gates' results, remembered by the bytes they were computed from.

The strict read and the Pandera gate depend on nothing but a table's definition and its
file's bytes. Validating the same bytes again (a notebook calling ``validate()`` twice, a
build checking a staged copy whose tables it did not change, a test suite validating copies
of one package) reuses the typed frame and the failures found instead of computing them
again; a changed byte is a different key, so it is always read and checked afresh.
Cross-table checks always run. The last :data:`MAX_KEPT` results are kept, per process; the
files that passed are also remembered across processes (:mod:`korus_data.validation.
lasting_memo`).

Example:
    >>> from korus_data.schema.tables import TABLES
    >>> from korus_data.store.paths import package_root
    >>> table = TABLES["partners"]
    >>> first = checked_file(table, package_root() / table.path)
    >>> checked_file(table, package_root() / table.path) is first
    True
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.schema.model import Table
from korus_data.schema.to_frictionless import bytes_digest
from korus_data.store.files import file_problem, read_regular
from korus_data.store.loader import parse_csv
from korus_data.validation.lasting_memo import passed_before, remember_pass
from korus_data.validation.report import Failure
from korus_data.validation.strict_read import read_checked

#: Results kept (a package has about 30 tables and curated inputs).
MAX_KEPT = 128


@dataclass
class CheckedFile:
    """One file's typed frame (None when unreadable) and the failures of each gate."""

    frame: pd.DataFrame | None
    read_failures: list[Failure]
    pandera_failures: list[Failure] | None = None  # None: not checked yet
    #: (table, file hash) to remember across processes once both gates pass
    lasting: tuple[Table, str] | None = None

    def typed_frame(self) -> pd.DataFrame | None:
        """A copy of the frame for the caller (the remembered one is never handed out)."""
        return None if self.frame is None else self.frame.copy()

    def pandera(self, check: Callable[[pd.DataFrame], list[Failure]]) -> list[Failure]:
        """The Pandera gate's failures, computed the first time they are asked for."""
        if self.pandera_failures is None and self.frame is not None:
            self.pandera_failures = check(self.frame.copy())
            if self.lasting and not self.read_failures and not self.pandera_failures:
                remember_pass(*self.lasting)
        return list(self.pandera_failures or [])


_KEPT: OrderedDict[tuple[Table, str], CheckedFile] = OrderedDict()


def read_once(path: Path) -> tuple[bytes, tuple[str, int]] | None:
    """A package file's bytes and digest (``bytes_digest``), read and hashed once for every
    gate that needs them; None when it is missing or not a regular file."""
    if file_problem(path.parent, path.name) or not path.is_file():
        return None
    data = read_regular(path.parent, path.name)
    return data, bytes_digest(data)


def checked_file(
    table: Table, path: Path, read: tuple[bytes, tuple[str, int]] | None = None
) -> CheckedFile:
    """The strict read of ``path`` as ``table`` (``read``: its bytes and digest, when a gate
    has read them already), from memory when these bytes were read before."""
    problem = file_problem(path.parent, path.name)
    if problem:
        return CheckedFile(None, [Failure(table.name, problem)])
    if not path.is_file():
        return CheckedFile(*read_checked(path, table))
    data, digest = read or read_once(path) or (b"", ("", 0))
    key = (table, digest[0])
    if key in _KEPT:
        _KEPT.move_to_end(key)
        return _KEPT[key]
    if passed_before(table, digest[0]):  # the same bytes passed in an earlier process
        result = CheckedFile(parse_csv(data, table), [], [])
    else:
        result = CheckedFile(*read_checked(path, table, data), lasting=(table, digest[0]))
    _KEPT[key] = result
    while len(_KEPT) > MAX_KEPT:
        _KEPT.popitem(last=False)
    return result


def forget() -> None:
    """Drop every remembered result."""
    _KEPT.clear()
