"""A damaged package is reported, never a traceback: missing files, broken descriptors,
remote paths (never fetched), stale caches; usage errors exit 2."""

from __future__ import annotations

import http.server
import json
import os
import threading
from typing import ClassVar

import pytest

import korus_data as kd
from korus_data.cli import main
from korus_data.errors import IntegrityError, UsageError
from korus_data.store.loader import load
from korus_data.validation import validate


def _failed(report, gate):
    return [f for r in report.results if r.gate == gate and r.status == "fail" for f in r.examples]


def test_a_deleted_csv_is_a_failed_gate(package_copy):
    (package_copy / "data" / "claims.csv").unlink()
    report = validate(package_copy)
    assert not report.ok
    assert any("claims" in str(f) and "missing" in str(f) for f in report.failures)
    with pytest.raises(IntegrityError, match="missing"):
        load("claims", root=package_copy)


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda p: p.unlink(), "datapackage.json is missing"),
        (lambda p: p.write_text(p.read_text()[:5000]), "not valid JSON"),
        (lambda p: p.write_text("[1, 2, 3]"), "no list of resources"),
        (lambda p: p.write_text(json.dumps({"resources": [{"name": 5}]})), "has no name"),
    ],
)
def test_a_broken_descriptor_is_a_failed_gate_and_a_clear_load_error(package_copy, damage, words):
    damage(package_copy / "datapackage.json")
    report = validate(package_copy, tables=["sources"])  # the descriptor gate runs whatever
    assert not report.ok
    assert any(words in f.message for f in _failed(report, "descriptor"))
    with pytest.raises(IntegrityError, match="damaged"):
        load("goods_trade_annual", root=package_copy)
    assert main(["validate", "--root", str(package_copy)]) == 1


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"source_id\n")

    def log_message(self, *args):
        pass


def test_a_remote_resource_path_is_a_failed_gate_never_a_request(package_copy):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = package_copy / "datapackage.json"
        descriptor = json.loads(path.read_text())
        descriptor["resources"][0]["path"] = f"http://127.0.0.1:{server.server_port}/x.csv"
        descriptor["resources"][1]["schema"] = f"http://127.0.0.1:{server.server_port}/s.json"
        path.write_text(json.dumps(descriptor))
        report = validate(package_copy)
    finally:
        server.shutdown()
        server.server_close()
    assert not report.ok
    messages = [f.message for f in _failed(report, "descriptor")]
    assert any("remote address" in m for m in messages)
    assert _Recorder.requests == []


def test_a_root_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(UsageError):
        validate(tmp_path / "nowhere")
    assert main(["validate", "--root", str(tmp_path / "nowhere")]) == 2
    assert main(["build", "--descriptor-only", "--root", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_the_cache_sees_changed_bytes_even_when_size_and_mtime_are_restored(package_copy):
    path = package_copy / "data" / "claims.csv"
    assert load("claims", root=package_copy)["statement"].iloc[0]
    stat = path.stat()
    data = bytearray(path.read_bytes())
    index = data.index(b"Korea")
    data[index : index + 5] = b"KOREA"
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    with pytest.raises(IntegrityError, match="hash"):
        load("claims", root=package_copy)


def test_show_piped_into_head_ends_quietly():
    import subprocess
    import sys

    result = subprocess.run(
        f"{sys.executable} -m korus_data.cli show goods_trade_monthly --format csv | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.startswith("reporter,partner")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_unknown_tables_are_matched_whatever_their_case():
    assert kd.load("GOODS_TRADE_ANNUAL").equals(kd.load("goods_trade_annual"))


def _fifo(path):
    path.unlink()
    os.mkfifo(path)


def _folder(path):
    path.unlink()
    path.mkdir()


def _outside_link(path):
    outside = path.parent.parent.parent / f"outside-{path.name}"
    outside.write_bytes(path.read_bytes())  # the same bytes: only where it lives is wrong
    path.unlink()
    path.symlink_to(outside)


def _linked_data_folder(path):
    data = path.parent
    moved = data.parent.parent / "elsewhere"
    data.rename(moved)
    data.symlink_to(moved, target_is_directory=True)


@pytest.mark.parametrize(
    "damage, words",
    [
        (_fifo, "is a FIFO"),
        (_folder, "is a folder"),
        (_outside_link, "is a symbolic link"),
        (_linked_data_folder, "data is a symbolic link"),
    ],
    ids=["fifo", "folder", "symlink", "data-symlink"],
)
def test_only_regular_files_inside_the_package_are_read(package_copy, tmp_path, damage, words):
    """A FIFO would make a reader wait forever; a folder or a link is not the package's file:
    load, validate (with --spec), export and the CLI each say so in one line, at once."""
    import signal

    from korus_data.exports import export

    def hung(*args):
        raise TimeoutError("a reader waited on a file that is not a regular file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)  # a hang fails the test instead of the suite
    try:
        damage(package_copy / "data" / "claims.csv")
        with pytest.raises(IntegrityError, match=words):
            load("claims", root=package_copy)
        report = validate(package_copy, spec=True)
        assert not report.ok and any(words in str(f) for f in report.failures)
        for format in ("zip", "sqlite"):
            with pytest.raises(IntegrityError, match=words):
                export(format, tmp_path / f"out-{format}", root=package_copy)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_descriptor_that_is_a_link_or_nests_too_deep_is_refused(package_copy, capsys):
    descriptor = package_copy / "datapackage.json"
    descriptor.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(IntegrityError, match="nests deeper than"):
        load("claims", root=package_copy)
    assert main(["validate", "--root", str(package_copy)]) == 1
    err = capsys.readouterr()
    assert "Traceback" not in err.err + err.out
    outside = package_copy.parent / "elsewhere.json"
    outside.write_text("{}")
    descriptor.unlink()
    descriptor.symlink_to(outside)
    with pytest.raises(IntegrityError, match="symbolic link"):
        load("claims", root=package_copy)
    capsys.readouterr()
    assert main(["validate", "--root", str(package_copy)]) == 1
    out, err = capsys.readouterr()
    assert "symbolic link" in out + err and "Traceback" not in out + err
