"""The per-table gates' results, remembered by the bytes they were computed from.

The strict read and the Pandera gate depend on nothing but a table's definition and its
file's bytes. Validating the same bytes again (a notebook calling ``validate()`` twice, a
build checking a staged copy whose tables it did not change, a test suite validating copies
of one package) reuses the typed frame and the failures found instead of computing them
again; a changed byte is a different key, so it is always read and checked afresh.
Cross-table checks always run. The last :data:`MAX_KEPT` results are kept, per process.

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

    def typed_frame(self) -> pd.DataFrame | None:
        """A copy of the frame for the caller (the remembered one is never handed out)."""
        return None if self.frame is None else self.frame.copy()

    def pandera(self, check: Callable[[pd.DataFrame], list[Failure]]) -> list[Failure]:
        """The Pandera gate's failures, computed the first time they are asked for."""
        if self.pandera_failures is None and self.frame is not None:
            self.pandera_failures = check(self.frame.copy())
        return list(self.pandera_failures or [])


_KEPT: OrderedDict[tuple[Table, str], CheckedFile] = OrderedDict()


def checked_file(table: Table, path: Path) -> CheckedFile:
    """The strict read of ``path`` as ``table``, from memory when these bytes were read."""
    problem = file_problem(path.parent, path.name)
    if problem:
        return CheckedFile(None, [Failure(table.name, problem)])
    if not path.is_file():
        return CheckedFile(*read_checked(path, table))
    data = read_regular(path.parent, path.name)
    key = (table, bytes_digest(data)[0])
    if key in _KEPT:
        _KEPT.move_to_end(key)
        return _KEPT[key]
    result = CheckedFile(*read_checked(path, table, data))
    _KEPT[key] = result
    while len(_KEPT) > MAX_KEPT:
        _KEPT.popitem(last=False)
    return result


def forget() -> None:
    """Drop every remembered result."""
    _KEPT.clear()
