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

from korus_data.build.bea import bop_tables, read_bea_workbook
from korus_data.build.bea import derivation_problems as bea_derivation_problems
from korus_data.build.bea import source_record as bea_source_record
from korus_data.build.captures import read_captures
from korus_data.build.census import OFFICIAL_URL, read_country_workbook
from korus_data.build.goods import goods_tables, superseded_workbook, workbook_source_id
from korus_data.build.inputs import open_input
from korus_data.build.investment import investment_tables
from korus_data.build.mirror import mirror_tables
from korus_data.build.partners import by_partner_table, partners_table
from korus_data.build.projects import project_tables
from korus_data.build.sources import merge_sources
from korus_data.build.writer import publish, to_csv_text
from korus_data.catalog import resolve_root
from korus_data.definitions import TABLES
from korus_data.errors import BuildError

__all__ = ["OFFICIAL_URL", "BuildInputs", "BuildResult", "run_build"]


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


@dataclass(frozen=True)
class BuildInputs:
    """Where each input of a build is; None leaves the tables built from it unchanged."""

    census_workbook: str | Path | None = None
    captures: str | Path | None = None
    bea_workbook: str | Path | None = None
    investment_pack: Path | None = None
    #: Older vintages of the Census workbook: checked and registered as superseded, not used.
    older_census_workbooks: tuple[Path, ...] = ()

    @classmethod
    def from_source_pack(cls, pack: str | Path) -> BuildInputs:
        """The inputs in a source pack laid out like ``../shared/sources``."""
        pack = Path(pack)
        workbooks = sorted((pack / "census").glob("country-*.xlsx"))
        if not workbooks:
            raise BuildError(f"no census/country-*.xlsx in the source pack {pack}")
        captures = pack / "census" / "c5800-page-captures.csv"
        bea = sorted((pack / "bea").glob("trad-geo-time-series-*.xlsx"))
        return cls(
            census_workbook=workbooks[-1],
            captures=captures if captures.is_file() else None,
            bea_workbook=bea[-1] if bea else None,
            investment_pack=pack if (pack / "extracts").is_dir() else None,
            older_census_workbooks=tuple(workbooks[:-1]),
        )


def _goods_texts(inputs: BuildInputs, workdir: Path) -> tuple[dict[str, str], list[dict], str]:
    workbook = read_country_workbook(open_input(inputs.census_workbook, workdir))
    capture_list = read_captures(open_input(inputs.captures, workdir)) if inputs.captures else []
    goods = goods_tables(workbook, capture_list)
    older = [read_country_workbook(open_input(p, workdir)) for p in inputs.older_census_workbooks]
    texts = {
        "goods_trade_monthly": to_csv_text(goods.monthly, TABLES["goods_trade_monthly"]),
        "goods_trade_annual": to_csv_text(goods.annual, TABLES["goods_trade_annual"]),
        "us_goods_trade_by_partner_annual": to_csv_text(
            by_partner_table(workbook, workbook_source_id(workbook)),
            TABLES["us_goods_trade_by_partner_annual"],
        ),
        "partners": to_csv_text(partners_table(workbook), TABLES["partners"]),
    }
    return (
        texts,
        goods.sources + [superseded_workbook(w, workbook) for w in older],
        (workbook.last_month),
    )


def _bea_texts(location: str | Path, workdir: Path) -> tuple[dict[str, str], list[dict]]:
    workbook = read_bea_workbook(open_input(location, workdir))
    problems = bea_derivation_problems(workbook)
    if problems:
        raise BuildError(
            "the BEA workbook's totals do not match its parts:\n  " + "\n  ".join(problems[:10])
        )
    annual, quarterly = bop_tables(workbook)
    texts = {
        "bop_trade_annual": to_csv_text(annual, TABLES["bop_trade_annual"]),
        "bop_trade_quarterly": to_csv_text(quarterly, TABLES["bop_trade_quarterly"]),
    }
    return texts, [bea_source_record(workbook)]


def _investment_texts(pack: Path) -> tuple[dict[str, str], list[dict]]:
    built = investment_tables(pack)
    texts = {
        "direct_investment_position_annual": to_csv_text(
            built.positions, TABLES["direct_investment_position_annual"]
        ),
        "affiliate_operations_annual": to_csv_text(
            built.affiliates, TABLES["affiliate_operations_annual"]
        ),
    }
    projects = project_tables(pack / "extracts" / "investment_projects.csv")
    texts["investment_projects"] = to_csv_text(projects.projects, TABLES["investment_projects"])
    texts["investment_project_events"] = to_csv_text(
        projects.events, TABLES["investment_project_events"]
    )
    return texts, built.sources + projects.sources


