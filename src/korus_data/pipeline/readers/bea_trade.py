"""Read BEA's workbook "U.S. International Trade by Selected Countries and Areas".

Sheets "Table 1" to "Table 9": exports, imports and balance of goods and services (1-3), goods
on a balance-of-payments basis (4-6) and services (7-9). Each sheet has a header row starting
with "Period" (one column per partner), an "Annual" block and a "Quarterly" block (seasonally
adjusted); millions of dollars; "n.a." where BEA publishes nothing, "(*)" for a value between
zero and +/- $500,000.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, read_workbook

OFFICIAL_URL = "https://www.bea.gov/sites/default/files/2025-03/trad-geo-time-series-0125.xlsx"

#: BEA's column headings -> the partner codes of bop_trade_* (ISO alpha-3, or a group name).
PARTNER_CODES = {
    "Australia": "AUS",
    "Belgium": "BEL",
    "Brazil": "BRA",
    "Canada": "CAN",
    "China": "CHN",
    "France": "FRA",
    "Germany": "DEU",
    "Hong Kong": "HKG",
    "India": "IND",
    "Ireland": "IRL",
    "Israel": "ISR",
    "Italy": "ITA",
    "Japan": "JPN",
    "Korea, South": "KOR",
    "Malaysia": "MYS",
    "Mexico": "MEX",
    "Netherlands": "NLD",
    "Saudi Arabia": "SAU",
    "Singapore": "SGP",
    "Switzerland": "CHE",
    "Taiwan": "TWN",
    "United Kingdom": "GBR",
    "Vietnam": "VNM",
    "All other countries": "ALL_OTHER_COUNTRIES",
    "CAFTA-DR": "CAFTA_DR",
    "European Union": "EUROPEAN_UNION",
    "South/Central America": "SOUTH_CENTRAL_AMERICA",
}

#: What each sheet holds: (account, flow); "balance" and "goods_and_services" are derived
#: by the package and only used to check the derivation.
SHEETS = {
    1: ("goods_and_services", "export"),
    2: ("goods_and_services", "import"),
    3: ("goods_and_services", "balance"),
    4: ("goods", "export"),
    5: ("goods", "import"),
    6: ("goods", "balance"),
    7: ("services", "export"),
    8: ("services", "import"),
    9: ("services", "balance"),
}
NOT_AVAILABLE = {"n.a.", "(*)"}
QUARTER = re.compile(r"^\s*(\d{4})\s+([1-4])\s*(\(R\))?\s*$")
UPDATED = re.compile(r"Last updated (\w+ \d{1,2}, \d{4})")


@dataclass(frozen=True)
class BeaWorkbook:
    figures: pd.DataFrame  # sheet, account, flow, frequency, period, partner, value
    updated: str  # YYYY-MM-DD
    file: InputFile

    @property
    def last_period(self) -> str:
        quarters = self.figures.loc[self.figures["frequency"] == "quarterly", "period"]
        return str(quarters.max())


def read_bea_workbook(file: InputFile) -> BeaWorkbook:
    """Parse every sheet; :class:`BuildError` when the workbook is not the expected shape."""
    try:
        sheets = read_workbook(file.path, sheet_name=None, header=None, dtype=object)
    except Exception as exc:
        raise BuildError(f"cannot read the BEA workbook {file.label}: {exc}") from exc
    updated = None
    frames = []
    for number, (account, flow) in SHEETS.items():
        name = f"Table {number}"
        if name not in sheets:
            raise BuildError(f"the BEA workbook {file.label} has no sheet {name!r}")
        sheet = sheets[name]
        match = UPDATED.search(str(sheet.iat[0, 0]))
        if match:
            updated = dt.datetime.strptime(match.group(1), "%B %d, %Y").date().isoformat()
        frames.append(
            _read_sheet(sheet, name, file).assign(sheet=number, account=account, flow=flow)
        )
    if updated is None:
        raise BuildError(f"the BEA workbook {file.label} does not say when it was last updated")
    figures = pd.concat(frames, ignore_index=True)
    return BeaWorkbook(figures=figures, updated=updated, file=file)


def _read_sheet(sheet: pd.DataFrame, name: str, file: InputFile) -> pd.DataFrame:
    first = sheet.iloc[:, 0].astype(str).str.strip()
    header_rows = sheet.index[first == "Period"]
    if len(header_rows) != 1:
        raise BuildError(f"{file.label} {name}: no single header row starting with 'Period'")
    header = header_rows[0]
    partners = {}
    for column, heading in sheet.iloc[header].items():
        if column == 0 or pd.isna(heading):
            continue
        label = " ".join(str(heading).replace("/\n", "/").split())
        if label not in PARTNER_CODES:
            raise BuildError(f"{file.label} {name}: unknown partner column {label!r}")
        partners[column] = PARTNER_CODES[label]
    rows = []
    frequency = None
    for index in range(header + 1, len(sheet)):
        label = sheet.iat[index, 0]
        if pd.isna(label):
            if frequency is not None and rows:
                break
            continue
        text = str(label).strip()
        if text in ("Annual", "Quarterly"):
            frequency = text.lower()
            continue
        period = _period(label, frequency, name, file)
        for column, partner in partners.items():
            value = sheet.iat[index, column]
            if pd.isna(value) or (isinstance(value, str) and value.strip() in NOT_AVAILABLE):
                continue
            if isinstance(value, str):
                raise BuildError(f"{file.label} {name} {text} {partner}: {value!r} is not a number")
            rows.append((frequency, period, partner, float(value)))
    if not rows:
        raise BuildError(f"{file.label} {name}: no figures found")
    return pd.DataFrame(rows, columns=["frequency", "period", "partner", "value"])


def _period(label: object, frequency: str | None, name: str, file: InputFile) -> str:
    if frequency == "annual" and re.fullmatch(r"\d{4}", str(label).strip()):
        return str(label).strip()
    match = QUARTER.match(str(label))
    if frequency == "quarterly" and match:
        return f"{match.group(1)}-Q{match.group(2)}"
    raise BuildError(f"{file.label} {name}: cannot read the period {label!r}")


def source_record(workbook: BeaWorkbook) -> dict:
    return {
        "source_id": f"bea-trade-by-country-{workbook.updated}",
        "publisher": "U.S. Bureau of Economic Analysis",
        "title": "U.S. International Trade by Selected Countries and Areas "
        f"(trad-geo-time-series), last updated {workbook.updated}",
        "url": OFFICIAL_URL,
        "kind": "official_statistics",
        "primary": True,
        "date_published": workbook.updated,
        "vintage": workbook.last_period[:4] + "-" + f"{int(workbook.last_period[-1]) * 3:02d}",
        "license": "US-Government-Works",
        "sha256": workbook.file.sha256,
        "superseded_by": "",
        "notes": "Tables 4, 5, 7 and 8 (exports and imports of goods on a balance-of-payments "
        "basis and of services) are published as read; Tables 1-3, 6 and 9 (totals and "
        "balances) are used to check the package's derived figures.",
    }


def bop_tables(workbook: BeaWorkbook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The annual and quarterly tables: goods and services, exports and imports."""
    source_id = source_record(workbook)["source_id"]
    stored = workbook.figures[workbook.figures["sheet"].isin([4, 5, 7, 8])]
    stored = stored.assign(reporter="USA", source_id=source_id).rename(
        columns={"value": "value_usd_millions"}
    )
    columns = [
        "reporter",
        "partner",
        "period",
        "account",
        "flow",
        "value_usd_millions",
        "source_id",
    ]
    order = ["partner", "period", "account", "flow"]
    annual = stored[stored["frequency"] == "annual"][columns].sort_values(order)
    annual = annual.rename(columns={"period": "year"}).astype({"year": "int64"})
    quarterly = stored[stored["frequency"] == "quarterly"][columns].sort_values(order)
    return annual.reset_index(drop=True), quarterly.reset_index(drop=True)


