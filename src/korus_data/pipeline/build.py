"""Rebuild the published tables from official files, validate them, then replace the old ones.

The official files are read by :mod:`korus_data.pipeline.readers`; the curated inputs (hand-kept
rows, code maps) come from ``korus_data/curated/`` and from the hand-kept tables in ``data/``;
the builders of :mod:`korus_data.pipeline.tables` assemble them; :mod:`korus_data.pipeline.writer`
stages, validates and publishes.

Example (not run here: it reads the Census workbook)::

    from korus_data.pipeline import run_build
    run_build(".", census_workbook="../shared/sources/census/country-2026-01.xlsx",
              captures="../shared/sources/census/c5800-page-captures.csv")
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError, UsageError
from korus_data.pipeline.build_steps import (
    codes_step,
    enduse_step,
    naics_step,
    partner_products_step,
    rates_step,
    tariffs_step,
    usato_reports_step,
)
from korus_data.pipeline.curated import read_committed, read_curated
from korus_data.pipeline.inputs import BuildInputs, open_input
from korus_data.pipeline.readers.bea_trade import bop_tables, derivation_problems, read_bea_workbook
from korus_data.pipeline.readers.bea_trade import source_record as bea_source_record
from korus_data.pipeline.readers.c5800_captures import read_captures
from korus_data.pipeline.readers.census_country import (
    OFFICIAL_URL,
    CountryWorkbook,
    read_country_workbook,
)
from korus_data.pipeline.registry import merge_releases, merge_sources
from korus_data.pipeline.tables.both_sides import dots_rows, reported_goods_rows
from korus_data.pipeline.tables.goods import coarse_releases, goods_tables
from korus_data.pipeline.tables.investment import partner_positions, position_table
from korus_data.pipeline.tables.partners import partners_table
from korus_data.pipeline.tariff_steps import duty_step, hs10_step, schedule_step
from korus_data.pipeline.vintages import history, latest, named_codes_first, with_refreshed
from korus_data.pipeline.writer import publish, require_valid, to_csv_text
from korus_data.schema.codes import KOREA_CENSUS_CODE
from korus_data.schema.tables import TABLES
from korus_data.store.paths import resolve_root
from korus_data.store.releases import end_of_period

__all__ = ["OFFICIAL_URL", "BuildInputs", "BuildResult", "run_build"]

#: Release series only ``korus-data refresh`` records (official APIs).
REFRESH_SERIES = ("census_intltrade_api", "bea_api", "imf_imts_api")


@dataclass(frozen=True)
class BuildResult:
    """What a build changed (paths relative to the package root)."""

    changed: list[str]
    census_vintage: str | None = None
    #: what the gates measured, one line each (printed by the CLI)
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        vintage = f" (Census data through {self.census_vintage})" if self.census_vintage else ""
        notes = "".join(f"\n  {note}" for note in self.notes)
        if not self.changed:
            return f"build complete{vintage}: every file was already up to date{notes}"
        return f"build complete{vintage}: updated " + ", ".join(self.changed) + notes


class _Build:
    """The texts, source records and releases of one build, gathered input by input."""

    def __init__(self, base: Path, workdir: Path) -> None:
        self.base = base
        self.workdir = workdir
        self.texts: dict[str, str] = {}
        self.records: list[dict] = []
        self.releases: list[dict] = []
        self.sources = read_committed(base, "sources")
        self.release_dates = read_curated("release_dates").fillna("").set_index("release_id")
        self.census_vintage: str | None = None
        self.notes: list[str] = []
        #: the newest workbook, its partners and its release: what the NAICS gates compare
        self.newest_workbook: CountryWorkbook | None = None
        self.partners: pd.DataFrame | None = None
        self.newest_release: dict | None = None
        #: what the product steps built this time (None: the committed rows stand): End-Use
        #: codes, NAICS groups, and every partner's rows of each classification family
        self.enduse_codes: pd.DataFrame | None = None
        self.naics_codes: pd.DataFrame | None = None
        self.partner_products: dict[str, pd.DataFrame] = {}
        #: every partner's annual totals in every vintage read (the End-Use gate's reference)
        self.partner_vintages: pd.DataFrame | None = None
        releases = read_committed(base, "releases")
        #: Releases recorded by ``korus-data refresh``: no file of a build re-reads them.
        self.refreshed_releases = set(
            releases.loc[releases["series"].isin(REFRESH_SERIES), "release_id"]
        )

    def put(self, name: str, frame: pd.DataFrame) -> None:
        self.texts[name] = to_csv_text(frame, TABLES[name])

    def put_vintaged(self, name: str, vintages: pd.DataFrame) -> None:
        """Write a table's vintage table and the table itself (its latest values), with the
        rows earlier refreshes recorded kept in the history."""
        table = TABLES[name]
        vintages = with_refreshed(
            vintages,
            read_committed(self.base, f"{name}_vintages"),
            self.refreshed_releases,
            list(table.primary_key),
            "value_usd_millions",
        )
        order = [*table.primary_key, "realtime_start"]
        self.put(f"{name}_vintages", named_codes_first(vintages, order))
        self.put(name, named_codes_first(latest(vintages), list(table.primary_key)))

    def dated(self, release_id: str) -> dict:
        """The curated date of a release whose file does not state it."""
        if release_id not in self.release_dates.index:
            raise BuildError(
                f"no release date for {release_id}: add when it became public to "
                "korus_data/curated/release_dates.csv"
            )
        return {"release_id": release_id, **self.release_dates.loc[release_id].to_dict()}

    def workbook_dated(self, workbook: CountryWorkbook) -> dict:
        """The release day of a workbook vintage: the FT-900 release of its last month, from
        the release calendar (``data/release_calendar.csv``)."""
        calendar = read_committed(self.base, "release_calendar")
        calendar = calendar[calendar["series"] == "census_ft900"].set_index("data_through")
        month = workbook.last_month
        if month not in calendar.index:
            raise BuildError(
                f"no release date for {workbook.source_id}: add the Census release of "
                f"{month} data (its day and source) to data/release_calendar.csv"
            )
        row = calendar.loc[month]
        return {
            "release_id": workbook.source_id,
            "released": row["released"],
            "date_kind": "published",
            "date_source_id": row["source_id"],
        }

    def census(self, inputs: BuildInputs) -> pd.DataFrame:
        locations = [*inputs.older_census_workbooks, inputs.census_workbook]

        def read(location: str | Path) -> CountryWorkbook:
            file = open_input(location, self.workdir)
            return read_country_workbook(file, monthly_for=(KOREA_CENSUS_CODE,))

        # python-calamine parses a workbook without holding the GIL: two at a time
        with ThreadPoolExecutor(max_workers=2) as pool:
            workbooks = list(pool.map(read, locations))
        workbooks.sort(key=lambda w: w.last_month)
        partners = partners_table(workbooks, read_committed(self.base, "partners"))
        reports = usato_reports_step(self, inputs.usato_country_reports, workbooks, partners)
        every = sorted([*workbooks, *reports], key=lambda w: (w.last_month, w.source_id))
        captures = open_input(inputs.captures, self.workdir) if inputs.captures else None
        goods = goods_tables(
            every,
            read_captures(captures) if captures else [],
            {w.source_id: self.workbook_dated(w) for w in every},
            end_of_period,
            self.census_history(),
        )
        self.put_vintaged("goods_trade_monthly", goods.monthly_vintages)
        self.put_vintaged("us_goods_trade_by_partner_annual", goods.by_partner_vintages)
        self.partner_vintages = goods.by_partner_vintages
        self.put("partners", partners)
        self.newest_workbook, self.partners = workbooks[-1], partners
        self.newest_release = self.workbook_dated(workbooks[-1])
        self.records += goods.sources
        self.releases += goods.releases
        self.census_vintage = workbooks[-1].last_month
        return goods.annual_vintages

    def census_history(self) -> dict[str, pd.DataFrame]:
        """The committed Census vintages, as observations a new build adds to."""
        releases = read_committed(self.base, "releases")
        units = coarse_releases(releases)
        annual = read_committed(self.base, "goods_trade_annual_vintages")
        return {
            "monthly": history(
                read_committed(self.base, "goods_trade_monthly_vintages").rename(
                    columns={"value_usd_millions": "value"}
                ),
                {"period": str, "flow": str},
                "value",
                units,
            ),
            "annual": history(
                annual[annual["basis"] == "census"].rename(columns={"value_usd_millions": "value"}),
                {"year": int, "flow": str},
                "value",
                units,
            ),
            "partners": history(
                read_committed(self.base, "us_goods_trade_by_partner_annual_vintages").rename(
                    columns={"value_usd_millions": "value"}
                ),
                {"partner_code": str, "year": int, "flow": str},
                "value",
                units,
            ),
        }

    def bea_trade(self, location: str | Path) -> None:
        workbook = read_bea_workbook(open_input(location, self.workdir))
        problems = derivation_problems(workbook)
        if problems:
            raise BuildError(
                "the BEA workbook's totals do not match its parts:\n  " + "\n  ".join(problems[:10])
            )
        annual, quarterly = bop_tables(workbook)
        record = bea_source_record(workbook)
        day = end_of_period(record["date_published"])
        self.put_vintaged(
            "bop_trade_annual", annual.assign(realtime_start=day, realtime_end=pd.NaT)
        )
        self.put_vintaged(
            "bop_trade_quarterly", quarterly.assign(realtime_start=day, realtime_end=pd.NaT)
        )
        self.records.append(record)
        self.releases.append(
            {
                "release_id": record["source_id"],
                "series": "bea_trade_by_country",
                "data_through": record["vintage"],
                "released": record["date_published"],
                "date_kind": "published",
                "date_source_id": "",
            }
        )

    def positions(self, folder: Path) -> None:
        built = position_table(folder, self.sources, self.dated)
        self.put_vintaged("direct_investment_position_annual", built.vintages)
        self.records += built.source_updates
        self.releases += built.releases
        days = {r["release_id"]: end_of_period(r["released"]) for r in built.releases}
        every = partner_positions(folder, self.sources, days)
        self.put_vintaged("direct_investment_position_by_partner_annual", every.vintages)
        self.records += every.source_updates

    def goods_annual(self, census: pd.DataFrame | None, imf_folder: Path | None) -> None:
        """Every basis of the annual goods table: Census, IMF DOTS and the curated rows.

        A basis not rebuilt here keeps its committed vintages: rebuilding one input never
        drops another's rows.
        """
        committed = read_committed(self.base, "goods_trade_annual_vintages")
        if census is None:
            census = committed[committed["basis"] == "census"]
        if imf_folder is not None:
            dots = dots_rows(imf_folder)
            days = {}
            for release_id, series_through in dots.releases.items():
                dated = self.dated(release_id)
                release = {**dated, "series": "imf_dots", "data_through": series_through}
                self.releases.append(release)
                days[release_id] = end_of_period(dated["released"])
            imf = dots.annual.assign(
                realtime_start=dots.annual["source_id"].map(days), realtime_end=pd.NaT
            )
            self.records += dots.source_updates
        else:
            imf = committed[committed["basis"] == "imf_dots"]
        reported = reported_goods_rows()
        published = self.sources.set_index("source_id")["date_published"]
        reported = reported.assign(
            realtime_start=pd.to_datetime(
                [end_of_period(v) for v in reported["source_id"].map(published)]
            ),
            realtime_end=pd.NaT,
        )
        combined = pd.concat(
            [frame.astype(object) for frame in (census, imf, reported)], ignore_index=True
        )
        combined["year"] = combined["year"].astype(int)
        combined["value_usd_millions"] = combined["value_usd_millions"].astype(float)
        for column in ("realtime_start", "realtime_end"):
            combined[column] = pd.to_datetime(combined[column])
        self.put_vintaged("goods_trade_annual", combined)

    def release_rows(self) -> pd.DataFrame:
        """The committed releases with this build's added or replaced."""
        return merge_releases(read_committed(self.base, "releases"), self.releases)


