"""Input files of a build: a local path or a URL, fetched once, with its SHA-256."""

from __future__ import annotations

import hashlib
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from korus_data.errors import BuildError

DOWNLOAD_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class InputFile:
    """A file the build reads: where it is now, what the user named, and its digest."""

    path: Path
    label: str
    sha256: str


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_input(location: str | Path, workdir: Path) -> InputFile:
    """Make ``location`` (a path or an http(s) URL) a local file under ``workdir``.

    Raises :class:`BuildError` saying why when the file is missing or cannot be downloaded.
    """
    label = str(location)
    if is_url(location):
        target = workdir / (Path(label.split("?")[0]).name or "download")
        try:
            with (
                urllib.request.urlopen(label, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response,
                target.open("wb") as out,
            ):
                shutil.copyfileobj(response, out)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise BuildError(
                f"cannot download {label}: {reason}. Download it yourself and pass the local "
                "path instead."
            ) from exc
        path = target
    else:
        path = Path(location)
        if not path.is_file():
            raise BuildError(f"input file {label} does not exist")
    return InputFile(path=path, label=label, sha256=file_sha256(path))


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes (recorded in the sources registry)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_workbook(path: Path, **options) -> object:
    """``pandas.read_excel`` with the calamine engine (python-calamine): about four times as
    fast as openpyxl on the Census workbooks, and the same cell values.

    Raises :class:`BuildError` saying how to install it when the build extra is missing.
    """
    import pandas as pd

    try:
        import python_calamine  # noqa: F401
    except ImportError as exc:
        raise BuildError(
            'reading workbooks needs python-calamine: pip install "korus-data[build]"'
        ) from exc
    return pd.read_excel(path, engine="calamine", **options)
