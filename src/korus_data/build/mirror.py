"""Both sides of the ledger: IMF DOTS, Korea-reported totals, and trade by product.

- IMF Direction of Trade Statistics (``imf/dots-*-reporter.xlsx``): Korea-reported exports
  (FOB) to and imports (CIF) from the U.S., 1960-2020, and the IMF's copy of the U.S.-reported
  side for 1960-1984, before the Census workbook starts.
- Korea-reported totals after 2020 (Korean customs basis) from the extracts, each from the
  publication chosen below.
- U.S. imports from Korea by 5-digit End-Use code (``census/enduse-imports.xlsx``, dollars,
  written in millions with six decimals: exact to the dollar), and U.S. exports to Korea by
  USITC digest sector (2013-2017) and published changes by product, from the extracts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from korus_data.build.extracts import extract_value, file_sha256
from korus_data.errors import BuildError

IMF_PORTAL = "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"
IMF_KOREA_COPY = (
    "https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/"
    "a0b40afbac7cefc59a4b35c1ebe541ac546aafad/data/DOTS/DOTS_106.xlsx"
)
ENDUSE_COPY = (
    "https://github.com/iriswang-creator/US_Trade_Analytics_/blob/"
    "224dd77dd58dba8900036a17e5439ff88903a5c6/enduse_imports.xlsx"
)
SHEETS = {"Exports, FOB": ("export", "fob"), "Imports, CIF": ("import", "cif")}
#: Years the IMF's copy of U.S. data is published for: before the Census workbook (1985).
US_DOTS_YEARS = range(1960, 1985)

#: Korea-reported totals after the DOTS files end: (extract file, address, year, flow).
KOREA_CUSTOMS_PICKS = [
    ("products_mirror.csv", "https://edaily.co.kr/News/Read?mediaCodeNo=257&newsId=02318966632263320", 2021, "export"),
    ("products_mirror.csv", "https://edaily.co.kr/News/Read?mediaCodeNo=257&newsId=02318966632263320", 2021, "import"),
    ("products_mirror.csv", "https://sports.chosun.com/life/2024-06-10/202406100100065710008563", 2022, "export"),
    ("products_mirror.csv", "http://newsmakerusa.com/news/view.php?idx=475&mcode=m88d4o8", 2023, "export"),
    ("products_mirror.csv", "https://m.etnews.com/20240205000193", 2023, "import"),
]  # fmt: skip
KOSIS_2024 = "github:jjttuk7-bit/clafact-auto@45d08c3c049f675b708b64dc61c9bb62ab4bf233"

#: Publications behind the picks: address -> (source_id, publisher, title, kind, primary, date).
KOREA_PUBLICATIONS = {
    "https://edaily.co.kr/News/Read?mediaCodeNo=257&newsId=02318966632263320": (
        "edaily-2022-korus-10-years", "Edaily (citing the Ministry of Trade, Industry and Energy)",
        "Korea-U.S. trade over ten years of KORUS, ministry figures", "press", False, "2022-03"),
    "https://sports.chosun.com/life/2024-06-10/202406100100065710008563": (
        "sports-chosun-2024-06-10", "Sports Chosun (citing ministry and KITA data)",
        "Korea's exports to the United States, 2020-2023", "press", False, "2024-06-10"),
    "http://newsmakerusa.com/news/view.php?idx=475&mcode=m88d4o8": (
        "newsmakerusa-2024-motie-2023", "Newsmaker USA (citing the Ministry of Trade, Industry and Energy)",
        "Korea's 2023 exports to the United States", "press", False, "2024"),
    "https://m.etnews.com/20240205000193": (
        "etnews-2024-02-05-kita-2023", "ETNews (citing the KITA Washington office, K-Stat)",
        "Korea-U.S. trade in 2023", "press", False, "2024-02-05"),
    KOSIS_2024: (
        "kosis-kita-2024-exports-by-country", "KOSIS (Statistics Korea portal; Korea International Trade Association table)",
        "Exports and imports by country (table DT_1R11006_FRM101), United States, 2024",
        "official_statistics", True, "2025-05-16"),
}  # fmt: skip


@dataclass(frozen=True)
class MirrorTables:
    annual: pd.DataFrame  # goods_trade_annual rows (IMF and Korean customs bases)
    products: pd.DataFrame
    product_codes: pd.DataFrame
    changes: pd.DataFrame
    sources: list[dict]


def _dots_row(path: Path, partner: str) -> pd.DataFrame:
    """One partner's row of both sheets of a DOTS report: year, flow, valuation, value."""
    if not path.is_file():
        raise BuildError(f"IMF DOTS file {path} does not exist")
    rows = []
    for sheet, (flow, valuation) in SHEETS.items():
        try:
            frame = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
        except Exception as exc:
            raise BuildError(f"cannot read sheet {sheet!r} of {path.name}: {exc}") from exc
        header = frame.index[frame.iloc[:, 2].astype(str) == "1960"]
        match = frame.index[frame.iloc[:, 1].astype(str).str.strip() == partner]
        if len(header) != 1 or len(match) != 1:
            raise BuildError(f"{path.name} {sheet}: no single year header and {partner!r} row")
        years = frame.iloc[header[0], 2:]
        values = frame.iloc[match[0], 2:]
        for year, value in zip(years, values, strict=True):
            if pd.notna(year) and pd.notna(value) and str(value).strip() not in ("", "..."):
                rows.append((int(year), flow, valuation, float(value)))
    return pd.DataFrame(rows, columns=["year", "flow", "valuation", "value_usd_millions"])


