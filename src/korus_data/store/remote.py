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
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from korus_data.errors import IntegrityError, UsageError
from korus_data.store.release_assets import (
    SUMS,
    bundle_folder,
    no_parquet,
    parquet_file,
    read_sums,
)

RELEASES = "https://github.com/korus-data/korus-data/releases/download/data-{version}/"
MAX_BYTES = 100 * 1024 * 1024
TIMEOUT_SECONDS = 60
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


def _get(url: str, limit: int = MAX_BYTES, *, missing_ok: bool = False) -> bytes | None:
    """The body of ``url`` (redirects to http(s) followed), at most ``limit`` bytes; None for
    a 404 when ``missing_ok``."""
    opener = urllib.request.build_opener(_HttpOnly)
    try:
        with opener.open(url, timeout=TIMEOUT_SECONDS) as reply:
            body = reply.read(limit + 1)
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return None
        raise UsageError(
            f"cannot fetch {url}: HTTP {exc.code}; is it a published release?"
        ) from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UsageError(
            f"cannot fetch {url} ({reason}): no network? kd.load(name) with neither root= nor "
            "release= reads the copy installed with the package, which needs no network"
        ) from None
    if len(body) > limit:
        raise IntegrityError(f"{url} is larger than {limit:,} bytes; not a file of this package")
    return body


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
    sums = _sums(base)
    if sums is not None:  # a release's download address: its bundle
        return bundle_folder(base, sums, _fetch, _cache_root())
    raw = _fetch(urllib.parse.urljoin(base, "datapackage.json"), 10 * 1024 * 1024)
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
        target = folder / res["path"]
        if target.is_file() and bytes_digest(target.read_bytes()) == (res["hash"], res["bytes"]):
            continue  # already fetched and checked
        data = _fetch(urllib.parse.urljoin(base, res["path"]), res["bytes"])
        digest, size = bytes_digest(data)
        if (digest, size) != (res["hash"], res["bytes"]):
            raise IntegrityError(
                f"{res['path']} from {base} has {size:,} bytes and hash {digest}; its release "
                f"records {res['bytes']:,} and {res['hash']}: refused, nothing kept"
            )
        _write(target, data)
    return folder


def _fetch(url: str, limit: int) -> bytes:
    body = _get(url, limit)
    if body is None:  # pragma: no cover - only missing_ok=True returns None
        raise UsageError(f"cannot fetch {url}")
    return body


def _sums(base: str) -> dict[str, str] | None:
    """The release's ``SHA256SUMS`` at ``base`` (None: not a release's download address)."""
    raw = _get(base + SUMS, 1024 * 1024, missing_ok=True)
    return None if raw is None else read_sums(raw.decode("utf-8", "replace"))


def fetched_parquet(address: str, table: str) -> Path:
    """The Parquet file of ``table`` from the release at ``address``, checked, in the cache."""
    base = address if address.endswith("/") else address + "/"
    sums = _sums(base)
    if sums is None:
        raise no_parquet(base)
    return parquet_file(base, sums, table, _fetch, _cache_root())


def _write(path: Path, data: bytes) -> None:
    """``data`` at ``path``, whole or not at all."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


__all__ = ["fetched", "fetched_parquet", "release_address"]
