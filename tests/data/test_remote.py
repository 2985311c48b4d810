"""A published release read from its address on a real HTTP server on loopback: every byte
checked against the descriptor before use."""

from __future__ import annotations

import functools
import http.server
import socket
import threading

import pandas as pd
import pytest
from helpers import copy_package

import korus_data as kd
from korus_data.errors import IntegrityError, UsageError


class _Quiet(http.server.SimpleHTTPRequestHandler):
    redirects: dict[str, str] = {}  # noqa: RUF012 - set per server

    def do_GET(self):
        if self.path in self.redirects:
            self.send_response(302)
            self.send_header("Location", self.redirects[self.path])
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A copy of the package served at http://127.0.0.1:<port>/release/, and the cache."""
    folder = tmp_path / "site"
    copy_package(folder / "release")
    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield folder / "release", f"http://127.0.0.1:{server.server_address[1]}/release/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_release_loaded_by_its_address_equals_the_installed_tables(published, tmp_path):
    _, url = published
    for name in ("partners", "goods_trade_monthly"):
        pd.testing.assert_frame_equal(kd.load(name, root=url), kd.load(name))
    kept = list((tmp_path / "cache").rglob("partners.csv"))
    assert len(kept) == 1  # fetched once, into the cache
    assert kd.validate(root=url).ok


def test_a_tampered_file_is_refused_and_nothing_is_kept(published, tmp_path):
    folder, url = published
    claims = folder / "data" / "claims.csv"
    claims.write_bytes(claims.read_bytes().replace(b"supported", b"supporter", 1))
    with pytest.raises(IntegrityError, match=r"data/claims.csv from .* has .* refused"):
        kd.load("claims", root=url)
    assert not list((tmp_path / "cache").rglob("claims.csv"))


def test_a_missing_file_and_a_missing_release_say_so(published):
    folder, url = published
    (folder / "data" / "partners.csv").unlink()
    with pytest.raises(UsageError, match="HTTP 404"):
        kd.load("partners", root=url)
    with pytest.raises(UsageError, match="HTTP 404"):
        kd.load("partners", root=url.replace("/release/", "/nothing/"))


def test_a_redirect_to_the_files_is_followed(published):
    _, url = published
    moved = url.replace("/release/", "/old/")
    _Quiet.redirects = {"/old/datapackage.json": url + "datapackage.json"}
    _Quiet.redirects["/old/data/partners.csv"] = url + "data/partners.csv"
    try:
        pd.testing.assert_frame_equal(kd.load("partners", root=moved), kd.load("partners"))
    finally:
        _Quiet.redirects = {}


def test_a_release_by_its_version_and_no_network(published, monkeypatch):
    folder, url = published
    (folder.parent / "2026.12").symlink_to(folder)  # the release's tag, served
    monkeypatch.setenv("KORUS_RELEASES", url.replace("/release/", "/{version}/"))
    pd.testing.assert_frame_equal(kd.load("partners", release="2026.12"), kd.load("partners"))
    with pytest.raises(UsageError, match="HTTP 404"):
        kd.load("partners", release="2099.01")
    with socket.socket() as probe:  # a port nothing listens on: no network
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    with pytest.raises(UsageError, match="no network"):
        kd.load("partners", root=closed)
    with pytest.raises(UsageError, match="not a data version"):
        kd.load("partners", release="latest")


def test_as_of_a_day_reads_the_releases_vintages_too(published):
    _, url = published
    with pytest.warns(kd.StaleVintageWarning):
        remote = kd.load("goods_trade_monthly", root=url, as_of="2019-06-30")
    with pytest.warns(kd.StaleVintageWarning):
        here = kd.load("goods_trade_monthly", as_of="2019-06-30")
    pd.testing.assert_frame_equal(remote, here)
    assert remote.attrs["as_of"] == here.attrs["as_of"]


def test_a_descriptor_that_points_elsewhere_is_refused(published):
    folder, url = published
    descriptor = folder / "datapackage.json"
    descriptor.write_text(
        descriptor.read_text().replace('"data/partners.csv"', '"../../etc/passwd"', 1)
    )
    with pytest.raises(IntegrityError, match=r"partners.*local file"):
        kd.load("partners", root=url)