def _mirror_parts(pack: Path):
    return mirror_tables(pack)


def _committed(base: Path, name: str) -> pd.DataFrame:
    path = base / TABLES[name].path
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()


def _with_other_bases(texts, generated, inputs: BuildInputs, base: Path):
    """Give the annual goods table every basis: Census rows plus IMF and Korean customs rows.

    Census rows come from this build's goods text or, when only other inputs are rebuilt, from
    the committed table; the other bases come from the source pack when it is given, else they
    are kept from the committed table. Rebuilding one input never drops another's rows.
    """
    pack = inputs.investment_pack
    rebuild_mirror = pack is not None and (pack / "imf").is_dir()
    if "goods_trade_annual" not in texts and not rebuild_mirror:
        return texts, generated
    texts = dict(texts)
    annual_text = texts.get("goods_trade_annual")
    current = (
        pd.read_csv(io.StringIO(annual_text), dtype=str, keep_default_na=False)
        if annual_text
        else _committed(base, "goods_trade_annual")
    )
    committed = _committed(base, "goods_trade_annual")
    census = current[current["basis"] == "census"]
    if rebuild_mirror:
        mirror = _mirror_parts(pack)
        others = mirror.annual.astype(str)
        texts["goods_trade_by_product_annual"] = to_csv_text(
            mirror.products, TABLES["goods_trade_by_product_annual"]
        )
        texts["product_codes"] = to_csv_text(mirror.product_codes, TABLES["product_codes"])
        texts["product_trade_changes"] = to_csv_text(
            mirror.changes, TABLES["product_trade_changes"]
        )
        generated = generated + mirror.sources
    else:
        others = committed[committed["basis"] != "census"] if len(committed) else committed
    combined = pd.concat([census, others], ignore_index=True)
    combined["year"] = combined["year"].astype(int)
    combined["value_usd_millions"] = combined["value_usd_millions"].astype(float)
    combined = combined.sort_values(["reporter", "basis", "year", "flow"], ignore_index=True)
    texts["goods_trade_annual"] = to_csv_text(combined, TABLES["goods_trade_annual"])
    return texts, generated


def run_build(
    root: str | Path | None = None,
    *,
    census_workbook: str | Path | None = None,
    captures: str | Path | None = None,
    bea_workbook: str | Path | None = None,
    source_pack: str | Path | None = None,
    today: str | None = None,
    descriptor_only: bool = False,
) -> BuildResult:
    """Rebuild tables under ``root`` from the inputs given, then regenerate the descriptor.

    ``census_workbook`` (path or URL of ``country.xlsx``) and ``captures`` rebuild the goods
    and partner tables; ``bea_workbook`` the balance-of-payments tables; ``source_pack`` (a
    folder laid out like ``../shared/sources``) supplies every input, including the files the
    investment tables are read from. With no input at all, the Census workbook is downloaded
    from its official address. With ``descriptor_only`` nothing is read: only
    ``datapackage.json`` and the README's data dictionary are regenerated. Raises
    :class:`BuildError` and leaves every file as it was when anything fails.
    """
    base = resolve_root(root)
    today = today or dt.date.today().isoformat()
    if descriptor_only:
        return BuildResult(publish(base, {}, _require_valid))
    inputs = BuildInputs.from_source_pack(source_pack) if source_pack else BuildInputs()
    inputs = BuildInputs(
        census_workbook=census_workbook or inputs.census_workbook,
        captures=captures or inputs.captures,
        bea_workbook=bea_workbook or inputs.bea_workbook,
        investment_pack=inputs.investment_pack,
        older_census_workbooks=inputs.older_census_workbooks if not census_workbook else (),
    )
    if not any([inputs.census_workbook, inputs.bea_workbook, inputs.investment_pack]):
        inputs = BuildInputs(census_workbook=OFFICIAL_URL)

    texts: dict[str, str] = {}
    generated: list[dict] = []
    vintage = None
    with tempfile.TemporaryDirectory(prefix="korus-inputs-") as tmp:
        workdir = Path(tmp)
        if inputs.census_workbook:
            part, records, vintage = _goods_texts(inputs, workdir)
            texts.update(part)
            generated += records
        if inputs.bea_workbook:
            part, records = _bea_texts(inputs.bea_workbook, workdir)
            texts.update(part)
            generated += records
        if inputs.investment_pack:
            part, records = _investment_texts(inputs.investment_pack)
            texts.update(part)
            generated += records
    texts, generated = _with_other_bases(texts, generated, inputs, base)
    sources = merge_sources(_read_sources(base), generated, today)
    texts["sources"] = to_csv_text(sources, TABLES["sources"])
    return BuildResult(publish(base, texts, _require_valid), vintage)
