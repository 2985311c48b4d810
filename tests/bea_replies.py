"""Recorded BEA API replies in the documented ``BEAAPI`` shapes, built from the package's own
figures (a refresh that finds them must change nothing), with revisions and additions on
request."""

from __future__ import annotations

import functools
import io

import pandas as pd
from loopback import ok


def params(*pairs: tuple[str, str]) -> dict:
    return {"BEAAPI": {"Results": {"ParamValue": [{"Key": k, "Desc": d} for k, d in pairs]}}}


def data(rows: list[dict], list_shaped: bool = False) -> dict:
    results = {"Data": rows}
    return {"BEAAPI": {"Results": [results] if list_shaped else results}}


AREAS = params(("Japan", "Japan"), ("KoreaRepOf", "Korea, Republic of"), ("AllCountries", "All"))
INDICATORS = params(
    ("ExpGds", "Exports of goods"),
    ("ImpGds", "Imports of goods"),
    ("ExpServ", "Exports of services"),
    ("ImpServ", "Imports of services"),
    ("ExpGdsServ", "Exports of goods and services"),
    ("BalGds", "Balance on goods"),
)
COUNTRIES = params(("308", "Japan"), ("340", "Korea, Republic of"), ("000", "All Countries Total"))
SERIES = params(
    ("4", "Direct Investment Position"),
    ("5", "Direct Investment Income"),
    ("8", "Employment (thousands of employees)"),
    ("9", "Expenditures for research and development"),
    ("10", "Exports of goods shipped by affiliates"),
)
OWNERSHIP = params(("0", "Majority-owned affiliates"), ("1", "All affiliates"))
ITA_CODES = {
    "ExpGds": ("goods", "export"),
    "ImpGds": ("goods", "import"),
    "ExpServ": ("services", "export"),
    "ImpServ": ("services", "import"),
}


def ita_rows(root, code: str, revise: dict | None = None, add: dict | None = None) -> list[dict]:
    """ITA Data rows of Korea for one indicator: annual and quarterly from the package."""
    rows = []
    for name, column in (("bop_trade_annual", "year"), ("bop_trade_quarterly", "period")):
        csv = (root / "data" / f"{name}.csv").read_bytes()
        values = dict(_korea_values(csv, column).get(ITA_CODES[code], ()))
        for changes in ((revise or {}).get(code, {}), (add or {}).get(code, {})):
            values.update({p: v for p, v in changes.items() if ("-Q" in p) == (column != "year")})
        for period, value in sorted(values.items()):
            rows.append(
                {
                    "Indicator": code,
                    "AreaOrCountry": "KoreaRepOf",
                    "Frequency": "A" if column == "year" else "QSA",
                    "TimePeriod": period.replace("-", ""),
                    "CL_UNIT": "USD",
                    "UNIT_MULT": "6",
                    "DataValue": f"{value:,.0f}",
                    "NoteRef": code,
                }
            )
    return rows


@functools.lru_cache(maxsize=8)
def _korea_values(csv: bytes, column: str) -> dict[tuple[str, str], tuple[tuple[str, float], ...]]:
    """Korea's (period, value) pairs by (account, flow), read once per content of a table."""
    table = pd.read_csv(io.BytesIO(csv), dtype=str)
    mine = table[table.partner == "KOR"]
    return {
        (account, flow): tuple(
            zip(group[column], group.value_usd_millions.astype(float), strict=True)
        )
        for (account, flow), group in mine.groupby(["account", "flow"])
    }