def run_build(
    root: str | Path | None = None,
    *,
    census_workbook: str | Path | None = None,
    captures: str | Path | None = None,
    bea_workbook: str | Path | None = None,
    source_pack: str | Path | None = None,
    today: str | None = None,
    descriptor_only: bool = False,
    accept_revisions: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Rebuild tables under ``root`` from the inputs given, then regenerate the descriptor.

    ``census_workbook`` (path or URL of ``country.xlsx``) and ``captures`` rebuild the goods
    and partner tables; ``bea_workbook`` the balance-of-payments tables; ``source_pack`` (a
    folder laid out like ``../shared/sources``) supplies every official input. The curated
    inputs come from the package itself. With no input at all, the Census workbook is
    downloaded from its official address. With ``descriptor_only`` nothing is read: only
    ``datapackage.json`` and the README's generated parts are regenerated (after an edit of a
    hand-kept table). A release whose figures move beyond anything in their history is refused
    (:mod:`korus_data.pipeline.plausibility`) unless ``accept_revisions``. Raises
    :class:`BuildError` and leaves every file as it was when anything fails.
    """
    base = resolve_root(root)
    if not (base / "data").is_dir():
        raise UsageError(f"{base} is not a korus-data package root: it has no data/ folder")
    today = today or dt.date.today().isoformat()
    if descriptor_only:
        return BuildResult(publish(base, {}, require_valid("rebuilt")))
    inputs = BuildInputs.from_source_pack(source_pack) if source_pack else BuildInputs()
    inputs = replace(
        inputs,
        census_workbook=census_workbook or inputs.census_workbook,
        captures=captures or inputs.captures,
        bea_workbook=bea_workbook or inputs.bea_workbook,
        older_census_workbooks=inputs.older_census_workbooks if not census_workbook else (),
        usato_country_reports=inputs.usato_country_reports if not census_workbook else (),
    )
    if inputs.empty:
        inputs = BuildInputs(census_workbook=OFFICIAL_URL)

    say = progress or (lambda step: None)
    with tempfile.TemporaryDirectory(prefix="korus-inputs-") as tmp:
        build = _Build(base, Path(tmp))
        census_annual = None
        if inputs.census_workbook:
            say("reading the Census workbooks and captures, building their vintages…")
            census_annual = build.census(inputs)
        if inputs.bea_workbook:
            say("reading BEA's trade workbook…")
            build.bea_trade(inputs.bea_workbook)
        if inputs.bea_positions:
            say("reading BEA's position tables…")
            build.positions(inputs.bea_positions)
        if inputs.enduse_workbook or inputs.enduse_exports:
            say("reading the End-Use files, checking every partner against the workbooks…")
            enduse_step(build, inputs.enduse_workbook, inputs.enduse_exports)
        if census_annual is not None or inputs.imf_dots:
            say("reading the IMF reports, assembling annual goods…")
            build.goods_annual(census_annual, inputs.imf_dots)
        if inputs.naics_reports:
            say("reading the NAICS reports of every partner, checking them against the workbook…")
            naics_step(
                build,
                inputs.naics_reports,
                build.newest_workbook,
                build.partners,
                build.newest_release,
            )
        partner_products_step(build)
        codes_step(build)
        if inputs.h10_daily:
            say("reading the H.10 won rate, deriving its averages…")
            rates_step(build, inputs.h10_daily)
        if inputs.tariff_staging:
            tariffs_step(build, inputs.tariff_staging)
        if inputs.hts_editions:
            say("reading the tariff schedule's editions, checking the 2025 measures…")
            schedule_step(build, inputs.hts_editions)
        if inputs.duty_report:
            duty_step(build, inputs.duty_report)
        if inputs.hs10_reports:
            say("reading imports by HTS line…")
            hs10_step(build, inputs.hs10_reports)
    say("validating the staged release and publishing it…")
    sources = merge_sources(build.sources, build.records, today)
    build.put("sources", sources)
    build.put("releases", build.release_rows())
    check = require_valid("rebuilt", base, accept_revisions=accept_revisions)
    return BuildResult(publish(base, build.texts, check), build.census_vintage, tuple(build.notes))
