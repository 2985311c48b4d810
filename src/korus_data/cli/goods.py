"""``korus-data goods``: U.S. trade in goods with Korea, the command a newcomer types first."""

from __future__ import annotations

import argparse

import korus_data as kd
from korus_data.cli.output import emit, wrap

EXIT_OK = 0


def cmd_goods(args: argparse.Namespace) -> int:
    years = None
    if args.years:
        years = tuple(args.years) if len(args.years) == 2 else args.years[0]
    frame = kd.trade_balance(frequency=args.frequency, years=years, units=args.units)
    if args.format == "table":
        frame = frame.drop(columns=["reporter", "partner", "account", "basis"])
        if args.frequency != "annual" and years is None:
            frame = frame.tail(args.last)
    emit(frame, args.format)
    if args.format == "table":
        print(
            "\n".join(
                wrap(
                    "(U.S. trade in goods with Korea, Census basis, USD millions; balance = "
                    "exports − imports, derived)"
                )
            )
        )
    return EXIT_OK


def add_goods_command(sub: argparse._SubParsersAction, add_format, positive) -> None:
    """The parser of ``goods``."""
    p = sub.add_parser(
        "goods",
        help="U.S. trade in goods with Korea: exports, imports, balance",
        description="U.S. exports to and imports from Korea, the balance and two-way total "
        "(Census basis), by year, quarter or month, optionally transformed (FRED's units).",
    )
    p.add_argument(
        "--frequency",
        choices=["annual", "quarterly", "monthly"],
        default="annual",
        help="default annual",
    )
    p.add_argument("--years", type=int, nargs="+", default=None, help="a year, or first and last")
    p.add_argument(
        "--units",
        choices=["lin", "chg", "ch1", "pch", "pc1", "pca", "log"],
        default="lin",
        help="FRED's units: lin (levels), chg, ch1, pch, pc1 (percent change from a year ago), "
        "pca, log",
    )
    p.add_argument(
        "--last", type=positive, default=24, help="rows of a monthly or quarterly table (24)"
    )
    add_format(p)
    p.set_defaults(func=cmd_goods)
