"""The ``korus-data`` argument parser: every command, its options and its help.

Example:
    >>> build_parser().parse_args(["tables"]).command
    'tables'
"""

from __future__ import annotations

import argparse

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.cli import commands, completion
from korus_data.cli.goods import add_goods_command
from korus_data.cli.maintenance_parser import add_maintenance, add_outputs
from korus_data.cli.products import add_product_commands
from korus_data.cli.sources import add_sources_command
from korus_data.cli.tariffs import add_tariff_commands

FORMATS = ["table", "csv", "json", "markdown"]
FORMAT_HELP = "table (fitted to the terminal), csv, json or markdown (every digit)"
VINTAGED = (
    "goods_trade_monthly, goods_trade_annual, us_goods_trade_by_partner_annual, "
    "bop_trade_annual, direct_investment_position_annual"
)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not allowed; use a whole number ≥ 1")
    return value


def _count(text: str) -> int:
    value = _positive(text) if text != "0" else 0
    return value


def _add_format(p: argparse.ArgumentParser, default: str = "table") -> None:
    p.add_argument("--format", choices=FORMATS, default=default, help=FORMAT_HELP)


def _add_as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        default=None,
        metavar="DATE|RELEASE",
        help="the figures as they were known on a day (YYYY-MM-DD) or at a release "
        "(e.g. census-country-xlsx-2020-08; `korus-data show releases` lists them)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="korus-data",
        description="U.S.-Korea trade and investment data: browse, check, rebuild. Exit codes: "
        "0 success, 1 invalid data or failed build, 2 usage error, 130 interrupted.",
    )
    parser.add_argument(
        "--version", action="version", version=f"korus-data {__version__} (data {DATA_VERSION})"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "summary",
        help="the catalogue, the headline goods series, the fact check",
        description="Print the tables, the last years of U.S.-Korea goods trade "
        "and the fact check's verdicts.",
    )
    p.add_argument("--years", type=_positive, default=10, help="years of the goods series (≥ 1)")
    p.set_defaults(func=commands.cmd_summary)

    add_goods_command(sub, _add_format, _positive)

    p = sub.add_parser(
        "tables",
        help="list the tables with their rows and coverage",
        description="Every table with its rows, first and last period and the "
        "kinds of its sources (read from datapackage.json).",
    )
    _add_format(p)
    p.set_defaults(func=commands.cmd_tables)

    p = sub.add_parser("show", help="print a table", description="Print one table, typed.")
    p.add_argument("name", help="table name (see `korus-data tables`)")
    p.add_argument("--head", type=_count, default=None, help="only the first N rows")
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_show)

    p = sub.add_parser(
        "describe",
        help="the fields of a table: type, unit, meaning",
        description="Each field of a table: type, unit, whether required, "
        "whether in the key, meaning, allowed values.",
    )
    p.add_argument("name", help="table name (see `korus-data tables`)")
    _add_format(p)
    p.set_defaults(func=commands.cmd_describe)

    p = sub.add_parser(
        "validate",
        help="run every quality gate (exit 1 when invalid)",
        description="Check the package: hashes, a strict typed read, the "
        "Pandera schemas, keys, cross-table checks, vintages. Exit 0 valid, "
        "1 invalid, 2 usage error.",
    )
    p.add_argument("--data-dir", default=None, help="validate an edited copy of the CSVs")
    p.add_argument(
        "--spec",
        action="store_true",
        help="also run Frictionless's validation of the Data Package and check the "
        "generated files (slower; the test suite always does)",
    )
    p.add_argument("--verbose", action="store_true", help="list every check, not only problems")
    p.add_argument(
        "--root",
        default=None,
        help="package root: a folder, or a published release's http(s) address, each file "
        "fetched and checked against its hash (default: the installed package)",
    )
    p.add_argument(
        "--release",
        default=None,
        metavar="VERSION",
        help="the published data release VERSION (e.g. 2026.12), fetched from its release",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="text or json")
    p.set_defaults(func=commands.cmd_validate)

    add_maintenance(sub)
    add_sources_command(sub)

    p = sub.add_parser(
        "investors",
        help="countries ranked by direct investment in the U.S. (or U.S. investment in them)",
        description="Countries ranked by their direct-investment position (historical cost, "
        "BEA) in a year, or by its compound annual growth over a window of years among "
        "countries above a minimum position. Regions and totals are not ranked; ties share a "
        "rank.",
    )
    p.add_argument(
        "--year",
        type=int,
        required=True,
        help="year of the position (2008-2019 inward, 1982-2014 outward, more after a refresh)",
    )
    p.add_argument(
        "--by",
        choices=["position", "growth"],
        default="position",
        help="rank by position (default) or by its growth",
    )
    p.add_argument(
        "--window",
        type=_positive,
        default=5,
        help="years of growth to --year (default 5; with --by growth)",
    )
    p.add_argument(
        "--minimum",
        type=float,
        default=1000.0,
        help="least start position, $ million (default 1000)",
    )
    p.add_argument(
        "--direction",
        choices=["inward", "outward"],
        default="inward",
        help="inward: in the U.S. (default); outward: U.S. abroad",
    )
    p.add_argument("--top", type=_positive, default=20, help="how many countries (default 20)")
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_investors)

    p = sub.add_parser(
        "rank",
        help="U.S. goods trading partners ranked in a year",
        description="U.S. goods partners ranked by two-way trade, exports or "
        "imports, with their share of U.S. trade.",
    )
    p.add_argument("--year", type=int, default=None, help="calendar year (default: latest)")
    p.add_argument(
        "--by",
        choices=["total", "exports", "imports"],
        default="total",
        help="rank by two-way trade (total), exports or imports",
    )
    p.add_argument(
        "--kind",
        choices=["country", "aggregate", "all"],
        default="country",
        help="single economies (country), groups (aggregate) or both (all)",
    )
    p.add_argument("--top", type=_positive, default=15, help="how many partners (default 15)")
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_rank)

    add_product_commands(sub, _add_format, _positive)
    add_tariff_commands(sub, _add_format, _positive)

    p = sub.add_parser(
        "projects",
        help="Korean investment projects in the U.S., filtered",
        description="Korean investment projects, each with its latest status "
        "and latest stated amount.",
    )
    p.add_argument("--state", default=None, help="USPS code, e.g. GA")
    p.add_argument("--sector", default=None, help="sector, e.g. ev_batteries (see the README)")
    p.add_argument("--group", default=None, help="Korean group, e.g. LG")
    p.add_argument(
        "--kind",
        default=None,
        choices=["site", "acquisition", "plan"],
        help="site, acquisition or plan (a pledge not tied to a site)",
    )
    p.add_argument("--since", type=int, default=None, help="first event in or after this year")
    p.add_argument("--until", type=int, default=None, help="first event in or before this year")
    p.add_argument("--status", default=None, help="type of the latest event, e.g. opened")
    _add_format(p)
    p.set_defaults(func=commands.cmd_projects)

    p = sub.add_parser("mirror", help="U.S.-reported against Korea-reported trade, with the gap")
    p.add_argument(
        "--korea-basis",
        choices=["auto", "imf_dots", "korea_customs"],
        default="auto",
        help="Korea's series: IMF DOTS to 2020 then customs (auto)",
    )
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_mirror)

    p = sub.add_parser("claims", help="the 2019 fact sheet's claims, checked against the data")
    _add_as_of(p)
    _add_format(p, default="table")
    p.set_defaults(func=commands.cmd_claims)

    p = sub.add_parser(
        "revisions",
        help="every value a figure has had, release by release",
        description=f"The history of figures from the vintage tables: {VINTAGED}.",
    )
    p.add_argument("--table", default="goods_trade_monthly", help=f"one of: {VINTAGED}")
    p.add_argument("--period", default=None, help="month (YYYY-MM) of a monthly table")
    p.add_argument("--year", type=int, default=None, help="year of an annual table")
    p.add_argument("--flow", default=None, choices=["export", "import"], help="export or import")
    p.add_argument("--partner-code", default=None, help="Census partner code, e.g. 5800")
    p.add_argument("--investor", default=None, help="USA or KOR (direct investment)")
    p.add_argument("--host", default=None, help="USA or KOR (direct investment)")
    p.add_argument(
        "--earliest",
        "--first-release",
        dest="earliest",
        action="store_true",
        help="one row per figure: the earliest value held (and whether it is the first print) "
        "against the latest",
    )
    p.add_argument("--all", action="store_true", help="every row (default: the largest revisions)")
    p.add_argument(
        "--top", type=_positive, default=20, help="revisions shown by default (default 20)"
    )
    _add_format(p)
    p.set_defaults(func=commands.cmd_revisions)

    add_outputs(sub)

    p = sub.add_parser("cite", help="how to cite the package and its sources")
    p.add_argument(
        "--style",
        choices=["text", "bibtex", "apa"],
        default="text",
        help="plain text (default), BibTeX or APA",
    )
    p.set_defaults(func=commands.cmd_cite)

    p = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description=f"Print the completion script for a shell. {completion.INSTALL}",
    )
    p.add_argument("shell", choices=completion.SHELLS, help="bash, zsh or tcsh")
    # the parser is handed over, so that the completion module never imports this one
    p.set_defaults(func=completion.cmd_completion, build_parser=build_parser)
    return parser


__all__ = ["build_parser"]
