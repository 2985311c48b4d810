"""U.S. trade by 5-digit End-Use code: Korea's rows for the bilateral product table (with every
release kept as a vintage) and every partner's exports for the every-partner product table.

The Census Bureau keeps two End-Use schedules: the export codes (00000 is wheat) and the
import codes (00000 is green coffee). They are two classifications here,
``census_enduse_exports`` and ``census_enduse_imports``.

Releases read: the imports workbook (every partner, 2016-2025; Korea's rows are published),
the exports file of 2013-2022 (every partner) and Korea's rows of its next vintage, 2015-2024.
For each figure the vintage table keeps every release's value; the published tables show the
newest. Every partner's exports come from the one file that has them all, but Korea's, which
are Korea's newest (the bilateral table's), so that one figure has one value everywhere.

Gate (build, :func:`korus_data.pipeline.tables.partner_totals.check_totals`): for every
partner and year, the codes add up to a Census workbook total the package holds, to the
dollar, but in the years ``curated/vintage_gaps.csv`` lists (a file carrying an annual
revision of which the package holds no workbook).

Example:
    >>> CLASSIFICATION_OF["export"]
    'census_enduse_exports'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.readers.census_enduse import EndUseFile
from korus_data.pipeline.tables.partner_totals import TotalsCheck, check_totals
from korus_data.schema.codes import KOREA_CENSUS_CODE, WORLD_CENSUS_CODE

CLASSIFICATION_OF = {"export": "census_enduse_exports", "import": "census_enduse_imports"}
#: The files' world total, and the Census code the package uses for it.
FILE_WORLD_CODE = "0000"
#: One dollar in millions (each side is rounded to six decimals).
DOLLAR = 1e-6
DECIMALS = 6


@dataclass(frozen=True)
class EndUseRelease:
    """One End-Use file read, as a release: its id, the day it became public, its file."""

    source_id: str
    day: pd.Timestamp
    data: EndUseFile


def korea_observations(release: EndUseRelease) -> pd.DataFrame:
    """Korea's rows of one release as observations of the bilateral product table (with the
    day they became public and their rounding unit, for the vintage table)."""
    rows = release.data.rows
    korea = rows[rows["cty_code"] == KOREA_CENSUS_CODE]
    return pd.DataFrame(
        {
            "reporter": "USA",
            "partner": "KOR",
            "year": korea["year"].astype("int64"),
            "flow": release.data.flow,
            "classification": CLASSIFICATION_OF[release.data.flow],
            "product_code": korea["product_code"],
            "value_usd_millions": (korea["dollars"] / 1e6).round(DECIMALS),
            "source_id": release.source_id,
            "known_from": release.day,
            "unit": DOLLAR,
        }
    )


def release_partner_rows(release: EndUseRelease, partner_codes: set[str]) -> pd.DataFrame:
    """Every partner's rows of ``release`` as rows of ``us_goods_trade_by_product_annual``
    (the file's world total as code 0015); :class:`BuildError` for a partner code the
    partners table lacks."""
    rows = release.data.rows
    codes = rows["cty_code"].replace(FILE_WORLD_CODE, WORLD_CENSUS_CODE)
    unknown = sorted(set(codes) - partner_codes)
    if unknown:
        raise BuildError(
            f"{release.data.file.label}: partner codes {', '.join(unknown[:8])} are not in the "
            "partners table"
        )
    every = pd.DataFrame(
        {
            "partner_code": codes,
            "year": rows["year"].astype("int64"),
            "months": 12,
            "flow": release.data.flow,
            "classification": CLASSIFICATION_OF[release.data.flow],
            "product_code": rows["product_code"],
            "value_usd_millions": (rows["dollars"] / 1e6).round(DECIMALS),
            "source_id": release.source_id,
        }
    )
    return every.reset_index(drop=True)


def partner_rows(every: pd.DataFrame, korea_latest: pd.DataFrame) -> pd.DataFrame:
    """``every`` (rows of one release, :func:`release_partner_rows`) with Korea's replaced by
    ``korea_latest`` (the bilateral table's newest rows of the same flow and classification),
    so that one figure has one value in every table."""
    others = every[every["partner_code"] != KOREA_CENSUS_CODE]
    korea = korea_latest.assign(partner_code=KOREA_CENSUS_CODE, months=12)[list(every.columns)]
    return pd.concat([others, korea], ignore_index=True).sort_values(
        ["partner_code", "year", "flow", "classification", "product_code"], ignore_index=True
    )


def product_codes(releases: list[EndUseRelease]) -> pd.DataFrame:
    """The codes of every release, described as the newest release of its flow has them."""
    frames = [
        r.data.rows[["product_code", "description"]].assign(
            classification=CLASSIFICATION_OF[r.data.flow], day=r.day
        )
        for r in releases
    ]
    codes = pd.concat(frames, ignore_index=True).sort_values("day", kind="stable")
    codes = codes.drop_duplicates(["classification", "product_code"], keep="last")
    return codes[["classification", "product_code", "description"]].reset_index(drop=True)


#: Where each End-Use exports release comes from: the copy of the Census file, what it holds.
EXPORT_COPIES = {
    "census-enduse-exports-2013-2022": (
        "https://github.com/philrenaud/viz-perf-compare/blob/"
        "da75b5308f2f6b8a7116d2d6b7e3ca850a9ec942/public/enduse_exports.csv",
        "every partner, annual 2013-2022",
    ),
    "census-enduse-exports-korea-2015-2024": (
        "https://github.com/philrenaud/viz-perf-compare/blob/"
        "ab498935746c1edcd163364272ad2ea987f35519/public/enduse_exports.csv",
        "Korea's rows only (an extract of the newer copy), annual 2015-2024",
    ),
}


def export_source(release: EndUseRelease, check: TotalsCheck) -> dict:
    """The registry record of one End-Use exports release."""
    url, holds = EXPORT_COPIES[release.source_id]
    first, last = release.data.years
    extract = "korea" in release.source_id
    return {
        "source_id": release.source_id,
        "publisher": "U.S. Census Bureau (file copied in a public GitHub repository"
        + ("; Korea's rows extracted)" if extract else ")"),
        "title": f"U.S. exports by 5-digit End-Use code and country, {holds} (enduse_exports.csv)",
        "url": url,
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": str(last),
        "license": "US-Government-Works",
        "sha256": release.data.file.sha256,
        "superseded_by": "",
        "notes": f"Total exports (f.a.s.) by the export End-Use codes, {first}-{last}, whole "
        "dollars, published here in millions with six decimals. Dated by the day the copy "
        "was made (retrieved), not by when the Census Bureau published it. "
        f"{check.matched} partner-years add up to a Census workbook total the package holds, "
        "to the dollar"
        + (
            f"; {check.gaps} partner-years of the years listed in "
            "curated/vintage_gaps.csv carry a revision no held workbook has."
            if check.gaps
            else "."
        ),
    }


__all__ = [
    "CLASSIFICATION_OF",
    "EndUseRelease",
    "TotalsCheck",
    "check_totals",
    "export_source",
    "korea_observations",
    "partner_rows",
    "product_codes",
    "release_partner_rows",
]
