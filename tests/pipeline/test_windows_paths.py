"""A build with the Windows code paths forced, as far as Linux can: the lock taken with
``msvcrt.locking`` on ``.korus-build.lock`` (here a stand-in taking a real ``lockf`` lock),
no folder ever opened (Windows refuses to open one: ``PermissionError``, which killed the
build with a traceback in ``_fsync_dir``), and every text file written with ``\\n`` line ends
whatever the platform."""

from __future__ import annotations

import ast
import subprocess
import sys

from helpers import REPO, copy_package

FORCED = r"""
import fcntl, os, shutil, subprocess, sys, types
from pathlib import Path

import pandas  # imported first: modules that look for msvcrt to detect Windows see none
from korus_data.cli import main
from korus_data.pipeline import build, publication, writer

# msvcrt as Windows has it, for the one call the package makes
msvcrt = types.ModuleType("msvcrt")
msvcrt.LK_NBLCK = 2
def locking(fd, mode, nbytes):
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes)
    except BlockingIOError as exc:
        raise OSError(36, "Resource deadlock avoided") from exc
msvcrt.locking = locking
sys.modules["msvcrt"] = msvcrt

# Windows cannot open a folder
real_open = os.open
def windows_open(path, flags, *args, **kwargs):
    if os.path.isdir(path):
        raise PermissionError(13, "Permission denied", str(path))
    return real_open(path, flags, *args, **kwargs)
os.open = windows_open
shutil._use_fd_functions = False  # as on Windows: rmtree never opens a folder

from korus_data.store import journal
journal.WINDOWS = True
sys.exit(main(sys.argv[1:]))
"""


def _edit(root):
    claims = root / "data" / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_bytes(text.replace("in 2018.", "in 2018 (edited).", 1).encode("utf-8"))


def test_a_build_on_windows_paths_ends_cleanly_and_leaves_nothing(tmp_path):
    root = copy_package(tmp_path / "pkg")
    _edit(root)
    before = {p.relative_to(root) for p in root.rglob("*")}
    run = subprocess.run(
        [sys.executable, "-c", FORCED, "build", "--descriptor-only", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "build complete" in run.stdout
    after = {p.relative_to(root) for p in root.rglob("*")}
    assert after == before, sorted(map(str, after ^ before))  # no lock file, journal or stage
    assert b"\r\n" not in (root / "datapackage.json").read_bytes()


def test_the_windows_lock_file_is_ignored_by_git():
    from korus_data.store.journal import WINDOWS_LOCK_NAME

    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert WINDOWS_LOCK_NAME in ignored


def _text_writes(tree: ast.AST) -> list[int]:
    """Lines that write text through a text-mode file: ``write_text``, ``open(..., "w")``
    without ``newline``, ``to_csv`` without ``lineterminator``."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        keywords = {k.arg for k in node.keywords}
        modes = [a.value for a in node.args if isinstance(a, ast.Constant)]
        modes += [
            k.value.value
            for k in node.keywords
            if k.arg == "mode" and isinstance(k.value, ast.Constant)
        ]
        if name == "write_text":
            found.append(node.lineno)
        elif name == "open" and any(m in ("w", "a", "x", "w+") for m in modes):
            if "newline" not in keywords:
                found.append(node.lineno)
        elif name == "to_csv" and "lineterminator" not in keywords:
            found.append(node.lineno)
    return found


def test_every_text_file_is_written_with_the_same_bytes_on_every_platform():
    offending = {}
    for path in (REPO / "src" / "korus_data").rglob("*.py"):
        lines = _text_writes(ast.parse(path.read_text(encoding="utf-8")))
        if lines and path.name != "files.py":  # files.write_utf8 is the one way
            offending[path.relative_to(REPO).as_posix()] = lines
    assert offending == {}, "write text with korus_data.store.files.write_utf8"
