"""Publication is all-or-nothing: killed at every step, two builds at once, planted symlinks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers import REPO, copy_package

from korus_data.errors import BuildError
from korus_data.pipeline import publication
from korus_data.pipeline.writer import publish
from korus_data.schema.tables import TABLES
from korus_data.store.loader import parse_csv
from korus_data.validation import validate

EDITS = {  # three hand-kept tables, each with a text cell changed: a new, valid release
    "claims": ("statement", "A statement reworded for the test."),
    "investment_projects": ("product", "a product reworded for the test"),
    "sources": ("notes", "A note reworded for the test."),
}

PUBLISH = r"""
import json, os, sys
from pathlib import Path
from korus_data.pipeline import publication
from korus_data.pipeline.writer import publish

root, step, pause = sys.argv[1], sys.argv[2], float(sys.argv[4])
texts = json.loads(Path(sys.argv[3]).read_text())  # a file: the texts outgrow one argument

def hook(name):
    if name == step:
        os.kill(os.getpid(), 9)

def check(stage):
    import time
    time.sleep(pause)

publication.STEP_HOOK = hook
print(json.dumps(publish(Path(root), texts, check)))
"""


#: Publishes in forked children of one interpreter that imported the pipeline once: each
#: child is a real process killed (SIGKILL) at its step, without a fresh interpreter's start.
FORK_SERVER = r"""
import json, os, sys
from pathlib import Path
from korus_data.pipeline import publication
from korus_data.pipeline.writer import publish

for line in sys.stdin:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1)
        os.dup2(log, 2)

        def hook(name):
            if name == job["step"]:
                os.kill(os.getpid(), 9)

        publication.STEP_HOOK = hook
        try:
            publish(Path(job["root"]), job["texts"], lambda stage: None)
        except BaseException as exc:
            print(repr(exc), file=sys.stderr, flush=True)
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    print(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status), flush=True)
"""


@pytest.fixture(scope="module")
def kill_at(suite_cache):
    """``kill_at(root, step)`` publishes new texts into ``root`` in a process killed at
    ``step``; returns its exit status (-9: killed) and what it printed."""
    # started before the per-test fixtures: it gets the suite's cache folder itself
    server = subprocess.Popen(
        [sys.executable, "-c", FORK_SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "KORUS_CACHE": suite_cache},
    )

    def run(root: Path, step: str) -> tuple[int, str]:
        log = root.parent / f"{root.name}.log"
        job = {"root": str(root), "step": step, "texts": _new_texts(root), "log": str(log)}
        server.stdin.write(json.dumps(job) + "\n")
        server.stdin.flush()
        status = server.stdout.readline()
        assert status, "the fork server died"
        return int(status), log.read_text()

    yield run
    server.stdin.close()
    server.wait(timeout=30)
    server.stdout.close()


def _new_texts(root: Path) -> dict[str, str]:
    texts = {}
    for name, (column, value) in EDITS.items():
        frame = pd.read_csv(root / TABLES[name].path, dtype=str, keep_default_na=False)
        frame.loc[0, column] = value
        texts[name] = frame.to_csv(index=False, lineterminator="\n")
    return texts


def _tables(root: Path) -> dict[str, bytes]:
    return {name: (root / t.path).read_bytes() for name, t in TABLES.items()}


def _run(root: Path, step: str, pause: float = 0.0) -> subprocess.Popen:
    texts = root.parent / "texts.json"
    texts.write_text(json.dumps(_new_texts(root)))
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISH, str(root), step, str(texts), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def steps(tmp_path_factory) -> list[str]:
    """Every step of a publication, recorded on a first, uninterrupted run."""
    root = copy_package(tmp_path_factory.mktemp("record") / "pkg")
    seen: list[str] = []
    publication.STEP_HOOK = seen.append
    try:
        publish(root, _new_texts(root), lambda stage: None)
    finally:
        publication.STEP_HOOK = None
    return seen


def test_the_steps_cover_every_rename(steps):
    renames = [s for s in steps if s.startswith("replace ")]
    assert steps[0] == "staged" and steps[1] == "journal"
    # three tables, datapackage.json and the README (its fact-check table quotes the claims)
    assert len(renames) == 5
    assert steps[-2:] == ["commit", "cleanup"]


KILL_POINTS: list[str] = []


@pytest.mark.slow
def test_a_build_killed_at_every_step_leaves_the_old_or_the_new_release(steps, kill_at, tmp_path):
    outcomes = {}
    for step in steps:
        root = copy_package(tmp_path / step.replace(" ", "_").replace("/", "_"))
        old = _tables(root)
        status, printed = kill_at(root, step)
        assert status == -9, (step, printed)
        # finds the journal, if any, and rolls back first; the descriptor and the edited tables
        # (with what they reference) are checked, hashes included
        report = validate(root, tables=list(EDITS))
        assert report.ok, (step, [str(f) for f in report.failures][:5])
        now = _tables(root)
        changed = {name for name in TABLES if now[name] != old[name]}
        assert changed in (set(), set(EDITS)), (step, changed)  # never a mix
        litter = [p.name for p in (*root.glob(".korus-*"), *root.glob("data/.*"))]
        assert not litter, (step, litter)
        for name in changed:
            parse_csv(now[name], TABLES[name])  # the new release reads
        outcomes[step] = "new" if changed else "old"
    print(f"\nkill test: {len(outcomes)} interruption points: {outcomes}")
    assert set(outcomes.values()) == {"old", "new"}


@pytest.mark.slow
def test_two_builds_at_once_one_waits_out_with_the_holder_named(tmp_path):
    root = copy_package(tmp_path / "pkg")
    first = _run(root, "never", pause=1.5)
    deadline = time.monotonic() + 30
    while not list(root.glob(".korus-build-*/holder")):
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    with pytest.raises(BuildError, match=r"another build holds .*\(pid \d+, started"):
        publish(root, _new_texts(root), lambda stage: None)
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert validate(root).ok


def test_a_lock_left_by_a_killed_build_does_not_block_the_next(kill_at, tmp_path):
    root = copy_package(tmp_path / "pkg")
    assert kill_at(root, "journal")[0] == -9
    assert publish(root, _new_texts(root), lambda stage: None)  # the lock died with its holder
    assert validate(root).ok


def test_planted_symlinks_are_never_followed(tmp_path):
    root = copy_package(tmp_path / "pkg")
    texts = _new_texts(root)
    outside = tmp_path / "outside.csv"
    outside.write_text("do not touch\n")
    (root / "data" / ".claims.csv.tmp").symlink_to(outside)  # the old temporary name
    target = root / "data" / "claims.csv"
    target.unlink()
    target.symlink_to(outside)  # the table itself replaced by a link to an outside file
    publish(root, texts, lambda stage: None)
    assert outside.read_text() == "do not touch\n"
    assert target.is_file() and not target.is_symlink()


def test_recover_says_what_it_did(kill_at, tmp_path):
    root = copy_package(tmp_path / "pkg")
    assert kill_at(root, "replace data/claims.csv")[0] == -9
    assert (root / ".korus-journal.json").exists()
    assert "rolled back" in publication.recover(root)
    assert not (root / ".korus-journal.json").exists()
    assert publication.recover(root).startswith("nothing to recover")
    assert (root / "data" / "claims.csv").read_bytes() == (
        REPO / "data" / "claims.csv"
    ).read_bytes()
