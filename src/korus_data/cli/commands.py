"""The commands of ``korus-data``: each reads its arguments, calls the library, prints.

Every command imports only what it uses (pandas, Pandera and the pipeline load inside), so
``korus-data --help`` and ``korus-data tables`` start without importing pandas.
"""

from __future__ import annotations

import argparse
import json

import korus_data as kd
from korus_data.cli.output import (
    clear_status,
    emit,
    progress_line,
    status_line,
    terminal_width,
    wrap,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def cmd_summary(args: argparse.Namespace) -> int:
    print(f"korus-data {kd.__version__} · data release {kd.DATA_VERSION}\n")
    print("Tables")
    from korus_data.store.catalogue import catalogue_rows

    emit([{k: r[k] for k in ("name", "rows", "first", "last")} for r in catalogue_rows()])
    balance = kd.trade_balance()
    last = balance.tail(args.years)
    print(f"\nU.S. trade in goods with Korea, Census basis, USD millions (last {len(last)} years)")
    emit(last.drop(columns=["reporter", "partner", "account", "basis"]))
    monthly = kd.goods_trade(frequency="monthly")
    latest = monthly["period"].max()
    sources = sorted(set(monthly.loc[monthly.period == latest, "source_id"]))
    print(f"\nLatest month published: {latest} (source: {', '.join(sources)})")
    verdicts = kd.check_claims()["verdict"].value_counts()
    text = "Fact check of the June 2019 U.S.-R.O.K. fact sheet (details: korus-data claims): "
    text += ", ".join(f"{n} {v}" for v, n in verdicts.items())
    print("\n" + "\n".join(wrap(text)))
    return EXIT_OK


def cmd_tables(args: argparse.Namespace) -> int:
    from korus_data.store.catalogue import catalogue_rows

    rows = catalogue_rows()
    if args.format == "table":
        rows = [{k: v for k, v in r.items() if k != "title"} for r in rows]
    emit(rows, args.format)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from korus_data.schema.tables import table_definition

    table = table_definition(args.name)
    frame = kd.load(args.name, as_of=args.as_of)
    if args.head is not None:
        frame = frame.head(args.head)
    values = [f.name for f in table.fields if f.name.startswith("value") or f.unit]
    keep = [*table.primary_key, *values, "source_id"]
    emit(frame, args.format, keep=keep, ids=table.primary_key[:1])
    return EXIT_OK


def cmd_describe(args: argparse.Namespace) -> int:
    frame = kd.describe(args.name)
    if args.format == "table":
        frame = frame[["field", "type", "unit", "required", "allowed", "description"]]
    emit(
        frame,
        args.format,
        keep=["field", "type", "description", "unit", "allowed"],
        whole=["field", "type"],
        wrap=["allowed", "description", "unit"],
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from korus_data.validation import validate

    if args.release is not None:
        from korus_data.store.remote import release_address

        args.root = release_address(args.release)
    report = validate(
        args.root,
        data_dir=args.data_dir,
        spec=args.spec,
        progress=lambda gate: status_line(f"checking {gate}…"),
    )
    clear_status()
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        print(report.text(verbose=args.verbose, width=terminal_width()))
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
        progress=status_line,
    )
    clear_status()
    print(result)
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    from korus_data.pipeline.refresh import run_refresh
    from korus_data.pipeline.refresh.bea_api import MIN_INTERVAL
    from korus_data.pipeline.refresh.http import Fetcher, default_cache_dir

    services = ["census", "bea", "imf"] if args.service == "all" else [args.service]
    fetcher = Fetcher(
        timeout=args.timeout,
        cache_dir=default_cache_dir(),
        progress=progress_line,
        min_interval=MIN_INTERVAL if "bea" in services else 0.0,
        max_bytes=args.max_bytes,
        deadline=args.deadline,
    )
    report = run_refresh(
        args.root,
        services=services,
        dry_run=args.dry_run,
        allow_removals=args.allow_removals,
        accept_revisions=args.accept_revisions,
        api_base=args.api_base,
        fetcher=fetcher,
        report_path=args.report,
        progress=progress_line,
    )
    clear_status()
    print(report.render())
    if report.report_path:
        print(f"change report: {report.report_path}")
    return EXIT_OK


def cmd_rank(args: argparse.Namespace) -> int:
    frame = kd.partner_rank(args.year, by=args.by, kind=args.kind, top=args.top, as_of=args.as_of)
    if args.format == "table":
        frame = frame.drop(columns=["kind"])
    keep = ["rank", "name", "total", "total_share_pct", "exports", "imports", "iso3"]
    emit(frame, args.format, keep=keep, whole=["name"])
    return EXIT_OK


def cmd_investors(args: argparse.Namespace) -> int:
    import pandas as pd

    frame = kd.investor_rank(
        args.year,
        by=args.by,
        window=args.window,
        minimum=args.minimum,
        direction=args.direction,
        as_of=args.as_of,
    )
    korea = frame[frame["iso3"] == "KOR"]
    shown = frame.head(args.top)
    if args.format == "table":
        if len(korea) and korea.index[0] >= args.top:
            shown = pd.concat([shown, korea])  # Korea's row, wherever it ranks
        drop = ["by", "source_id", "window", "minimum", "tied", "year"]
        shown = shown.drop(columns=[c for c in drop if c in shown])
        percent = {"share_of_all": "share_pct", "growth": "cagr_pct"}
        for column in percent:
            if column in shown:
                shown = shown.assign(**{column: shown[column] * 100})
        shown = shown.rename(columns=percent)
        if shown["newest_usd_millions"].isna().all() if "newest_usd_millions" in shown else False:
            shown = shown.drop(columns=["newest_usd_millions", "newest_source_id"])
    keep = ["rank", "partner", "value_usd_millions", "share_pct", "cagr_pct"]
    emit(shown, args.format, keep=[*keep, "newest_usd_millions"], ids=["partner"])
    if args.format == "table":
        within = ", ".join(frame.attrs.get("ranked_within", []))
        left = frame.attrs.get("not_ranked", [])
        note = f"Ranked within {within}"
        note += (
            f"; not ranked: {len(left)} groups of territories BEA reports as one line"
            if left
            else ""
        )
        print("\n".join(wrap(f"({note}.)")))
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
    keep = ["company", "latest_amount_usd_millions", "sector", "state", "first_year", "status"]
    emit(
        frame[columns], args.format, keep=keep, ids=["project_id"], wrap="company", whole=["sector"]
    )
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
        ]
    keep = ["year", "direction", "gap_usd_millions", "gap_pct", "us_value_usd_millions"]
    emit(frame, args.format, keep=keep)
    return EXIT_OK


