"""The build's steps for the USA Trade Online reports by country, trade by product with every
partner, the won and tariff staging (called by :mod:`korus_data.pipeline.build` with or after
the Census workbooks).

Example (not run here: it reads the source pack)::

    from korus_data.pipeline import run_build
    run_build(".", source_pack="../shared/sources")
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_committed, read_curated
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.census_country import CountryWorkbook
from korus_data.pipeline.readers.census_enduse import read_enduse
from korus_data.pipeline.readers.frb_h10 import read_h10
from korus_data.pipeline.readers.usato_country import read_usato_country_report
from korus_data.pipeline.readers.usato_naics import read_usato_report
from korus_data.pipeline.tables import currency, enduse, naics, tariffs, usato_country
from korus_data.pipeline.tables.both_sides import in_reader_order, sector_observations
from korus_data.pipeline.vintages import build_vintages, history, latest, with_history
from korus_data.schema.codes import KOREA_CENSUS_CODE
from korus_data.store.releases import end_of_period


class Build(Protocol):
    base: Path
    workdir: Path
    records: list[dict]
    releases: list[dict]
    notes: list[str]
    sources: pd.DataFrame
    partners: pd.DataFrame | None
    partner_vintages: pd.DataFrame | None
    enduse_codes: pd.DataFrame | None
    naics_codes: pd.DataFrame | None
    partner_products: dict[str, pd.DataFrame]

    def put(self, name: str, frame: pd.DataFrame) -> None: ...

    def put_vintaged(self, name: str, vintages: pd.DataFrame) -> None: ...

    def dated(self, release_id: str) -> dict: ...


def usato_reports_step(
    build: Build,
    reports: tuple[tuple[str, Path], ...],
    workbooks: list[CountryWorkbook],
    partners: pd.DataFrame,
) -> list[CountryWorkbook]:
    """The USA Trade Online reports by country and month, as vintages of the workbook's
    figures, each checked against the workbooks read (and its source recorded)."""
    codes = usato_country.usato_codes(partners)
    vintages = []
    for flow, location in reports:
        report = read_usato_country_report(open_input(location, build.workdir), flow)
        vintage = usato_country.report_vintage(report, codes, (KOREA_CENSUS_CODE,))
        check = usato_country.check_against_workbooks(vintage, workbooks)
        build.records.append(usato_country.source_record(vintage, report.generated))
        build.notes.append(
            f"{vintage.source_id}: {check.matched} partner-years equal a workbook's; "
            f"{check.unmatched} of its newest whole year have no workbook of its release"
        )
        vintages.append(vintage)
    return vintages


def naics_step(
    build: Build,
    reports: tuple[tuple[str, Path], ...],
    workbook: CountryWorkbook | None,
    partners: pd.DataFrame | None,
    release: dict | None,
) -> None:
    """The NAICS rows of ``us_goods_trade_by_product_annual`` and their product codes. Needs
    the Census workbook of the same release, for the gates."""
    if workbook is None or partners is None or release is None:
        raise BuildError(
            "the NAICS reports are checked against the Census workbook of their release: give "
            "the workbooks too (--sources with census/country-*.xlsx)"
        )
    read = {
        flow: (read_usato_report(file, flow), file)
        for flow, path in reports
        for file in [open_input(path, build.workdir)]
    }
    built = naics.naics_tables(read, workbook, partners, release)
    # one release of the reports so far: its rows are the table's (as_of reads its day from
    # the releases table); a vintage table comes with the second release read
    build.partner_products[naics.CLASSIFICATION] = built.rows
    build.naics_codes = built.product_codes
    build.records += built.sources
    build.releases += built.releases
    largest = built.largest_difference * 1e6
    build.notes.append(
        "NAICS reports: every group adds up to its total; the totals equal the workbook "
        f"{workbook.file.label} to the dollar (largest difference ${largest:.2f}) but the "
        "differences listed in curated/naics_total_differences.csv"
    )


def rates_step(build: Build, path: Path) -> None:
    """The daily won rate and its derived monthly and annual means."""
    file = open_input(path, build.workdir)
    h10 = read_h10(file)
    days, first, last = h10.days, h10.first, h10.last
    sid = currency.SOURCE_ID
    build.put("krw_per_usd_daily", days.assign(source_id=sid))
    build.put("krw_per_usd_monthly", currency.monthly_means(days, sid, first=first, last=last))
    build.put("krw_per_usd_annual", currency.annual_means(days, sid, first=first, last=last))
    build.records.append(currency.daily_source(file, days))


def tariffs_step(build: Build, path: Path) -> None:
    rows, record = tariffs.staging_table(open_input(path, build.workdir))
    build.put("korus_tariff_staging", rows)
    build.records.append(record)


ENDUSE_IMPORTS_ID = "census-enduse-imports-2016-2025"
PRODUCT_KEY = ["reporter", "partner", "year", "flow", "classification", "product_code"]


def enduse_step(build: Build, imports: Path | None, exports: tuple[tuple[str, Path], ...]) -> None:
    """The bilateral product table and its vintages (End-Use imports and exports of Korea,
    USITC sectors), and every partner's End-Use exports, each release checked against the
    Census workbook totals held."""
    files = ([(ENDUSE_IMPORTS_ID, "import", imports)] if imports else []) + [
        (sid, "export", path) for sid, path in exports
    ]
    releases = []
    for source_id, flow, path in files:
        dated = build.dated(source_id)
        data = read_enduse(open_input(path, build.workdir), flow)
        releases.append(enduse.EndUseRelease(source_id, end_of_period(dated["released"]), data))
        build.releases.append(
            {**dated, "series": f"census_enduse_{flow}s", "data_through": str(data.years[1])}
        )
    published = build.sources.set_index("source_id")["date_published"]
    new = pd.concat(
        [*(enduse.korea_observations(r) for r in releases), sector_observations(published)],
        ignore_index=True,
    )
    past = read_committed(build.base, "goods_trade_by_product_annual_vintages")
    past = history(past, dict.fromkeys(PRODUCT_KEY, str) | {"year": int}, "value_usd_millions", {})
    observations = with_history(new, past)
    vintages = build_vintages(observations, PRODUCT_KEY, "value_usd_millions")
    build.put_vintaged("goods_trade_by_product_annual", vintages)
    korea = latest(vintages)
    partners = (
        build.partners if build.partners is not None else read_committed(build.base, "partners")
    )
    codes = set(partners["partner_code"])
    totals = partner_totals(build)
    every = []
    for release in releases:
        if release.data.flow == "import":
            build.records.append(
                {"source_id": ENDUSE_IMPORTS_ID, "sha256": release.data.file.sha256}
            )
            continue
        rows = enduse.release_partner_rows(release, codes)
        check = enduse.check_totals(rows, totals, release.data.file.label)
        build.records.append(enduse.export_source(release, check))
        build.notes.append(
            f"{release.source_id}: {check.matched} partner-years add up to a workbook total; "
            f"{check.gaps} in the listed years are not compared"
        )
        if release.data.rows["cty_code"].nunique() > 1:  # a file of every partner
            every.append(rows)
    if every:
        mine = korea[korea["classification"] == enduse.CLASSIFICATION_OF["export"]]
        build.partner_products["census_enduse"] = enduse.partner_rows(
            pd.concat(every, ignore_index=True), mine.drop(columns=["reporter", "partner"])
        )
    build.enduse_codes = enduse.product_codes(releases)


def partner_totals(build: Build) -> pd.DataFrame:
    """Every partner's annual totals in every vintage held: ``partner_code, year, flow, value``."""
    vintages = build.partner_vintages
    if vintages is None:
        vintages = read_committed(build.base, "us_goods_trade_by_partner_annual_vintages")
    return pd.DataFrame(
        {
            "partner_code": vintages["partner_code"].astype(str),
            "year": vintages["year"].astype("int64"),
            "flow": vintages["flow"].astype(str),
            "value": vintages["value_usd_millions"].astype(float),
        }
    )


