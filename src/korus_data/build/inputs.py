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
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return InputFile(path=path, label=label, sha256=digest)
