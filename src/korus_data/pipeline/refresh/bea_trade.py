"""BEA's ITA and International Services replies: trade with Korea on a balance-of-payments
basis (annual, quarterly), and services by type.

Rows carry ``TimePeriod`` (``2020`` or ``2020Q3``), ``UNIT_MULT`` (6 = millions) and
``DataValue``; a value is written in millions: ``DataValue × 10**(UNIT_MULT - 6)``.
"""

from __future__ import annotations

import re

import pandas as pd

from korus_data.pipeline.refresh.bea_api import NOT_A_NUMBER, bea_value, data_rows
from korus_data.pipeline.refresh.context import Refresh, combine_vintages, refuse_repeats
from korus_data.pipeline.refresh.http import FetchError, Response
from korus_data.pipeline.vintages import build_vintages, history, with_history

SERIES = "bea_api"
#: Description of each ITA indicator read (matched in GetParameterValues) -> (account, flow).
INDICATORS = {
    r"^exports of goods(?! and)": ("goods", "export"),
    r"^imports of goods(?! and)": ("goods", "import"),
    r"^exports of services": ("services", "export"),
    r"^imports of services": ("services", "import"),
}
_PERIOD = re.compile(r"^(\d{4})(Q[1-4])?$")


def indicator_codes(values: list[dict]) -> dict[str, tuple[str, str]]:
    """ITA indicator code -> (account, flow), each description matched exactly once."""
    found = {}
    for pattern, meaning in INDICATORS.items():
        wanted = re.compile(pattern, re.IGNORECASE)
        hits = [v for v in values if wanted.search(str(v.get("Desc", "")))]
        if len(hits) != 1:
            raise FetchError(
                f"bea ITA Indicator codes: expected one indicator matching {pattern!r}, found "
                f"{len(hits)}"
            )
        found[str(hits[0]["Key"])] = meaning
    return found


def _millions(row: dict, label: str, number: int) -> float | None:
    """A row's DataValue in millions; None for one of BEA's marks (suppressed, not
    available); :class:`FetchError` for a cell that is neither a number nor a mark."""
    cell = str(row.get("DataValue", "")).strip()
    value = bea_value(cell)
    if value is None and cell not in NOT_A_NUMBER:
        raise FetchError(f"{label}: Data row {number}, DataValue is {cell!r}, not a number")
    multiplier = str(row.get("UNIT_MULT", "6"))
    if not multiplier.lstrip("-").isdigit():
        raise FetchError(f"{label}: Data row {number} has UNIT_MULT {multiplier!r}")
    return None if value is None else value * 10 ** (int(multiplier) - 6)


def ita_rows(response: Response, account: str, flow: str) -> pd.DataFrame:
    """period (``2020`` or ``2020-Q3``), frequency, account, flow, value in millions."""
    label = response.request.label
    rows = []
    for number, row in enumerate(data_rows(response), start=1):
        match = _PERIOD.match(str(row.get("TimePeriod", "")))
        if not match:
            raise FetchError(f"{label}: Data row {number} has TimePeriod {row.get('TimePeriod')!r}")
        value = _millions(row, label, number)
        if value is None:
            continue  # suppressed or not available: no row
        year, quarter = match.groups()
        period = f"{year}-{quarter}" if quarter else year
        rows.append((period, "Q" if quarter else "A", account, flow, value))
    frame = pd.DataFrame(rows, columns=["period", "frequency", "account", "flow", "value"])
    refuse_repeats(frame, ["period", "frequency", "account", "flow"], label)
    return frame.assign(
        source_id=release_id(response, "ita"),
        known_from=pd.Timestamp(response.retrieved.date()),
        unit=1.0,
    )


def release_id(response: Response, dataset: str) -> str:
    params = response.request.params
    part = params.get("Indicator", "").lower()
    tail = f"-{part}" if part else ""
    return f"bea-{dataset}{tail}-korea-{response.retrieved.date().isoformat()}"


