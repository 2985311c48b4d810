"""``korus-data refresh imf``: Korea-reported trade with the United States from the IMF's
International Trade in Goods (IMTS) dataflow on its SDMX 3.0 data service.

DOTS, the IMF's former service, was decommissioned in 2025; its figures stay in the package as
their own releases (basis ``imf_dots``, 1960-2020). IMTS figures from 2021 are added with basis
``imf_imts`` (exports f.o.b., imports c.i.f., as Korea reports them).

Documentation: the IMF's SDMX 3.0 API, https://data.imf.org (Data Explorer: dataflow
``IMF.STA:IMTS``) and its API guide at https://datahelp.imf.org/knowledgebase/articles/630877-api;
the key is ``COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY`` with ISO alpha-3 economies. The
indicators are not guessed: every indicator of the pair is asked for (``*``) and the
export and import series are chosen by the names the reply gives them; the scale is read
from each series' ``SCALE`` attribute (a series without one is refused).

Example:
    >>> scale_to_millions("6"), scale_to_millions("0")
    (1.0, 1e-06)
"""

from __future__ import annotations

import os
import re
from typing import Any

import pandas as pd

from korus_data.pipeline.refresh.context import Refresh, combine_vintages, refuse_repeats
from korus_data.pipeline.refresh.http import FetchError, Request, Response
from korus_data.pipeline.vintages import build_vintages, history, with_history

IMF_API = "https://api.imf.org/external/sdmx/3.0"
KEY = "KOR.*.USA.A"
SDMX_JSON = "application/vnd.sdmx.data+json;version=2.0.0"
FIRST_YEAR = 2021
SERIES = "imf_imts_api"
#: Indicator name pattern -> flow (names as the reply gives them).
FLOWS = {
    r"exports.*(free on board|f\.?o\.?b).*us dollar": "export",
    r"imports.*(cost,? insurance|c\.?i\.?f).*us dollar": "import",
}


def scale_to_millions(scale: str) -> float:
    """Multiplier from a value in units of 10**scale to millions."""
    if not str(scale).lstrip("-").isdigit():
        raise ValueError(f"SCALE {scale!r} is not a power of ten")
    return 10.0 ** (int(scale) - 6)


def imts_request(base: str) -> Request:
    url = f"{base.rstrip('/')}/data/dataflow/IMF.STA/IMTS/+/{KEY}"
    params = {"dimensionAtObservation": "TIME_PERIOD", "attributes": "dsd", "measures": "all"}
    return Request("imf", "imf IMTS Korea-United States, annual", url, params, accept=SDMX_JSON)


def _structure(message: dict) -> dict:
    data = message.get("data", message)
    structures = data.get("structures") or ([data["structure"]] if "structure" in data else [])
    if not structures:
        raise KeyError("structures")
    return structures[0]


def imts_rows(response: Response) -> pd.DataFrame:
    """year, flow, value in millions of U.S. dollars, for years from 2021."""
    label = response.request.label
    try:
        message: Any = response.json()
        structure = _structure(message)
        dimensions = structure["dimensions"]["series"]
        times = structure["dimensions"]["observation"][0]["values"]
        series_attributes = structure.get("attributes", {}).get("series", [])
        datasets = message.get("data", message)["dataSets"]
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise FetchError(f"{label}: the reply is not an SDMX-JSON data message ({exc})") from None
    position = {d["id"]: i for i, d in enumerate(dimensions)}
    if "INDICATOR" not in position:
        raise FetchError(f"{label}: the reply has no INDICATOR dimension")
    scale_at = next((i for i, a in enumerate(series_attributes) if a.get("id") == "SCALE"), None)
    rows = []
    for key, series in (datasets[0].get("series") or {}).items():
        indexes = [int(i) for i in key.split(":")]
        indicator = dimensions[position["INDICATOR"]]["values"][indexes[position["INDICATOR"]]]
        name = str(indicator.get("name", indicator.get("id", ""))).lower()
        flows = [f for pattern, f in FLOWS.items() if re.search(pattern, name)]
        if not flows:
            continue  # a balance, or another valuation
        attributes = series.get("attributes") or []
        if scale_at is None or scale_at >= len(attributes) or attributes[scale_at] is None:
            raise FetchError(f"{label}: series {indicator.get('id')} does not state its SCALE")
        scale = series_attributes[scale_at]["values"][attributes[scale_at]]["id"]
        for time_index, observation in (series.get("observations") or {}).items():
            year = str(times[int(time_index)]["id"])
            cell = observation[0] if isinstance(observation, list) else observation
            if not year.isdigit() or int(year) < FIRST_YEAR or cell in (None, "", "NaN"):
                continue
            try:
                value = float(cell) * scale_to_millions(scale)
            except ValueError:
                raise FetchError(
                    f"{label}: {indicator.get('id')} {year} is {cell!r}, not a number"
                ) from None
            rows.append((int(year), flows[0], value))
    frame = pd.DataFrame(rows, columns=["year", "flow", "value_usd_millions"])
    refuse_repeats(frame, ["year", "flow"], label)
    return frame


def refresh_imf(ctx: Refresh) -> None:
    base = ctx.api_base or os.environ.get("KORUS_IMF_API") or IMF_API
    ctx.say("[1/1] imf IMTS Korea-United States, annual")
    response = ctx.fetcher.get(imts_request(base))
    frame = imts_rows(response)
    day = response.retrieved.date().isoformat()
    source_id = f"imf-imts-korea-usa-{day}"
    through = str(frame["year"].max()) if len(frame) else ""
    ctx.register_reply(
        response,
        source_id,
        SERIES,
        through,
        publisher="International Monetary Fund",
        title="International Trade in Goods (IMTS), SDMX 3.0 API: Korea-reported trade with "
        f"the United States, annual (through {through})",
        license="cited-figures",
    )
    committed = ctx.committed("goods_trade_annual_vintages")
    mine = committed[committed["basis"] == "imf_imts"]
    others = committed[committed["basis"] != "imf_imts"]
    types = {"year": int, "flow": str}
    past = history(mine, types, "value_usd_millions", {}).assign(unit=1e-6)
    new = frame.assign(source_id=source_id, known_from=pd.Timestamp(day), unit=1e-6)
    built = build_vintages(with_history(new, past), list(types), "value_usd_millions")
    built = built.assign(
        reporter="KOR",
        partner="USA",
        basis="imf_imts",
        valuation=built["flow"].map({"export": "fob", "import": "cif"}),
    )
    ctx.put_vintaged("goods_trade_annual", combine_vintages("goods_trade_annual", others, built))