def derivation_gaps(figures: pd.DataFrame) -> pd.DataFrame:
    """Published totals and balances against the ones derived from exports and imports.

    Returns one row per (sheet, frequency, period, partner) with the published and derived
    figure and their difference; BEA rounds each figure to the million, so a derived figure
    may differ from the published one by the rounding of its parts.
    """
    wide = figures.pivot_table(
        index=["frequency", "period", "partner"], columns="sheet", values="value"
    )
    derived = {
        1: wide.get(4) + wide.get(7),
        2: wide.get(5) + wide.get(8),
        3: (wide.get(4) + wide.get(7)) - (wide.get(5) + wide.get(8)),
        6: wide.get(4) - wide.get(5),
        9: wide.get(7) - wide.get(8),
    }
    parts = []
    for sheet, values in derived.items():
        both = pd.DataFrame({"published": wide.get(sheet), "derived": values}).dropna()
        parts.append(both.assign(sheet=sheet).reset_index())
    out = pd.concat(parts, ignore_index=True)
    out["gap"] = out["derived"] - out["published"]
    return out


#: How far a derived figure may be from the published one: one rounding per part.
DERIVATION_TOLERANCE = {1: 1.0, 2: 1.0, 3: 2.0, 6: 1.0, 9: 1.0}


def derivation_problems(workbook: BeaWorkbook) -> list[str]:
    """Published totals and balances the parts do not reproduce within rounding.

    BEA's residual group "All other countries" is left out before 2013: its goods and
    services parts are not composed like its totals there (BEA's notes say its quarters do not
    sum to its annual figures for 1999-2012).
    """
    gaps = derivation_gaps(workbook.figures)
    residual = (gaps["partner"] == "ALL_OTHER_COUNTRIES") & (gaps["period"].str[:4] < "2013")
    gaps = gaps[~residual]
    too_far = gaps[gaps["gap"].abs() > gaps["sheet"].map(DERIVATION_TOLERANCE)]
    return [
        f"Table {r.sheet} {r.partner} {r.period}: published {r.published:g}, derived {r.derived:g}"
        for r in too_far.itertuples()
    ]
