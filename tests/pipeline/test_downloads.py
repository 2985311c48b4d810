"""Downloads and workbooks are bounded: deadline, size cap, http(s) only, far cells refused."""

from __future__ import annotations

import http.server
import threading
import time
import zipfile

import pytest

from korus_data.errors import BuildError
from korus_data.pipeline import inputs


class _Server(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/trickle":
            self.send_response(200)
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/huge":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 300_000)
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/country.xlsx")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_trickling_server_hits_the_total_deadline(server, tmp_path):
    started = time.monotonic()
    with pytest.raises(BuildError, match="took more than 1 s"):
        inputs.download(f"{server}/trickle", tmp_path / "f", deadline=1.0)
    assert time.monotonic() - started < 5
    assert not (tmp_path / "f").exists()


def test_a_body_over_the_cap_is_refused(server, tmp_path):
    with pytest.raises(BuildError, match="larger than the limit"):
        inputs.download(f"{server}/huge", tmp_path / "f", max_bytes=100_000)
    with pytest.raises(BuildError, match="the limit is"):
        inputs.download(f"{server}/declared-huge", tmp_path / "f")
    assert not (tmp_path / "f").exists()


def test_a_redirect_away_from_http_is_refused(server, tmp_path):
    with pytest.raises(BuildError, match="not http"):
        inputs.download(f"{server}/to-ftp", tmp_path / "f")


def test_only_http_addresses_and_local_paths_are_read(tmp_path):
    with pytest.raises(BuildError, match="only http"):
        inputs.open_input("ftp://example.org/country.xlsx", tmp_path)
    with pytest.raises(BuildError, match="only http"):
        inputs.open_input("file:///etc/passwd", tmp_path)


def test_a_workbook_declaring_a_far_cell_is_refused_before_reading(tmp_path):
    book = tmp_path / "far.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>',
        )
    with pytest.raises(BuildError, match="1,048,576 rows x 16,384 columns"):
        inputs.read_workbook(book)
