"""Write tables as CSV text, and publish them only after the staged package validates.

The switch itself is all-or-nothing (:mod:`korus_data.pipeline.publication`): ``data/`` is
never left half-written, even when the build is killed.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.schema.model import Table
from korus_data.schema.tables import DEFINED
from korus_data.store.files import write_utf8
from korus_data.store.paths import DESCRIPTOR_NAME


def format_number(value: float) -> str:
    """A number as the CSV shows it: at most six decimals, no trailing zeros, no noise.

    Example:
        >>> format_number(24072.584913999995), format_number(800.70), format_number(1652.0)
        ('24072.584914', '800.7', '1652')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{round(float(value), 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _format_cell(value: object, kind: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if kind == "number":
        return format_number(value)  # type: ignore[arg-type]
    if kind == "boolean":
        if isinstance(value, str):
            return value.lower()
        return "true" if value else "false"
    if kind in ("integer", "year"):
        return str(int(value))  # type: ignore[call-overload]
    if kind == "date" and hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _quote(text: str) -> str:
    if any(c in text for c in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _number_texts(values: list) -> list[str]:
    """:func:`format_number` of each value, missing values empty: numbers never need quotes,
    and they rarely repeat, so they skip the generic path (five times faster)."""
    out = []
    for value in values:
        if value is None or value is pd.NA or value != value:
            out.append("")
        else:
            text = f"{round(float(value), 6):.6f}".rstrip("0").rstrip(".")
            out.append("0" if text in ("-0", "") else text)
    return out


def _column_text(values: list, kind: str) -> list[str]:
    """Each cell's CSV text; a value that repeats (codes, years, names) is formatted once."""
    if kind == "number":
        return _number_texts(values)
    done: dict = {}
    out = []
    for value in values:
        try:
            text = done[value]
        except (KeyError, TypeError):
            text = _quote(_format_cell(value, kind))
            with contextlib.suppress(TypeError):  # an unhashable value: formatted each time
                done[value] = text
        out.append(text)
    return out


def _series_text(values: pd.Series, kind: str) -> list[str]:
    """A column's CSV texts: dates held as datetimes are formatted in one vectorised call
    (a Python ``Timestamp`` per cell costs more than the formatting)."""
    if kind == "date" and pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").fillna("").tolist()
    return _column_text(values.tolist(), kind)


def to_csv_text(frame: pd.DataFrame, table: Table) -> str:
    """The CSV text of a table: columns in definition order, ``\\n`` line ends, UTF-8."""
    missing = [f.name for f in table.fields if f.name not in frame.columns]
    if missing:
        raise BuildError(f"table {table.name}: the build produced no column {missing}")
    columns = [_series_text(frame[f.name], f.type) for f in table.fields]
    lines = [",".join(table.field_names), *(",".join(row) for row in zip(*columns, strict=True))]
    return "\n".join(lines) + "\n"


def require_valid(
    what: str, base: Path | None = None, *, accept_revisions: bool = False
) -> Callable[[Path], None]:
    """A check for :func:`publish`: every gate on the staged package, or :class:`BuildError`
    listing the first failures ("the <what> tables are not valid; nothing was changed"); with
    ``base`` (the package being replaced), the plausibility gate too: the observations the
    staged vintage tables add must move within history
    (:mod:`korus_data.pipeline.plausibility`) unless ``accept_revisions``."""

    def check(stage: Path) -> None:
        from korus_data.validation import validate

        if base is not None and not accept_revisions:  # the clearest reason, and the cheapest
            from korus_data.pipeline.plausibility import check_staged, refuse_implausible

            refuse_implausible(check_staged(Path(base), stage))
        report = validate(stage)
        if not report.ok:
            problems = "\n  ".join(str(f) for f in report.failures[:10])
            raise BuildError(f"the {what} tables are not valid; nothing was changed:\n  {problems}")

    return check


def publish(
    root: Path,
    tables: dict[str, str],
    validate_copy: Callable[[Path], None],
) -> list[str]:
    """Stage ``tables`` (name -> CSV text) with a regenerated ``datapackage.json`` and README,
    validate the staged package, then publish it all-or-nothing
    (:func:`korus_data.pipeline.publication.publish_files`).

    ``validate_copy(staged_root)`` raises :class:`BuildError` when the staged package is not
    valid. Returns the paths (relative to ``root``) that changed.
    """
    from korus_data.factcheck.readme_table import FACT_CHECK_PATH, render_claims
    from korus_data.pipeline.publication import publish_files
    from korus_data.schema.to_frictionless import render_descriptor
    from korus_data.schema.to_readme import DICTIONARY_PATH, dictionary_document, render_readme

    root = Path(root)
    readme = root / "README.md"

    def prepare(stage: Path) -> None:
        write_utf8(stage / DESCRIPTOR_NAME, render_descriptor(stage))
        fact_check = None
        if readme.is_file():
            text, fact_check = render_claims(
                render_readme(readme.read_text(encoding="utf-8")), stage
            )
            write_utf8(stage / "README.md", text)
        if (root / "docs").is_dir():  # a checkout: the dictionary and fact check beside it
            (stage / "docs").mkdir(exist_ok=True)
            write_utf8(stage / DICTIONARY_PATH, dictionary_document())
            if fact_check is not None:
                write_utf8(stage / FACT_CHECK_PATH, fact_check)

    files = {DEFINED[name].path: text.encode("utf-8") for name, text in tables.items()}
    return publish_files(root, files, validate_copy, prepare)
