"""A data release as a stranger fetches it: ``korus-data release --out DIR``.

Refused unless every gate passes, Frictionless's own included (``validate --spec``). Then,
from the package's files checked once against ``datapackage.json``, it writes a flat set of
files, the assets of a GitHub release as they are uploaded (no folder, every name unique):

- ``korus-data-<version>.zip``: the bundle (every CSV, ``datapackage.json``, README, LICENSE,
  CITATION.cff, CHANGELOG; sorted names, fixed entry times);
- ``korus-data-<version>-<table>.parquet``: one Parquet file per table (descriptions and
  units in the schema), and ``korus-data-<version>-parquet.datapackage.json``, their own
  descriptor (``format: parquet``, the SHA-256 and size of each Parquet file);
- ``korus-data-<version>.sqlite`` and its Datasette metadata;
- ``korus-data-<version>.duckdb.sql``: the DuckDB database as a script (ENUM types, keys,
  comments) that loads the Parquet files beside it: a DuckDB file embeds a random
  identifier, so the same tables would not give the same bytes, and a published checksum
  could not be reproduced;
- ``korus-data-<version>.jsonld``: the release as a schema.org ``Dataset``, for dataset
  search engines;
- ``RELEASE-NOTES.md``: the CHANGELOG section of this data version and, against the previous
  release's bundle when given, every table whose rows changed;
- ``SHA256SUMS`` over every other file (``sha256sum -c SHA256SUMS`` in a download folder).

The same package gives the same bytes, from a checkout or from an installed wheel, on any
platform (text is written with ``\n`` line ends).

Example (not run here: it validates every row with Frictionless)::

    from korus_data.exports.release import make_release
    make_release("dist/release", previous="korus-data-2026.11.zip")
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.errors import BuildError
from korus_data.exports import sql, staging, writers
from korus_data.exports.jsonld import dataset_jsonld
from korus_data.schema.tables import TABLES
from korus_data.store.files import write_utf8
from korus_data.store.release_assets import read_sums

STEM = f"korus-data-{DATA_VERSION}"
PARQUET_PREFIX = f"{STEM}-"
PARQUET_DESCRIPTOR = f"{STEM}-parquet.datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def changelog_section(text: str, version: str = DATA_VERSION) -> str:
    """The CHANGELOG section of data ``version`` (its heading names ``data-<version>``), or
    the Unreleased section when the version has none yet.

    Example:
        >>> text = "# C\\n\\n## [data-2026.12] - x\\n- a\\n\\n## [data-2026.11]\\n- b\\n"
        >>> changelog_section(text)
        '## [data-2026.12] - x\\n- a'
    """
    sections = re.split(r"(?m)^(?=## )", text)
    for wanted in (f"data-{version}", "Unreleased"):
        for section in sections:
            if section.startswith("## ") and wanted in section.splitlines()[0]:
                return section.strip()
    return ""


def _table_rows(data: bytes, name: str) -> dict[tuple, bytes]:
    """A CSV's rows by primary key (the raw line, so that any change of a cell shows)."""
    import csv

    key = TABLES[name].primary_key if name in TABLES else ()
    lines = data.decode("utf-8").splitlines()
    header = next(csv.reader(lines[:1]))
    at = [header.index(k) for k in key if k in header]
    out = {}
    for line in lines[1:]:
        cells = next(csv.reader([line]))
        out[tuple(cells[i] for i in at) if at else (line,)] = line.encode()
    return out


def changed_tables(files: dict[str, bytes], previous: Path) -> list[tuple[str, int, int, int]]:
    """(table, rows added, removed, changed) of every table whose rows differ from those of
    the previous release's bundle."""
    with zipfile.ZipFile(previous) as archive:
        old = {
            name.split("/", 1)[1]: archive.read(name)
            for name in archive.namelist()
            if name.count("/") >= 1 and name.endswith(".csv")
        }
    out = []
    for name, table in TABLES.items():
        new_bytes, old_bytes = files.get(table.path), old.get(table.path)
        if new_bytes == old_bytes:
            continue
        new = _table_rows(new_bytes or b"\n", name)
        before = _table_rows(old_bytes, name) if old_bytes else {}
        added = len(new.keys() - before.keys())
        removed = len(before.keys() - new.keys())
        changed = sum(1 for k in new.keys() & before.keys() if new[k] != before[k])
        out.append((name, added, removed, changed))
    return out


def release_notes(files: dict[str, bytes], previous: Path | None) -> str:
    """The release notes: what the CHANGELOG says of this version, and the tables changed."""
    changelog = files.get("CHANGELOG.md", b"").decode("utf-8")
    lines = [
        f"# korus-data data release {DATA_VERSION} (library {__version__})",
        "",
        f"Every file of this release is listed with its SHA-256 in `SHA256SUMS` "
        f"(`sha256sum -c SHA256SUMS`); the tables are in `{STEM}.zip` (a Frictionless Data "
        "Package: `frictionless validate datapackage.json`), as Parquet, SQLite and a DuckDB "
        "script.",
        "",
        "## Tables whose rows changed",
        "",
    ]
    if previous is None:
        lines.append("No previous release was given: every table is new in this one.")
        lines += [f"- `{n}`" for n in TABLES]
    else:
        changes = changed_tables(files, previous)
        lines.append(
            f"Against `{previous.name}`:" if changes else f"None against `{previous.name}`."
        )
        lines += [
            f"- `{n}`: {a:,} rows added, {r:,} removed, {c:,} changed" for n, a, r, c in changes
        ]
    lines += ["", "## What changed (from CHANGELOG.md)", "", changelog_section(changelog), ""]
    return "\n".join(lines)


