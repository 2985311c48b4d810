"""A published release read from its address: every byte checked before use.

``kd.load(name, root="https://…/")`` (and ``validate(root=…)``) fetch the release's
``datapackage.json``, then each file it lists that is asked for, once, into the package's cache
(``releases/<SHA-256 of the descriptor>/``); a file is kept only when its SHA-256 and size are
the ones the descriptor records, else :class:`~korus_data.errors.IntegrityError` names it.
``release="2026.12"`` is the tag ``data-2026.12`` of the repository (``KORUS_RELEASES``
replaces the address, for a mirror). Only the standard library: the descriptor already holds
every hash a verified download needs, so ``pooch`` would add a dependency for what ~80 lines
do, and its registry would repeat what ``datapackage.json`` says.

Example:
    >>> release_address("2026.12")
    'https://raw.githubusercontent.com/korus-data/korus-data/data-2026.12/'
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

RELEASES = "https://raw.githubusercontent.com/korus-data/korus-data/data-{version}/"
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


def _get(url: str, limit: int = MAX_BYTES) -> bytes:
    """The body of ``url`` (redirects to http(s) followed), at most ``limit`` bytes."""
    opener = urllib.request.build_opener(_HttpOnly)
    try:
        with opener.open(url, timeout=TIMEOUT_SECONDS) as reply:
            body = reply.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise UsageError(
            f"cannot fetch {url}: HTTP {exc.code}; is it a published release?"
        ) from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UsageError(
            f"cannot fetch {url} ({reason}): no network? The installed package needs none: "
            "leave out root= to read its own copy"
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
    raw = _get(urllib.parse.urljoin(base, "datapackage.json"), 10 * 1024 * 1024)
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
        data = _get(urllib.parse.urljoin(base, res["path"]), res["bytes"])
        digest, size = bytes_digest(data)
        if (digest, size) != (res["hash"], res["bytes"]):
            raise IntegrityError(
                f"{res['path']} from {base} has {size:,} bytes and hash {digest}; its release "
                f"records {res['bytes']:,} and {res['hash']}: refused, nothing kept"
            )
        _write(target, data)
    return folder


def _write(path: Path, data: bytes) -> None:
    """``data`` at ``path``, whole or not at all."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


__all__ = ["fetched", "release_address"]
