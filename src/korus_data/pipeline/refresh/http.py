"""HTTP for the refresh: timeouts, retries with backoff, throttling, a raw-response cache,
and errors that name the request with every key redacted.

Only the standard library (``urllib``): the refresh adds no dependency. Redirects are not
followed: the Census API answers a keyless or bad-key call with a 302 to an HTML page, which
is reported as such rather than parsed.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from korus_data.__about__ import __version__
from korus_data.errors import BuildError
from korus_data.store.paths import cache_dir

#: HTTP statuses worth another try: rate limited, or a server error that may pass.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(BuildError):
    """A request failed for good; the message names it (keys redacted) and says what to do."""


class OfflineError(FetchError):
    """No connection could be made at all (no network, DNS failure, nothing listening)."""


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***").replace(urllib.parse.quote(secret), "***")
    return text


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
        try:
            return json.loads(self.body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "msg", None) or str(exc)
            raise FetchError(
                f"{self.request.label}: the reply is not valid JSON ({reason}; "
                f"{len(self.body):,} bytes) from {self.request.shown}"
            ) from None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx reaches the caller as an HTTPError


def default_cache_dir() -> Path:
    """Raw replies: ``raw/`` of the package's cache folder (see
    :func:`korus_data.store.paths.cache_dir`; ``$KORUS_CACHE`` moves it)."""
    return cache_dir() / "raw"


@dataclass
class Fetcher:
    """Gets JSON from the official APIs politely and keeps each raw reply.

    ``timeout`` seconds per try; ``retries`` further tries on HTTP 429/5xx and timeouts, waiting
    ``backoff`` × 2**n seconds (or the server's ``Retry-After``); ``min_interval`` seconds
    between two requests (BEA allows 100 a minute); ``cache_dir`` keeps each reply as
    ``<sha256>.json`` with a ``<sha256>.meta.json`` (redacted address, retrieval time).
    """

    timeout: float = 60.0
    retries: int = 4
    backoff: float = 2.0
    min_interval: float = 0.0
    cache_dir: Path | None = None
    progress: Callable[[str], None] | None = None
    sleep: Callable[[float], None] = time.sleep
    _last: float = field(default=0.0, repr=False)

    def get(self, request: Request) -> Response:
        opener = urllib.request.build_opener(_NoRedirect)
        say = self.progress or (lambda text: None)
        for attempt in range(self.retries + 1):
            self._throttle()
            say(f"{request.label}: GET {request.shown}")
            problem, wait = self._try(opener, request)
            if isinstance(problem, Response):
                return self._keep(problem)
            if wait is None or attempt == self.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise FetchError(f"{request.label}: {problem}{tries} ({request.shown})")
            delay = wait if wait > 0 else self.backoff * 2**attempt
            say(f"{request.label}: {problem}; trying again in {delay:g} s")
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _throttle(self) -> None:
        if self.min_interval and self._last:
            gap = time.monotonic() - self._last
            if gap < self.min_interval:
                self.sleep(self.min_interval - gap)
        self._last = time.monotonic()

    def _try(
        self, opener: urllib.request.OpenerDirector, request: Request
    ) -> tuple[Response | str, float | None]:
        """A response, or (what went wrong, seconds to wait before retrying or None)."""
        http = urllib.request.Request(
            request.full_url,
            headers={"User-Agent": f"korus-data/{__version__}", "Accept": request.accept},
        )
        try:
            with opener.open(http, timeout=self.timeout) as reply:
                body, status = reply.read(), reply.status
        except urllib.error.HTTPError as exc:
            return self._http_problem(exc, request)
        except TimeoutError:
            return f"no reply within {self.timeout:g} s", 0.0
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                return f"no reply within {self.timeout:g} s", 0.0
            host = urllib.parse.urlsplit(request.url).netloc
            raise OfflineError(
                f"cannot reach {host} ({exc.reason}): check the network connection, or give a "
                f"mirror with --api-base ({request.label})"
            ) from None
        except (ConnectionError, OSError) as exc:
            return f"the connection failed ({redact(str(exc), request.secrets)})", 0.0
        digest = hashlib.sha256(body).hexdigest()
        return Response(request, body, digest, dt.datetime.now(dt.UTC), None, status), None

    @staticmethod
    def _http_problem(exc: urllib.error.HTTPError, request: Request) -> tuple[str, float | None]:
        if 300 <= exc.code < 400:
            where = redact(exc.headers.get("Location", "?"), request.secrets)
            return (
                f"HTTP {exc.code}: the service redirected to {where}, which is what it does for a "
                f"missing or invalid key; set the key (see korus-data refresh --help)",
                None,
            )
        body = redact(exc.read(2000).decode("utf-8", "replace"), request.secrets)
        text = " ".join(body.split())[:200]
        if exc.code in RETRY_STATUSES:
            retry_after = exc.headers.get("Retry-After", "")
            wait = float(retry_after) if retry_after.isdigit() else 0.0
            return f"HTTP {exc.code} {text}".strip(), min(wait, 300.0)
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
        (folder / f"{response.sha256}.meta.json").write_text(
            json.dumps(meta, indent=1) + "\n", encoding="utf-8"
        )
        return dataclasses.replace(response, cached_at=path)
