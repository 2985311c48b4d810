"""Rebuild the published tables from official files, validate them, then replace the old ones.

Example (not run here: it reads the Census workbook)::

    from korus_data.build import run_build
    run_build(".", census_workbook="../shared/sources/census/country-2026-01.xlsx",
              captures="../shared/sources/census/c5800-page-captures.csv")
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.build.captures import read_captures
from korus_data.build.census import OFFICIAL_URL, read_country_workbook
from korus_data.build.goods import goods_tables, workbook_source_id
from korus_data.build.inputs import open_input
from korus_data.build.partners import by_partner_table, partners_table
from korus_data.build.sources import merge_sources
from korus_data.build.writer import publish, to_csv_text
from korus_data.catalog import resolve_root
from korus_data.definitions import TABLES
from korus_data.errors import BuildError

__all__ = ["OFFICIAL_URL", "BuildResult", "run_build"]


@dataclass(frozen=True)
class BuildResult:
    """What a build changed (paths relative to the package root)."""

    changed: list[str]
    census_vintage: str | None = None

    def __str__(self) -> str:
        vintage = f" (Census data through {self.census_vintage})" if self.census_vintage else ""
        if not self.changed:
            return f"build complete{vintage}: every file was already up to date"
        return f"build complete{vintage}: updated " + ", ".join(self.changed)


def _require_valid(stage: Path) -> None:
    from korus_data.gates import validate

    report = validate(stage)
    if not report.ok:
        problems = "\n  ".join(str(f) for f in report.failures[:10])
        raise BuildError(f"the rebuilt tables are not valid; nothing was changed:\n  {problems}")


def _read_sources(root: Path) -> pd.DataFrame:
    path = root / TABLES["sources"].path
    return pd.read_csv(
        io.BytesIO(path.read_bytes()), dtype=str, keep_default_na=False, na_values=[""]
    )


def run_build(
    root: str | Path | None = None,
    *,
    census_workbook: str | Path = OFFICIAL_URL,
    captures: str | Path | None = None,
    today: str | None = None,
    descriptor_only: bool = False,
) -> BuildResult:
    """Rebuild the goods tables (and ``datapackage.json``) under ``root``.

    ``census_workbook`` is a path or URL of ``country.xlsx``; ``captures`` the optional CSV of
    c5800 page captures for months after it. With ``descriptor_only`` nothing is read: only
    ``datapackage.json`` and the README's data dictionary are regenerated. Raises
    :class:`BuildError` and leaves every file as it was when anything fails.
    """
    base = resolve_root(root)
    today = today or dt.date.today().isoformat()
    if descriptor_only:
        return BuildResult(publish(base, {}, _require_valid))
    with tempfile.TemporaryDirectory(prefix="korus-inputs-") as tmp:
        workdir = Path(tmp)
        workbook = read_country_workbook(open_input(census_workbook, workdir))
        capture_list = read_captures(open_input(captures, workdir)) if captures else []
    goods = goods_tables(workbook, capture_list)
    sources = merge_sources(_read_sources(base), goods.sources, today)
    texts = {
        "goods_trade_monthly": to_csv_text(goods.monthly, TABLES["goods_trade_monthly"]),
        "goods_trade_annual": to_csv_text(goods.annual, TABLES["goods_trade_annual"]),
        "us_goods_trade_by_partner_annual": to_csv_text(
            by_partner_table(workbook, workbook_source_id(workbook)),
            TABLES["us_goods_trade_by_partner_annual"],
        ),
        "partners": to_csv_text(partners_table(workbook), TABLES["partners"]),
        "sources": to_csv_text(sources, TABLES["sources"]),
    }
    return BuildResult(publish(base, texts, _require_valid), workbook.last_month)
