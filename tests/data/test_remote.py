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
