"""A real HTTP server on 127.0.0.1 serving recorded replies, for the refresh tests.

Routes map a path to a list of replies served in turn (the last one repeats); every request
is recorded (path and query) so that a test can check what was asked.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import BinaryIO


@dataclass
class Reply:
    """One reply. ``body``: bytes, text, a JSON value, or a function of the request's query
    giving one of those (a server that echoes what it was asked). ``stream``: a function that
    writes the body itself to the socket (a reply that trickles or never ends); no
    Content-Length is sent unless ``headers`` gives one."""

    status: int = 200
    body: object = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    stream: Callable[[BinaryIO], None] | None = None

    def payload(self, query: dict[str, list[str]] | None = None) -> bytes:
        body = self.body(query or {}) if callable(self.body) else self.body
        if isinstance(body, bytes):
            return body
        if isinstance(body, str):
            return body.encode("utf-8")
        return json.dumps(body).encode("utf-8")


def ok(body: object) -> Reply:
    return Reply(200, body, {"Content-Type": "application/json;charset=utf-8"})


class Loopback:
    """``with Loopback() as server:`` ... ``server.url``; ``server.route(path, *replies)``."""

    def __init__(self) -> None:
        self.routes: list[tuple[str, dict[str, str], list[Reply]]] = []
        self.requests: list[tuple[str, dict[str, list[str]]]] = []
        loop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(parts.query)
                loop.requests.append((parts.path, query))
                replies = loop.match(parts.path, query)
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.stream is not None:
                        self.close_connection = True
                        self.end_headers()
                        reply.stream(self.wfile)
                        return
                    body = reply.payload(query)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, TimeoutError):
                    pass  # the client gave up (a timeout or size test)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # shutdown() waits for the serving loop's next poll: poll often (the default, 0.5 s,
        # made every test that ran a server wait ~0.4 s at its end)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, *replies: Reply, when: dict[str, str] | None = None) -> None:
        """Serve ``replies`` in turn for ``path`` (when its query has the ``when`` values);
        a route with more ``when`` values, then a route given later, takes precedence."""
        self.routes.insert(0, (path, when or {}, list(replies)))

    def match(self, path: str, query: dict[str, list[str]]) -> list[Reply]:
        # the most specific route first (more query values to match), then the latest
        for route_path, when, replies in sorted(self.routes, key=lambda r: -len(r[1])):
            if route_path == path and all(query.get(k) == [v] for k, v in when.items()):
                return replies
        return [Reply(404, b"no such route")]

    def __enter__(self) -> Loopback:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
