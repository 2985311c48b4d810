"""The ``korus-data`` command line. Exit codes: 0 success, 1 invalid data or failed build,
2 usage error (unknown command, table or option)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

import pandas as pd

import korus_data as kd
from korus_data.errors import (
    BuildError,
    FilterError,
    IntegrityError,
    UnknownTableError,
    UsageError,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _print_frame(frame: pd.DataFrame, fmt: str = "table") -> None:
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", indent=2, date_format="iso") + "\n")
    elif fmt == "markdown":
        sys.stdout.write(_markdown(frame) + "\n")
    else:
        with pd.option_context(
            "display.width", 200, "display.max_colwidth", 60, "display.max_rows", 500
        ):
            print(frame.to_string(index=False))


def _markdown(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = [
        "| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join([head, rule, *body])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value).replace("|", "\\|")


def cmd_summary(args: argparse.Namespace) -> int:
    print(f"korus-data {kd.__version__} · data release {kd.DATA_VERSION}\n")
    print("Tables")
    _print_frame(kd.tables())
    balance = kd.trade_balance()
    last = balance.tail(args.years)
    print(f"\nU.S. trade in goods with Korea, Census basis, USD millions (last {len(last)} years)")
    _print_frame(last.drop(columns=["reporter", "partner", "account", "basis"]).round(1))
    monthly = kd.goods_trade(frequency="monthly")
    latest = monthly["period"].max()
    sources = sorted(set(monthly.loc[monthly.period == latest, "source_id"]))
    print(f"\nLatest month published: {latest} (source: {', '.join(sources)})")
    verdicts = kd.check_claims()["verdict"].value_counts()
    print(
        "\nFact check of the June 2019 U.S.-R.O.K. fact sheet (details: korus-data claims): "
        + ", ".join(f"{n} {v}" for v, n in verdicts.items())
    )
    return EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    _print_frame(kd.tables(), args.format)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    frame = kd.load(args.name, as_of=args.as_of)
    if args.head is not None:
        if args.head < 0:
            raise FilterError(f"--head {args.head} is not allowed; use a number ≥ 0")
        frame = frame.head(args.head)
    _print_frame(frame, args.format)
    return EXIT_OK


def cmd_describe(args: argparse.Namespace) -> int:
    _print_frame(kd.describe(args.name), args.format)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from korus_data.validation import validate

    report = validate(args.root, data_dir=args.data_dir)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(report)
    return EXIT_OK if report.ok else EXIT_INVALID


def cmd_build(args: argparse.Namespace) -> int:
    from korus_data.pipeline import run_build

    if args.recover:
        from korus_data.pipeline.publication import recover

        print(recover(args.root))
        return EXIT_OK
    result = run_build(
        args.root,
        census_workbook=args.census_workbook,
        captures=args.captures,
        bea_workbook=args.bea_workbook,
        source_pack=args.sources,
        descriptor_only=args.descriptor_only,
        accept_revisions=args.accept_revisions,
    )
    print(result)
    return EXIT_OK


def cmd_rank(args: argparse.Namespace) -> int:
    frame = kd.partner_rank(args.year, by=args.by, kind=args.kind, top=args.top, as_of=args.as_of)
    if args.format == "table":
        frame = frame.round(1)
    _print_frame(frame, args.format)
    return EXIT_OK


def cmd_projects(args: argparse.Namespace) -> int:
    frame = kd.investment_projects(
        state=args.state,
        sector=args.sector,
        group=args.group,
        kind=args.kind,
        since=args.since,
        until=args.until,
        status=args.status,
    )
    amounts = kd.latest_amounts(args.kind or "site").set_index("project_id")
    frame = frame.assign(
        latest_amount_usd_millions=frame["project_id"].map(amounts["amount_usd_millions"])
    )
    columns = [
        "project_id",
        "kind",
        "company",
        "sector",
        "city",
        "state",
        "first_year",
        "status",
        "status_date",
        "latest_amount_usd_millions",
    ]
    _print_frame(frame[columns], args.format)
    return EXIT_OK


def cmd_mirror(args: argparse.Namespace) -> int:
    frame = kd.mirror(korea_basis=args.korea_basis, as_of=args.as_of)
    if args.format == "table":
        frame = frame[
            [
                "year",
                "direction",
                "us_value_usd_millions",
                "korea_value_usd_millions",
                "korea_basis",
                "gap_usd_millions",
                "gap_pct",
            ]
        ].round(1)
    _print_frame(frame, args.format)
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    frame = kd.check_claims(as_of=args.as_of)
    if args.format == "table":
        frame = frame[["claim_id", "verdict", "explanation"]]
    _print_frame(frame, args.format)
    return EXIT_OK


def cmd_revisions(args: argparse.Namespace) -> int:
    filters = {}
    for option in ("period", "flow", "partner_code", "investor", "host", "partner", "account"):
        value = getattr(args, option, None)
        if value is not None:
            filters[option] = value
    if args.year is not None:
        filters["year"] = args.year
    frame = kd.revisions(args.table, first_release=args.first_release, **filters)
    if args.format == "table":
        numbers = frame.select_dtypes("number").columns
        frame[numbers] = frame[numbers].round(3)
    _print_frame(frame, args.format)
    return EXIT_OK


def cmd_cite(args: argparse.Namespace) -> int:
    print(kd.cite())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from korus_data.pipeline import OFFICIAL_URL

    parser = argparse.ArgumentParser(
        prog="korus-data",
        description="U.S.-Korea trade and investment data: browse, validate, rebuild.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"korus-data {kd.__version__} (data {kd.DATA_VERSION})",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    formats = ["table", "csv", "json", "markdown"]

    p = sub.add_parser("summary", help="the catalogue and the headline goods series")
    p.add_argument("--years", type=int, default=10, help="years of the headline series")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("tables", help="list the tables with their rows and coverage")
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_tables)

    as_of = {
        "default": None,
        "metavar": "DATE|RELEASE",
        "help": "the figures as they were known on a day (YYYY-MM-DD) or at a release",
    }

    p = sub.add_parser("show", help="print a table")
    p.add_argument("name", help="table name (see `korus-data tables`)")
    p.add_argument("--as-of", **as_of)
    p.add_argument("--head", type=int, default=None, help="only the first N rows")
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("describe", help="the fields of a table: type, unit, meaning")
    p.add_argument("name")
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_describe)

    p = sub.add_parser("validate", help="run every quality gate (exit 1 when invalid)")
    p.add_argument("--data-dir", default=None, help="validate an edited copy of the CSVs")
    p.add_argument("--root", default=None, help=argparse.SUPPRESS)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="rebuild the tables from official files")
    p.add_argument(
        "--census-workbook",
        default=None,
        help="path or URL of the Census country.xlsx (when no input is given at all: "
        f"{OFFICIAL_URL})",
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
        help="a source pack folder (like ../shared/sources) supplying every input at once",
    )
    p.add_argument(
        "--descriptor-only",
        action="store_true",
        help="only regenerate datapackage.json and the README's data dictionary",
    )
    p.add_argument(
        "--accept-revisions",
        action="store_true",
        help="publish a release whose figures move beyond anything in their history, after "
        "you have read the report that refused it",
    )
    p.add_argument(
        "--recover",
        action="store_true",
        help="only roll back an interrupted build and remove its staging folders",
    )
    p.add_argument("--root", default=None, help="package root to rebuild (default: this one)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("rank", help="U.S. goods trading partners ranked in a year")
    p.add_argument("--year", type=int, default=None, help="calendar year (default: latest)")
    p.add_argument("--by", choices=["total", "exports", "imports"], default="total")
    p.add_argument("--kind", choices=["country", "aggregate", "all"], default="country")
    p.add_argument("--top", type=int, default=15, help="how many partners (default 15)")
    p.add_argument("--as-of", **as_of)
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("projects", help="Korean investment projects in the U.S., filtered")
    p.add_argument("--state", default=None, help="USPS code, e.g. GA")
    p.add_argument("--sector", default=None)
    p.add_argument("--group", default=None, help="Korean group, e.g. LG")
    p.add_argument("--kind", default=None, choices=["site", "acquisition", "plan"])
    p.add_argument("--since", type=int, default=None, help="first event in or after this year")
    p.add_argument("--until", type=int, default=None, help="first event in or before this year")
    p.add_argument("--status", default=None, help="type of the latest event, e.g. opened")
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_projects)

    p = sub.add_parser("mirror", help="U.S.-reported against Korea-reported trade, with the gap")
    p.add_argument("--korea-basis", choices=["auto", "imf_dots", "korea_customs"], default="auto")
    p.add_argument("--as-of", **as_of)
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_mirror)

    p = sub.add_parser("claims", help="the 2019 fact sheet's claims, checked against the data")
    p.add_argument("--format", choices=formats, default="markdown")
    p.add_argument("--as-of", **as_of)
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser(
        "revisions", help="every value a figure has had, release by release (vintages)"
    )
    p.add_argument(
        "--table",
        default="goods_trade_monthly",
        help="a table with vintages: goods_trade_monthly (default), goods_trade_annual, "
        "us_goods_trade_by_partner_annual, bop_trade_annual, direct_investment_position_annual",
    )
    p.add_argument("--period", default=None, help="month (YYYY-MM) of a monthly table")
    p.add_argument("--year", type=int, default=None, help="year of an annual table")
    p.add_argument("--flow", default=None, choices=["export", "import"])
    p.add_argument("--partner-code", default=None, help="Census partner code, e.g. 5800")
    p.add_argument("--investor", default=None, help="USA or KOR (direct investment)")
    p.add_argument("--host", default=None, help="USA or KOR (direct investment)")
    p.add_argument(
        "--first-release", action="store_true", help="one row per figure: first against latest"
    )
    p.add_argument("--format", choices=formats, default="table")
    p.set_defaults(func=cmd_revisions)

    p = sub.add_parser("cite", help="how to cite the package and its sources")
    p.set_defaults(func=cmd_cite)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
