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
from korus_data.pipeline.curated import read_committed
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.census_country import CountryWorkbook
from korus_data.pipeline.readers.frb_h10 import read_h10
from korus_data.pipeline.readers.usato_country import read_usato_country_report
from korus_data.pipeline.readers.usato_naics import read_usato_report
from korus_data.pipeline.tables import currency, naics, tariffs, usato_country
from korus_data.pipeline.tables.both_sides import in_reader_order
from korus_data.schema.codes import KOREA_CENSUS_CODE


class Build(Protocol):
    base: Path
    workdir: Path
    records: list[dict]
    releases: list[dict]
    notes: list[str]

    def put(self, name: str, frame: pd.DataFrame) -> None: ...


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
) -> pd.DataFrame:
    """Build ``us_goods_trade_by_product_annual`` (and its vintages); returns the product
    codes it uses. Needs the Census workbook of the same release, for the gates."""
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
    # one release of the reports so far: the table is that release (as_of reads its day from
    # the releases table); a vintage table comes with the second release read
    build.put("us_goods_trade_by_product_annual", built.rows)
    build.records += built.sources
    build.releases += built.releases
    largest = built.largest_difference * 1e6
    build.notes.append(
        "NAICS reports: every group adds up to its total; the totals equal the workbook "
        f"{workbook.file.label} to the dollar (largest difference ${largest:.2f}) but the "
        "differences listed in curated/naics_total_differences.csv"
    )
    return built.product_codes


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


def product_codes(
    base: Path, built: pd.DataFrame | None, naics_codes: pd.DataFrame
) -> pd.DataFrame:
    """Every classification's codes: those just built (or committed) with the NAICS groups
    replaced, in the order readers that guess types read right."""
    codes = built if built is not None else read_committed(base, "product_codes")
    codes = codes[codes["classification"] != naics.CLASSIFICATION]
    return in_reader_order(pd.concat([codes, naics_codes], ignore_index=True))
