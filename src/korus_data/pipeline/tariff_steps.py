"""The build's steps for tariffs: the schedule by edition (and the 2025 measures checked against
it), imports with calculated duty, and imports by HTS 10-digit line (called by
:mod:`korus_data.pipeline.build` after the Census workbooks are read).

Example (not run here: it reads the source pack)::

    from korus_data.pipeline import run_build
    run_build(".", source_pack="../shared/sources")
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.build_steps import Build, partner_totals
from korus_data.pipeline.curated import read_committed
from korus_data.pipeline.inputs import open_input
from korus_data.pipeline.readers.usato_duty import read_duty_report
from korus_data.pipeline.readers.usato_hs10 import read_hs10_report
from korus_data.pipeline.readers.usitc_hts import read_hts
from korus_data.pipeline.tables import hts, tariff_trade
from korus_data.pipeline.tables.partner_totals import check_totals
from korus_data.pipeline.tables.usato_names import usato_codes


def schedule_step(build: Build, editions: tuple[tuple[int, Path], ...]) -> None:
    """``us_tariff_schedule`` from every edition given; the hand-kept 2025 measures are
    checked against the newest edition's chapter 99 text."""
    frames = []
    newest = None
    for year, path in editions:
        edition = read_hts(open_input(path, build.workdir))
        lines = hts.rate_lines(edition, year, hts.source_id_of(year))
        frames.append(lines)
        build.records.append(hts.source_record(year, edition, lines))
        build.releases.append(
            {
                **build.dated(hts.source_id_of(year)),
                "series": "usitc_hts_basic_edition",
                "data_through": str(year),
            }
        )
        newest = (year, edition)
    if newest is None:
        return
    rows = pd.concat(frames, ignore_index=True).sort_values(["edition", "hts_code"])
    build.put("us_tariff_schedule", rows.reset_index(drop=True))
    year, edition = newest
    measures = read_committed(build.base, "us_tariff_measures")
    problems = hts.measure_problems(measures, edition, year)
    if problems:
        raise BuildError(
            "data/us_tariff_measures.csv disagrees with the schedule's text: "
            + "; ".join(problems[:6])
            + (f" (and {len(problems) - 6} more)" if len(problems) > 6 else "")
        )
    build.notes.append(
        f"tariff schedule: {len(rows):,} rate lines in {len(frames)} editions; the "
        f"{len(measures)} measures naming Korea agree with the {year} edition's text"
    )


def _in_force(build: Build, day: str) -> dict:
    """The Census release in force on ``day`` (from the release calendar), as the release
    record of a report downloaded that day."""
    calendar = read_committed(build.base, "release_calendar")
    calendar = calendar[
        (calendar["series"] == "census_ft900") & (calendar["released"] <= day)
    ].sort_values("released")
    if calendar.empty:
        raise BuildError(f"the release calendar has no Census release on or before {day}")
    row = calendar.iloc[-1]
    return {
        "month": row["data_through"],
        "released": row["released"],
        "date_kind": "published",
        "date_source_id": row["source_id"],
    }


def _partners(build: Build) -> pd.DataFrame:
    return build.partners if build.partners is not None else read_committed(build.base, "partners")


def duty_step(build: Build, path: Path) -> None:
    """``us_imports_and_duty_annual``, its customs values checked against the workbooks."""
    report = read_duty_report(open_input(path, build.workdir))
    force = _in_force(build, report.generated)
    release_id = tariff_trade.release_id_of("duty", force["month"])
    rows = tariff_trade.duty_rows(report, usato_codes(_partners(build)), release_id)
    check = check_totals(rows.assign(flow="import"), partner_totals(build), report.file.label)
    years = f"{rows['year'].min()}-{rows['year'].max()}"
    release = {
        "release_id": release_id,
        "series": "census_usato_duty",
        "data_through": str(rows["year"].max()),
        "released": force["released"],
        "date_kind": force["date_kind"],
        "date_source_id": force["date_source_id"],
    }
    build.releases.append(release)
    build.records.append(
        tariff_trade.source_record("duty", release, report.file.sha256, report.generated, years)
    )
    build.put("us_imports_and_duty_annual", rows)
    build.notes.append(
        f"{release_id}: {check.matched} partner-years equal a workbook's imports; "
        f"{check.gaps} in the listed years are not compared"
    )


def hs10_step(build: Build, paths: tuple[Path, ...]) -> None:
    """``us_imports_by_hts10_annual`` from every report given."""
    frames = []
    codes = usato_codes(_partners(build))
    for path in paths:
        report = read_hs10_report(open_input(path, build.workdir))
        force = _in_force(build, report.generated)
        release_id = tariff_trade.release_id_of("hs10", force["month"])
        frames.append(tariff_trade.hs10_rows(report, codes, release_id))
        release = {
            "release_id": release_id,
            "series": "census_usato_hs10",
            "data_through": str(report.year),
            "released": force["released"],
            "date_kind": force["date_kind"],
            "date_source_id": force["date_source_id"],
        }
        build.releases.append(release)
        build.records.append(
            tariff_trade.source_record(
                "hs10", release, report.file.sha256, report.generated, str(report.year)
            )
        )
    if frames:
        build.put("us_imports_by_hts10_annual", pd.concat(frames, ignore_index=True))
