"""The README's fact-check table, rendered from :func:`check_claims` (the build rewrites it)."""

from __future__ import annotations

from pathlib import Path

from korus_data.factcheck.run import check_claims
from korus_data.schema.tables import TABLES
from korus_data.schema.to_readme import replace_block
from korus_data.store.loader import parse_csv

START, END = "<!-- claims:start -->", "<!-- claims:end -->"


def claims_block(root: Path | None = None) -> str:
    """The README's fact-check table, from ``check_claims()`` on the tables under ``root``.

    With ``root`` the CSVs are read directly (a staged build has no matching descriptor yet);
    without it, the package's own tables are used.
    """
    tables = None
    if root is not None:
        tables = {
            name: parse_csv((Path(root) / table.path).read_bytes(), table)
            for name, table in TABLES.items()
            if (Path(root) / table.path).is_file()
        }
    lines = [START, "| claim | verdict | what the data say |", "|---|---|---|"]
    for row in check_claims(tables).itertuples():
        explanation = row.explanation.replace("|", "\\|")
        lines.append(f"| `{row.claim_id}` | {row.verdict} | {explanation} |")
    return "\n".join([*lines, END])


def render_claims(readme: str, root: Path) -> str:
    """``readme`` with its fact-check table recomputed from the tables under ``root``."""
    return replace_block(readme, START, END, claims_block(root))
