"""From BEA's MNE dataset, every country's direct-investment position, to new vintages of
``direct_investment_position_by_partner_annual`` and (Korea's rows) of
``direct_investment_position_annual``.

One request per direction (``Country=all``, historical cost): ``inward`` gives each
country's position in the United States, ``outward`` the U.S. position in each. Both tables
cite the same release (``bea-mne-<direction>-position-<day retrieved>``), so Korea's rows
agree release by release. Each row's ``Row`` is the partner as BEA labels it, classified by
``curated/bea_partner_codes.csv`` (an unknown label stops the refresh, naming it). A
suppressed or not-meaningful cell gives no row and is listed in the change report; press
figures already in the history stay there as their own releases, ended the day an official
figure for the same year arrives.
"""

from __future__ import annotations

import pandas as pd

from korus_data.pipeline.refresh.bea_api import NOT_A_NUMBER, yearly_cells
from korus_data.pipeline.refresh.http import FetchError, Response
from korus_data.pipeline.tables.investment import PartnerNames
from korus_data.pipeline.vintages import build_vintages, history, with_history
from korus_data.schema.tables import TABLES

DIRECTIONS = {"inward": ("KOR", "USA"), "outward": ("USA", "KOR")}
KEY = {"investor": str, "host": str, "year": int, "basis": str}
PARTNER_KEY = {"direction": str, "partner": str, "year": int, "basis": str}
EXTRA = ["partner_kind", "iso3", "iso_status", "note"]


def release_id(direction: str, response: Response) -> str:
    return f"bea-mne-{direction}-position-{response.retrieved.date().isoformat()}"


def partner_rows(direction: str, response: Response) -> tuple[pd.DataFrame, list[str]]:
    """(every partner's rows with a number, notes on the cells without one) of one reply."""
    label = response.request.label
    names, rows, notes = PartnerNames(), [], []
    for year, reply, value, cell in yearly_cells(response):
        name = str(reply.get("Row", "")).strip()
        code = names.named(name)
        if code is None:
            raise FetchError(
                f"{label}: the {year} row is for {name!r}, a partner korus-data does not "
                "know: add it to korus_data/curated/bea_partner_codes.csv"
            )
        if value is None:
            partner = code["partner"]
            notes.append(f"{direction} {partner} {year}: {cell} ({NOT_A_NUMBER[cell]}), no row")
        else:
            rows.append(names.row(direction, code, year, value))
    frame = pd.DataFrame(
        rows,
        columns=["direction", "partner", *EXTRA[:3], "year", "basis", "value_usd_millions", "note"],
    )
    day = pd.Timestamp(response.retrieved.date())
    return frame.assign(source_id=release_id(direction, response), known_from=day, unit=1.0), notes


def korea_rows(every: pd.DataFrame) -> pd.DataFrame:
    """Korea's rows of ``partner_rows``, as observations of the Korea-U.S. table."""
    korea = every[every["iso3"] == "KOR"]
    pairs = korea["direction"].map(DIRECTIONS)
    return korea.assign(investor=pairs.str[0], host=pairs.str[1])[
        [*KEY, "value_usd_millions", "source_id", "known_from", "unit"]
    ]


def position_vintages(committed: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The Korea-U.S. vintage table with the new observations on top of its history."""
    past = history(committed, KEY, "value_usd_millions", {}).assign(unit=1.0)
    built = build_vintages(with_history(new, past), list(KEY), "value_usd_millions")
    table = TABLES["direct_investment_position_annual_vintages"]
    return built[table.field_names].sort_values([*table.primary_key], ignore_index=True)


def partner_vintages(committed: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The every-partner vintage table with the new observations on top of its history."""
    past = history(committed, PARTNER_KEY, "value_usd_millions", {}).assign(unit=1.0)
    columns = [*PARTNER_KEY, "value_usd_millions", "source_id", "known_from", "unit"]
    built = build_vintages(
        with_history(new[columns], past), list(PARTNER_KEY), "value_usd_millions"
    )
    described = pd.concat([committed[["partner", *EXTRA]], new[["partner", *EXTRA]]])
    described = described.drop_duplicates("partner", keep="last").set_index("partner")
    built = built.join(described, on="partner")
    table = TABLES["direct_investment_position_by_partner_annual_vintages"]
    return built[table.field_names].sort_values([*table.primary_key], ignore_index=True)


def subject(direction: str) -> str:
    """What one reply holds, for its source record."""
    where = (
        "every country's position in the United States"
        if direction == "inward"
        else "the U.S. position in every country"
    )
    return f"direct investment position, {where}, historical-cost basis"
