"""Every quality gate of the package in one report (listed in the README's "Quality gates").

Gates, in order: ``integrity`` (hash and size against ``datapackage.json``), ``read`` (the file
parses: encoding, header, every cell's type), ``frictionless`` (the Data Package standard:
types, constraints, keys, foreign keys), ``pandera`` (the generated schemas, every failure),
the cross-table checks of :mod:`korus_data.validation.cross_table`, and ``generated``
(``datapackage.json`` and the README's data dictionary are what the definitions generate).
``frictionless`` and ``generated`` run with ``spec=True`` (the suite and CI always run them).
The pipeline's curated inputs (``curated/*.csv``) go through ``read``, ``pandera`` and the
cross-table checks too.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from korus_data.errors import UsageError
from korus_data.schema.model import Table
from korus_data.schema.tables import CURATED, DEFINED, present_tables
from korus_data.store.descriptor import descriptor_problems, integrity_problem
from korus_data.store.files import file_problem, read_regular
from korus_data.store.journal import settle
from korus_data.store.paths import DESCRIPTOR_NAME, is_address, resolve_root, table_file
from korus_data.validation import cross_table
from korus_data.validation.lasting_memo import remember_spec_pass, spec_key, spec_passed_before
from korus_data.validation.memo import CheckedFile, checked_file, read_once
from korus_data.validation.report import Failure, GateResult, ValidationReport


def _with_references(names: list[str]) -> list[str]:
    """``names`` and every table their foreign keys reference, in catalogue order."""
    wanted = set(names)
    for name in names:
        wanted |= {fk.table for fk in DEFINED[name].foreign_keys}
    return [n for n in DEFINED if n in wanted]


def validate(
    root: str | Path | None = None,
    *,
    data_dir: str | Path | None = None,
    tables: list[str] | None = None,
    spec: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ValidationReport:
    """Run every gate and return one report; ``report.ok`` tells whether the package is valid.

    The default gates check everything the definitions say (hash and size, a strict typed
    read, the Pandera schemas with every constraint, keys, foreign keys, the cross-table
    checks). ``spec=True`` adds the reference implementation: Frictionless validates the
    package against the Data Package standard, and the generated files (``datapackage.json``,
    the README's dictionary) are compared with what the definitions generate. ``progress`` is
    called with the name of each gate as it starts.

    ``data_dir`` validates an edited copy of the CSVs against the definitions: files that
    differ from the release are then reported as warnings, not failures. ``tables`` limits
    the per-table gates to those tables (and the tables they reference); cross-table checks
    run on what was read, and the ``generated`` gate is skipped.

    Example:
        >>> import korus_data as kd
        >>> report = kd.validate()
        >>> report.ok
        True
    """
    from korus_data.store.remote import fetched

    base = fetched(root) if is_address(root) else resolve_root(root)
    if not base.is_dir():
        raise UsageError(f"{base} does not exist: give the folder that holds datapackage.json")
    edited = data_dir is not None
    folder = Path(data_dir) if data_dir is not None else base / "data"
    if edited and not folder.is_dir():
        raise UsageError(f"--data-dir {folder} does not exist")
    settle(base)  # an interrupted build: back to the release it replaced
    if tables is not None:
        from korus_data.schema.tables import table_definition

        names = _with_references([table_definition(t).name for t in tables])
        curated: list[Table] = []
    else:
        names = list(present_tables(base))
        curated = list(CURATED.values())
    say = progress or (lambda gate: None)
    say("descriptor")
    damaged = descriptor_problems(base)
    results: list[GateResult] = [
        GateResult.from_failures("descriptor", "*", [Failure(DESCRIPTOR_NAME, p) for p in damaged])
    ]
    published = [(DEFINED[n], folder / Path(DEFINED[n].path).name) for n in names]
    inputs = [(t, table_file(t, base)) for t in curated]
    # every file read and hashed once: the integrity gate, the strict read and the memo share it
    read = {path: read_once(path) for _, path in published + inputs}
    if damaged:
        note = "datapackage.json is damaged (see the descriptor gate)"
        results += [GateResult("integrity", n, "skip", note=note) for n in names]
    else:
        say("integrity")
        results.extend(_integrity(base, folder, edited, names, read))
    say("read")
    checked, read_results = _read_all(published + inputs, read)
    results.extend(read_results)
    if spec:
        say("frictionless")
        if damaged and not edited:
            results.append(GateResult("frictionless", "*", "skip", note="descriptor damaged"))
        else:
            digests = {
                n: known[1][0]
                for n in names
                if (known := read.get(folder / Path(DEFINED[n].path).name))
            }
            results.extend(_frictionless(base, folder, edited, names, digests))
    say("pandera")
    results.extend(_pandera(checked, [t for t, _ in published + inputs]))
    frames = {name: c.typed_frame() for name, c in checked.items() if c.frame is not None}
    for check in cross_table.CHECKS:
        say(check.__name__)
        results.extend(check(frames))
    if spec and not edited and tables is None:
        say("generated")
        results.extend(_generated(base))
    return ValidationReport(results)


def _integrity(
    base: Path, folder: Path, edited: bool, names: list[str], read: dict
) -> list[GateResult]:
    results = []
    for name in names:
        table = DEFINED[name]
        path = folder / Path(table.path).name
        inside = Path(folder.name) / path.name  # the data folder itself may not be a link
        problem = file_problem(folder.parent, inside)
        present = problem is None and path.is_file()
        if problem is None:
            known = (
                read.get(path) or (read_regular(folder.parent, inside), None) if present else None
            )
            problem = (
                integrity_problem(name, base, known[0], known[1]) if known else "file is missing"
            )
        failures = [Failure(name, problem)] if problem else []
        warn = edited and present
        note = "differs from the release (edited copy)" if warn and problem else ""
        results.append(GateResult.from_failures("integrity", name, failures, note, warn=warn))
    return results


def _read_all(
    files: list[tuple[Table, Path]], read: dict
) -> tuple[dict[str, CheckedFile], list[GateResult]]:
    checked: dict[str, CheckedFile] = {}
    results = []
    for table, path in files:
        checked[table.name] = checked_file(table, path, read.get(path))
        failures = checked[table.name].read_failures
        results.append(GateResult.from_failures("read", table.name, list(failures)))
    return checked, results


def _pandera(checked: dict[str, CheckedFile], tables: list[Table]) -> list[GateResult]:
    results = []
    for table in tables:
        name = table.name
        if checked[name].frame is None:
            results.append(GateResult("pandera", name, "skip", note="file could not be read"))
            continue
        failures = checked[name].pandera(functools.partial(_pandera_failures, table=table))
        results.append(GateResult.from_failures("pandera", name, failures))
    return results


def _pandera_failures(frame: pd.DataFrame, table: Table) -> list[Failure]:
    from korus_data.schema.to_pandera import pandera_pandas, pandera_schema

    pandera_pandas()  # Pandera without Hypothesis
    import pandera.errors

    failures: list[Failure] = []
    try:
        pandera_schema(table).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        for case in exc.failure_cases.itertuples(index=False):
            row = None if pd.isna(case.index) else int(case.index) + 2
            column = None if pd.isna(case.column) else str(case.column)
            failures.append(
                Failure(table.name, f"{case.check}: {case.failure_case!r}", row=row, column=column)
            )
    # the examples kept start at the top of the file, whichever check found them
    failures.sort(key=lambda f: (f.row is None, f.row or 0))
    return failures


def _frictionless(
    base: Path, folder: Path, edited: bool, names: list[str], digests: dict[str, str]
) -> list[GateResult]:
    """Frictionless's validation of the package's resources; a resource whose bytes (their
    actual digest, not only the recorded one) and whose references' bytes passed before, with
    everything else unchanged (the lasting memo), is not read again."""
    from frictionless import Package

    from korus_data.schema.to_frictionless import build_descriptor

    unreadable = {
        n: problem
        for n in names
        if (problem := file_problem(folder.parent, Path(folder.name) / Path(DEFINED[n].path).name))
    }
    skipped = [
        GateResult("frictionless", n, "skip", note=f"not read: {problem}")
        for n, problem in unreadable.items()
    ]
    names = [n for n in names if n not in unreadable]
    descriptor_problem = file_problem(base, DESCRIPTOR_NAME)
    if descriptor_problem:
        return [GateResult("frictionless", "*", "skip", note=f"not run: {descriptor_problem}")]
    try:
        if edited:
            # An edited copy has its own files: check them against the definitions, without
            # the release's hashes (the integrity gate reports which files differ).
            descriptor = build_descriptor(base)
            for res in descriptor["resources"]:
                res["path"] = Path(res["path"]).name
                res.pop("hash", None)
                res.pop("bytes", None)
            descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in names]
            package = Package(descriptor, basepath=str(folder.resolve()))
        else:
            descriptor = json.loads((base / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
            descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in names]
            package = Package(descriptor, basepath=str(base))
        keys = {} if edited else _spec_keys(descriptor, digests)
        fresh = [n for n in names if not (n in keys and spec_passed_before(keys[n]))]
        if len(fresh) == len(names):
            reports = [package.validate()]
        else:  # only what has not passed with these bytes before, in the package's context
            reports = [package.validate(name=n) for n in fresh]
    except Exception as exc:  # a descriptor frictionless cannot even open
        return [GateResult("frictionless", "*", "fail", 1, [Failure("*", str(exc))])]
    by_table: dict[str, list[Failure]] = {name: [] for name in names}
    tasks = [task for report in reports for task in report.tasks]
    for task in tasks:
        name = task.name if task.name in by_table else "*"
        for error in task.errors:
            by_table.setdefault(name, []).append(
                Failure(
                    name,
                    f"{error.type}: {error.note or error.message}",
                    row=getattr(error, "row_number", None),
                    column=getattr(error, "field_name", None),
                )
            )
    for report in reports:
        for error in report.errors:
            by_table.setdefault("*", []).append(Failure("*", f"{error.type}: {error.message}"))
    if "*" not in by_table:
        for name in fresh:
            if name in keys and not by_table.get(name):
                remember_spec_pass(keys[name])
    return skipped + [GateResult.from_failures("frictionless", n, f) for n, f in by_table.items()]


def _spec_keys(descriptor: dict, digests: dict[str, str]) -> dict[str, str]:
    """Each resource's lasting-memo key for Frictionless's pass (see ``spec_key``): only for
    resources whose file and referenced files were read and hashed by this validation."""
    by_name = {r["name"]: r for r in descriptor["resources"]}
    keys = {}
    for name, resource in by_name.items():
        foreign = resource.get("schema", {}).get("foreignKeys", [])
        needed = [name, *(k.get("reference", {}).get("resource") or name for k in foreign)]
        if all(n in digests for n in needed):
            keys[name] = spec_key(resource, [digests[n] for n in needed])
    return keys


def _generated(base: Path) -> list[GateResult]:
    from korus_data.schema.to_frictionless import render_descriptor
    from korus_data.schema.to_readme import readme_problem

    failures = []
    files = [DESCRIPTOR_NAME, "README.md", *(t.path for t in present_tables(base).values())]
    problem = next((p for f in files if (p := file_problem(base, f))), None)
    if problem:
        return [GateResult("generated", "*", "skip", note=f"not checked: {problem}")]
    path = base / DESCRIPTOR_NAME
    committed = path.read_text(encoding="utf-8") if path.is_file() else ""
    try:
        generated = render_descriptor(base)
    except (OSError, ValueError) as exc:
        reason = f"cannot be regenerated: {exc}"
        return [GateResult.from_failures("generated", "*", [Failure(DESCRIPTOR_NAME, reason)])]
    if committed != generated:
        failures.append(
            Failure(
                DESCRIPTOR_NAME,
                "differs from what the definitions generate; run "
                "`korus-data build --descriptor-only`",
            )
        )
    problem = readme_problem(base)
    if problem:
        failures.append(Failure("README.md", problem))
    return [GateResult.from_failures("generated", "*", failures)]