def cmd_claims(args: argparse.Namespace) -> int:
    frame = kd.check_claims(as_of=args.as_of)
    if args.format == "table":
        frame = frame[["claim_id", "verdict", "explanation"]]
    emit(
        frame,
        args.format,
        keep=["claim_id", "verdict", "explanation"],
        ids=["claim_id"],
        wrap="explanation",
    )
    return EXIT_OK


def cmd_revisions(args: argparse.Namespace) -> int:
    filters = {
        name: getattr(args, name)
        for name in ("period", "year", "flow", "partner_code", "investor", "host")
        if getattr(args, name) is not None
    }
    frame = kd.revisions(args.table, earliest=args.earliest, **filters)
    said = ""
    if not (filters or args.earliest or args.all) and args.format == "table":
        # by default the figures that moved most, not every unchanged row
        moved = frame[frame["kind"] == "revision"].copy()
        moved["size"] = moved["change_usd_millions"].abs()
        frame = moved.sort_values("size", ascending=False).head(args.top).drop(columns="size")
        said = (
            f"(the {len(frame)} largest of {len(moved):,} revisions in {args.table}; --all for "
            "every row, --period or --year for one figure's history)"
        )
    if args.format == "table":
        frame = frame.rename(columns={"realtime_start": "released"})
    keep = ["period", "year", "flow", "change_usd_millions", "released", "value_usd_millions"]
    keep += ["kind", "change_pct", "source_id", "earliest_value", "latest_value"]
    keep += ["earliest_is_first_print", "total_change_usd_millions", "revisions"]
    emit(frame, args.format, keep=keep, ids=["source_id"], whole=["kind", "released"])
    if said:
        print("\n".join(wrap(said)))
    return EXIT_OK


def cmd_cite(args: argparse.Namespace) -> int:
    citation = kd.cite()
    print({"text": str(citation), "bibtex": citation.bibtex, "apa": citation.apa}[args.style])
    return EXIT_OK
