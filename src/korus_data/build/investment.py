"""Direct investment positions and affiliate operations, from BEA tables and source extracts.

Every figure is read from a file of the source pack, never typed here: the two BEA position
tables (``bea/*.csv``) and rows of the extracts chosen by address, year and measure. Where
several publications give a figure for the same year, the newest vintage wins; the others
are registered in ``sources`` with ``superseded_by`` set.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.build.extracts import extract_value, file_sha256
from korus_data.definitions import MONEY_UNIT
from korus_data.errors import BuildError


@dataclass(frozen=True)
class Publication:
    """A source of investment figures: its registry record and its vintage (YYYY-MM)."""

    source_id: str
    publisher: str
    title: str
    url: str
    kind: str
    primary: bool
    date_published: str
    vintage: str
    license: str = "cited-figures"
    notes: str = ""

    def record(self, sha256: str = "") -> dict:
        return {
            "source_id": self.source_id,
            "publisher": self.publisher,
            "title": self.title,
            "url": self.url,
            "kind": self.kind,
            "primary": self.primary,
            "date_published": self.date_published,
            "vintage": self.vintage,
            "license": self.license,
            "sha256": sha256,
            "superseded_by": "",
            "notes": self.notes,
        }


BEA_FDIUS = Publication(
    "bea-fdius-position-by-country-2008-2019",
    "U.S. Bureau of Economic Analysis (table copied in a public GitHub repository)",
    "Foreign Direct Investment in the United States: Selected Items by Detailed Country, "
    "2008-2019 (position on a historical-cost basis)",
    "https://github.com/sabrinasaleh/Data_Munging_Plotting/blob/403dabfe/julie_csv/FDI-USA_beaGOV_.csv",
    "secondary_copy", False, "2020-07", "2019", "US-Government-Works",
    "Korea's row ('South Korea'). Its 2017-2019 figures are superseded by the July 2021 "
    "vintage reported by Yonhap (yonhap-2021-08-29-commerce-di).",
)  # fmt: skip
BEA_USDIA = Publication(
    "bea-usdia-position-by-country-1982-2014",
    "U.S. Bureau of Economic Analysis (download copied in a public GitHub repository)",
    "U.S. Direct Investment Position Abroad on a Historical-Cost Basis, by country, all "
    "industries, 1982-2014 (interactive-table download of June 21, 2016)",
    "https://github.com/thereseanders/Workshop-DataManagement-tidyverse/blob/"
    "bde8bce4964a02abaaf3ae48aa51c7a0e3b48ea0/Session6/fdidata.csv",
    "secondary_copy", False, "2016-06-21", "2014", "US-Government-Works",
    "Korea's row ('Korea, Republic of').",
)  # fmt: skip

#: Publications in the extracts, by the address the extracts cite.
EXTRACT_PUBLICATIONS = {
    "https://jp.yna.co.kr/view/AJP20210827004800882": Publication(
        "yonhap-2021-08-29-commerce-di", "Yonhap News Agency (citing U.S. Department of Commerce data)",
        "Report on Korea-U.S. direct investment positions for 2017-2020 (Japanese edition)",
        "https://jp.yna.co.kr/view/AJP20210827004800882", "press", False, "2021-08-29", "2020",
        notes="Commerce (BEA) positions of the July 2021 vintage as reported by the press; "
        "newer than the BEA table of 2020, so its figures for 2017-2020 are the ones published.",
    ),
    "https://m-en.yna.co.kr/view/AEN20191105003400325": Publication(
        "yonhap-2019-11-05-state-department", "Yonhap News Agency (citing a U.S. Department of State statement)",
        "Report of a State Department statement on Korea-U.S. investment, November 2019",
        "https://m-en.yna.co.kr/view/AEN20191105003400325", "press", False, "2019-11-05", "2018",
    ),
    "https://keia.org/the-peninsula/the-case-for-active-public-relations-and-communications-strategy-in-promoting-free-trade/": Publication(
        "keia-2024-korea-fdi-2023", "Korea Economic Institute of America",
        "The Case for Active Public Relations and Communications Strategy in Promoting Free Trade",
        "https://keia.org/the-peninsula/the-case-for-active-public-relations-and-communications-strategy-in-promoting-free-trade/",
        "research", False, "", "2023",
        notes="Korea's direct investment position in the U.S. at the end of 2023 as a research "
        "institute states it (no primary BEA figure for 2023 was found).",
    ),
    "https://www.yumpu.com/en/document/view/12149062/us-korea-free-trade-agreement-potential-economy-wide-usitc/196": Publication(
        "usitc-2007-korus-report-di-2005", "U.S. International Trade Commission (report mirrored on yumpu)",
        "U.S.-Korea Free Trade Agreement: Potential Economy-wide and Selected Sectoral Effects "
        "(2007), bilateral direct investment positions for 2005 citing BEA",
        "https://www.yumpu.com/en/document/view/12149062/us-korea-free-trade-agreement-potential-economy-wide-usitc/196",
        "official_statement", False, "2007", "2005", "US-Government-Works",
    ),
    "https://keia.org/the-peninsula/growing-role-of-fdi-from-korea-in-providing-opportunity-and-high-paying-jobs-for-america/": Publication(
        "keia-2017-09-20-korea-fdi", "Korea Economic Institute of America",
        "Growing Role of FDI from Korea in Providing Opportunity and High-Paying Jobs for America",
        "https://keia.org/the-peninsula/growing-role-of-fdi-from-korea-in-providing-opportunity-and-high-paying-jobs-for-america/",
        "research", False, "2017-09-20", "2016",
    ),
    "http://advocacy.calchamber.com/international/portals/south-korea/": Publication(
        "calchamber-korea-portal", "California Chamber of Commerce (citing SelectUSA)",
        "South Korea trade portal: Korean investment in the United States",
        "http://advocacy.calchamber.com/international/portals/south-korea/", "research", False,
        "", "2016",
        notes="Figures for 2016 attributed to SelectUSA; the affiliates covered are not stated.",
    ),
    "https://thehill.com/opinion/op-ed/294875-korea-trade-more-than-just-imports-and-exports/": Publication(
        "thehill-2016-korea-trade-op-ed", "The Hill (op-ed)",
        "Korea trade: more than just imports and exports",
        "https://thehill.com/opinion/op-ed/294875-korea-trade-more-than-just-imports-and-exports/",
        "press", False, "2016", "2015",
    ),
    "https://blog.trade.gov/tag/investment/page/2/": Publication(
        "ita-2014-03-26-selectusa-korea", "International Trade Administration (SelectUSA)",
        "Bringing Lessons Home From Korea (Tradeology blog, March 26, 2014)",
        "https://blog.trade.gov/tag/investment/page/2/", "official_statement", True,
        "2014-03-26", "2012", "US-Government-Works",
        notes="SelectUSA's figures for Korean-owned U.S. subsidiaries; the year is taken as 2012, "
        "the last year of the growth rate the same post quotes.",
    ),
}  # fmt: skip

#: (extract file, address, year, measure) of every position figure taken from the extracts,
#: with (investor, host).
POSITION_PICKS = [
    ("affiliates_fdi_3.csv", "https://jp.yna.co.kr/view/AJP20210827004800882", year, "position_kr_in_us")
    for year in (2017, 2018, 2019, 2020)
] + [
    ("affiliates_fdi_3.csv", "https://jp.yna.co.kr/view/AJP20210827004800882", 2020, "position_us_in_kr"),
    ("services_fdi.csv", "https://m-en.yna.co.kr/view/AEN20191105003400325", 2018, "position_kr_in_us"),
    ("services_fdi.csv", "https://m-en.yna.co.kr/view/AEN20191105003400325", 2018, "position_us_in_kr"),
    ("services_fdi.csv", "https://keia.org/the-peninsula/the-case-for-active-public-relations-and-communications-strategy-in-promoting-free-trade/", 2023, "position_kr_in_us"),
    ("services_fdi.csv", "https://www.yumpu.com/en/document/view/12149062/us-korea-free-trade-agreement-potential-economy-wide-usitc/196", 2005, "position_kr_in_us"),
    ("services_fdi.csv", "https://www.yumpu.com/en/document/view/12149062/us-korea-free-trade-agreement-potential-economy-wide-usitc/196", 2005, "position_us_in_kr"),
    ("services_fdi.csv", "https://keia.org/the-peninsula/growing-role-of-fdi-from-korea-in-providing-opportunity-and-high-paying-jobs-for-america/", 2016, "position_kr_in_us"),
    ("services_fdi.csv", "http://advocacy.calchamber.com/international/portals/south-korea/", 2016, "position_kr_in_us"),
    ("services_fdi.csv", "https://thehill.com/opinion/op-ed/294875-korea-trade-more-than-just-imports-and-exports/", 2015, "position_kr_in_us"),
]  # fmt: skip
DIRECTION = {"position_kr_in_us": ("KOR", "USA"), "position_us_in_kr": ("USA", "KOR")}

#: (extract file, address, year, measure in the extract) -> (measure, stated_as).
AFFILIATE_PICKS = {
    ("services_fdi.csv", "https://blog.trade.gov/tag/investment/page/2/", 2012, "employment"): ("employment", "more_than"),
    ("services_fdi.csv", "https://blog.trade.gov/tag/investment/page/2/", 2012, "exports_goods_musd"): ("exports_of_goods", "almost"),
    ("services_fdi.csv", "http://advocacy.calchamber.com/international/portals/south-korea/", 2016, "employment"): ("employment", "exact"),
    ("services_fdi.csv", "http://advocacy.calchamber.com/international/portals/south-korea/", 2016, "rnd_musd"): ("rnd_expenditure", "exact"),
    ("services_fdi.csv", "http://advocacy.calchamber.com/international/portals/south-korea/", 2016, "exports_goods_musd"): ("exports_of_goods", "exact"),
    ("services_fdi.csv", "https://m-en.yna.co.kr/view/AEN20191105003400325", 2018, "employment_claim"): ("employment", "more_than"),
}  # fmt: skip
UNITS = {"employment": "persons", "rnd_expenditure": MONEY_UNIT, "exports_of_goods": MONEY_UNIT}


@dataclass(frozen=True)
class InvestmentTables:
    positions: pd.DataFrame
    affiliates: pd.DataFrame
    sources: list[dict]


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None  # (D), (*), -- : suppressed or not applicable, never a zero


def _bea_row(path: Path, label: str, first_year_row: int) -> dict[int, float]:
    """The figures of one country row of a BEA table, keyed by year."""
    if not path.is_file():
        raise BuildError(f"BEA position table {path} does not exist")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    years = rows[first_year_row]
    matches = [r for r in rows if r and r[0].strip() == label]
    if len(matches) != 1:
        raise BuildError(f"{path.name}: expected one row {label!r}, found {len(matches)}")
    out = {}
    for heading, cell in zip(years[1:], matches[0][1:], strict=False):
        if heading.strip().isdigit() and (value := _number(cell)) is not None:
            out[int(heading)] = value
    return out


def investment_tables(pack: Path) -> InvestmentTables:
    """Build both tables from the source pack folder (``bea/`` and ``extracts/``)."""
    fdius = pack / "bea" / "fdius-position-by-country-2008-2019.csv"
    usdia = pack / "bea" / "usdia-position-by-country-1982-2014.csv"
    extracts = pack / "extracts"
    candidates = []
    for year, value in _bea_row(fdius, "South Korea", 3).items():
        candidates.append(("KOR", "USA", year, value, BEA_FDIUS))
    for year, value in _bea_row(usdia, "Korea, Republic of", 5).items():
        candidates.append(("USA", "KOR", year, value, BEA_USDIA))
    for file, url, year, measure in POSITION_PICKS:
        investor, host = DIRECTION[measure]
        value = extract_value(extracts, file, url, year, measure=measure)
        candidates.append((investor, host, year, value, EXTRACT_PUBLICATIONS[url]))

    # Newest publication first; an undated publication counts as the oldest.
    frame = pd.DataFrame(
        [(i, h, y, v, p.source_id, p.date_published) for i, h, y, v, p in candidates],
        columns=["investor", "host", "year", "value_usd_millions", "source_id", "published"],
    )
    frame = frame.sort_values("published", ascending=False, kind="stable")
    chosen = frame.drop_duplicates(["investor", "host", "year"], keep="first")
    positions = chosen.assign(basis="historical_cost").sort_values(["investor", "host", "year"])

    affiliates = []
    for (file, url, year, measure), (name, stated_as) in AFFILIATE_PICKS.items():
        affiliates.append(
            {
                "parent_country": "KOR",
                "host": "USA",
                "year": year,
                "measure": name,
                "ownership": "not_stated",
                "value": extract_value(extracts, file, url, year, measure=measure),
                "unit": UNITS[name],
                "stated_as": stated_as,
                "source_id": EXTRACT_PUBLICATIONS[url].source_id,
            }
        )
    affiliates_frame = pd.DataFrame(affiliates)
    # One figure per (year, measure): the newest source wins, as for positions.
    vintage = {p.source_id: p.date_published for p in EXTRACT_PUBLICATIONS.values()}
    affiliates_frame = (
        affiliates_frame.assign(v=affiliates_frame["source_id"].map(vintage))
        .sort_values("v", ascending=False, kind="stable")
        .drop_duplicates(["parent_country", "host", "year", "measure", "ownership"])
        .drop(columns="v")
        .sort_values(["year", "measure"], ignore_index=True)
    )

    publications = {p.source_id: p for _, _, _, _, p in candidates}
    publications.update({p.source_id: p for p in EXTRACT_PUBLICATIONS.values()})
    sha = {BEA_FDIUS.source_id: file_sha256(fdius), BEA_USDIA.source_id: file_sha256(usdia)}
    used = set(positions["source_id"]) | set(affiliates_frame["source_id"])
    records = []
    for source_id, publication in sorted(publications.items()):
        record = publication.record(sha.get(source_id, ""))
        replaced = frame[frame["source_id"] == source_id].merge(
            chosen, on=["investor", "host", "year"], suffixes=("", "_chosen")
        )
        replaced = replaced[replaced["source_id_chosen"] != source_id]
        if source_id not in used and replaced.empty:
            continue  # cited for something else (a claim), not for these tables
        if not replaced.empty:
            years = ", ".join(str(y) for y in sorted(replaced["year"]))
            newer = replaced["source_id_chosen"].mode().iloc[0]
            if source_id not in used:
                record["superseded_by"] = newer
            record["notes"] = (record["notes"] + " " if record["notes"] else "") + (
                f"Its direct investment position for {years} is not used: {newer} is a "
                "newer vintage."
            )
        records.append(record)
    columns = ["investor", "host", "year", "basis", "value_usd_millions", "source_id"]
    return InvestmentTables(positions[columns].reset_index(drop=True), affiliates_frame, records)
