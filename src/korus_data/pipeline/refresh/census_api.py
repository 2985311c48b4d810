"""The Census Bureau's International Trade API: the requests korus-data makes, and the
parsing of their replies into tidy frames.

Documentation (each endpoint and parameter used here):

- Datasets and variables: https://www.census.gov/data/developers/data-sets/international-trade.html
- Endpoints ``timeseries/intltrade/{exports,imports}/{hs,enduse,statehs}`` and their variables
  (``CTY_CODE``, ``ALL_VAL_MO``, ``ALL_VAL_YR``, ``GEN_VAL_MO``, ``GEN_VAL_YR``, ``COMM_LVL``,
  ``E_COMMODITY``, ``I_COMMODITY``, ``E_ENDUSE``, ``I_ENDUSE``, ``STATE``, ``time``):
  https://api.census.gov/data/timeseries/intltrade/exports/hs/variables.html and the same
  page for each endpoint; the guide:
  https://www.census.gov/foreign-trade/reference/guides/Guide_to_International_Trade_Datasets.pdf
- Keys and limits (500 calls a day per IP without a key): https://api.census.gov/data/key_signup.html
  and https://www.census.gov/data/developers/guidance/api-user-guide.html

The reply is a JSON array of arrays, header row first, every cell a string; a column used as
a filter can come back a second time. Values are whole U.S. dollars; korus-data writes them in
millions with six decimals, so nothing is rounded.

Example:
    >>> reply = [["CTY_CODE", "ALL_VAL_MO", "ALL_VAL_YR", "time", "CTY_CODE"],
    ...          ["5800", "5123456789", "5123456789", "2010-01", "5800"]]
    >>> frame = parse_reply(reply, TOTALS["export"])
    >>> frame["period"].tolist(), frame["value_usd_millions"].tolist()
    (['2010-01'], [5123.456789])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from korus_data.pipeline.refresh.http import FetchError, Request
from korus_data.schema.codes import YEARMONTH_PATTERN

#: The service's documented base address; ``KORUS_CENSUS_API`` or ``--api-base`` replace it.
CENSUS_API = "https://api.census.gov/data/timeseries/intltrade"
KOREA = "5800"
#: The API's monthly series start in January 2010; older months come from the workbook.
FIRST_MONTH = "2010-01"
KEY_SIGNUP = "https://api.census.gov/data/key_signup.html"

_WHOLE_DOLLARS = re.compile(r"^\d+$")
_MONTH = re.compile(YEARMONTH_PATTERN)


@dataclass(frozen=True)
class Query:
    """One kind of request: endpoint, the variables asked for, fixed filters, and what each
    returned column becomes."""

    label: str
    endpoint: str  # e.g. "exports/hs"
    get: tuple[str, ...]
    filters: tuple[tuple[str, str], ...]
    columns: dict[str, str]  # API column -> frame column ("" = checked, then dropped)
    values: tuple[str, ...]  # API columns holding whole dollars

    def request(self, base: str, key: str | None) -> Request:
        params = {
            "get": ",".join(self.get),
            **dict(self.filters),
            "CTY_CODE": KOREA,
            "time": f"from {FIRST_MONTH}",
        }
        if key:
            params["key"] = key
        return Request(
            "census",
            self.label,
            f"{base.rstrip('/')}/{self.endpoint}",
            params,
            (key,) if key else (),
        )


def _query(flow: str, endpoint: str, extra: dict[str, str], filters=(), year_to_date=False):
    value = "ALL_VAL_MO" if flow == "export" else "GEN_VAL_MO"
    get = ["CTY_CODE", *extra, value]
    columns = {"CTY_CODE": "", "time": "period", value: "value_usd_millions", **extra}
    values = [value]
    if year_to_date:
        ytd = value.replace("_MO", "_YR")
        get.append(ytd)
        columns[ytd] = "year_to_date_usd_millions"
        values.append(ytd)
    columns.update({name: "" for name, _ in filters})
    direction = "exports" if flow == "export" else "imports"
    label = f"census {direction}/{endpoint}" + "".join(f" {v}" for _, v in filters)
    return Query(
        label, f"{direction}/{endpoint}", tuple(get), tuple(filters), columns, tuple(values)
    )


def _commodity(flow: str) -> str:
    return "E_COMMODITY" if flow == "export" else "I_COMMODITY"


def _enduse(flow: str) -> str:
    return "E_ENDUSE" if flow == "export" else "I_ENDUSE"


FLOWS = ("export", "import")
#: Korea's monthly totals (exports: total exports, f.a.s.; imports: general imports, customs
#: value) with their year-to-date sums: December's is the calendar-year total.
TOTALS = {f: _query(f, "hs", {}, year_to_date=True) for f in FLOWS}
#: By HS chapter (two digits), both flows.
BY_HS2 = {
    f: _query(
        f,
        "hs",
        {_commodity(f): "product_code", f"{_commodity(f)}_LDESC": "description"},
        (("COMM_LVL", "HS2"),),
    )
    for f in FLOWS
}
#: By End-Use code, both flows.
BY_ENDUSE = {
    f: _query(f, "enduse", {_enduse(f): "product_code", f"{_enduse(f)}_LDESC": "description"})
    for f in FLOWS
}
#: Exports by U.S. state of origin: the state total, and by HS chapter.
STATE_TOTALS = _query("export", "statehs", {"STATE": "state"})
STATE_BY_HS2 = _query(
    "export", "statehs", {"STATE": "state", "E_COMMODITY": "product_code"}, (("COMM_LVL", "HS2"),)
)


def parse_reply(reply: object, query: Query) -> pd.DataFrame:
    """The reply as a frame of the query's columns; :class:`FetchError` names what is wrong
    (not an array of arrays, an unexpected column, a value that is not whole dollars)."""
    where = query.label
    if reply == []:  # HTTP 204: no row matches
        reply = [[c for c in query.columns if c]]
    if not (isinstance(reply, list) and reply and all(isinstance(r, list) for r in reply)):
        raise FetchError(f"{where}: the reply is not a JSON array of rows with a header row")
    header, rows = reply[0], reply[1:]
    unknown = [c for c in header if c not in query.columns]
    if unknown:
        raise FetchError(
            f"{where}: the reply has columns korus-data does not know "
            f"({', '.join(map(str, unknown))}); the API may have changed: update korus-data"
        )
    missing = [c for c in query.columns if c not in header]
    if missing:
        raise FetchError(f"{where}: the reply lacks the columns {', '.join(missing)}")
    first = {name: header.index(name) for name in query.columns}
    positions = {n: [i for i, h in enumerate(header) if h == n] for n in set(header)}
    repeated = {n: at for n, at in positions.items() if len(at) > 1}
    out: dict[str, list] = {query.columns[c]: [] for c in query.columns if query.columns[c]}
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise FetchError(
                f"{where}: row {number} has {len(row)} cells, the header {len(header)}"
            )
        for name, at in repeated.items():
            if len({str(row[i]) for i in at}) > 1:
                raise FetchError(
                    f"{where}: row {number} gives {name} {len(at)} times with "
                    "different values; korus-data takes no figure it is given twice"
                )
        cells = {name: row[i] for name, i in first.items()}
        if cells["CTY_CODE"] != KOREA:
            raise FetchError(
                f"{where}: row {number} is for country {cells['CTY_CODE']!r}, not {KOREA}"
            )
        if not (isinstance(cells["time"], str) and _MONTH.match(cells["time"])):
            raise FetchError(f"{where}: row {number} has time {cells['time']!r}, not YYYY-MM")
        for api_name, name in query.columns.items():
            if not name:
                continue
            cell = cells[api_name]
            if api_name in query.values:
                if not (isinstance(cell, str) and _WHOLE_DOLLARS.match(cell)):
                    raise FetchError(
                        f"{where}: row {number}, {api_name} is {cell!r}, "
                        "not a whole number of dollars"
                    )
                out[name].append(int(cell) / 1e6)
            else:
                out[name].append(cell if isinstance(cell, str) else str(cell))
    money = {query.columns[c] for c in query.values}
    return pd.DataFrame(
        {
            name: pd.Series(cells, dtype="float64" if name in money else "str")
            for name, cells in out.items()
        }
    )
