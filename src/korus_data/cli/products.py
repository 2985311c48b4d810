"""The commands for what is traded and in which currency: ``products``, ``product-rank`` and
``rates`` (their parsers and what they print)."""

from __future__ import annotations

import argparse

import korus_data as kd
from korus_data.cli.output import emit, wrap

EXIT_OK = 0
FLOWS = ["export", "import"]


def print_notes(frame, fmt: str, *names: str) -> None:
    """The frame's labels (release, partial year, newer totals), said once under a table."""
    if fmt != "table":
        return
    for name in names:
        if frame.attrs.get(name):
            print("\n".join(wrap(f"({name.replace('_', ' ')}: {frame.attrs[name]})")))


def cmd_products(args: argparse.Namespace) -> int:
    frame = kd.goods_by_product(
        partner=args.partner, flow=args.flow, year=args.year, classification="census_naics3"
    )
    frame = frame.groupby(["year", "flow"], sort=False).head(args.top)
    keep = ["year", "flow", "product_code", "description", "value_usd_millions", "months"]
    shown = frame[keep] if args.format == "table" else frame
    emit(shown, args.format, keep=keep, ids=["product_code"])
    if args.format == "table" and len(frame):
        print(f"({frame['name'].iloc[0]}, partner {frame['partner_code'].iloc[0]}; USD millions)")
    print_notes(frame, args.format, "release", "partial", "note")
    return EXIT_OK


def cmd_product_rank(args: argparse.Namespace) -> int:
    frame = kd.product_rank(args.product, args.year, args.flow, n=args.top)
    shown = (
        frame.drop(columns=["flow", "product_code", "description"])
        if args.format == "table"
        else frame
    )
    keep = ["rank", "name", "value_usd_millions", "share_pct", "iso3"]
    emit(shown, args.format, keep=keep, ids=["name"])
    if args.format == "table" and len(frame):
        print(
            "\n".join(
                wrap(
                    f"({frame['product_code'].iloc[0]} {frame['description'].iloc[0]}, "
                    f"{args.flow}s; {frame.attrs['ranked_within']})"
                )
            )
        )
    print_notes(frame, args.format, "partial", "note")
    return EXIT_OK


def cmd_rates(args: argparse.Namespace) -> int:
    frame = kd.exchange_rate(args.frequency, years=args.years)
    if args.format == "table" and args.frequency != "annual":
        frame = frame.tail(args.last)
    emit(frame, args.format, keep=list(frame.columns[:3]))
    print_notes(frame, args.format, "source")
    return EXIT_OK


def rate_runs(frame):
    """One row per tariff line and run of years at one rate (a terminal reads 12, not 180)."""
    import pandas as pd

    rows = []
    for line, years in frame.groupby("tariff_line", sort=True):
        run = (years["rate_pct"] != years["rate_pct"].shift()).cumsum()
        for _, part in years.groupby(run):
            first = part.iloc[0]
            rows.append(
                {
                    "tariff_line": line,
                    "from_year": int(part["year"].min()),
                    "to_year": int(part["year"].max()),
                    "rate_pct": first["rate_pct"],
                    "base_rate_pct": first["base_rate_pct"],
                    "staging": first["staging"],
                    "description": first["description"],
                }
            )
    runs = pd.DataFrame(rows)
    runs.attrs = frame.attrs
    return runs


def add_product_commands(sub: argparse._SubParsersAction, add_format, positive) -> None:
    """The parsers of this module's commands (``add_format`` adds --format; ``positive``
    parses a count of at least 1)."""
    p = sub.add_parser(
        "products",
        help="U.S. trade with a partner by NAICS product group",
        description="U.S. exports to and imports from one partner by NAICS-based product group "
        "(Census, 2020 on; the running year is partial), largest first.",
    )
    p.add_argument(
        "partner", nargs="?", default="KOR", help="ISO code, Census code or name (default KOR)"
    )
    p.add_argument("--flow", choices=FLOWS, default=None, help="export or import (default both)")
    p.add_argument("--year", type=int, default=None, help="one year (default every year)")
    p.add_argument("--top", type=positive, default=10, help="groups per year and flow (default 10)")
    add_format(p)
    p.set_defaults(func=cmd_products)

    p = sub.add_parser(
        "product-rank",
        help="U.S. partners ranked for one NAICS product group",
        description="Where each partner stands in U.S. exports or imports of one NAICS group "
        "(e.g. 211 oil and gas, 336 transportation equipment), with its share.",
    )
    p.add_argument("product", help="three-digit NAICS group, e.g. 211")
    p.add_argument(
        "--year", type=int, default=None, help="calendar year (default: latest whole year)"
    )
    p.add_argument("--flow", choices=FLOWS, default="export", help="export (default) or import")
    p.add_argument("--top", type=positive, default=15, help="how many partners (default 15)")
    add_format(p)
    p.set_defaults(func=cmd_product_rank)

    p = sub.add_parser(
        "rates",
        help="won per dollar: the daily H.10 rate or its monthly and annual means",
        description="The Federal Reserve's daily won-dollar rate, or the monthly and annual "
        "means korus-data derives from it (mean of the days with a rate).",
    )
    p.add_argument(
        "--frequency",
        choices=["daily", "monthly", "annual"],
        default="annual",
        help="default annual",
    )
    p.add_argument("--years", type=int, default=None, help="one year (default every year)")
    p.add_argument(
        "--last",
        type=positive,
        default=24,
        help="rows shown of a daily or monthly table (default 24)",
    )
    add_format(p)
    p.set_defaults(func=cmd_rates)
