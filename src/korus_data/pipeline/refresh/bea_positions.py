"""From BEA's MNE dataset to new vintages of ``direct_investment_position_annual``.

Both directions on a historical-cost basis: Korea's position in the United States
(``inward``) and the U.S. position in Korea (``outward``). Each reply is a release
(``bea-mne-<direction>-korea-<day retrieved>``); a suppressed cell gives no row and is
listed in the change report; the press figures already in the history stay there as their
own releases, ended the day an official figure for the same year arrives.
"""

from __future__ import annotations

import pandas as pd

from korus_data.pipeline.refresh.bea_api import NOT_A_NUMBER, bea_value, data_rows
from korus_data.pipeline.refresh.http import FetchError, Response
from korus_data.pipeline.vintages import build_vintages, history, with_history
from korus_data.schema.tables import TABLES

SERIES = "bea_api"
DIRECTIONS = {"inward": ("KOR", "USA"), "outward": ("USA", "KOR")}
KEY = {"investor": str, "host": str, "year": int, "basis": str}


def release_id(direction: str, response: Response) -> str:
    return f"bea-mne-{direction}-korea-{response.retrieved.date().isoformat()}"


def position_rows(direction: str, response: Response) -> tuple[pd.DataFrame, list[str]]:
    """(rows with a number, notes on the cells without one) of one MNE reply."""
    investor, host = DIRECTIONS[direction]
    rows, notes = [], []
    for number, row in enumerate(data_rows(response), start=1):
        year = str(row.get("Year", ""))
        if not year.isdigit():
            raise FetchError(f"{response.request.label}: Data row {number} has Year {year!r}")
        value = bea_value(row.get("DataValue", ""))
        if value is None:
            cell = str(row.get("DataValue", "")).strip()
            if cell not in NOT_A_NUMBER:
                raise FetchError(
                    f"{response.request.label}: Data row {number}, DataValue is {cell!r}, "
                    "not a number"
                )
            notes.append(f"{investor}->{host} {year}: {cell} ({NOT_A_NUMBER[cell]}), no row")
            continue
        rows.append((investor, host, int(year), "historical_cost", value))
    frame = pd.DataFrame(rows, columns=["investor", "host", "year", "basis", "value"])
    day = pd.Timestamp(response.retrieved.date())
    return frame.assign(source_id=release_id(direction, response), known_from=day, unit=1.0), notes


def position_vintages(committed: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The vintage table with the new observations on top of the committed history."""
    past = history(committed, KEY, "value_usd_millions", {})
    past = past.assign(unit=1.0)
    observations = new.rename(columns={"value": "value_usd_millions"})
    built = build_vintages(with_history(observations, past), list(KEY), "value_usd_millions")
    table = TABLES["direct_investment_position_annual_vintages"]
    return built[table.field_names].sort_values([*table.primary_key], ignore_index=True)


def release_row(direction: str, response: Response, frame: pd.DataFrame) -> dict:
    return {
        "release_id": release_id(direction, response),
        "series": SERIES,
        "data_through": str(frame["year"].max()) if len(frame) else "",
        "released": response.retrieved.date().isoformat(),
        "date_kind": "retrieved",
        "date_source_id": "",
    }


def source_record(direction: str, response: Response, frame: pd.DataFrame) -> dict:
    request = response.request
    params = "&".join(f"{k}={v}" for k, v in request.params.items() if k != "UserID")
    through = str(frame["year"].max()) if len(frame) else ""
    investor, host = DIRECTIONS[direction]
    return {
        "source_id": release_id(direction, response),
        "publisher": "U.S. Bureau of Economic Analysis",
        "title": f"API, MNE dataset: direct investment position, {investor} in {host}, "
        f"historical-cost basis (through {through})",
        "url": f"{request.url}?{params}",
        "kind": "official_statistics",
        "primary": "true",
        "date_published": "",
        "vintage": through,
        "license": "US-Government-Works",
        "sha256": response.sha256,
        "superseded_by": "",
        "notes": f"Retrieved through BEA's API on {response.retrieved.date().isoformat()}; "
        "the raw reply is kept in the refresh cache under its SHA-256.",
    }