def _self_depth(table, files: dict[str, bytes]) -> int:
    """How many passes a table referring to itself needs: rows after the rows they name."""
    from korus_data.store.loader import parse_csv

    frame = parse_csv(files[table.path], table)
    return max(1, len(list(sql.referenced_first(table, frame))))


def duckdb_script(prefix: str, files: dict[str, bytes]) -> str:
    """A DuckDB script creating every table (ENUM types, keys, comments) from the Parquet
    files ``<prefix><table>.parquet`` (relative to where DuckDB runs); a table that refers to
    itself is loaded in passes, each row after the rows it names."""
    parts = ["-- korus-data " + DATA_VERSION + ": duckdb korus-data.duckdb < this file", ""]
    for name in sql.ordered_tables():
        table = TABLES[name]
        parts += [f"{s};" for s in sql.enum_statements(table)]
        parts.append(sql.create_statements(table, sqlite=False) + ";")
        source = f"{prefix}{name}.parquet"
        columns = ", ".join(sql.sql_name(f.name) for f in table.fields)
        select = f"SELECT {columns} FROM read_parquet({sql.sql_text(source)})"
        own = [fk for fk in table.foreign_keys if fk.table == name]
        target = sql.sql_name(name)
        if not own:
            parts.append(f"INSERT INTO {target} {select};")
        else:
            ref, key = (
                sql.sql_name(own[0].fields[0]),
                sql.sql_name(own[0].reference_fields[0]),
            )
            parts.append(f"INSERT INTO {target} {select} WHERE {ref} IS NULL;")
            for _ in range(_self_depth(table, files) - 1):
                parts.append(
                    f"INSERT INTO {target} {select} WHERE {ref} IN (SELECT {key} FROM {target}) "
                    f"AND {key} NOT IN (SELECT {key} FROM {target});"
                )
        parts.append(f"COMMENT ON TABLE {sql.sql_name(name)} IS {sql.sql_text(table.description)};")
        parts.append("")
    return "\n".join(parts)


def parquet_descriptor(descriptor: dict, written: list[Path]) -> dict:
    """The descriptor of the Parquet files ``written``: the CSV descriptor's resources with
    each path, format, media type, SHA-256 and size of its Parquet file."""
    from korus_data.schema.to_frictionless import bytes_digest

    paths = {p.name.removeprefix(PARQUET_PREFIX).removesuffix(".parquet"): p for p in written}
    resources = []
    for resource in descriptor["resources"]:
        if resource["name"] not in paths:
            continue
        path = paths[resource["name"]]
        digest, size = bytes_digest(path.read_bytes())
        kept = {k: v for k, v in resource.items() if k not in ("encoding", "dialect")}
        kept.update(
            path=path.name, format="parquet", mediatype=PARQUET_MEDIATYPE, hash=digest, bytes=size
        )
        resources.append(kept)
    return {**descriptor, "name": f"{descriptor['name']}-parquet", "resources": resources}


def _text(path: Path, text: str) -> None:
    """``text`` at ``path`` in UTF-8 with ``\n`` line ends, whatever the platform."""
    write_utf8(path, text)


def _sums(folder: Path) -> str:
    lines = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.name}")
    return "\n".join(lines) + "\n"


def make_release(
    out: str | Path,
    *,
    previous: str | Path | None = None,
    root: str | Path | None = None,
    check: bool = True,
) -> list[Path]:
    """Write the release of the package into the new folder ``out`` (see the module); returns
    the files written. :class:`BuildError` (nothing written) when a gate fails."""
    from korus_data.store.paths import resolve_root

    base = resolve_root(root)
    if check:
        from korus_data.validation import validate

        report = validate(base)  # the package's own gates first: a failure stops here
        if report.ok:
            report = validate(base, spec=True)  # then Frictionless's, row by row
        if not report.ok:
            first = "; ".join(str(f) for f in report.failures[:3])
            raise BuildError(f"not released: the package does not pass validate --spec ({first})")
    previous_path = Path(previous) if previous else None
    if previous_path is not None and not zipfile.is_zipfile(previous_path):
        raise BuildError(f"{previous_path} is not a release bundle (a zip)")
    folder = Path(out)
    staging.destination(folder)
    files = staging.verified_files(base)
    with staging.staged(folder) as stage:
        writers.write_zip(stage, files)
        parquet = writers.write_parquet(stage, files, prefix=PARQUET_PREFIX)
        described = parquet_descriptor(json.loads(files["datapackage.json"]), parquet)
        _text(stage / PARQUET_DESCRIPTOR, json.dumps(described, indent=2, ensure_ascii=False))
        writers.write_sqlite(stage, files)
        _text(stage / f"{STEM}.duckdb.sql", duckdb_script(PARQUET_PREFIX, files))
        _text(stage / "RELEASE-NOTES.md", release_notes(files, previous_path))
        _text(stage / f"{STEM}.jsonld", dataset_jsonld(files, folder=stage))
        _text(stage / "SHA256SUMS", _sums(stage))
    return sorted(p for p in folder.iterdir() if p.is_file())


__all__ = [
    "changelog_section",
    "duckdb_script",
    "make_release",
    "parquet_descriptor",
    "read_sums",
    "release_notes",
]
