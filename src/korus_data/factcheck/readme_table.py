"""The README's fact-check table, rendered from :func:`check_claims` (the build rewrites it)."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from korus_data.factcheck.run import verdicts
from korus_data.factcheck.verdicts import Data
from korus_data.schema.tables import TABLES
from korus_data.schema.to_readme import replace_block
from korus_data.store.loader import parse_csv

START, END = "<!-- claims:start -->", "<!-- claims:end -->"


def claims_block(root: Path | None = None) -> str:
    """The README's fact-check table, from the claims' checks on the tables under ``root``.

    With ``root`` the CSVs a check needs are read directly, when it needs them (a staged
    build has no matching descriptor yet); without it, the package's own tables are used.
    """
    reader = None if root is None else functools.partial(_staged_table, Path(root))
    lines = [START, "| claim | verdict | what the data say |", "|---|---|---|"]
    for row in verdicts(Data(reader=reader)).itertuples():
        explanation = row.explanation.replace("|", "\\|")
        lines.append(f"| `{row.claim_id}` | {row.verdict} | {explanation} |")
    return "\n".join([*lines, END])


def _staged_table(root: Path, name: str) -> pd.DataFrame | None:
    """A table of the package under ``root``, read without its descriptor (None if absent)."""
    path = root / TABLES[name].path
    return parse_csv(path.read_bytes(), TABLES[name]) if path.is_file() else None


def render_claims(readme: str, root: Path) -> str:
    """``readme`` with its fact-check table recomputed from the tables under ``root``."""
    return replace_block(readme, START, END, claims_block(root))
