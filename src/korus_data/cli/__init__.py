"""The ``korus-data`` command line.

Exit codes: 0 success; 1 invalid data, a damaged package or a failed build; 2 a usage error
(an unknown command, table, option or value, a root that does not exist).

Example:
    >>> main(["--version"])  # doctest: +SKIP
    korus-data 0.1.0 (data 2026.11)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.cli import commands
from korus_data.cli.commands import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from korus_data.errors import BuildError, FilterError, IntegrityError, UnknownTableError, UsageError
from korus_data.schema.codes import CENSUS_COUNTRY_WORKBOOK_URL

FORMATS = ["table", "csv", "json", "markdown"]
FORMAT_HELP = "table (fitted to the terminal), csv, json or markdown (every digit)"
VINTAGED = ("goods_trade_monthly, goods_trade_annual, us_goods_trade_by_partner_annual, "
            "bop_trade_annual, direct_investment_position_annual")  # fmt: skip


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


REFRESH_CHOICES = ["census", "bea", "imf", "all"]
REFRESH_EPILOG = """\
keys (read from the environment, never written to disk, logs or errors):
  CENSUS_API_KEY   Census International Trade API; free at
                   https://api.census.gov/data/key_signup.html (without a key the API
                   allows 500 calls a day per IP and may redirect to a "missing key" page)
  BEA_API_KEY      BEA's API (ITA, IntlServTrade, MNE); free at
                   https://apps.bea.gov/api/signup/ (100 requests, 100 MB and 30 errors a
                   minute, past which the key is locked out for an hour: requests are
                   spaced 0.65 s apart)
  the IMF's SDMX 3.0 service (IMTS) needs no key
addresses (for mirrors, proxies and tests; --api-base overrides them):
  KORUS_CENSUS_API default https://api.census.gov/data/timeseries/intltrade
  KORUS_BEA_API    default https://apps.bea.gov/api/data/
  KORUS_IMF_API    default https://api.imf.org/external/sdmx/3.0
cache:
  KORUS_CACHE      a folder for the cache: raw replies, named by SHA-256, and
                   change reports go to its korus-data/ (default ~/.cache/korus-data)
