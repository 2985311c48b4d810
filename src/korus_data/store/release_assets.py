"""A release as GitHub publishes it: flat assets at one download address (``…/releases/
download/data-2026.12/``, which redirects to another host), every one listed in ``SHA256SUMS``.

The tables come from the bundle ``korus-data-<version>.zip`` (fetched once, checked against
``SHA256SUMS``, unpacked into the cache, each file then checked against the descriptor inside
it) or, with ``file_format="parquet"``, from the per-table Parquet files named in
``korus-data-<version>-parquet.datapackage.json`` (each checked against that descriptor's
SHA-256 and size and against ``SHA256SUMS``). A file that differs is refused and nothing is kept.

Example:
    >>> read_sums("0" * 64 + "  korus-data-2026.12.zip\\n")["korus-data-2026.12.zip"][:4]
    '0000'
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from korus_data.errors import IntegrityError, UsageError

SUMS = "SHA256SUMS"
BUNDLE = re.compile(r"^korus-data-\d{4}\.\d{2}\.zip$")
PARQUET_DESCRIPTOR = re.compile(r"^korus-data-\d{4}\.\d{2}-parquet\.datapackage\.json$")
#: The largest file a client fetches (today's bundle is about 6 MB, its largest CSV 14 MB).
MAX_BYTES = 100 * 1024 * 1024

Getter = Callable[[str, int], bytes]


SUMS_LINE = re.compile(r"^([0-9a-f]{64}) [ *](\S.*)$")


def read_sums(text: str) -> dict[str, str]:
    """``{file name: sha256}`` of a ``SHA256SUMS`` file (``sha256sum`` format);
    :class:`ValueError` for a line of another form."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            found = SUMS_LINE.match(line)
            if found is None:
                raise ValueError(f"not a line of a SHA256SUMS file: {line[:60]!r}")
            out[found[2]] = found[1]
    return out


def checked_size(resource: dict, base: str) -> int:
    """The size a descriptor records for a resource, refused unless it is a whole number of
    bytes from 1 to ``MAX_BYTES`` (it only lowers the cap, never lifts it)."""
    size = resource.get("bytes")
    if isinstance(size, bool) or not isinstance(size, int) or not 0 < size <= MAX_BYTES:
        raise IntegrityError(
            f"{base}: its descriptor records bytes={size!r} for {resource.get('name')!r}: "
            f"not a size this package accepts (1 to {MAX_BYTES:,})"
        )
    return size


def _one(sums: dict[str, str], pattern: re.Pattern, base: str, what: str) -> str:
    found = sorted(name for name in sums if pattern.match(name))
    if len(found) != 1:
        raise IntegrityError(f"{base}{SUMS} lists {len(found)} {what}; a release has one")
    return found[0]


def _checked(name: str, data: bytes, digest: str, base: str) -> bytes:
    actual = hashlib.sha256(data).hexdigest()
    if actual != digest:
        raise IntegrityError(
            f"{name} from {base} has SHA-256 {actual}; {SUMS} records {digest}: refused, "
            "nothing kept"
        )
    return data


def _safe_member(stem: str, member: str) -> str | None:
    """The path inside the bundle's ``<stem>/`` folder, or None for anything else."""
    path = PurePosixPath(member)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or path.parts[0] != stem:
        return None
    return "/".join(path.parts[1:])


def bundle_folder(base: str, sums: dict[str, str], get: Getter, cache: Path) -> Path:
    """The cache folder holding the bundle of the release at ``base``, unpacked; fetched and
    checked on first use."""
    name = _one(sums, BUNDLE, base, "bundles (korus-data-<version>.zip)")
    folder = cache / sums[name][:32]
    if (folder / "datapackage.json").is_file():
        return folder
    data = _checked(name, get(base + name, MAX_BYTES), sums[name], base)
    cache.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(dir=cache, prefix=".unpacking-"))
    try:
        stem = name.removesuffix(".zip")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                inside = _safe_member(stem, info.filename)
                if inside is None or info.is_dir():
                    continue
                target = unpacked / inside
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(info))
        if not (unpacked / "datapackage.json").is_file():
            raise IntegrityError(f"{name} from {base} holds no {stem}/datapackage.json")
        try:
            os.replace(unpacked, folder)
        except OSError:  # another process unpacked the same bundle first
            if not (folder / "datapackage.json").is_file():
                raise
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)
    return folder


def parquet_file(base: str, sums: dict[str, str], table: str, get: Getter, cache: Path) -> Path:
    """The verified Parquet file of ``table`` from the release at ``base``, in the cache."""
    from korus_data.schema.to_frictionless import bytes_digest

    name = _one(sums, PARQUET_DESCRIPTOR, base, "Parquet descriptors")
    raw = _checked(name, get(base + name, 10 * 1024 * 1024), sums[name], base)
    resources = {r.get("name"): r for r in json.loads(raw).get("resources", [])}
    if table not in resources:
        raise IntegrityError(f"{name} from {base} has no resource {table!r}")
    resource = resources[table]
    path = str(resource.get("path", ""))
    if "/" in path or "\\" in path or path not in sums:
        raise IntegrityError(f"{name}: {table}'s path {path!r} is not an asset of the release")
    folder = cache / ("parquet-" + sums[name][:32])
    target = folder / path
    expected = (resource.get("hash"), resource.get("bytes"))
    if target.is_file() and bytes_digest(target.read_bytes()) == expected:
        return target
    data = _checked(path, get(base + path, checked_size(resource, base)), sums[path], base)
    if bytes_digest(data) != expected:
        raise IntegrityError(
            f"{path} from {base} differs from what {name} records: refused, nothing kept"
        )
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temporary, target)
    return target


def no_parquet(base: str) -> UsageError:
    return UsageError(
        f"{base} is not a release's download address (no {SUMS}): Parquet files are published "
        "with a release; use release='YYYY.MM' or that release's address"
    )


__all__ = ["SUMS", "bundle_folder", "no_parquet", "parquet_file", "read_sums"]
