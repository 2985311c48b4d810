"""Where the package's files are: the package root, its descriptor and its folders."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from korus_data.schema.model import Table

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
    checkout = package_dir().parents[1]
    if (checkout / DESCRIPTOR_NAME).is_file() and (checkout / "src" / "korus_data").is_dir():
        return checkout
    raise FileNotFoundError(
        f"cannot find {DESCRIPTOR_NAME}: looked in {installed} and {checkout}; reinstall korus-data"
    )


def package_dir() -> Path:
    """The folder of the ``korus_data`` code (in a checkout: ``src/korus_data``)."""
    return Path(__file__).resolve().parents[1]


def curated_dir() -> Path:
    """The folder of the pipeline's curated inputs, shipped with the code.

    Example:
        >>> (curated_dir() / "census_partner_codes.csv").is_file()
        True
    """
    return package_dir() / "curated"


def notebooks_dir() -> Path:
    """The example notebooks: shipped inside the wheel, or ``notebooks/`` of a checkout."""
    installed = package_dir() / "notebooks"
    return installed if installed.is_dir() else package_dir().parents[1] / "notebooks"


def cache_dir() -> Path:
    """Where korus-data keeps what it can rebuild (databases for ``serve``, raw API replies
    and change reports of ``refresh``): ``$KORUS_CACHE/korus-data``, else
    ``$XDG_CACHE_HOME/korus-data``, else ``~/.cache/korus-data``."""
    import os

    base = os.environ.get("KORUS_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "korus-data" if base else Path.home() / ".cache" / "korus-data"


def table_file(table: Table, root: Path) -> Path:
    """Where a table's CSV is: published tables under ``root``, curated inputs with the code."""
    base = package_dir() if table.folder == "curated" else root
    return base / table.path


def is_address(root: object) -> TypeGuard[str]:
    """Whether ``root`` is the http(s) address of a published release, not a folder.

    Example:
        >>> is_address("https://example.org/release/"), is_address("data")
        (True, False)
    """
    return isinstance(root, str) and root.lower().startswith(("http://", "https://"))


def resolve_root(root: str | Path | None) -> Path:
    """``root`` as a Path, or the package's own root when None; :class:`UsageError` for a
    value that is not a path or not an existing folder."""
    if root is None:
        return package_root()
    from korus_data.errors import UsageError

    if not isinstance(root, str | os.PathLike) or (isinstance(root, str) and not root.strip()):
        raise UsageError(f"root={root!r:.60} is not a folder; give the path of a package root")
    path = Path(root).resolve()
    if not path.is_dir():
        what = "is not a folder" if path.exists() else "does not exist"
        raise UsageError(
            f"root={str(root)!r} {what}: give the folder holding datapackage.json, or leave "
            "root= out to read the copy installed with the package"
        )
    return path