def partner_products_step(build: Build) -> None:
    """``us_goods_trade_by_product_annual``: the NAICS and End-Use rows built this time, the
    committed rows of a family not rebuilt (nothing written when neither was)."""
    if not build.partner_products:
        return
    committed = read_committed(build.base, "us_goods_trade_by_product_annual")
    family = committed["classification"].astype(str).map(_family)
    parts = [
        build.partner_products.get(name, _typed_products(committed[family == name]))
        for name in ("census_naics3", "census_enduse")
    ]
    rows = pd.concat([p for p in parts if len(p)], ignore_index=True)
    build.put(
        "us_goods_trade_by_product_annual",
        rows.sort_values(
            ["partner_code", "year", "flow", "classification", "product_code"], ignore_index=True
        ),
    )


def _family(classification: str) -> str:
    return "census_enduse" if classification.startswith("census_enduse") else classification


def _typed_products(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.astype({"year": "int64", "months": "int64", "value_usd_millions": float})


def codes_step(build: Build) -> None:
    """``product_codes``: each classification's codes as built this time, else as committed;
    the USITC sectors from their curated file."""
    if build.enduse_codes is None and build.naics_codes is None:
        return
    committed = read_committed(build.base, "product_codes")
    family = committed["classification"].astype(str).map(_family)
    enduse_codes = build.enduse_codes
    if enduse_codes is None:
        enduse_codes = committed[family == "census_enduse"]
    naics_codes = build.naics_codes
    if naics_codes is None:
        naics_codes = committed[family == naics.CLASSIFICATION]
    sectors = read_curated("curated_product_codes")
    every = pd.concat([enduse_codes, sectors, naics_codes], ignore_index=True)
    build.put(
        "product_codes", in_reader_order(every[["classification", "product_code", "description"]])
    )