def position_rows(root, investor: str, revise=None, add=None, suppressed=()) -> list[dict]:
    """MNE Data rows of every partner of one direction (``Country=all``), in BEA's order (a
    residual "Other" right after its region), from the every-partner table; Korea's rows only
    for the years both position tables agree on (so that equal figures change nothing), with
    Korea's ``revise``/``add`` {year: value} and ``suppressed`` years applied."""
    data = root / "data"
    partners = _partner_rows(
        (data / "direct_investment_position_by_partner_annual.csv").read_bytes(),
        (data / "direct_investment_position_annual.csv").read_bytes(),
        investor,
    )
    rows = [
        {
            "Year": year,
            "Row": partner,
            "DataValue": f"{(revise or {}).get(int(year), value) if korea else value:,.0f}",
        }
        for year, partner, value, korea in partners
    ]
    label = "South Korea" if investor == "KOR" else "Korea, Republic of"
    rows += [
        {"Year": str(y), "Row": label, "DataValue": f"{v:,.0f}"} for y, v in (add or {}).items()
    ]
    rows += [{"Year": str(y), "Row": label, "DataValue": "(D)"} for y in suppressed]
    return [{**r, "SeriesID": "4", "TableScale": "Millions of Dollars"} for r in rows]


@functools.lru_cache(maxsize=8)
def _partner_rows(
    every_csv: bytes, pairs_csv: bytes, investor: str
) -> tuple[tuple[str, str, float, bool], ...]:
    """(year, row label, value, is Korea) in BEA's order, read once per content of the two
    tables (every test serves the same committed figures)."""
    direction = "inward" if investor == "KOR" else "outward"
    every = pd.read_csv(io.BytesIO(every_csv), dtype=str)
    every = every[every.direction == direction]
    pairs = pd.read_csv(io.BytesIO(pairs_csv), dtype=str)
    pairs = pairs[pairs.investor == investor].set_index("year")["value_usd_millions"]
    rows = []
    for year, group in every.groupby("year"):
        residuals: dict[str, list[str]] = {}
        for other in group[group.partner_kind == "residual"].itertuples():
            region = other.partner.split(": ")[0]
            residuals.setdefault(region, []).append(other.value_usd_millions)
        for row in group[group.partner_kind != "residual"].itertuples():
            value = float(row.value_usd_millions)
            korea = row.iso3 == "KOR"
            if korea and (pairs.get(year) is None or float(pairs[year]) != value):
                continue
            rows.append((year, row.partner, value, korea))
            others = residuals.get(row.partner, [])
            rows += [(year, "Other", float(other), False) for other in others]
    return tuple(rows)


def serve_bea(
    server,
    root,
    *,
    ita=None,
    inward=None,
    outward=None,
    services=None,
    affiliates=None,
    list_shaped=False,
) -> None:
    """Routes for every request of ``refresh bea``: replies equal to the package's figures
    unless given; services by type and affiliates empty unless given."""
    for dataset in ("ITA", "IntlServTrade"):
        server.route(
            "/", ok(AREAS), when={"DataSetName": dataset, "ParameterName": "AreaOrCountry"}
        )
    server.route("/", ok(INDICATORS), when={"ParameterName": "Indicator"})
    server.route("/", ok(COUNTRIES), when={"ParameterName": "Country"})
    server.route("/", ok(SERIES), when={"ParameterName": "SeriesID"})
    server.route("/", ok(OWNERSHIP), when={"ParameterName": "OwnershipLevel"})
    for code in ITA_CODES:
        rows = (ita or {}).get(code) or ita_rows(root, code)
        server.route(
            "/", ok(data(rows, list_shaped)), when={"method": "GetData", "Indicator": code}
        )
    server.route(
        "/", ok(data(services or [])), when={"DataSetName": "IntlServTrade", "method": "GetData"}
    )
    for direction, investor, rows in (("inward", "KOR", inward), ("outward", "USA", outward)):
        found = rows if rows is not None else position_rows(root, investor)
        server.route(
            "/",
            ok(data(found, list_shaped)),
            when={"DirectionOfInvestment": direction, "SeriesID": "4"},
        )
    for code in ("8", "9", "10"):
        rows = (affiliates or {}).get(code, [])
        server.route("/", ok(data(rows)), when={"method": "GetData", "SeriesID": code})
