"""The command-line samples of the README and docs/cli.md are real, current output of a
100-column terminal."""

from __future__ import annotations

import re
import shlex

import pytest
from helpers import REPO

from korus_data.cli import commands, main, output

DOCUMENTS = ("README.md", "docs/cli.md")


def _samples(document: str | None = None) -> list[tuple[list[str], bool, list[str]]]:
    if document is None:
        return [s for d in DOCUMENTS for s in _samples(d)]
    text = (REPO / document).read_text(encoding="utf-8")
    block = text.split("Real output (a 100-column terminal):", 1)[1].split("```", 2)[1]
    samples = []
    for chunk in re.split(r"\n(?=\$ korus-data )", block.strip("\n")):
        first, *rest = chunk.rstrip("\n").split("\n")
        partial = "(first rows)" in first
        argv = shlex.split(first.removeprefix("$ korus-data ").split("(first rows)")[0])
        samples.append((argv, partial, [line for line in rest if line.strip()]))
    return samples


@pytest.mark.parametrize(("argv", "partial", "shown"), _samples(), ids=lambda v: str(v)[:40])
def test_each_sample_is_what_the_command_prints(argv, partial, shown, monkeypatch, capsys):
    for module in (output, commands):
        monkeypatch.setattr(module, "terminal_width", lambda: 100)
    assert main(argv) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines() if line.strip()]
    if partial:
        printed = printed[: len(shown)]
    assert printed == [line.rstrip() for line in shown]
    assert all(len(line) <= 100 for line in printed)


def test_the_readme_shows_samples_of_the_main_commands():
    assert {argv[0] for argv, _, _ in _samples("README.md")} >= {"goods", "rank"}
    commands_shown = {argv[0] for argv, _, _ in _samples()}
    assert {"tables", "investors", "validate", "projects", "revisions"} <= commands_shown
