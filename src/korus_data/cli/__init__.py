"""The ``korus-data`` command line.

Exit codes: 0 success; 1 invalid data, a damaged package, a failed build or a refusal of the
system (permissions, a full disk); 2 a usage error (an unknown command, table, option or
value, a root that does not exist); 130 interrupted (Ctrl-C). Every error is one line.

Example:
    >>> main(["--version"])  # doctest: +SKIP
    korus-data 0.2.0 (data 2026.12)
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence

from korus_data.cli.commands import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from korus_data.cli.parser import build_parser
from korus_data.errors import BuildError, FilterError, IntegrityError, UnknownTableError, UsageError


def _warning_line(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one line on stderr (what the package knows less of), not a source quote."""
    print(f"korus-data: warning: {message}", file=sys.stderr)


def _parse(parser, argv: Sequence[str] | None):
    """The arguments, or the subcommand's own usage and the fix (exit 2) for a slip."""
    import argparse

    from korus_data.cli.mistakes import hint, unknown_command

    given = list(sys.argv[1:] if argv is None else argv)
    commands = parser._subparsers._group_actions[0].choices
    first = next((a for a in given if not a.startswith("-")), None)
    if first is not None and first not in commands and given and given[0] == first:
        parser.error(unknown_command(list(commands), first))
    args, extras = parser.parse_known_args(given)
    if extras:
        command = commands.get(getattr(args, "command", None) or "", parser)
        name = getattr(args, "command", "")
        fix = hint(command, name, extras) if isinstance(command, argparse.ArgumentParser) else ""
        command.error(f"unrecognized arguments: {' '.join(extras)}" + (f"; {fix}" if fix else ""))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = _parse(parser, argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _warning_line
            return args.func(args)
    except BrokenPipeError:  # the reader (head, less) closed the pipe: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (UnknownTableError, FilterError, UsageError) as exc:
        print(f"korus-data: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (IntegrityError, BuildError) as exc:
        print(f"korus-data: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # the system refused (permissions, a full disk): one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"korus-data: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("korus-data: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


__all__ = ["EXIT_INTERRUPTED", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
