"""Errors on the command line that say what was meant: a subcommand's own usage line, and the
fix for the usual slips (a positional given as an option, a value without its option, a value
of a choice given as an option, a command a newcomer guesses).

Example:
    >>> from korus_data.cli.parser import build_parser
    >>> command = build_parser()._subparsers._group_actions[0].choices["rates"]
    >>> hint(command, "rates", ["--daily"])
    'did you mean --frequency daily?'
"""

from __future__ import annotations

import argparse
import difflib

#: Commands a newcomer guesses, and the command to use.
GUESSES = {"trade": "goods", "balance": "goods", "partners": "rank", "investment": "investors"}


def _options(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in command._actions if a.option_strings and a.dest != "help"]


def _positionals(command: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in command._actions if not a.option_strings]


def hint(command: argparse.ArgumentParser, name: str, extras: list[str]) -> str:
    """The fix for arguments ``command`` does not take (empty when none is known)."""
    first = extras[0]
    word = first.lstrip("-")
    if first.startswith("-"):
        for action in _positionals(command):
            if action.dest.replace("_", "-") == word:
                return f"{word} is given without --: korus-data {name} {word.upper()}"
        for action in _options(command):
            if action.choices and word in [str(c) for c in action.choices]:
                return f"did you mean {action.option_strings[-1]} {word}?"
        every = [s for a in _options(command) for s in a.option_strings]
        close = difflib.get_close_matches(first, every, n=2, cutoff=0.6)
        if close:
            return f"did you mean {' or '.join(close)}?"
        return ""
    for action in _options(command):
        if action.choices and first in [str(c) for c in action.choices]:
            return f"did you mean {action.option_strings[-1]} {first}?"
    if first.isdigit() and len(first) == 4:
        for option in ("--year", "--years"):
            if any(option in a.option_strings for a in _options(command)):
                return f"did you mean {option} {first}?"
    return ""


def unknown_command(choices: list[str], given: str) -> str:
    """The line for a command that does not exist: the command meant, or the close ones."""
    if given in GUESSES:
        return f"there is no command {given!r}: use korus-data {GUESSES[given]}"
    close = difflib.get_close_matches(given, choices, n=3, cutoff=0.5)
    if close:
        return f"there is no command {given!r}; did you mean {' or '.join(close)}?"
    return f"there is no command {given!r}: korus-data --help lists them"
