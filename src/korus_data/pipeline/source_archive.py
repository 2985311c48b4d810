"""The official files a build reads, fetchable by anyone: the manifest (``curated/
source_files.csv``), an archive of them as flat release assets (``korus-data sources pack``,
published on a ``sources-*`` tag), and ``korus-data sources fetch`` to lay out a source pack
from it, every byte checked.

Several files are no longer served by their publishers as the build read them (older
workbook vintages; USA Trade Online reports are behind a login), so the archive is the
address that keeps them; a file the archive lacks is tried at its official address and kept
only when that address still serves the same bytes.

Example:
    >>> archive_name("census/country-2019-10.xlsx")
    'census--country-2019-10.xlsx'
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from korus_data.errors import BuildError, UsageError
from korus_data.pipeline.inputs import download, is_url
from korus_data.store.files import write_utf8

#: The ``sources-*`` release whose assets are the files of today's manifest.
SOURCES_VERSION = "2026.12"
ARCHIVE = "https://github.com/korus-data/korus-data/releases/download/sources-{version}/"
MANIFEST_NAME = "MANIFEST.csv"
SUMS_NAME = "SHA256SUMS"
MANIFEST_COLUMNS = (
    "path",
    "archive_name",
    "bytes",
    "sha256",
    "source_id",
    "publisher",
    "url",
    "license",
    "note",
)


@dataclass(frozen=True)
class PackFile:
    """One file of the manifest, with what its source record says of it."""

    path: str
    size: int
    sha256: str
    source_id: str
    publisher: str
    url: str
    license: str
    note: str

    @property
    def archive_name(self) -> str:
        return archive_name(self.path)


def archive_name(path: str) -> str:
    """The flat name of a source pack's file among the archive's assets."""
    return path.replace("/", "--")


def manifest() -> list[PackFile]:
    """Every file a build reads, with its source record's publisher, address and licence."""
    from korus_data.pipeline.curated import read_curated
    from korus_data.store.loader import load

    sources = load("sources").set_index("source_id")
    out = []
    for row in read_curated("source_files").fillna("").itertuples():
        record = sources.loc[row.source_id] if row.source_id else None
        out.append(
            PackFile(
                path=row.path,
                size=int(row.bytes),
                sha256=row.sha256,
                source_id=row.source_id,
                publisher="" if record is None else str(record["publisher"]),
                url="" if record is None else str(record["url"]),
                license="" if record is None else str(record["license"]),
                note=row.note,
            )
        )
    return out


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _differs(file: PackFile, data: bytes) -> str:
    """Why ``data`` is not the file of the manifest ('' when it is)."""
    if len(data) != file.size or _digest(data) != file.sha256:
        return (
            f"{len(data):,} bytes, SHA-256 {_digest(data)[:16]}…; the manifest records "
            f"{file.size:,} bytes, {file.sha256[:16]}…"
        )
    return ""


def pack(source: Path, out: Path) -> list[Path]:
    """Write the archive of the files under ``source`` (a source pack) into the new folder
    ``out``: each file under its flat name, ``MANIFEST.csv`` and ``SHA256SUMS``.
    :class:`BuildError` (nothing written) when a file is missing or differs."""
    from korus_data.exports.staging import destination, staged

    files = manifest()
    contents = {}
    for file in files:
        path = Path(source) / file.path
        if not path.is_file():
            raise BuildError(f"{path} is missing: the source pack lacks a file the build reads")
        data = path.read_bytes()
        why = _differs(file, data)
        if why:
            raise BuildError(f"{path} is not the file the build reads: {why}")
        contents[file.archive_name] = data
    out = destination(Path(out))
    with staged(out) as stage:
        for name, data in contents.items():
            (stage / name).write_bytes(data)
        write_utf8(stage / MANIFEST_NAME, manifest_text(files))
        names = sorted(p.name for p in stage.iterdir())
        sums = "".join(f"{_digest((stage / n).read_bytes())}  {n}\n" for n in names)
        write_utf8(stage / SUMS_NAME, sums)
    return sorted(out.iterdir())


