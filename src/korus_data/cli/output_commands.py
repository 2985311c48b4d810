"""The output commands: export, release, report, serve and notebooks (each writes files or
starts a server from the package's verified files)."""

from __future__ import annotations

import argparse
import json
import sys

import korus_data as kd
from korus_data.cli.commands import EXIT_OK
from korus_data.cli.output import clear_status, status_line
from korus_data.store.files import write_utf8


def cmd_export(args: argparse.Namespace) -> int:
    from korus_data.exports import export

    status_line(f"writing {args.format}…")
    written = export(args.format, args.out, root=args.root)
    clear_status()
    for path in written:
        print(path)
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from korus_data.exports.release import make_release

    status_line("checking every gate (validate --spec), then writing the release…")
    written = make_release(args.out, previous=args.previous, root=args.root)
    clear_status()
    for path in written:
        print(path)
    return EXIT_OK


def cmd_notebooks(args: argparse.Namespace) -> int:
    import shutil
    from pathlib import Path

    from korus_data.exports.staging import new_folder
    from korus_data.store.paths import notebooks_dir

    source = notebooks_dir()
    target = new_folder(Path(args.dest))
    copied = [shutil.copy2(p, target / p.name) for p in sorted(source.glob("*.ipynb"))]
    print(f"copied {len(copied)} notebooks to {target}")
    print(f"open them with: jupyter lab {target}")
    from korus_data.extras import install_command

    print(f"(Jupyter and matplotlib come with: {install_command('notebooks')})")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    status_line("writing the report…")
    index = kd.report(args.out, notebooks=args.notebooks)
    clear_status()
    print(f"report written: open {index.as_uri()}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import importlib.util
    import os

    from korus_data.errors import UsageError
    from korus_data.serve import TEMPLATES, database, metadata, plugins_dir

    if args.export_metadata:
        write_utf8(args.export_metadata, json.dumps(metadata(), indent=2) + "\n")
        print(f"metadata written to {args.export_metadata}")
        return EXIT_OK
    if importlib.util.find_spec("datasette") is None:
        from korus_data.extras import needs

        raise UsageError(needs("serve needs Datasette", "serve"))
    status_line("building the database of this release…")
    path = database()
    meta = path.parent / "metadata.json"
    write_utf8(meta, json.dumps(metadata(path), indent=2) + "\n")
    plugins = plugins_dir(path.parent / "plugins")
    clear_status()
    print(f"korus-data on http://{args.host}:{args.port}/ (read-only; Ctrl-C stops it)", flush=True)
    argv = [
        "datasette",
        "serve",
        "-i",
        str(path),
        "--metadata",
        str(meta),
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--plugins-dir",
        str(plugins),
        "--template-dir",
        str(TEMPLATES),
        "--setting",
        "sql_time_limit_ms",
        "1000",
    ]
    os.execv(sys.executable, [sys.executable, "-m", "datasette", *argv[1:]])
    return EXIT_OK  # pragma: no cover - execv does not return
