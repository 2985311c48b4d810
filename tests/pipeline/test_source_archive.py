"""The official files a build reads, fetchable by anyone: packed into an archive of flat files,
served on loopback as a release would serve them, fetched into a source pack with every byte
checked, and built from: the committed tables, byte for byte."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from helpers import REPO, copy_package

from korus_data.errors import BuildError
from korus_data.pipeline import run_build
from korus_data.pipeline.source_archive import SUMS_NAME, fetch, manifest, pack


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def archive(source_pack, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive") / "sources-2026.12"
    pack(source_pack, out)
    return out


@pytest.fixture
def served(archive, tmp_path):
    """A copy of the archive (each test may tamper with it) on a loopback server."""
    copy = tmp_path / "served"
    shutil.copytree(archive, copy)
    handler = functools.partial(_Files, directory=str(copy))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}).start()
    try:
        yield copy, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_archive_is_flat_and_lists_every_file(archive):
    names = {p.name for p in archive.iterdir()}
    assert {f.archive_name for f in manifest()} | {"MANIFEST.csv", SUMS_NAME} == names
    assert not [p for p in archive.iterdir() if p.is_dir()]


@pytest.mark.slow
def test_fetched_then_built_gives_every_committed_file(served, tmp_path):
    _, address = served
    pack_folder = tmp_path / "sources"
    report = fetch(pack_folder, address)
    assert len(report.fetched) == len(manifest()) and not report.refused
    opened: set[str] = set()
    root = pack_folder.resolve()

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], str | os.PathLike):
            path = Path(os.fsdecode(args[0])).resolve()
            if root in path.parents:
                opened.add(path.relative_to(root).as_posix())

    sys.addaudithook(hook)  # stays for the process: it records only files under this pack
    package = copy_package(tmp_path / "pkg")
    result = run_build(package, source_pack=pack_folder, today="2000-01-01")
    root = tmp_path / "elsewhere"  # the hook stops recording
    assert result.changed == [], f"rebuild changed {result.changed}"
    for path in sorted((REPO / "data").glob("*.csv")):
        assert (package / "data" / path.name).read_bytes() == path.read_bytes(), path.name
    # the manifest lists exactly the files a build reads
    assert opened == {f.path for f in manifest()}


def test_a_file_already_there_is_kept_and_a_tampered_one_refused(served, tmp_path, capsys):
    copy, address = served
    first = manifest()[0]
    pack_folder = tmp_path / "sources"
    (pack_folder / first.path).parent.mkdir(parents=True)
    shutil.copy2(REPO.parent / "shared" / "sources" / first.path, pack_folder / first.path)
    victim = manifest()[1]
    tampered = copy / victim.archive_name
    tampered.write_bytes(tampered.read_bytes() + b"\n")
    said: list[str] = []
    with pytest.raises(BuildError, match=rf"1 of {len(manifest())} files refused.*{victim.path}"):
        fetch(pack_folder, address, say=said.append)
    [refusal] = [line for line in said if line.startswith("refused")]
    assert victim.path in refusal and "differs" in refusal and "\n" not in refusal
    assert not (pack_folder / victim.path).exists()
    assert (pack_folder / manifest()[2].path).is_file()  # the others were fetched
    assert not list(pack_folder.glob(".fetching-*"))


def test_an_archive_that_cannot_be_read_is_one_line(tmp_path):
    with pytest.raises(BuildError, match=r"cannot read the archive's SHA256SUMS") as info:
        fetch(tmp_path / "sources", "http://127.0.0.1:9/")
    assert "\n" not in str(info.value)


def test_a_pack_with_a_wrong_file_is_not_packed(source_pack, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(source_pack, bad)
    target = bad / manifest()[0].path
    target.write_bytes(target.read_bytes()[:-1])
    with pytest.raises(BuildError, match="is not the file the build reads"):
        pack(bad, tmp_path / "out")
    assert not (tmp_path / "out").exists()