def manifest_text(files: list[PackFile]) -> str:
    """The archive's ``MANIFEST.csv``: each file's path in a source pack, name in the archive,
    size, SHA-256, source record, publisher, official address, licence and note."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    for f in files:
        row = (f.path, f.archive_name, f.size, f.sha256, f.source_id, f.publisher, f.url)
        writer.writerow((*row, f.license, f.note))
    return text.getvalue()


def _bytes_at(location: str, workdir: Path) -> bytes:
    """The bytes at ``location``, an address (within the download limits) or a path."""
    if not is_url(location):
        if not Path(location).is_file():
            raise BuildError(f"{location} does not exist")
        return Path(location).read_bytes()
    target = workdir / "download"
    download(location, target)
    try:
        return target.read_bytes()
    finally:
        target.unlink(missing_ok=True)


def _read(origin: str, name: str, workdir: Path) -> bytes:
    """The bytes of ``name`` in the archive at ``origin`` (an address or a folder)."""
    location = origin.rstrip("/") + "/" + name if is_url(origin) else str(Path(origin) / name)
    return _bytes_at(location, workdir)


@dataclass
class FetchReport:
    """What ``fetch`` did: files fetched (and from where), already there, refused."""

    fetched: list[tuple[str, str]]
    kept: list[str]
    refused: list[str]


def _archive_sums(origin: str, scratch: Path) -> dict[str, str]:
    """The archive's ``SHA256SUMS``: which files it holds. One line when it cannot be read."""
    from korus_data.store.release_assets import read_sums

    try:
        return read_sums(_read(origin, SUMS_NAME, scratch).decode("utf-8", "replace"))
    except BuildError as exc:
        raise BuildError(
            f"cannot read the archive's {SUMS_NAME} at {origin} ({exc}); give --from a copy "
            "of the archive (its download address or a folder holding its files)"
        ) from None


def fetch(
    to: str | Path,
    origin: str | None = None,
    *,
    say: Callable[[str], None] = lambda line: None,
) -> FetchReport:
    """Lay out the source pack ``to`` (a folder, made if needed) from the archive at
    ``origin`` (an address or a folder; the ``sources-*`` release by default), each file
    checked against the manifest; a file the archive does not hold is tried at its official
    address. A file already there and whole is kept; a file that differs is never written,
    and each refusal is said in one line. :class:`BuildError` after the last file when any
    was refused."""
    origin = origin or ARCHIVE.format(version=SOURCES_VERSION)
    if not is_url(origin) and not Path(origin).is_dir():
        raise UsageError(f"--from {origin}: give the archive's address or a folder holding it")
    folder = Path(to)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror}") from exc
    report = FetchReport([], [], [])
    files = manifest()
    with tempfile.TemporaryDirectory(dir=folder, prefix=".fetching-") as scratch:
        held = None  # read when a file is missing: a complete pack needs no archive
        for number, file in enumerate(files, start=1):
            target = folder / file.path
            say(f"[{number}/{len(files)}] {file.path}")
            if target.is_file() and not _differs(file, target.read_bytes()):
                report.kept.append(file.path)
                continue
            if held is None:
                held = _archive_sums(origin, Path(scratch))
            data, where, why = _from_archive_or_publisher(file, origin, held, Path(scratch))
            if data is None:
                report.refused.append(file.path)
                say(f"refused {file.path}: {why}")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
            report.fetched.append((file.path, where))
    if report.refused:
        raise BuildError(
            f"{len(report.refused)} of {len(files)} files refused, nothing written for them "
            f"(the lines above say why): {', '.join(report.refused[:3])}"
            + (", …" if len(report.refused) > 3 else "")
        )
    return report


def _from_archive_or_publisher(
    file: PackFile, origin: str, held: dict[str, str], scratch: Path
) -> tuple[bytes | None, str, str]:
    """The file's bytes and where they came from, or None and why not."""
    if file.archive_name in held:
        if held[file.archive_name] != file.sha256:
            return None, "", "the archive holds other bytes under its name (another version)"
        try:
            data = _read(origin, file.archive_name, scratch)
        except BuildError as exc:
            return None, "", str(exc)
        why = _differs(file, data)
        return (None, "", f"the archive's copy differs: {why}") if why else (data, "archive", "")
    if not is_url(file.url):
        return None, "", "the archive does not hold it, and it has no official address"
    try:
        data = _bytes_at(file.url, scratch)
    except BuildError as exc:
        return None, "", f"the archive does not hold it; {exc}"
    why = _differs(file, data)
    if why:
        return None, "", f"the archive does not hold it, and {file.url} serves other bytes: {why}"
    return data, "publisher", ""


__all__ = ["ARCHIVE", "FetchReport", "PackFile", "archive_name", "fetch", "manifest", "pack"]
