"""``korus-data completion SHELL``: a completion script for bash, zsh or tcsh, made by shtab
from the parser itself (so it always knows every command and option).

Example:
    >>> from korus_data.cli.parser import build_parser
    >>> "korus-data" in script(build_parser(), "bash")
    True
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "tcsh")

#: Where each shell looks for the script (printed by ``--help``).
INSTALL = (
    "bash: korus-data completion bash > ~/.local/share/bash-completion/completions/korus-data; "
    'zsh: korus-data completion zsh > "${fpath[1]}/_korus-data"; '
    "tcsh: korus-data completion tcsh >> ~/.tcshrc"
)


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``parser`` (the command line's) for ``shell``."""
    import shtab

    return shtab.complete(parser, shell=shell)


def cmd_completion(args: argparse.Namespace) -> int:
    print(script(args.build_parser(), args.shell))
    return 0