def _dots_source(reporter: str, path: Path) -> dict:
    korea = reporter == "KOR"
    return {
        "source_id": f"imf-dots-{'korea' if korea else 'united-states'}-reporter-2022",
        "publisher": "International Monetary Fund",
        "title": "Direction of Trade Statistics: "
        f"{'Korea, Rep. of' if korea else 'United States'} as reporter, exports FOB and "
        "imports CIF by partner, annual 1960-2020",
        "url": IMF_KOREA_COPY if korea else IMF_PORTAL,
        "kind": "official_statistics",
        "primary": True,
        "date_published": "2022-02",
        "vintage": "2020",
        "license": "cited-figures",
        "sha256": file_sha256(path),
        "superseded_by": "",
        "notes": "Downloaded from the IMF data portal on or before 2022-02-02"
        + (" (this copy kept in a public repository)." if korea else ".")
        + ("" if korea else " Used for 1960-1984 only, before the Census workbook starts."),
    }


def _korea_customs(extracts: Path) -> tuple[pd.DataFrame, list[dict]]:
    rows = []
    for file, url, year, flow in KOREA_CUSTOMS_PICKS:
        value = extract_value(extracts, file, url, year, flow=flow, table="kr_mirror_total")
        rows.append((year, flow, value, KOREA_PUBLICATIONS[url][0]))
    kosis = pd.read_csv(extracts / "mirror_products_2.csv", dtype={"source_url": str})
    kosis = kosis[kosis["source_url"].str.startswith(KOSIS_2024)]
    if len(kosis) != 1 or kosis["unit"].iloc[0] != "USD thousands":
        raise BuildError("mirror_products_2.csv: expected one KOSIS 2024 row in USD thousands")
    rows.append(
        (2024, "export", float(kosis["value"].iloc[0]) / 1000, KOREA_PUBLICATIONS[KOSIS_2024][0])
    )
    frame = pd.DataFrame(rows, columns=["year", "flow", "value_usd_millions", "source_id"])
    frame["valuation"] = frame["flow"].map({"export": "fob", "import": "cif"})
    records = []
    for url, (sid, publisher, title, kind, primary, date) in KOREA_PUBLICATIONS.items():
        records.append({
            "source_id": sid, "publisher": publisher, "title": title,
            "url": url if url.startswith("http") else
            "https://github.com/jjttuk7-bit/clafact-auto/tree/45d08c3c049f675b708b64dc61c9bb62ab4bf233",
            "kind": kind, "primary": primary, "date_published": date, "vintage": "",
            "license": "cited-figures", "sha256": "", "superseded_by": "",
            "notes": "Korean customs basis (exports FOB, imports CIF), rounded as published."
            + (" KOSIS value frozen in a public repository's API snapshot, in thousands of "
               "dollars; divided by 1,000." if not url.startswith("http") else ""),
        })  # fmt: skip
    return frame, records


