"""``korus-data refresh``: plan, fetch, parse, validate, diff, swap.

Every request is made and every reply parsed before anything is decided; the new tables are
then built as vintages on top of the committed ones, compared with what is published (the
change report), staged, validated with every gate, and published all-or-nothing by the same
writer as ``korus-data build``. ``dry_run`` stops after the change report. Figures that a new
release no longer shows are refused unless ``allow_removals``.

Example (not run here: it needs the network and a key)::

    from korus_data.pipeline.refresh import run_refresh
    report = run_refresh(".", services=["census"], dry_run=True)
    print(report.render())
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from korus_data.errors import BuildError, UsageError
from korus_data.pipeline.curated import read_text_table
from korus_data.pipeline.refresh import bea as bea_refresh
from korus_data.pipeline.refresh import census as census_refresh
from korus_data.pipeline.refresh.bea_api import BEA_API, MIN_INTERVAL, bea_request, parameter_code
from korus_data.pipeline.refresh.bea_api import KEY_SIGNUP as BEA_KEY_SIGNUP
from korus_data.pipeline.refresh.census_api import CENSUS_API, KEY_SIGNUP, parse_reply
from korus_data.pipeline.refresh.changes import ChangeReport, diff_table
from korus_data.pipeline.refresh.http import Fetcher, default_cache_dir
from korus_data.pipeline.registry import merge_sources
from korus_data.pipeline.writer import publish, to_csv_text
from korus_data.schema.tables import DEFINED, TABLES
from korus_data.store.paths import resolve_root

SERVICES = ("census", "bea")


class RemovalRefused(BuildError):
    """A new release no longer shows figures that are published; nothing was written."""


def _committed(base: Path, name: str) -> pd.DataFrame:
    path = base / DEFINED[name].path
    if not path.is_file():
        return pd.DataFrame(columns=DEFINED[name].field_names)
    return read_text_table(path.read_bytes())


def _typed_latest(base: Path, name: str) -> pd.DataFrame:
    frame = _committed(base, name)
    return frame.astype({"value_usd_millions": float})


def _require_valid(stage: Path) -> None:
    from korus_data.validation import validate

    report = validate(stage)
    if not report.ok:
        problems = "\n  ".join(str(f) for f in report.failures[:10])
        raise BuildError(f"the refreshed tables are not valid; nothing was changed:\n  {problems}")


def census_key(key: str | None = None) -> str:
    """The Census API key: ``key``, else ``$CENSUS_API_KEY``; a :class:`UsageError` says how
    to get one when there is none."""
    key = key or os.environ.get("CENSUS_API_KEY", "").strip()
    if not key:
        raise UsageError(
            f"refresh census needs a Census API key: get one free at {KEY_SIGNUP}, then set "
            "CENSUS_API_KEY"
        )
    return key


def run_refresh(
    root: str | Path | None = None,
    *,
    services: list[str] | tuple[str, ...] = ("census",),
    dry_run: bool = False,
    allow_removals: bool = False,
    api_base: str | None = None,
    key: str | None = None,
    bea_key: str | None = None,
    fetcher: Fetcher | None = None,
    report_path: str | Path | None = None,
    today: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> ChangeReport:
    """Fetch the newest official figures, and publish them as new vintages when they change
    anything. Returns the change report; raises :class:`BuildError` (nothing written) when a
    request, a reply or the validation fails, or when figures would disappear."""
    base = resolve_root(root)
    if not (base / "data").is_dir():
        raise UsageError(f"{base} is not a korus-data package root: it has no data/ folder")
    unknown = [s for s in services if s not in SERVICES]
    if unknown:
        raise UsageError(f"unknown service {unknown[0]!r}; use one of: {', '.join(SERVICES)}, all")
    say = progress or (lambda text: None)
    throttle = MIN_INTERVAL if "bea" in services else 0.0
    fetcher = fetcher or Fetcher(cache_dir=default_cache_dir(), progress=say, min_interval=throttle)
    if fetcher.progress is None:
        fetcher.progress = say
    today = today or dt.date.today().isoformat()
    report = ChangeReport(list(services), dry_run=dry_run)
    texts: dict[str, str] = {}
    records: list[dict] = []
    releases: list[dict] = []
    if "census" in services:
        _census(base, key, api_base, fetcher, allow_removals, report, texts, records, releases, say)
    if "bea" in services:
        _bea(base, bea_key, api_base, fetcher, report, texts, records, releases, say)
    if report.removals and not allow_removals:
        shown = "; ".join(str(c) for c in report.removals[:5])
        raise RemovalRefused(
            f"the new release no longer shows {len(report.removals)} published figures "
            f"({shown}); nothing was changed. Rerun with --allow-removals to accept it"
        )
    if report.changes and not dry_run:
        cited = set().union(*(set(_sources_in(text)) for text in texts.values()))
        used = [r for r in releases if r["release_id"] in cited]
        report.releases = used
        sources = merge_sources(
            _committed(base, "sources"), [r for r in records if r["source_id"] in cited], today
        )
        texts["sources"] = to_csv_text(sources, TABLES["sources"])
        texts["releases"] = to_csv_text(_release_rows(base, used), TABLES["releases"])
        say("validating the refreshed tables and publishing them…")
        report.written = publish(base, texts, _require_valid)
    _write_report(report, report_path, say)
    return report


def _sources_in(text: str) -> list[str]:
    lines = text.splitlines()
    header = lines[0].split(",")
    if "source_id" not in header:
        return []
    position = header.index("source_id")
    return [line.split(",")[position] for line in lines[1:] if '"' not in line]


def _release_rows(base: Path, new: list[dict]) -> pd.DataFrame:
    fields = TABLES["releases"].field_names
    added = pd.DataFrame(new, columns=fields)
    committed = _committed(base, "releases")
    kept = committed[~committed["release_id"].isin(added["release_id"])]
    return pd.concat([kept, added], ignore_index=True).sort_values("release_id")


def _census(base, key, api_base, fetcher, allow_removals, report, texts, records, releases, say):
    key = census_key(key)
    api = api_base or os.environ.get("KORUS_CENSUS_API") or CENSUS_API
    queries = census_refresh.ALL_QUERIES
    replies = []
    for number, query in enumerate(queries, start=1):
        say(f"[{number}/{len(queries)}] {query.label}")
        response = fetcher.get(query.request(api, key))
        frame = parse_reply([] if response.empty else response.json(), query)
        replies.append(census_refresh.Reply(query, response, frame))
    releases += [r.release_row() for r in replies]
    records += [r.source_record() for r in replies]
    committed = {
        name: _committed(base, name)
        for name in ("releases", "goods_trade_monthly_vintages", "goods_trade_annual_vintages")
    }
    coarse = census_refresh.coarse_releases(committed["releases"])
    vintages, removed = census_refresh.goods_updates(committed, replies, allow_removals)
    for name in ("goods_trade_monthly", "goods_trade_annual"):
        table = TABLES[name]
        new_vintages = vintages[f"{name}_vintages"].sort_values(
            [*table.primary_key, "realtime_start"], ignore_index=True
        )
        new_latest = census_refresh.latest_of(new_vintages, name)
        key_columns = list(table.primary_key)
        old_latest = _typed_latest(base, name)
        changes = diff_table(name, old_latest, new_latest, key_columns, coarse)
        if not allow_removals:  # still published: listed so that the refresh is refused
            gone = removed[name].astype({k: str for k in key_columns})
            changes += diff_table(name, gone, gone.iloc[0:0], key_columns)
        report.changes += changes
        if changes:
            texts[f"{name}_vintages"] = to_csv_text(new_vintages, TABLES[f"{name}_vintages"])
            texts[name] = to_csv_text(new_latest, table)
    report.reconciliation += _reconcile(base, replies)
    for name, frame in (
        ("goods_trade_by_product_monthly", census_refresh.product_table(replies)),
        ("us_state_exports_to_korea_monthly", census_refresh.state_table(replies)),
    ):
        table = DEFINED[name]
        changes = diff_table(name, _typed_latest(base, name), frame, list(table.primary_key))
        report.changes += changes
        if changes and len(frame):
            texts[name] = to_csv_text(frame, table)


def bea_api_key(key: str | None = None) -> str:
    """The BEA key: ``key``, else ``$BEA_API_KEY``; a :class:`UsageError` says how to get one."""
    key = key or os.environ.get("BEA_API_KEY", "").strip()
    if not key:
        raise UsageError(
            f"refresh bea needs a BEA API key: get one free at {BEA_KEY_SIGNUP}, then set "
            "BEA_API_KEY"
        )
    return key


def _bea(base, key, api_base, fetcher, report, texts, records, releases, say):
    key = bea_api_key(key)
    api = api_base or os.environ.get("KORUS_BEA_API") or BEA_API

    def get(label: str, **params: str):
        say(f"{label}")
        return fetcher.get(bea_request(api, key, label, **params))

    country = parameter_code(
        get("bea MNE Country codes", method="GetParameterValues", DataSetName="MNE",
            ParameterName="Country"),
        r"^(Korea, Republic of|South Korea|Korea)$",
    )  # fmt: skip
    series = parameter_code(
        get("bea MNE SeriesID codes", method="GetParameterValues", DataSetName="MNE",
            ParameterName="SeriesID"),
        r"^direct investment position\b",
    )  # fmt: skip
    observations = []
    for direction in bea_refresh.DIRECTIONS:
        response = get(
            f"bea MNE {direction} position", method="GetData", DataSetName="MNE",
            DirectionOfInvestment=direction, Classification="Country", SeriesID=series,
            Country=country, Year="ALL", Ownershiplevel="0", NonbankAffiliatesOnly="0",
            GetFootnotes="No",
        )  # fmt: skip
        frame, notes = bea_refresh.position_rows(direction, response)
        report.reconciliation += notes
        observations.append(frame)
        releases.append(bea_refresh.release_row(direction, response, frame))
        records.append(bea_refresh.source_record(direction, response, frame))
    name = "direct_investment_position_annual"
    committed = _committed(base, f"{name}_vintages")
    vintages = bea_refresh.position_vintages(committed, pd.concat(observations, ignore_index=True))
    new_latest = bea_refresh.latest_positions(vintages)
    changes = diff_table(name, _typed_latest(base, name), new_latest,
                         list(TABLES[name].primary_key))  # fmt: skip
    changes = [c for c in changes if c.kind != "removed"]  # BEA does not withdraw; see docs
    report.changes += changes
    if changes:
        texts[f"{name}_vintages"] = to_csv_text(vintages, TABLES[f"{name}_vintages"])
        texts[name] = to_csv_text(new_latest, TABLES[name])


def _reconcile(base: Path, replies: list) -> list[str]:
    """Months where the API and the latest country workbook both have a figure and differ."""
    vintages = _committed(base, "goods_trade_monthly_vintages")
    workbook = vintages[vintages["source_id"].str.startswith("census-country-xlsx-")]
    if workbook.empty:
        return []
    newest = workbook.sort_values("realtime_start").drop_duplicates(["period", "flow"], keep="last")
    known = newest.set_index(["period", "flow"])
    lines = []
    for reply in replies:
        if reply.query not in census_refresh.TOTALS.values():
            continue
        flow = "export" if reply.query.endpoint.startswith("exports") else "import"
        for period, value in zip(
            reply.frame["period"], reply.frame["value_usd_millions"], strict=True
        ):
            if (period, flow) not in known.index:
                continue
            old = known.loc[(period, flow)]
            if abs(float(old["value_usd_millions"]) - value) > 5e-7:
                lines.append(
                    f"{period} {flow}: {float(old['value_usd_millions']):,.6f} in "
                    f"{old['source_id']}, {value:,.6f} from the API (kept: the later release)"
                )
    return lines


def _write_report(report: ChangeReport, path: str | Path | None, say) -> None:
    if path is None:
        if report.dry_run or not report.changes:
            return
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = default_cache_dir().parent / "reports" / f"refresh-{stamp}.json"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.to_json(), encoding="utf-8")
    report.report_path = str(path)
    say(f"change report written to {path}")
