"""What ``korus-data serve`` puts in front of Datasette: bad requests answered with 4xx, and
arbitrary SQL kept from starving the pages.

- A method other than GET or HEAD is ``405`` (the site is read-only: ``POST /-/insert`` and
  every other write is refused before Datasette sees it, instead of its 500).
- A path that climbs out (``..``, encoded or not), holds a backslash or a NUL, or is not UTF-8
  is ``400``.
- A request that makes Datasette run SQL the visitor shaped (``sql=``, a ``_where`` clause,
  a filter, a facet, a sort, a search, a canned query's parameters: any query parameter but
  the harmless ``SAFE_PARAMETERS``) runs ``SQL_AT_ONCE`` at a time: a further one while they
  run is ``429`` with ``Retry-After``, so the SQL threads Datasette keeps for pages are never
  all held by runaway queries (each of which the time limit still stops). A page without such
  parameters is never held back.

Datasette loads this as a plugin (``--plugins-dir`` holds a one-line module importing it), so it
applies to the package's own server only, never to another Datasette of the same environment.

Example:
    >>> refused_path("/korus-data/partners"), refused_path("/korus-data/%2e%2e/etc")
    (False, True)
"""

from __future__ import annotations

import asyncio
import urllib.parse

#: Shaped queries that may run together; Datasette runs 3 SQL threads by default.
SQL_AT_ONCE = 1
#: Query parameters that change only how a page's rows are shown or paged, never its SQL's cost.
SAFE_PARAMETERS = frozenset({"_size", "_next", "_shape", "_labels", "_nl", "_json"})


def shaped(query_string: bytes) -> bool:
    """Whether a request asks Datasette to run SQL the visitor shaped.

    >>> shaped(b""), shaped(b"_size=5"), shaped(b"_where=1%3D1"), shaped(b"flow=export")
    (False, False, True, True)
    """
    query = urllib.parse.parse_qs(query_string.decode("latin-1"), keep_blank_values=True)
    return any(name not in SAFE_PARAMETERS for name in query)


PLUGIN_MODULE = "from korus_data.serve.guard import asgi_wrapper  # noqa: F401\n"


def refused_path(path: str) -> bool:
    """True for a path that climbs out of the site or cannot be a page of it."""
    decoded = path
    for _ in range(3):  # %252e%252e is %2e%2e once decoded: decode until it settles
        decoded = urllib.parse.unquote(decoded)
    parts = decoded.replace("\\", "/").split("/")
    return ".." in parts or "\\" in decoded or "\x00" in decoded


async def _answer(send, status: int, text: str, headers: list | None = None) -> None:
    body = (text + "\n").encode("utf-8")
    head = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": head + (headers or [])})
    await send({"type": "http.response.body", "body": body})


def guarded(app):
    """``app`` behind the rules of this module."""
    running = asyncio.Semaphore(SQL_AT_ONCE)

    async def guard(scope, receive, send):
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        if scope.get("method", "GET") not in ("GET", "HEAD"):
            await _answer(send, 405, "read-only: only GET and HEAD", [(b"allow", b"GET, HEAD")])
            return
        raw = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
        try:
            path = raw.decode("utf-8")
        except UnicodeDecodeError:
            await _answer(send, 400, "the address is not UTF-8")
            return
        if refused_path(path) or refused_path(scope.get("path", "")):
            await _answer(send, 400, "the address leaves the site")
            return
        if not shaped(scope.get("query_string", b"")):
            await app(scope, receive, send)
            return
        if running.locked():
            await _answer(
                send,
                429,
                "another query is running; try again in a second",
                [(b"retry-after", b"1")],
            )
            return
        async with running:
            await app(scope, receive, send)

    return guard


def asgi_wrapper(datasette):
    """Datasette's hook: wrap the application in :func:`guarded`."""
    return guarded


try:  # Datasette marks hook implementations; without it this module is still importable
    from datasette import hookimpl

    asgi_wrapper = hookimpl(asgi_wrapper)
except ImportError:  # pragma: no cover - serve refuses to start without Datasette
    pass
