"""``korus-data completion``: the script bash sources completes commands and their options."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from korus_data.cli.completion import script
from korus_data.cli.parser import build_parser


def _complete(words: list[str], tmp_path) -> list[str]:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    path = tmp_path / "korus-data.bash"
    path.write_text(script(build_parser(), "bash"))
    line = " ".join(f'"{w}"' for w in words)
    run = subprocess.run(
        [
            "bash",
            "-c",
            f'source "{path}"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
            '_shtab_korus_data; printf "%s\\n" "${COMPREPLY[@]}"',
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.split()


def test_bash_completes_commands_and_options(tmp_path):
    assert _complete(["korus-data", "val"], tmp_path) == ["validate"]
    assert set(_complete(["korus-data", "validate", "--r"], tmp_path)) == {"--root", "--release"}
    assert "census" in _complete(["korus-data", "refresh", "c"], tmp_path)


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_other_shells_get_a_script_naming_every_command(shell):
    text = script(build_parser(), shell)
    for command in ("validate", "release", "refresh", "completion"):
        assert command in text
