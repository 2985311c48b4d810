"""The parsers of the maintainers' and output commands: build, refresh, export, report,
serve and notebooks (kept apart from the browsing commands of :mod:`korus_data.cli.parser`).

Example:
    >>> import argparse
    >>> sub = argparse.ArgumentParser().add_subparsers()
    >>> add_maintenance(sub)
    >>> sorted(sub.choices)
    ['build', 'refresh']
"""

from __future__ import annotations

import argparse

from korus_data.cli import commands, output_commands
from korus_data.schema.codes import CENSUS_COUNTRY_WORKBOOK_URL

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
limits: each request is retried on HTTP 429 and 5xx with growing waits (a Retry-After of more
than 120 s, or a BEA lock-out, ends the refresh with when to try again); a reply may take
--timeout seconds and --max-bytes bytes, the whole refresh --deadline seconds; a refresh makes 8
requests to the Census, 17 to BEA, 1 to the IMF. Census revises the prior month each month
and prior years each June; BEA revises its annual figures each June and July.
exit codes: 0 done (or nothing to change), 1 a request, reply or validation failed (nothing
written), 2 a usage error (no key, unknown service)."""

#: The refresh's bounds (``korus_data.pipeline.refresh.http``; a test keeps them equal): not
#: imported from there, so that the command line starts without the pipeline.
MAX_BYTES = 50 * 1024 * 1024
DEADLINE_SECONDS = 900.0


def _positive_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def add_maintenance(sub: argparse._SubParsersAction) -> None:
    """``build`` and ``refresh``: rebuild from official files, or from the official APIs."""
    p = sub.add_parser(
        "build",
        help="rebuild the tables from official files",
        description="Rebuild from the official files (needs the build extra). Nothing changes "
        "unless the new release validates and is plausible against its history.",
    )
    p.add_argument(
        "--census-workbook",
        default=None,
        help="path or URL of the Census country.xlsx (with no input at all: "
        f"{CENSUS_COUNTRY_WORKBOOK_URL})",
    )
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
    p.add_argument(
        "--descriptor-only",
        action="store_true",
        help="only regenerate datapackage.json and the README's generated parts "
        "(after editing a hand-kept table)",
    )
    p.add_argument(
        "--accept-revisions",
        action="store_true",
        help="publish a release whose figures move beyond their history, after "
        "reading the report that refused it",
    )
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
    p.add_argument(
        "service",
        nargs="?",
        default="all",
        choices=REFRESH_CHOICES,
        help="which service to refresh (default: all)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    p.add_argument(
        "--allow-removals",
        action="store_true",
        help="accept a release that no longer shows published figures",
    )
    p.add_argument(
        "--api-base", default=None, help="base address of the service (mirror, proxy, test server)"
    )
    p.add_argument(
        "--report", default=None, help="where to write the JSON change report (default: the cache)"
    )
    p.add_argument(
        "--accept-revisions",
        action="store_true",
        help="publish a release whose figures move beyond their history, after reading the "
        "report that refused it",
    )
    p.add_argument(
        "--timeout",
        type=_positive_number,
        default=60.0,
        help="seconds for each request, its whole reply included (default 60)",
    )
    p.add_argument(
        "--deadline",
        type=_positive_number,
        default=DEADLINE_SECONDS,
        help=f"seconds for the whole refresh, requests and waits (default {DEADLINE_SECONDS:g})",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        help=f"largest reply accepted, in bytes (default {MAX_BYTES:,})",
    )
    p.add_argument("--root", default=None, help="package root to refresh (default: this one)")
    p.set_defaults(func=commands.cmd_refresh)


def add_outputs(sub: argparse._SubParsersAction) -> None:
    """``export``, ``report``, ``serve`` and ``notebooks``: the package in other forms."""
    p = sub.add_parser(
        "export",
        help="write the tables as Parquet, DuckDB, SQLite, xlsx or zip",
        description="Typed exports made on demand (the export extra): parquet (a file per "
        "table, descriptions in the schema), duckdb and sqlite (keys as constraints), xlsx "
        "(a sheet per table and a README sheet), zip (the release bundle: CSVs, "
        "datapackage.json, README, licence).",
    )
    p.add_argument(
        "--format",
        required=True,
        choices=["parquet", "duckdb", "sqlite", "xlsx", "zip"],
        help="what to write",
    )
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument("--root", default=None, help="package root to export (default: this one)")
    p.set_defaults(func=output_commands.cmd_export)

    p = sub.add_parser(
        "release",
        help="write a data release: bundle, Parquet, SQLite, DuckDB script, notes, SHA256SUMS",
        description="Write every file of a data release into a new folder, the same bytes each "
        "time; refused unless every gate passes (validate --spec). Attach the files to the "
        "GitHub release of the tag data-<version>.",
    )
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument(
        "--previous", default=None, help="the previous release's bundle (zip), for the notes"
    )
    p.add_argument("--root", default=None, help="package root to release (default: this one)")
    p.set_defaults(func=output_commands.cmd_release)

    p = sub.add_parser(
        "report",
        help="write a static report of the data to open in a browser",
        description="A static site (one page per topic, charts, the fact check, the data with "
        "its checksums) that opens from the file system with no server and makes no request "
        "(the report extra).",
    )
    p.add_argument("--out", required=True, help="a new or empty folder")
    p.add_argument(
        "--notebooks",
        action="store_true",
        help="also run the example notebooks and render them (slower)",
    )
    p.set_defaults(func=output_commands.cmd_report)

    p = sub.add_parser(
        "serve",
        help="browse and query the tables in Datasette (read-only, on this machine)",
        description="Start Datasette on the package's SQLite export (built once per release "
        "into a cache folder), read-only, bound to loopback by default, with facets, links "
        "between tables and canned queries (the serve extra).",
    )
    p.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument(
        "--export-metadata",
        default=None,
        metavar="PATH",
        help="only write Datasette's metadata file (for datasette publish) and exit",
    )
    p.set_defaults(func=output_commands.cmd_serve)

    p = sub.add_parser(
        "notebooks",
        help="copy the example notebooks to a folder",
        description="Copy the example notebooks out of the installed package "
        "(the notebooks extra brings Jupyter).",
    )
    p.add_argument("dest", help="a new or empty folder")
    p.set_defaults(func=output_commands.cmd_notebooks)