def register(
    ctx: Refresh, response: Response, frame: pd.DataFrame, release: str, subject: str = ""
) -> None:
    """Record one GetData reply (``release``: its id; ``subject``: what it holds, by default
    its request's label) as a release and its source."""
    column = "period" if "period" in frame else "year"
    through = max((_month(p) for p in frame[column].astype(str)), default="")
    request = response.request
    ctx.register_reply(
        response,
        release,
        SERIES,
        through,
        publisher="U.S. Bureau of Economic Analysis",
        title=f"API, {request.params.get('DataSetName')} dataset: "
        f"{subject or request.label[4:] + ', Korea'} (through {through})",
    )


def _month(period: str) -> str:
    """``2024-Q3`` -> ``2024-09``; a year stays a year."""
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return f"{year}-{int(quarter) * 3:02d}"
    return period


def bop_vintages(ctx: Refresh, ita: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """New vintages of ``bop_trade_annual`` and ``bop_trade_quarterly``: Korea's rows with the
    API's figures on top; every other partner's rows as committed."""
    out = {}
    for name, frequency, key in (
        ("bop_trade_annual", "A", "year"),
        ("bop_trade_quarterly", "Q", "period"),
    ):
        committed = ctx.committed(f"{name}_vintages")
        korea = committed[committed["partner"] == "KOR"]
        others = committed[committed["partner"] != "KOR"]
        types = {key: int if key == "year" else str, "account": str, "flow": str}
        past = history(korea, types, "value_usd_millions", {}).assign(unit=1.0)
        new = ita[ita["frequency"] == frequency].rename(columns={"value": "value_usd_millions"})
        if key == "year":
            new = new.assign(year=new["period"].astype(int))
        new = new[[*types, "value_usd_millions", "source_id", "known_from", "unit"]]
        built = build_vintages(with_history(new, past), list(types), "value_usd_millions")
        built = built.assign(reporter="USA", partner="KOR")
        out[name] = combine_vintages(name, others, built)
    return out


def differences_from_workbook(ctx: Refresh, ita: pd.DataFrame) -> list[str]:
    """Figures where the API and BEA's workbook (the committed release) differ."""
    lines = []
    annual = ctx.published("bop_trade_annual")
    korea = annual[annual["partner"] == "KOR"].set_index(["year", "account", "flow"])
    for row in ita[ita["frequency"] == "A"].itertuples(index=False):
        key = (row.period, row.account, row.flow)
        if key in korea.index:
            old = korea.loc[key]
            kept = float(old["value_usd_millions"])
            if abs(kept - row.value) > 5e-7:
                lines.append(
                    f"{row.period} {row.account} {row.flow}: {kept:,.0f} in {old['source_id']}, "
                    f"{row.value:,.0f} from the API (kept: the later release)"
                )
    return lines


def services_rows(response: Response) -> pd.DataFrame:
    """``services_trade_by_type_annual`` rows from an IntlServTrade reply."""
    label = response.request.label
    flows = {"exports": "export", "imports": "import"}
    rows = []
    for number, row in enumerate(data_rows(response), start=1):
        direction = str(row.get("TradeDirection", "")).lower()
        if direction not in flows:
            continue  # balances are derived, not read
        period = str(row.get("TimePeriod", ""))
        if not period.isdigit():
            raise FetchError(f"{label}: Data row {number} has TimePeriod {period!r}")
        value = _millions(row, label, number)
        if value is None:
            continue
        rows.append(
            (
                "USA",
                "KOR",
                int(period),
                flows[direction],
                str(row.get("TypeOfService")),
                value,
                release_id(response, "intlservtrade"),
            )
        )
    columns = [
        "reporter",
        "partner",
        "year",
        "flow",
        "type_of_service",
        "value_usd_millions",
        "source_id",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    refuse_repeats(frame, columns[:5], label)
    return frame.sort_values(columns[:5], ignore_index=True)