def test_the_cli_validates_a_release_by_its_address(published):
    import subprocess
    import sys

    _, url = published
    run = subprocess.run(
        [sys.executable, "-m", "korus_data", "validate", "--root", url],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and "VALID" in run.stdout, run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "korus_data", "validate", "--release", "latest"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr


class _Raw(threading.Thread):
    """A TCP server that answers every connection with ``reply(path)``: raw bytes, sent at
    ``pace`` seconds a byte when given (a look-alike server, malformed on purpose)."""

    def __init__(self, reply, pace: float = 0.0):
        super().__init__(daemon=True)
        self.reply, self.pace = reply, pace
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/release/"

    def run(self):
        import contextlib
        import time

        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            with connection, contextlib.suppress(OSError):
                request = connection.recv(65536).decode("latin-1")
                path = request.split(" ")[1] if " " in request else "/"
                data = self.reply(path)
                if not self.pace:
                    connection.sendall(data)
                    continue
                for i in range(len(data)):
                    connection.sendall(data[i : i + 1])
                    time.sleep(self.pace)

    def stop(self):
        self.sock.close()


def _ok(body: bytes, length: int | None = None) -> bytes:
    size = len(body) if length is None else length
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size + body


@pytest.mark.parametrize(
    "reply",
    [
        lambda path: b"garbage\r\n\r\n",
        lambda path: b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
        lambda path: _ok(b'{"resources": [', length=1000),
    ],
    ids=["bad-status-line", "header-too-long", "incomplete-read"],
)
def test_a_malformed_reply_is_one_line_from_the_api_and_the_cli(reply, tmp_path, monkeypatch):
    import subprocess
    import sys

    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))
    server = _Raw(reply)
    server.start()
    try:
        with pytest.raises((UsageError, IntegrityError)) as info:
            kd.load("partners", root=server.url)
        assert "\n" not in str(info.value)
        run = subprocess.run(
            [sys.executable, "-m", "korus_data", "validate", "--root", server.url],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode in (1, 2) and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1, run.stderr
    finally:
        server.stop()


def test_a_slow_server_fails_within_the_deadline(published, monkeypatch):
    import time

    folder, _ = published
    descriptor = (folder / "datapackage.json").read_bytes()
    server = _Raw(lambda path: _ok(descriptor), pace=0.05)  # 20 bytes a second
    server.start()
    monkeypatch.setenv("KORUS_REMOTE_DEADLINE", "2")
    started = time.monotonic()
    try:
        with pytest.raises(UsageError, match=r"not received within 2 s"):
            kd.load("partners", root=server.url)
    finally:
        server.stop()
    assert time.monotonic() - started < 6


@pytest.mark.parametrize("size", [-2, 0, 10**13, "12", True])
def test_a_descriptor_cannot_lift_the_size_cap(published, size):
    import json

    folder, url = published
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    [resource] = [r for r in descriptor["resources"] if r["name"] == "partners"]
    resource["bytes"] = size
    path.write_text(json.dumps(descriptor))
    refused = r"bytes=.* not a size this package accepts|lacks a hash or a size"
    with pytest.raises(IntegrityError, match=refused):
        kd.load("partners", root=url)


def _claims_of_another_shape(root) -> None:
    """claims.csv with another header, and a descriptor whose hash and size match it."""
    import json

    from korus_data.schema.to_frictionless import bytes_digest

    data = b'not_a_column,other\n"=HYPERLINK(""http://x"")",1\n'
    (root / "data" / "claims.csv").write_bytes(data)
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    [resource] = [r for r in descriptor["resources"] if r["name"] == "claims"]
    resource["hash"], resource["bytes"] = bytes_digest(data)
    path.write_text(json.dumps(descriptor, indent=2))


def test_a_file_of_another_shape_is_refused_whatever_its_hash(published, tmp_path):
    folder, url = published
    _claims_of_another_shape(folder)
    with pytest.raises(IntegrityError, match=r"claims.*header is not_a_column, other"):
        kd.load("claims", root=folder)
    with pytest.raises(IntegrityError, match=r"claims.*header is not_a_column, other"):
        kd.load("claims", root=url)


def test_a_release_whose_table_has_another_schema_says_so(published):
    import json

    folder, url = published
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    [resource] = [r for r in descriptor["resources"] if r["name"] == "partners"]
    resource["schema"]["fields"][0]["type"] = "integer"
    path.write_text(json.dumps(descriptor))
    with pytest.raises(IntegrityError, match=r"partners at .* other fields, types or key"):
        kd.load("partners", root=url)
