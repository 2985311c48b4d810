"""Rewrite the command-line samples of the README and docs/cli.md with what each command
prints today.

The block after "Real output (a 100-column terminal):" lists commands (``$ korus-data …``,
``(first rows)`` keeps only as many lines as are shown); each is run in this process at a
100-column width and its output replaces the old. ``tests/unit/test_readme_cli.py`` fails
when a sample is not what its command prints.

Usage: python tools/readme_samples.py [--check]
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The documents with samples (each after its MARKER).
DOCUMENTS = (REPO / "README.md", REPO / "docs" / "cli.md")
MARKER = "Real output (a 100-column terminal):"
WIDTH = 100


def run(argv: list[str]) -> list[str]:
    """The lines ``korus-data argv`` prints on a terminal ``WIDTH`` columns wide."""
    from korus_data.cli import commands, main, output

    for module in (output, commands):
        module.terminal_width = lambda: WIDTH
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(argv)
    if code != 0:
        raise SystemExit(f"korus-data {shlex.join(argv)} exited {code}")
    return [line.rstrip() for line in printed.getvalue().splitlines() if line.strip()]


def rewritten(text: str) -> str:
    head, tail = text.split(MARKER, 1)
    before, block, after = tail.split("```", 2)
    chunks = re.split(r"\n(?=\$ korus-data )", block.strip("\n"))
    out = []
    for chunk in chunks:
        first, *shown = chunk.rstrip("\n").split("\n")
        argv = shlex.split(first.removeprefix("$ korus-data ").split("(first rows)")[0])
        lines = run(argv)
        if "(first rows)" in first:
            lines = lines[: len([s for s in shown if s.strip()])]
        out.append("\n".join([first, *lines]))
    return head + MARKER + before + "```\n" + "\n\n".join(out) + "\n```" + after


def main() -> int:
    stale = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        new = rewritten(text)
        if new != text:
            stale.append(path.name)
            if "--check" not in sys.argv:
                path.write_text(new, encoding="utf-8")
    if "--check" in sys.argv:
        print(f"samples are stale: {', '.join(stale)}" if stale else "samples are current")
        return int(bool(stale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
