"""From the Census API's replies to new versions of the goods tables, as vintages.

Each reply is its own release (``census-intltrade-<endpoint>-<day retrieved>``): a figure it
shows that differs from the latest one becomes a new vintage row from that day, and the old
row ends that day. Monthly totals update ``goods_trade_monthly``; December's year-to-date
total is the calendar year's figure in ``goods_trade_annual`` (Census basis). The replies by
product and by state fill the two tables only the refresh can fill.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from korus_data.pipeline.refresh.census_api import (
    BY_ENDUSE,
    BY_HS2,
    CENSUS_API,
    FIRST_MONTH,
    FLOWS,
    STATE_BY_HS2,
    STATE_TOTALS,
    TOTALS,
    Query,
    parse_reply,
)
from korus_data.pipeline.refresh.changes import diff_table
from korus_data.pipeline.refresh.context import Refresh, combine_vintages
from korus_data.pipeline.refresh.http import Response
from korus_data.pipeline.tables.goods import coarse_releases
from korus_data.pipeline.vintages import build_vintages, history, with_history
from korus_data.schema.tables import TABLES

VALUATION = {"export": "fas", "import": "customs"}
SERIES = "census_intltrade_api"
ALL_QUERIES: tuple[Query, ...] = (
    *TOTALS.values(),
    *BY_HS2.values(),
    *BY_ENDUSE.values(),
    STATE_TOTALS,
    STATE_BY_HS2,
)


@dataclass(frozen=True)
class Reply:
    """A parsed reply with the release it becomes."""

    query: Query
    response: Response
    frame: pd.DataFrame

    @property
    def day(self) -> str:
        return self.response.retrieved.date().isoformat()

    @property
    def release_id(self) -> str:
        slug = self.query.endpoint.replace("/", "-")
        extra = "".join(f"-{v.lower()}" for _, v in self.query.filters)
        return f"census-intltrade-{slug}{extra}-korea-{self.day}"

    @property
    def data_through(self) -> str:
        return str(self.frame["period"].max()) if len(self.frame) else ""

    def register(self, ctx: Refresh) -> None:
        ctx.register_reply(
            self.response,
            self.release_id,
            SERIES,
            self.data_through,
            publisher="U.S. Census Bureau",
            title=f"International Trade API, {self.query.endpoint}: Korea (5800), monthly, "
            f"{FIRST_MONTH} to {self.data_through}",
        )


def _observations(replies: list[Reply], column: str, key: str) -> pd.DataFrame:
    parts = []
    for reply in replies:
        flow = "export" if reply.query.endpoint.startswith("exports") else "import"
        frame = reply.frame
        if key == "year":
            frame = frame[frame["period"].str.endswith("-12")]
            frame = frame.assign(year=frame["period"].str[:4].astype(int))
        parts.append(
            pd.DataFrame(
                {
                    key: frame[key],
                    "flow": flow,
                    "value": frame[column],
                    "source_id": reply.release_id,
                    "known_from": pd.Timestamp(reply.day),
                    "unit": 1e-6,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _vintage_frame(
    committed: pd.DataFrame,
    new: pd.DataFrame,
    key: dict[str, type],
    units: dict[str, float],
    day: pd.Timestamp,
    allow_removals: bool,
    covered: Callable[[pd.DataFrame], pd.Series],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(vintage rows, removed latest rows) of one table's Census rows with ``new`` on top.

    A latest figure in the span the replies ``covered`` that they no longer show is removed.
    """
    past = history(committed.rename(columns={"value_usd_millions": "value"}), key, "value", units)
    built = build_vintages(with_history(new, past), list(key), "value")
    open_rows = built["realtime_end"].isna()
    shown = pd.MultiIndex.from_frame(new[list(key)].astype(object))
    keys = pd.MultiIndex.from_frame(built[list(key)].astype(object))
    gone = open_rows & covered(built).to_numpy() & ~keys.isin(shown)
    removed = built[gone]
    if allow_removals:
        built.loc[gone, "realtime_end"] = day
    return built, removed


