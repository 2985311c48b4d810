"""Recorded Census API replies in the documented shape, built from the package's own figures
(so that a refresh that finds them must change nothing), with revisions and new months on
request."""

from __future__ import annotations

import pandas as pd

VALUE = {"export": "ALL_VAL_MO", "import": "GEN_VAL_MO"}


def dollars(millions: float) -> str:
    return str(round(float(millions) * 1e6))


def totals_reply(root, flow: str, revise: dict | None = None, add: dict | None = None) -> list:
    """The reply of ``{exports,imports}/hs`` for Korea's totals from 2010-01: the published
    months, ``revise`` {period: millions} changed, ``add`` {period: millions} appended."""
    monthly = pd.read_csv(root / "data" / "goods_trade_monthly.csv", dtype=str)
    annual = pd.read_csv(root / "data" / "goods_trade_annual.csv", dtype=str)
    months = monthly[(monthly["flow"] == flow) & (monthly["period"] >= "2010-01")]
    values = dict(zip(months["period"], months["value_usd_millions"].astype(float), strict=True))
    values.update(revise or {})
    values.update(add or {})
    census = annual[(annual["basis"] == "census") & (annual["flow"] == flow)]
    years = dict(zip(census["year"], census["value_usd_millions"], strict=True))
    value = VALUE[flow]
    rows = [["CTY_CODE", value, value.replace("_MO", "_YR"), "time", "CTY_CODE"]]
    running = 0.0
    for period in sorted(values):
        running = values[period] + (running if not period.endswith("-01") else 0.0)
        year_total = years.get(period[:4]) if period.endswith("-12") else None
        ytd = dollars(year_total) if year_total is not None else dollars(running)
        rows.append(["5800", dollars(values[period]), ytd, period, "5800"])
    return rows


def no_content():
    """What the API sends when no row matches: HTTP 204 and no body."""
    from loopback import Reply

    return Reply(204, b"")


def serve_census(server, root, *, revise=None, add=None, products=None) -> None:
    """Routes for every request of ``refresh census``; product and state replies are empty
    unless ``products`` gives {(endpoint, COMM_LVL or None): reply}."""
    from loopback import ok

    for flow, direction in (("export", "exports"), ("import", "imports")):
        server.route(
            f"/{direction}/hs",
            ok(totals_reply(root, flow, (revise or {}).get(flow), (add or {}).get(flow))),
        )
        server.route(f"/{direction}/hs", no_content(), when={"COMM_LVL": "HS2"})
        server.route(f"/{direction}/enduse", no_content())
    server.route("/exports/statehs", no_content())
    for (path, level), reply in (products or {}).items():
        server.route(path, ok(reply), when={"COMM_LVL": level} if level else None)
