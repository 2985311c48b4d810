"""Write tables as CSV text, and replace the package's files only after they validate.

A build writes every new file into a staging copy of the package, validates the copy, and only
then moves the files into place (each by an atomic rename). If anything fails, the originals
are restored and the error says why: ``data/`` is never left half-written.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.schema.model import Table
from korus_data.schema.tables import TABLES
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
        return value.strftime("%Y-%m-%d")  # type: ignore[union-attr]
    return str(value)


def _quote(text: str) -> str:
    if any(c in text for c in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv_text(frame: pd.DataFrame, table: Table) -> str:
    """The CSV text of a table: columns in definition order, ``\\n`` line ends, UTF-8."""
    missing = [f.name for f in table.fields if f.name not in frame.columns]
    if missing:
        raise BuildError(f"table {table.name}: the build produced no column {missing}")
    lines = [",".join(table.field_names)]
    columns = [(frame[f.name].tolist(), f.type) for f in table.fields]
    for i in range(len(frame)):
        lines.append(",".join(_quote(_format_cell(values[i], kind)) for values, kind in columns))
    return "\n".join(lines) + "\n"


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def publish(
    root: Path,
    tables: dict[str, str],
    validate_copy: Callable[[Path], None],
) -> list[str]:
    """Stage ``tables`` (name -> CSV text), validate, then move them into ``root``.

    ``validate_copy(staged_root)`` raises :class:`BuildError` when the staged package is not
    valid. Returns the paths (relative to ``root``) that changed.
    """
    from korus_data.factcheck.readme_table import render_claims
    from korus_data.schema.to_frictionless import render_descriptor
    from korus_data.schema.to_readme import render_readme

    root = Path(root)
    with tempfile.TemporaryDirectory(prefix=".korus-build-", dir=root) as tmp:
        stage = Path(tmp)
        shutil.copytree(root / "data", stage / "data")
        for name, text in tables.items():
            (stage / TABLES[name].path).write_text(text, encoding="utf-8", newline="")
        (stage / DESCRIPTOR_NAME).write_text(render_descriptor(stage), encoding="utf-8")
        readme = root / "README.md"
        if readme.is_file():
            (stage / "README.md").write_text(
                render_claims(render_readme(readme.read_text(encoding="utf-8")), stage),
                encoding="utf-8",
            )
        validate_copy(stage)

        relative = [TABLES[name].path for name in tables] + [DESCRIPTOR_NAME]
        if readme.is_file():
            relative.append("README.md")
        changed = [
            rel
            for rel in relative
            if not (root / rel).is_file() or (root / rel).read_bytes() != (stage / rel).read_bytes()
        ]
        _replace_all(root, stage, changed)
    return changed


def _replace_all(root: Path, stage: Path, changed: list[str]) -> None:
    """Move staged files into place; on any error put every original back."""
    backups: dict[str, bytes | None] = {
        rel: (root / rel).read_bytes() if (root / rel).is_file() else None for rel in changed
    }
    done: list[str] = []
    try:
        for rel in changed:
            _atomic_write(root / rel, (stage / rel).read_bytes())
            done.append(rel)
    except Exception as exc:
        for rel in done:
            original = backups[rel]
            if original is None:
                (root / rel).unlink(missing_ok=True)
            else:
                _atomic_write(root / rel, original)
        raise BuildError(f"could not write {rel}: {exc}; every file was restored") from exc
