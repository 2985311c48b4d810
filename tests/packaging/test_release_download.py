"""A release as a stranger meets it: its flat assets on a loopback server laid out like a GitHub
release (the download address answers with a redirect to another host, as GitHub's does),
loaded by version, verified by SHA256SUMS, described for dataset search engines."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import korus_data as kd
from korus_data.errors import IntegrityError, UsageError
from korus_data.exports.release import PARQUET_DESCRIPTOR, STEM, read_sums
from korus_data.schema.tables import TABLES

VERSION = STEM.removeprefix("korus-data-")


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Redirect(http.server.BaseHTTPRequestHandler):
    """GitHub's download address: every asset is a redirect to the host that stores it."""

    target = ""

    def do_GET(self):
        prefix = f"/korus-data/releases/download/data-{VERSION}/"
        if not self.path.startswith(prefix):
            self.send_error(404)
            return
        self.send_response(302)
        self.send_header("Location", self.target + self.path.removeprefix(prefix))
        self.end_headers()

    def log_message(self, *args):
        pass


def _serve(handler) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def assets(release_assets) -> Path:
    return release_assets  # made once for the session (conftest); copied before tampering


@pytest.fixture
def github(assets, tmp_path, monkeypatch):
    """The assets (a copy each test may tamper with) behind a redirecting download address."""
    stored = tmp_path / "objects"
    shutil.copytree(assets, stored)
    files, files_url = _serve(functools.partial(_Files, directory=str(stored)))
    redirect = type("Redirect", (_Redirect,), {"target": files_url})
    downloads, downloads_url = _serve(redirect)
    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(
        "KORUS_RELEASES", downloads_url + "korus-data/releases/download/data-{version}/"
    )
    try:
        yield stored, downloads_url + f"korus-data/releases/download/data-{VERSION}/"
    finally:
        for server in (files, downloads):
            server.shutdown()
            server.server_close()


@pytest.mark.slow
def test_every_table_loads_by_version_from_csv_and_from_parquet(github):
    for name in TABLES:
        here = kd.load(name)
        pd.testing.assert_frame_equal(kd.load(name, release=VERSION), here, obj=name)
        parquet = kd.load(name, release=VERSION, file_format="parquet")
        pd.testing.assert_frame_equal(parquet, here, obj=f"{name} (Parquet)")


def test_the_download_address_works_as_root_and_validates(github):
    _, address = github
    pd.testing.assert_frame_equal(kd.load("partners", root=address), kd.load("partners"))
    assert kd.validate(root=address).ok


def test_a_tampered_bundle_is_refused_and_nothing_is_kept(github, tmp_path):
    stored, _ = github
    bundle = stored / f"{STEM}.zip"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=r"\.zip from .* SHA256SUMS records .* refused"):
        kd.load("partners", release=VERSION)
    assert not list((tmp_path / "cache").rglob("partners.csv"))


def test_a_tampered_parquet_file_is_refused(github, tmp_path):
    stored, _ = github
    path = stored / f"{STEM}-partners.parquet"
    path.write_bytes(path.read_bytes()[:-8] + b"\0" * 8)
    with pytest.raises(IntegrityError, match="refused, nothing kept"):
        kd.load("partners", release=VERSION, file_format="parquet")
    assert not list((tmp_path / "cache").rglob("*partners.parquet"))


def test_parquet_needs_a_release(github):
    with pytest.raises(UsageError, match="file_format='parquet' reads a published release"):
        kd.load("partners", file_format="parquet")
    with pytest.raises(UsageError, match=r"'csv' .* or 'parquet'"):
        kd.load("partners", release=VERSION, file_format="feather")


def test_sha256sums_verifies_a_flat_download_of_every_asset(github, tmp_path):
    _, address = github
    sums = read_sums(urllib.request.urlopen(address + "SHA256SUMS").read().decode())
    folder = tmp_path / "download"
    folder.mkdir()
    for name in [*sums, "SHA256SUMS"]:
        with urllib.request.urlopen(address + name) as reply:
            (folder / name).write_bytes(reply.read())
    assert len(sums) == len(list(folder.iterdir())) - 1  # every asset but SHA256SUMS itself
    if shutil.which("sha256sum"):
        run = subprocess.run(
            ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True
        )
        assert run.returncode == 0 and run.stdout.count(": OK") == len(sums), run.stdout
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest


def test_the_parquet_descriptor_describes_the_parquet_bytes(assets):
    from frictionless import Package

    descriptor = json.loads((assets / PARQUET_DESCRIPTOR).read_text())
    assert {r["name"] for r in descriptor["resources"]} == set(TABLES)
    for resource in descriptor["resources"]:
        data = (assets / resource["path"]).read_bytes()
        assert resource["format"] == "parquet" and "/" not in resource["path"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
    package = Package.from_descriptor(str(assets / PARQUET_DESCRIPTOR))  # raises if invalid
    assert {r.format for r in package.resources} == {"parquet"}
    assert len(package.resources) == len(TABLES)
