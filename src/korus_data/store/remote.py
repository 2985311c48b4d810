"""A published release read from its address: every byte checked before use.

Two layouts are read at an address ``kd.load(name, root="https://…/")`` (and
``validate(root=…)``) is given:

- a release's download address, where GitHub serves its flat assets and ``SHA256SUMS``
  (``release="2026.12"`` is ``…/releases/download/data-2026.12/``; see
  :mod:`korus_data.store.release_assets`): the bundle, or with ``file_format="parquet"`` one
  table's Parquet file;
- a tree laid out like the repository (``datapackage.json`` and ``data/``, e.g. a tag's raw
  files or a mirror): the descriptor, then each file asked for.

Either way a file is kept in the package's cache (``releases/``) only when its SHA-256 and
size are the ones recorded, else :class:`~korus_data.errors.IntegrityError` names it.
``KORUS_RELEASES`` (an address with ``{version}``) points ``release=`` at a mirror. Only the
standard library: the descriptor and ``SHA256SUMS`` already hold every hash a verified
download needs, so ``pooch`` would add a dependency and a registry repeating them.

Example:
    >>> release_address("2026.12")
    'https://github.com/korus-data/korus-data/releases/download/data-2026.12/'
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from korus_data.__about__ import DATA_VERSION
from korus_data.errors import IntegrityError, UsageError
from korus_data.store.release_assets import (
    MAX_BYTES,
    SUMS,
    bundle_folder,
    checked_size,
    no_parquet,
    parquet_file,
    read_sums,
)

RELEASES = "https://github.com/korus-data/korus-data/releases/download/data-{version}/"
TIMEOUT_SECONDS = 60
#: One load's whole time: the descriptor and every file it fetches (KORUS_REMOTE_DEADLINE).
LOAD_DEADLINE_SECONDS = 300.0
_VERSION = re.compile(r"^\d{4}\.\d{2}$")


def release_address(version: str) -> str:
    """The address of data release ``version`` (``KORUS_RELEASES`` with ``{version}``)."""
    if not isinstance(version, str) or not _VERSION.match(version):
        raise UsageError(f"release={version!r} is not a data version; use one such as '2026.12'")
    return os.environ.get("KORUS_RELEASES", RELEASES).format(version=version)


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.URLError(f"redirected to {newurl!r}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def deadline_seconds() -> float:
    """How long one load (a descriptor and the files it needs) may take in all:
    ``KORUS_REMOTE_DEADLINE`` seconds, else ``LOAD_DEADLINE_SECONDS``."""
    text = os.environ.get("KORUS_REMOTE_DEADLINE", "")
    try:
        value = float(text) if text else LOAD_DEADLINE_SECONDS
    except ValueError:
        raise UsageError(f"KORUS_REMOTE_DEADLINE={text!r} is not a number of seconds") from None
    return value if value > 0 else LOAD_DEADLINE_SECONDS


def _get(
    url: str,
    limit: int = MAX_BYTES,
    *,
    missing_ok: bool = False,
    deadline: float | None = None,
) -> bytes | None:
    """The body of ``url`` (redirects to http(s) followed), at most ``limit`` bytes (never
    more than ``MAX_BYTES``), read by the monotonic time ``deadline`` (default: one load's);
    None for a 404 when ``missing_ok``. Every failure is one line: :class:`UsageError` for the
    network or the server, :class:`IntegrityError` for a body larger than allowed."""
    limit = max(0, min(limit, MAX_BYTES))
    deadline = time.monotonic() + deadline_seconds() if deadline is None else deadline
    opener = urllib.request.build_opener(_HttpOnly)
    chunks, received = [], 0
    try:
        timeout = max(0.1, min(TIMEOUT_SECONDS, deadline - time.monotonic()))
        with opener.open(url, timeout=timeout) as reply:
            while True:
                if time.monotonic() > deadline:
                    raise UsageError(
                        f"cannot fetch {url}: not received within {deadline_seconds():g} s "
                        "(KORUS_REMOTE_DEADLINE sets the limit)"
                    )
                chunk = reply.read1(65536)
                if not chunk:
                    break
                received += len(chunk)
                if received > limit:
                    raise IntegrityError(
                        f"{url} is larger than {limit:,} bytes; not a file of this package"
                    )
                chunks.append(chunk)
    except (UsageError, IntegrityError):
        raise
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return None
        raise UsageError(
            f"cannot fetch {url}: HTTP {exc.code}; is it a published release?"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UsageError(
            f"cannot fetch {url} ({reason}): no network? kd.load(name) with neither root= nor "
            "release= reads the copy installed with the package, which needs no network"
        ) from None
    except (http.client.HTTPException, ValueError) as exc:  # a reply that is not HTTP
        kind = type(exc).__name__
        raise UsageError(f"cannot fetch {url}: the server's reply is malformed ({kind})") from None
    return b"".join(chunks)


def _cache_root() -> Path:
    from korus_data.store.paths import cache_dir

    return cache_dir() / "releases"


def fetched(address: str, names: list[str] | None = None) -> Path:
    """A local folder holding the release at ``address``: its descriptor and the files of
    ``names`` (every resource when None), each checked against the descriptor."""
    from korus_data.schema.tables import DEFINED
    from korus_data.schema.to_frictionless import bytes_digest
    from korus_data.store.descriptor import parsed_bytes

    base = address if address.endswith("/") else address + "/"
    deadline = time.monotonic() + deadline_seconds()
    fetch = _within(deadline)
    sums = _sums(base, deadline)
    if sums is not None:  # a release's download address: its bundle
        return bundle_folder(base, sums, fetch, _cache_root())
    raw = fetch(urllib.parse.urljoin(base, "datapackage.json"), 10 * 1024 * 1024)
    descriptor, problems = parsed_bytes(raw)
    if problems or descriptor is None:
        raise IntegrityError(f"{base}datapackage.json: {problems[0] if problems else 'unreadable'}")
    folder = _cache_root() / hashlib.sha256(raw).hexdigest()[:32]
    (folder / "data").mkdir(parents=True, exist_ok=True)
    _write(folder / "datapackage.json", raw)
    wanted = set(names) if names is not None else None
    for res in descriptor["resources"]:
        if wanted is not None and res["name"] not in wanted:
            continue
        if res["name"] not in DEFINED:
            continue
        _same_shape(res, descriptor.get("version"), base)
        size = checked_size(res, base)
        target = folder / res["path"]
        if target.is_file() and bytes_digest(target.read_bytes()) == (res["hash"], size):
            continue  # already fetched and checked
        data = fetch(urllib.parse.urljoin(base, res["path"]), size)
        digest, size = bytes_digest(data)
        if (digest, size) != (res["hash"], res["bytes"]):
            raise IntegrityError(
                f"{res['path']} from {base} has {size:,} bytes and hash {digest}; its release "
                f"records {res['bytes']:,} and {res['hash']}: refused, nothing kept"
            )
        _write(target, data)
    return folder


def _same_shape(resource: dict, version: object, base: str) -> None:
    """:class:`IntegrityError` unless the release's table has the fields, types and key this
    package defines for it (a server's descriptor is not trusted to say what a table is)."""
    from korus_data.store.descriptor import resource_descriptor
    from korus_data.store.paths import package_root

    mine = resource_descriptor(resource["name"], package_root())["schema"]
    theirs = resource.get("schema")

    def shape(schema: object) -> tuple:
        if not isinstance(schema, dict):
            return ()
        fields = schema.get("fields")
        listed = fields if isinstance(fields, list) else []
        named = tuple((f.get("name"), f.get("type")) for f in listed if isinstance(f, dict))
        return named, schema.get("primaryKey")

    if shape(theirs) != shape(mine):
        release = f"release {version}" if version else "the release"
        raise IntegrityError(
            f"{resource['name']} at {base}: {release} defines it with other fields, types or "
            f"key than this package ({DATA_VERSION}); read it with the korus-data of that "
            "release"
        )


def _within(deadline: float) -> Callable[[str, int], bytes]:
    """A getter of whole bodies that all end by ``deadline`` (one load's files)."""

    def fetch(url: str, limit: int) -> bytes:
        body = _get(url, limit, deadline=deadline)
        if body is None:  # pragma: no cover - only missing_ok=True returns None
            raise UsageError(f"cannot fetch {url}")
        return body

    return fetch


def _sums(base: str, deadline: float) -> dict[str, str] | None:
    """The release's ``SHA256SUMS`` at ``base`` (None: not a release's download address)."""
    raw = _get(base + SUMS, 1024 * 1024, missing_ok=True, deadline=deadline)
    if raw is None:
        return None
    try:
        return read_sums(raw.decode("utf-8", "replace")) or None
    except ValueError:  # not a SHA256SUMS file (a server that answers every path): a tree
        return None


def fetched_parquet(address: str, table: str) -> Path:
    """The Parquet file of ``table`` from the release at ``address``, checked, in the cache."""
    base = address if address.endswith("/") else address + "/"
    deadline = time.monotonic() + deadline_seconds()
    sums = _sums(base, deadline)
    if sums is None:
        raise no_parquet(base)
    fetch = _within(deadline)
    return parquet_file(base, sums, table, fetch, _cache_root())


def _write(path: Path, data: bytes) -> None:
    """``data`` at ``path``, whole or not at all."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


__all__ = ["fetched", "fetched_parquet", "release_address"]