def _enduse(path: Path, source_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not path.is_file():
        raise BuildError(f"End-Use workbook {path} does not exist")
    raw = pd.read_excel(path, dtype={"CTY_CODE": str, "END_USE": str, "COMM_DESC": str})
    value_columns = [c for c in raw.columns if re.fullmatch(r"value_\d{2}", str(c))]
    missing = {"CTY_CODE", "END_USE", "COMM_DESC"} - set(raw.columns)
    if missing or not value_columns:
        raise BuildError(f"{path.name} is not the End-Use imports workbook (missing {missing})")
    korea = raw[raw["CTY_CODE"].str.zfill(4) == "5800"]
    long = korea.melt(
        id_vars=["END_USE", "COMM_DESC"],
        value_vars=value_columns,
        var_name="column",
        value_name="dollars",
    ).dropna(subset=["dollars"])
    long["year"] = 2000 + long["column"].str[-2:].astype(int)
    products = pd.DataFrame({
        "reporter": "USA", "partner": "KOR", "year": long["year"], "flow": "import",
        "classification": "census_enduse", "product_code": long["END_USE"].str.zfill(5),
        "value_usd_millions": (long["dollars"].astype(float) / 1e6).round(6),
        "source_id": source_id,
    })  # fmt: skip
    codes = (
        raw[["END_USE", "COMM_DESC"]].drop_duplicates("END_USE")
        .assign(classification="census_enduse", product_code=lambda d: d["END_USE"].str.zfill(5))
        .rename(columns={"COMM_DESC": "description"})[["classification", "product_code", "description"]]
    )  # fmt: skip
    codes = codes[codes["product_code"].isin(products["product_code"])]
    return products, codes


USITC_KOREA = "https://usitc.gov/research_and_analysis/trade_shifts_2017/southkorea.htm"
USITC_2018_AG = "https://usitc.gov/research_and_analysis/trade_shifts_2018/agriculture.htm"
MOTIE_2018_ENERGY = (
    "http://www.pennmike.com/news/articleView.html?idxno=17072&replyAll=&reply_sc_order_by=I"
)
KORUS_2019_CARS = "https://www.uskoreaconnect.org/blog/korus-FTA-growth-2019/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _usitc_sectors(extracts: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(extracts / "products_mirror.csv", dtype={"source_url": str})
    rows = raw[(raw["source_url"] == USITC_KOREA) & raw["product"].str.endswith("(total exports)")]
    # The table's own total row is a total, not a category: it is left out (the Census total
    # is in goods_trade_annual).
    rows = rows[~rows["product"].str.upper().str.startswith("TOTAL")]
    if rows.empty:
        raise BuildError("products_mirror.csv: no USITC sector rows for Korea")
    names = rows["product"].str.replace(r"\s*\(total exports\)$", "", regex=True)
    products = pd.DataFrame({
        "reporter": "USA", "partner": "KOR", "year": rows["year"].astype(int), "flow": "export",
        "classification": "usitc_digest_sector", "product_code": names.map(_slug),
        "value_usd_millions": rows["value_musd"].astype(float),
        "source_id": "usitc-trade-shifts-2017-korea",
    })  # fmt: skip
    codes = pd.DataFrame(
        {
            "classification": "usitc_digest_sector",
            "product_code": names.map(_slug),
            "description": names,
        }
    ).drop_duplicates()
    return products, codes


#: Published changes by product (no levels): (file, address, product, measure) picks.
CHANGE_PICKS = [
    ("us_exports_by_product_3.csv", USITC_2018_AG, "Agricultural products (absolute change 2017->2018)", "USA", "export", "usitc_digest_sector", "agricultural_products", "change_usd_millions", 1000.0),
    ("us_exports_by_product_3.csv", USITC_2018_AG, "Agricultural products (percent change 2017->2018)", "USA", "export", "usitc_digest_sector", "agricultural_products", "change_pct", 1.0),
    ("us_exports_by_product_3.csv", MOTIE_2018_ENERGY, "Crude oil from U.S. (percent change)", "KOR", "import", "korea_mti_item", "crude_oil", "change_pct", 1.0),
    ("us_exports_by_product_3.csv", MOTIE_2018_ENERGY, "Natural gas from U.S. (percent change)", "KOR", "import", "korea_mti_item", "natural_gas", "change_pct", 1.0),
    ("us_exports_by_product_3.csv", MOTIE_2018_ENERGY, "LPG from U.S. (percent change)", "KOR", "import", "korea_mti_item", "lpg", "change_pct", 1.0),
    ("us_exports_by_product_3.csv", KORUS_2019_CARS, "Passenger cars from the U.S. (percent change)", "KOR", "import", "korea_mti_item", "passenger_cars", "change_pct", 1.0),
]  # fmt: skip
CHANGE_PUBLICATIONS = {
    USITC_2018_AG: ("usitc-trade-shifts-2018-agriculture", "U.S. International Trade Commission",
                    "Shifts in U.S. Merchandise Trade 2018: Agricultural Products",
                    "official_statistics", True, "2019", "US-Government-Works"),
    MOTIE_2018_ENERGY: ("pennmike-2019-motie-energy-imports", "Pennmike (citing the Ministry of Trade, Industry and Energy)",
                        "Korea's 2018 energy imports from the United States", "press", False, "2019", "cited-figures"),
    KORUS_2019_CARS: ("uskoreaconnect-2019-korus-growth", "US-Korea Connect (KITA; citing the Ministry of Trade, Industry and Energy)",
                      "KORUS FTA growth in 2019 (2018 trade)", "research", False, "2019", "cited-figures"),
    USITC_KOREA: ("usitc-trade-shifts-2017-korea", "U.S. International Trade Commission",
                  "Shifts in U.S. Merchandise Trade 2017: South Korea (table of U.S. exports by sector, 2013-2017)",
                  "official_statistics", True, "2018", "US-Government-Works"),
}  # fmt: skip


def _changes(extracts: Path) -> pd.DataFrame:
    raw = pd.read_csv(extracts / "us_exports_by_product_3.csv", dtype={"source_url": str})
    rows = []
    for file, url, product, reporter, flow, classification, code, measure, scale in CHANGE_PICKS:
        match = raw[(raw["source_url"] == url) & (raw["product"] == product)]
        if len(match) != 1:
            raise BuildError(f"{file}: expected one row {product!r} from {url}")
        row = match.iloc[0]
        rows.append({
            "reporter": reporter, "partner": "USA" if reporter == "KOR" else "KOR",
            "year": int(row["year"]), "base_year": int(row["year"]) - 1, "flow": flow,
            "classification": classification, "product_code": code, "measure": measure,
            "value": float(row["value"]) * scale, "source_id": CHANGE_PUBLICATIONS[url][0],
        })  # fmt: skip
    return pd.DataFrame(rows)


def mirror_tables(pack: Path) -> MirrorTables:
    """Everything issue 'both sides of the ledger' publishes, from the source pack."""
    extracts = pack / "extracts"
    kor = _dots_row(pack / "imf" / "dots-korea-reporter.xlsx", "United States")
    usa = _dots_row(pack / "imf" / "dots-us-reporter.xlsx", "Korea, Rep. of")
    usa = usa[usa["year"].isin(US_DOTS_YEARS)]
    kor_source = _dots_source("KOR", pack / "imf" / "dots-korea-reporter.xlsx")
    usa_source = _dots_source("USA", pack / "imf" / "dots-us-reporter.xlsx")
    customs, customs_records = _korea_customs(extracts)
    annual = pd.concat([
        kor.assign(reporter="KOR", partner="USA", basis="imf_dots", source_id=kor_source["source_id"]),
        usa.assign(reporter="USA", partner="KOR", basis="imf_dots", source_id=usa_source["source_id"]),
        customs.assign(reporter="KOR", partner="USA", basis="korea_customs"),
    ], ignore_index=True)  # fmt: skip

    enduse_path = pack / "census" / "enduse-imports.xlsx"
    enduse_id = "census-enduse-imports-2016-2025"
    enduse, enduse_codes = _enduse(enduse_path, enduse_id)
    sectors, sector_codes = _usitc_sectors(extracts)
    products = pd.concat([enduse, sectors], ignore_index=True).sort_values(
        ["reporter", "flow", "classification", "product_code", "year"], ignore_index=True
    )
    codes = pd.concat([enduse_codes, sector_codes], ignore_index=True).sort_values(
        ["classification", "product_code"], ignore_index=True
    )
    changes = _changes(extracts)

    records = [kor_source, usa_source, *customs_records, {
        "source_id": enduse_id, "publisher": "U.S. Census Bureau (workbook copied in a public GitHub repository)",
        "title": "U.S. imports by 5-digit End-Use code and country, annual 2016-2025 (enduse_imports.xlsx)",
        "url": ENDUSE_COPY, "kind": "secondary_copy", "primary": False, "date_published": "2026-02-17",
        "vintage": "2025", "license": "US-Government-Works", "sha256": file_sha256(enduse_path), "superseded_by": "",
        "notes": "Values in dollars, published here in millions with six decimals (exact to the dollar).",
    }]  # fmt: skip
    for url, (sid, publisher, title, kind, primary, date, licence) in CHANGE_PUBLICATIONS.items():
        records.append({
            "source_id": sid, "publisher": publisher, "title": title, "url": url, "kind": kind,
            "primary": primary, "date_published": date, "vintage": "", "license": licence,
            "sha256": "", "superseded_by": "", "notes": "",
        })  # fmt: skip
    return MirrorTables(annual, products, codes, changes, records)
