"""The commands for what Korean goods pay at the U.S. border: ``tariffs`` (the schedule by
HTS number or words, the KORUS staging), ``measures`` (the 2025 measures that name Korea) and
``duty`` (the average rate actually paid), with their parsers."""

from __future__ import annotations

import argparse

import korus_data as kd
from korus_data.cli.output import emit, wrap
from korus_data.cli.products import print_notes, rate_runs

EXIT_OK = 0


def cmd_tariffs(args: argparse.Namespace) -> int:
    if args.staging:
        frame = kd.tariff_staging(args.query)
        if args.format == "table":
            frame = rate_runs(frame)
        keep = ["tariff_line", "from_year", "to_year", "rate_pct", "description"]
        emit(frame, args.format, keep=keep, ids=["tariff_line"], wrap="description")
        print_notes(frame, args.format, "note")
        return EXIT_OK
    edition = args.edition
    if args.query is None and not args.staged:
        raise kd.FilterError(
            "give an HTS number (korus-data tariffs 8704) or words (korus-data tariffs beef), "
            "or --staged for the lines KORUS has not yet made free"
        )
    frame = kd.tariff_schedule(args.query, edition=edition, korus=True if args.staged else None)
    if args.format == "table":
        newest = frame["edition"].max()
        frame = frame[frame["edition"] == (edition or newest)]
        frame = frame.assign(
            label=(frame["context"].fillna("") + " | " + frame["description"]).str.strip(" |")
        )
        shown = frame[["hts_code", "general_rate", "kr_rate", "label"]].head(args.top)
        emit(
            shown,
            "table",
            keep=["hts_code", "general_rate", "kr_rate", "label"],
            ids=["hts_code"],
            wrap="label",
        )
        rest = len(frame) - len(shown)
        more = f"; {rest} more lines: --top or --format csv" if rest > 0 else ""
        said = (
            f"(Basic Edition {edition or newest}; kr_rate: the rate under KORUS, empty where "
            f"the line names none{more})"
        )
        print("\n".join(wrap(said)))
        print_notes(frame, "table", "note")
        return EXIT_OK
    emit(frame, args.format)
    return EXIT_OK


def cmd_measures(args: argparse.Namespace) -> int:
    frame = kd.tariff_measures(status=args.status)
    keep = ["heading", "rate_text", "status", "summary"]
    if args.format == "table":
        frame = frame.assign(
            rate_text=frame["rate_text"].str.replace(
                "The duty provided in the applicable subheading", "own rate", regex=False
            )
        )
    if args.format == "table":
        frame = frame[["heading", "rate_text", "status", "summary"]]
    emit(frame, args.format, keep=keep, ids=["heading"], wrap="summary")
    if args.format == "table":
        said = (
            "(own rate: the line's own rate of duty; look a heading up in the tariff schedule, "
            "https://hts.usitc.gov/)"
        )
        print("\n".join(wrap(said)))
    return EXIT_OK


def cmd_duty(args: argparse.Namespace) -> int:
    partners = args.partners or ["KOR", "JPN", "CHN", "world"]
    years = (
        tuple(args.years)
        if args.years and len(args.years) == 2
        else (args.years[0] if args.years else None)
    )
    frame = kd.effective_tariff_rate(partners[0], compare=partners[1:], years=years)
    if args.format == "table":
        wide = frame.pivot(index="year", columns="name", values="rate_pct")
        wide = wide[[n for n in dict.fromkeys(frame["name"]) if n in wide.columns]]
        wide.columns = [
            str(c).replace(" (sum of every country in the report, derived)", " (derived)")
            for c in wide.columns
        ]
        wide = wide.reset_index()
        emit(wide, "table", keep=list(wide.columns[:4]))
        korea = frame[frame["partner_code"] == frame["partner_code"].iloc[0]].dropna(
            subset=["rank_lowest_first"]
        )
        if len(korea):
            last = korea.iloc[-1]
            said = (
                f"(percent: calculated duty ÷ customs value, derived; in {int(last['year'])} "
                f"{last['name']} ranked {int(last['rank_lowest_first'])} of "
                f"{int(last['ranked'])} countries importing at least $1 billion, lowest rate "
                "first)"
            )
            print("\n".join(wrap(said)))
        print_notes(frame, "table", "note")
        return EXIT_OK
    emit(frame, args.format)
    return EXIT_OK


def add_tariff_commands(sub: argparse._SubParsersAction, add_format, positive) -> None:
    """The parsers of this module's commands."""
    p = sub.add_parser(
        "tariffs",
        help="the U.S. tariff schedule: general and KORUS rates by HTS number or words",
        description="Rate lines of the U.S. tariff schedule (Basic Editions 2024-2026) with "
        "their general rate and their rate under KORUS, found by HTS number or its first digits "
        "(8704, 0201.10.50) or by words (beef, passenger vehicles); --staged lists the lines "
        "KORUS has not yet made free; --staging shows the ITA's year-by-year KORUS staging "
        "(the truck lines, HTS 8704).",
    )
    p.add_argument(
        "query", nargs="?", default=None, help="HTS number or its first digits, or words"
    )
    p.add_argument(
        "--edition", type=int, default=None, help="Basic Edition year (default: the newest)"
    )
    p.add_argument(
        "--staged", action="store_true", help="only the lines whose KORUS rate is not free"
    )
    p.add_argument("--staging", action="store_true", help="the ITA's KORUS staging by year instead")
    p.add_argument("--top", type=positive, default=25, help="lines shown in a table (default 25)")
    add_format(p)
    p.set_defaults(func=cmd_tariffs)

    p = sub.add_parser(
        "measures",
        help="the 2025 U.S. tariff measures that name Korea (HTS chapter 99)",
        description="Each chapter 99 heading of the 2026 schedule whose text names South "
        "Korea: its rate, its status and what it covers.",
    )
    p.add_argument(
        "--status",
        choices=["listed", "terminated"],
        default=None,
        help="only the measures the 2026 schedule lists as in force, or as terminated",
    )
    add_format(p)
    p.set_defaults(func=cmd_measures)

    p = sub.add_parser(
        "duty",
        help="the average tariff rate actually paid, Korea beside other partners",
        description="Calculated duty ÷ customs value of U.S. imports, by year (2002-2024), for "
        "Korea and the partners named (default KOR JPN CHN world).",
    )
    p.add_argument(
        "partners", nargs="*", help="ISO codes, names or 'world' (first: the one ranked)"
    )
    p.add_argument("--years", type=int, nargs="+", default=None, help="a year, or first and last")
    add_format(p)
    p.set_defaults(func=cmd_duty)