def goods_updates(
    committed: dict[str, pd.DataFrame], replies: list[Reply], allow_removals: bool
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """New vintage tables of ``goods_trade_monthly`` and ``goods_trade_annual`` (by name),
    and the latest figures the replies no longer show (removed only with ``allow_removals``)."""
    totals = [r for r in replies if r.query in TOTALS.values()]
    units = coarse_releases(committed["releases"])
    day = pd.Timestamp(max(r.day for r in totals))
    last = max(r.data_through for r in totals)
    out: dict[str, pd.DataFrame] = {}
    removed: dict[str, pd.DataFrame] = {}
    monthly = committed["goods_trade_monthly_vintages"]

    def in_range(frame: pd.DataFrame) -> pd.Series:
        return (frame["period"] >= FIRST_MONTH) & (frame["period"] <= last)

    built, gone = _vintage_frame(
        monthly,
        _observations(totals, "value_usd_millions", "period"),
        {"period": str, "flow": str},
        units,
        day,
        allow_removals,
        in_range,
    )
    out["goods_trade_monthly_vintages"] = _census_columns(built, "goods_trade_monthly")
    removed["goods_trade_monthly"] = _census_columns(gone, "goods_trade_monthly")
    annual = committed["goods_trade_annual_vintages"]
    census = annual[annual["basis"] == "census"]
    other = annual[annual["basis"] != "census"]
    last_year = int(last[:4]) - (last[5:] != "12")

    def complete_years(frame: pd.DataFrame) -> pd.Series:
        years = frame["year"].astype(int)
        return (years >= int(FIRST_MONTH[:4])) & (years <= last_year)

    built, gone = _vintage_frame(
        census,
        _observations(totals, "year_to_date_usd_millions", "year"),
        {"year": int, "flow": str},
        units,
        day,
        allow_removals,
        complete_years,
    )
    out["goods_trade_annual_vintages"] = combine_vintages(
        "goods_trade_annual", other, _census_columns(built, "goods_trade_annual")
    )
    removed["goods_trade_annual"] = _census_columns(gone, "goods_trade_annual")
    return out, removed


def _census_columns(built: pd.DataFrame, name: str) -> pd.DataFrame:
    frame = built.rename(columns={"value": "value_usd_millions"}).assign(
        reporter="USA",
        partner="KOR",
        basis="census",
        valuation=built["flow"].map(VALUATION),
    )
    return frame[TABLES[f"{name}_vintages"].field_names]


def product_table(replies: list[Reply]) -> pd.DataFrame:
    """``goods_trade_by_product_monthly`` from the replies by HS chapter and End-Use code."""
    parts = []
    for reply in replies:
        query = reply.query
        if query in BY_HS2.values():
            classification = "hs2"
        elif query in BY_ENDUSE.values():
            classification = "census_enduse"
        else:
            continue
        flow = "export" if query.endpoint.startswith("exports") else "import"
        parts.append(
            reply.frame.assign(
                reporter="USA",
                partner="KOR",
                flow=flow,
                classification=classification,
                source_id=reply.release_id,
            )
        )
    return _frame_of(parts, "goods_trade_by_product_monthly")


def state_table(replies: list[Reply]) -> pd.DataFrame:
    """``us_state_exports_to_korea_monthly`` from the replies by state."""
    parts = []
    for reply in replies:
        if reply.query == STATE_TOTALS:
            parts.append(reply.frame.assign(product_code="total", source_id=reply.release_id))
        elif reply.query == STATE_BY_HS2:
            parts.append(reply.frame.assign(source_id=reply.release_id))
    return _frame_of(parts, "us_state_exports_to_korea_monthly")


def _frame_of(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    from korus_data.schema.tables import REFRESH_ONLY

    table = REFRESH_ONLY[name]
    if not parts:
        return pd.DataFrame(columns=table.field_names)
    frame = pd.concat(parts, ignore_index=True)[table.field_names]
    return frame.sort_values(list(table.primary_key), ignore_index=True)


def refresh_census(ctx: Refresh, key: str) -> None:
    """Ask for every query, then stage the goods tables, the refresh-only tables and the
    reconciliation with the workbook."""
    api = ctx.api_base or os.environ.get("KORUS_CENSUS_API") or CENSUS_API
    replies = []
    for number, query in enumerate(ALL_QUERIES, start=1):
        ctx.say(f"[{number}/{len(ALL_QUERIES)}] {query.label}")
        response = ctx.fetcher.get(query.request(api, key))
        frame = parse_reply([] if response.empty else response.json(), query)
        replies.append(Reply(query, response, frame))
    for reply in replies:
        reply.register(ctx)
    committed = {
        name: ctx.committed(name)
        for name in ("releases", "goods_trade_monthly_vintages", "goods_trade_annual_vintages")
    }
    coarse = coarse_releases(committed["releases"])
    vintages, removed = goods_updates(committed, replies, ctx.allow_removals)
    for name in ("goods_trade_monthly", "goods_trade_annual"):
        ctx.put_vintaged(name, vintages[f"{name}_vintages"], coarse)
        if not ctx.allow_removals:  # still published: listed so that the refresh is refused
            key_columns = list(TABLES[name].primary_key)
            gone = removed[name].astype({k: str for k in key_columns})
            ctx.report.changes += diff_table(name, gone, gone.iloc[0:0], key_columns)
    ctx.report.reconciliation += reconcile(ctx.committed("goods_trade_monthly_vintages"), replies)
    ctx.put_table("goods_trade_by_product_monthly", product_table(replies))
    ctx.put_table("us_state_exports_to_korea_monthly", state_table(replies))


def reconcile(vintages: pd.DataFrame, replies: list[Reply]) -> list[str]:
    """Months where the API and the latest country workbook both have a figure and differ."""
    workbook = vintages[vintages["source_id"].str.startswith("census-country-xlsx-")]
    if workbook.empty:
        return []
    newest = workbook.sort_values("realtime_start").drop_duplicates(["period", "flow"], keep="last")
    known = newest.set_index(["period", "flow"])
    lines = []
    for reply in replies:
        if reply.query not in TOTALS.values():
            continue
        flow = "export" if reply.query.endpoint.startswith("exports") else "import"
        pairs = zip(reply.frame["period"], reply.frame["value_usd_millions"], strict=True)
        for period, value in pairs:
            if (period, flow) not in known.index:
                continue
            old = known.loc[(period, flow)]
            if abs(float(old["value_usd_millions"]) - value) > 5e-7:
                lines.append(
                    f"{period} {flow}: {float(old['value_usd_millions']):,.6f} "
                    f"({old['source_id']}) -> {value:,.6f} from the API"
                )
    return lines


__all__ = ["ALL_QUERIES", "FLOWS", "Reply", "goods_updates", "refresh_census"]