limits: each request is retried on HTTP 429 and 5xx with growing waits; a refresh makes 8
requests to the Census, 17 to BEA, 1 to the IMF. Census revises the prior month each month
and prior years each June; BEA revises its annual figures each June and July.
exit codes: 0 done (or nothing to change), 1 a request, reply or validation failed (nothing
written), 2 a usage error (no key, unknown service)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="korus-data",
        description="U.S.-Korea trade and investment data: browse, check, rebuild. Exit codes: "
        "0 success, 1 invalid data or failed build, 2 usage error.",
    )
    parser.add_argument(
        "--version", action="version", version=f"korus-data {__version__} (data {DATA_VERSION})"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("summary", help="the catalogue, the headline goods series, the fact check",
                       description="Print the tables, the last years of U.S.-Korea goods trade "
                       "and the fact check's verdicts.")  # fmt: skip
    p.add_argument("--years", type=_positive, default=10, help="years of the goods series (≥ 1)")
    p.set_defaults(func=commands.cmd_summary)

    p = sub.add_parser("tables", help="list the tables with their rows and coverage",
                       description="Every table with its rows, first and last period and the "
                       "kinds of its sources (read from datapackage.json).")  # fmt: skip
    _add_format(p)
    p.set_defaults(func=commands.cmd_tables)

    p = sub.add_parser("show", help="print a table", description="Print one table, typed.")
    p.add_argument("name", help="table name (see `korus-data tables`)")
    p.add_argument("--head", type=_count, default=None, help="only the first N rows")
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_show)

    p = sub.add_parser("describe", help="the fields of a table: type, unit, meaning",
                       description="Each field of a table: type, unit, whether required, "
                       "whether in the key, meaning, allowed values.")  # fmt: skip
    p.add_argument("name", help="table name (see `korus-data tables`)")
    _add_format(p)
    p.set_defaults(func=commands.cmd_describe)

    p = sub.add_parser("validate", help="run every quality gate (exit 1 when invalid)",
                       description="Check the package: hashes, a strict typed read, the "
                       "Pandera schemas, keys, cross-table checks, vintages. Exit 0 valid, "
                       "1 invalid, 2 usage error.")  # fmt: skip
    p.add_argument("--data-dir", default=None, help="validate an edited copy of the CSVs")
    p.add_argument("--spec", action="store_true",
                   help="also run Frictionless's validation of the Data Package and check the "
                   "generated files (slower; the test suite always does)")  # fmt: skip
    p.add_argument("--verbose", action="store_true", help="list every check, not only problems")
    p.add_argument("--root", default=None, help="package root (default: the installed package)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="text or json")
    p.set_defaults(func=commands.cmd_validate)

    p = sub.add_parser("build", help="rebuild the tables from official files",
                       description='Rebuild from the official files (needs pip install '
                       '"korus-data[build]"). Nothing changes unless the new release validates '
                       "and is plausible against its history.")  # fmt: skip
    p.add_argument("--census-workbook", default=None,
                   help="path or URL of the Census country.xlsx (with no input at all: "
                   f"{CENSUS_COUNTRY_WORKBOOK_URL})")  # fmt: skip
    p.add_argument(
        "--captures", default=None, help="CSV of c5800 page captures for months after the workbook"
    )
    p.add_argument(
        "--bea-workbook",
        default=None,
        help="path or URL of BEA's trade-by-country workbook (trad-geo-time-series)",
    )
    p.add_argument(
        "--sources",
        default=None,
        help="a source pack folder (like ../shared/sources) with every input",
    )
    p.add_argument("--descriptor-only", action="store_true",
                   help="only regenerate datapackage.json and the README's generated parts "
                   "(after editing a hand-kept table)")  # fmt: skip
    p.add_argument("--accept-revisions", action="store_true",
                   help="publish a release whose figures move beyond their history, after "
                   "reading the report that refused it")  # fmt: skip
    p.add_argument(
        "--recover",
        action="store_true",
        help="only roll back an interrupted build and remove its staging folders",
    )
    p.add_argument("--root", default=None, help="package root to rebuild (default: this one)")
    p.set_defaults(func=commands.cmd_build)

    p = sub.add_parser(
        "refresh",
        help="fetch the newest official figures from the Census and BEA APIs",
        description="Fetch the newest official figures, build them as new vintages\n(nothing "
        "published is lost), validate, and publish only what changed,\nall or nothing. Prints "
        "a change report and writes it as JSON.",
        epilog=REFRESH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("service", nargs="?", default="all", choices=REFRESH_CHOICES,
                   help="which service to refresh (default: all)")  # fmt: skip
    p.add_argument("--dry-run", action="store_true",
                   help="print what would change and change nothing")  # fmt: skip
    p.add_argument("--allow-removals", action="store_true",
                   help="accept a release that no longer shows published figures")  # fmt: skip
    p.add_argument("--api-base", default=None,
                   help="base address of the service (mirror, proxy, test server)")  # fmt: skip
    p.add_argument("--report", default=None,
                   help="where to write the JSON change report (default: the cache)")  # fmt: skip
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default 60)")
    p.add_argument("--root", default=None, help="package root to refresh (default: this one)")
    p.set_defaults(func=commands.cmd_refresh)

    p = sub.add_parser(
        "investors",
        help="countries ranked by direct investment in the U.S. (or U.S. investment in them)",
        description="Countries ranked by their direct-investment position (historical cost, "
        "BEA) in a year, or by its compound annual growth over a window of years among "
        "countries above a minimum position. Regions and totals are not ranked; ties share a "
        "rank.",
    )
    p.add_argument("--year", type=int, required=True, help="year of the position (2008-2019 "
                   "inward, 1982-2014 outward, more after a refresh)")  # fmt: skip
    p.add_argument("--by", choices=["position", "growth"], default="position",
                   help="rank by position (default) or by its growth")  # fmt: skip
    p.add_argument("--window", type=_positive, default=5,
                   help="years of growth to --year (default 5; with --by growth)")  # fmt: skip
    p.add_argument("--minimum", type=float, default=1000.0,
                   help="least start position, $ million (default 1000)")  # fmt: skip
    p.add_argument("--direction", choices=["inward", "outward"], default="inward",
                   help="inward: in the U.S. (default); outward: U.S. abroad")  # fmt: skip
    p.add_argument("--top", type=_positive, default=20, help="how many countries (default 20)")
    _add_as_of(p)
    _add_format(p)
    p.set_defaults(func=commands.cmd_investors)

    p = sub.add_parser("rank", help="U.S. goods trading partners ranked in a year",
                       description="U.S. goods partners ranked by two-way trade, exports or "
                       "imports, with their share of U.S. trade.")  # fmt: skip
    p.add_argument("--year", type=int, default=None, help="calendar year (default: latest)")
    p.add_argument("--by", choices=["total", "exports", "imports"], default="total",
                   help="rank by two-way trade (total), exports or imports")  # fmt: skip
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

    p = sub.add_parser("projects", help="Korean investment projects in the U.S., filtered",
                       description="Korean investment projects, each with its latest status "
                       "and latest stated amount.")  # fmt: skip
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
        "--first-release",
        action="store_true",
        help="one row per figure: its first release against its latest",
    )
    _add_format(p)
    p.set_defaults(func=commands.cmd_revisions)

    p = sub.add_parser("export", help="write the tables as Parquet, DuckDB, SQLite, xlsx or zip",
                       description="Typed exports made on demand (pip install "
                       '"korus-data[export]"): parquet (a file per table, descriptions in the '
                       "schema), duckdb and sqlite (keys as constraints), xlsx (a sheet per "
                       "table and a README sheet), zip (the release bundle: CSVs, "
                       "datapackage.json, README, licence).")  # fmt: skip
    p.add_argument("--format", required=True, choices=["parquet", "duckdb", "sqlite", "xlsx",
                   "zip"], help="what to write")  # fmt: skip
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.set_defaults(func=commands.cmd_export)

    p = sub.add_parser(
        "report",
        help="write a static report of the data to open in a browser",
        description="A static site (one page per topic, charts, the fact check, the data with "
        "its checksums) that opens from the file system with no server and makes no request "
        '(pip install "korus-data[report]").',
    )
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument("--notebooks", action="store_true",
                   help="also run the example notebooks and render them (slower)")
    p.set_defaults(func=commands.cmd_report)

    p = sub.add_parser(
        "serve",
        help="browse and query the tables in Datasette (read-only, on this machine)",
        description="Start Datasette on the package's SQLite export (built once per release "
        "into a cache folder), read-only, bound to loopback by default, with facets, links "
        'between tables and canned queries (pip install "korus-data[serve]").',
    )
    p.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--export-metadata", default=None, metavar="PATH",
                   help="only write Datasette's metadata file (for datasette publish) and exit")
    p.set_defaults(func=commands.cmd_serve)

    p = sub.add_parser("notebooks", help="copy the example notebooks to a folder",
                       description="Copy the example notebooks out of the installed package "
                       '(pip install "korus-data[notebooks]" brings Jupyter).')  # fmt: skip
    p.add_argument("dest", help="a new or empty folder")
    p.set_defaults(func=commands.cmd_notebooks)

    p = sub.add_parser("cite", help="how to cite the package and its sources")
    p.add_argument(
        "--style",
        choices=["text", "bibtex", "apa"],
        default="text",
        help="plain text (default), BibTeX or APA",
    )
    p.set_defaults(func=commands.cmd_cite)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
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


__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
