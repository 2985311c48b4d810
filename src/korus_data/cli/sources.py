"""``korus-data sources``: the official files a build reads (``list``), laid out as a source
pack from their archive (``fetch``), or packed into that archive (``pack``, for maintainers).

Example:
    >>> import argparse
    >>> sub = argparse.ArgumentParser().add_subparsers()
    >>> add_sources_command(sub)
    >>> sorted(sub.choices)
    ['sources']
"""

from __future__ import annotations

import argparse

from korus_data.cli.output import clear_status, emit, progress_line, wrap

EXIT_OK = 0


def cmd_sources_list(args: argparse.Namespace) -> int:
    import pandas as pd

    from korus_data.pipeline.source_archive import manifest

    frame = pd.DataFrame([vars(f) for f in manifest()])
    emit(frame, args.format, keep=["path", "size", "source_id"], ids=["path", "source_id"])
    if args.format == "table":
        print("\n".join(wrap(f"({len(frame)} files a build reads; sizes in bytes)")))
    return EXIT_OK


def cmd_sources_fetch(args: argparse.Namespace) -> int:
    from korus_data.pipeline.source_archive import fetch

    try:
        report = fetch(args.to, args.origin, say=progress_line)
    finally:
        clear_status()
    origins = sorted({where for _, where in report.fetched})
    print(
        f"{len(report.fetched)} files fetched ({', '.join(origins) or 'none'}), "
        f"{len(report.kept)} already there and whole, into {args.to}; every byte checked "
        "against the manifest"
    )
    return EXIT_OK


def cmd_sources_pack(args: argparse.Namespace) -> int:
    from korus_data.pipeline.source_archive import pack

    written = pack(args.origin, args.to)
    print(f"{len(written)} files written to {args.to} (upload them as a sources-* release)")
    return EXIT_OK


def add_sources_command(sub: argparse._SubParsersAction) -> None:
    """The parser of ``sources`` and its three actions."""
    p = sub.add_parser(
        "sources",
        help="the official files a build reads: list, fetch from their archive, pack",
        description="The official files korus-data build --sources reads, each with its size "
        "and SHA-256 in the manifest (curated/source_files.csv). fetch lays out a source pack "
        "from their archive (a sources-* release; a file it lacks is tried at its official "
        "address and kept only if that still serves the same bytes); pack writes the archive "
        "from a source pack. Exit codes: 0 done, 1 a file refused (nothing written for it), "
        "2 a usage error.",
    )
    actions = p.add_subparsers(
        dest="action", required=True, metavar="ACTION", help="list, fetch or pack"
    )
    q = actions.add_parser("list", help="every file a build reads, with its source")
    q.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    q.set_defaults(func=cmd_sources_list)
    q = actions.add_parser(
        "fetch",
        help="lay out a source pack from the archive, every byte checked",
        description="Download each file the build reads into DIR/<folder>/<file>, from the "
        "archive (default: the sources-* release of this version), checked against the "
        "manifest; files already there and whole are kept.",
    )
    q.add_argument("--to", required=True, metavar="DIR", help="the source pack folder")
    q.add_argument(
        "--from",
        dest="origin",
        default=None,
        metavar="URL|DIR",
        help="the archive: a release's download address, or a folder holding its files",
    )
    q.set_defaults(func=cmd_sources_fetch)
    q = actions.add_parser(
        "pack",
        help="write the archive of a source pack (maintainers)",
        description="Check every file of the source pack against the manifest and write them "
        "under flat names, with MANIFEST.csv and SHA256SUMS, into a new folder: the assets "
        "of a sources-* release.",
    )
    q.add_argument("--from", dest="origin", required=True, metavar="DIR", help="a source pack")
    q.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder")
    q.set_defaults(func=cmd_sources_pack)
