"""HTTP for the refresh: timeouts, retries with backoff, throttling, a raw-response cache,
and errors that name the request with every key redacted.

Only the standard library (``urllib``): the refresh adds no dependency. Redirects are not
followed: the Census API answers a keyless or bad-key call with a 302 to an HTML page, which
is reported as such rather than parsed.

Every read is bounded: a request's whole reply must arrive within ``timeout`` seconds and
``max_bytes`` bytes, the whole refresh within ``deadline`` seconds, a server's ``Retry-After``
is waited at most ``max_retry_after`` seconds, and JSON nested deeper than ``MAX_DEPTH`` or
giving one key twice with different values is refused. A key is scrubbed from every reply body
(BEA's replies echo the request, ``UserID`` included) before the body is parsed, printed,
hashed or kept, and from every message.

Example:
    >>> redact("https://x/api?key=s3cret&get=A", ["s3cret"])
    'https://x/api?key=***&get=A'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from korus_data.__about__ import __version__
from korus_data.errors import BuildError
from korus_data.pipeline.refresh.secrets import redact, scrub
from korus_data.store.files import write_utf8
from korus_data.store.paths import cache_dir

#: HTTP statuses worth another try: rate limited, or a server error that may pass.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Defaults of the bounds (``korus-data refresh --max-bytes/--deadline`` change the first two).
MAX_BYTES = 50 * 1024 * 1024
DEADLINE_SECONDS = 900.0
MAX_RETRY_AFTER_SECONDS = 120.0
#: JSON nested deeper than this is refused (the replies korus-data reads nest 6 deep at most).
MAX_DEPTH = 64
CHUNK = 65536


class FetchError(BuildError):
    """A request failed for good; the message names it (keys redacted) and says what to do."""


class OfflineError(FetchError):
    """No connection could be made at all (no network, DNS failure, nothing listening)."""


def _depth(value: object) -> int:
    """How deep ``value`` nests (iteratively: no recursion limit to hit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend(
                (v, level + 1) for v in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object from its pairs; :class:`ValueError` when a key repeats with another
    value (JSON parsers keep the last silently)."""
    out: dict = {}
    for key, value in pairs:
        if key in out and out[key] != value:
            raise ValueError(f"the key {key!r} is given twice with different values")
        out[key] = value
    return out


@dataclass(frozen=True)
class Request:
    """One call to an official API: where, with what parameters, and which are secret."""

    service: str
    label: str
    url: str
    params: dict[str, str]
    secrets: tuple[str, ...] = ()
    accept: str = "application/json"

    @property
    def full_url(self) -> str:
        return f"{self.url}?{urllib.parse.urlencode(self.params, safe=',:')}"

    @property
    def public_url(self) -> str:
        """The address without its secret parameters: what a source record cites."""
        params = {k: v for k, v in self.params.items() if v not in self.secrets}
        return f"{self.url}?{urllib.parse.urlencode(params, safe=',:')}"

    @property
    def shown(self) -> str:
        """The address with its keys redacted: safe for messages, logs and files."""
        return redact(self.full_url, self.secrets)


@dataclass(frozen=True)
class Response:
    """A successful reply: the body, its SHA-256, when it was retrieved, where it is cached."""

    request: Request
    body: bytes
    sha256: str
    retrieved: dt.datetime
    cached_at: Path | None
    status: int = 200

    @property
    def empty(self) -> bool:
        """HTTP 204 (the Census API's answer when no row matches) or an empty body."""
        return self.status == 204 or not self.body.strip()

    def json(self) -> object:
        """The body as JSON; :class:`FetchError` for JSON that is not valid, nests deeper than
        ``MAX_DEPTH``, or gives one key twice with different values."""
        where = f"{len(self.body):,} bytes from {self.request.shown}"
        try:
            value = json.loads(self.body, object_pairs_hook=_no_repeated_keys)
        except RecursionError:
            raise FetchError(
                f"{self.request.label}: the reply nests deeper than {MAX_DEPTH} levels ({where})"
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "msg", None) or str(exc)
            raise FetchError(
                f"{self.request.label}: the reply is not valid JSON ({reason}; {where})"
            ) from None
        except ValueError as exc:
            raise FetchError(
                f"{self.request.label}: the reply is refused: {exc} ({where})"
            ) from None
        if _depth(value) > MAX_DEPTH:
            raise FetchError(
                f"{self.request.label}: the reply nests deeper than {MAX_DEPTH} levels ({where})"
            )
        return value


def http_client_errors() -> type[Exception]:
    """The standard library's errors of a broken HTTP exchange (a malformed status line or
    headers, a body cut short)."""
    import http.client

    return http.client.HTTPException


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx reaches the caller as an HTTPError


def default_cache_dir() -> Path:
    """Raw replies: ``raw/`` of the package's cache folder (see
    :func:`korus_data.store.paths.cache_dir`; ``$KORUS_CACHE`` moves it)."""
    return cache_dir() / "raw"


class Deadline(FetchError):
    """The whole refresh took longer than its deadline; nothing was written."""


@dataclass
class Fetcher:
    """Gets JSON from the official APIs politely, within bounds, and keeps each raw reply.

    ``timeout`` seconds for each try, the whole reply included; ``retries`` further tries on
    HTTP 429/5xx and timeouts, waiting ``backoff`` × 2**n seconds or the server's
    ``Retry-After`` (at most ``max_retry_after``: a longer wait ends the refresh, saying when to
    try again); ``max_bytes`` per reply; ``deadline`` seconds for every request of the refresh
    together; ``min_interval`` seconds between two requests (BEA allows 100 a minute);
    ``cache_dir`` keeps each reply, its keys scrubbed, as ``<sha256>.json`` with a
    ``<sha256>.meta.json`` (redacted address, retrieval time).
    """

    timeout: float = 60.0
    retries: int = 4
    backoff: float = 2.0
    min_interval: float = 0.0
    cache_dir: Path | None = None
    progress: Callable[[str], None] | None = None
    sleep: Callable[[float], None] = time.sleep
    max_bytes: int = MAX_BYTES
    deadline: float = DEADLINE_SECONDS
    max_retry_after: float = MAX_RETRY_AFTER_SECONDS
    _last: float = field(default=0.0, repr=False)
    _started: float | None = field(default=None, repr=False)

    def remaining(self) -> float:
        """Seconds left of the refresh's deadline (its clock starts at the first request)."""
        if self._started is None:
            self._started = time.monotonic()
        return self.deadline - (time.monotonic() - self._started)

    def _check_deadline(self, request: Request) -> None:
        if self.remaining() <= 0:
            raise Deadline(
                f"{request.label}: the refresh took more than its deadline of {self.deadline:g} s "
                "(--deadline); nothing was written"
            )

    def get(self, request: Request) -> Response:
        opener = urllib.request.build_opener(_NoRedirect)
        say = self.progress or (lambda text: None)
        for attempt in range(self.retries + 1):
            self._throttle()
            self._check_deadline(request)
            say(f"{request.label}: GET {request.shown}")
            problem, wait = self._try(opener, request)
            if isinstance(problem, Response):
                return self._keep(problem)
            if wait is None or attempt == self.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise FetchError(f"{request.label}: {problem}{tries} ({request.shown})")
            delay = wait if wait > 0 else self.backoff * 2**attempt
            if delay > self.max_retry_after:
                raise FetchError(
                    f"{request.label}: {problem}; the service asks to wait {delay:,.0f} s, more "
                    f"than the {self.max_retry_after:g} s a refresh waits: try again later "
                    f"({request.shown})"
                )
            if delay >= self.remaining():
                raise Deadline(
                    f"{request.label}: {problem}; waiting {delay:g} s more would pass the "
                    f"refresh's deadline of {self.deadline:g} s (--deadline)"
                )
            say(f"{request.label}: {problem}; trying again in {delay:g} s")
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _throttle(self) -> None:
        if self.min_interval and self._last:
            gap = time.monotonic() - self._last
            if gap < self.min_interval:
                self.sleep(self.min_interval - gap)
        self._last = time.monotonic()

    def _read(self, reply, request: Request, started: float) -> bytes | str:
        """The whole body within ``timeout`` seconds of ``started`` and ``max_bytes`` bytes
        (also of a body that trickles or never ends); what went wrong otherwise."""
        declared = reply.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{request.label}: the reply is {int(declared):,} bytes, more than the limit of "
                f"{self.max_bytes:,} (--max-bytes) ({request.shown})"
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            elapsed = time.monotonic() - started
            if elapsed > self.timeout:
                return f"no complete reply within {self.timeout:g} s ({size:,} bytes by then)"
            self._check_deadline(request)
            chunk = reply.read1(CHUNK) if hasattr(reply, "read1") else reply.read(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    f"{request.label}: the reply is larger than the limit of {self.max_bytes:,} "
                    f"bytes (--max-bytes) ({request.shown})"
                )
            chunks.append(chunk)

    def _try(
        self, opener: urllib.request.OpenerDirector, request: Request
    ) -> tuple[Response | str, float | None]:
        """A response, or (what went wrong, seconds to wait before retrying or None)."""
        http = urllib.request.Request(
            request.full_url,
            headers={"User-Agent": f"korus-data/{__version__}", "Accept": request.accept},
        )
        started = time.monotonic()
        wait = max(0.1, min(self.timeout, self.remaining()))
        try:
            with opener.open(http, timeout=wait) as reply:
                body, status = self._read(reply, request, started), reply.status
        except urllib.error.HTTPError as exc:
            return self._http_problem(exc, request)
        except TimeoutError:
            return f"no reply within {self.timeout:g} s", 0.0
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                return f"no reply within {self.timeout:g} s", 0.0
            host = urllib.parse.urlsplit(request.url).netloc
            raise OfflineError(
                f"cannot reach {host} ({redact(str(exc.reason), request.secrets)}): check the "
                f"network connection, or give a mirror with --api-base ({request.label})"
            ) from None
        except (ConnectionError, OSError, http_client_errors()) as exc:
            return f"the connection failed ({redact(str(exc), request.secrets)})", 0.0
        if isinstance(body, str):
            return body, 0.0
        body = scrub(body, request.secrets)
        digest = hashlib.sha256(body).hexdigest()
        return Response(request, body, digest, dt.datetime.now(dt.UTC), None, status), None

    def _http_problem(
        self, exc: urllib.error.HTTPError, request: Request
    ) -> tuple[str, float | None]:
        if 300 <= exc.code < 400:
            where = redact(exc.headers.get("Location", "?"), request.secrets)
            return (
                f"HTTP {exc.code}: the service redirected to {where}, which is what it does for a "
                f"missing or invalid key; set the key (see korus-data refresh --help)",
                None,
            )
        raw = scrub(exc.read(2000), request.secrets)
        text = " ".join(raw.decode("utf-8", "replace").split())[:200]
        if exc.code == 429 and request.service == "bea":
            return (
                f"HTTP 429: BEA has locked the key out (past 100 requests, 100 MB or 30 errors "
                f"a minute): wait an hour, then refresh again; retrying now would keep it "
                f"locked. {text}".strip(),
                None,
            )
        if exc.code in RETRY_STATUSES:
            retry_after = exc.headers.get("Retry-After", "").strip()
            wait = float(retry_after) if retry_after.isdigit() else 0.0
            return f"HTTP {exc.code} {text}".strip(), wait
        return f"HTTP {exc.code} {text}".strip(), None

    def _keep(self, response: Response) -> Response:
        if self.cache_dir is None:
            return response
        folder = Path(self.cache_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{response.sha256}.json"
        if not path.is_file():
            path.write_bytes(response.body)
        meta = {
            "url": response.request.shown,
            "label": response.request.label,
            "retrieved": response.retrieved.isoformat(timespec="seconds"),
            "sha256": response.sha256,
        }
        write_utf8(folder / f"{response.sha256}.meta.json", json.dumps(meta, indent=1) + "\n")
        return dataclasses.replace(response, cached_at=path)
