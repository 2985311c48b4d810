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

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

from korus_data.errors import BuildError, UsageError
from korus_data.pipeline.refresh.bea import refresh_bea
from korus_data.pipeline.refresh.bea_api import KEY_SIGNUP as BEA_KEY_SIGNUP
from korus_data.pipeline.refresh.bea_api import MIN_INTERVAL
from korus_data.pipeline.refresh.census import refresh_census
from korus_data.pipeline.refresh.census_api import KEY_SIGNUP as CENSUS_KEY_SIGNUP
from korus_data.pipeline.refresh.changes import ChangeReport
from korus_data.pipeline.refresh.context import Refresh
from korus_data.pipeline.refresh.http import Fetcher, default_cache_dir
from korus_data.pipeline.refresh.imf import refresh_imf
from korus_data.pipeline.registry import merge_releases, merge_sources
from korus_data.pipeline.writer import publish, require_valid, to_csv_text
from korus_data.schema.tables import TABLES
from korus_data.store.files import write_utf8
from korus_data.store.paths import resolve_root

SERVICES = ("census", "bea", "imf")


class RemovalRefused(BuildError):
    """A new release no longer shows figures that are published; nothing was written."""


def api_key(variable: str, signup: str, key: str | None = None) -> str:
    """``key``, else ``$variable``; a :class:`UsageError` says how to get one when there is
    none."""
    key = key or os.environ.get(variable, "").strip()
    if not key:
        service = variable.split("_")[0].title()
        raise UsageError(
            f"this refresh needs a {service} API key: get one free at {signup}, then set {variable}"
        )
    return key


def run_refresh(
    root: str | Path | None = None,
    *,
    services: list[str] | tuple[str, ...] = ("census",),
    dry_run: bool = False,
    allow_removals: bool = False,
    accept_revisions: bool = False,
    api_base: str | None = None,
    key: str | None = None,
    bea_key: str | None = None,
    fetcher: Fetcher | None = None,
    report_path: str | Path | None = None,
    today: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> ChangeReport:
    """Fetch the newest official figures, and publish them as new vintages when they change
    anything. ``services``: ``census`` (needs ``CENSUS_API_KEY`` or ``key``), ``bea`` (needs
    ``BEA_API_KEY`` or ``bea_key``), ``imf`` (no key). Returns the change report; raises
    :class:`BuildError` (nothing written) when a request, a reply or the validation fails, or
    when figures would disappear, or when the new release moves figures beyond their history
    (the plausibility gate of ``korus-data build``; ``accept_revisions`` after reading it)."""
    base = resolve_root(root)
    if not (base / "data").is_dir():
        raise UsageError(f"{base} is not a korus-data package root: it has no data/ folder")
    unknown = [s for s in services if s not in SERVICES]
    if unknown:
        raise UsageError(f"unknown service {unknown[0]!r}; use one of: {', '.join(SERVICES)}, all")
    keys = {
        "census": api_key("CENSUS_API_KEY", CENSUS_KEY_SIGNUP, key) if "census" in services else "",
        "bea": api_key("BEA_API_KEY", BEA_KEY_SIGNUP, bea_key) if "bea" in services else "",
    }  # every key checked before the first request
    say = progress or (lambda text: None)
    throttle = MIN_INTERVAL if "bea" in services else 0.0
    fetcher = fetcher or Fetcher(cache_dir=default_cache_dir(), progress=say, min_interval=throttle)
    if fetcher.progress is None:
        fetcher.progress = say
    ctx = Refresh(
        base, fetcher, ChangeReport(list(services), dry_run=dry_run), api_base, allow_removals, say
    )
    if "census" in services:
        refresh_census(ctx, keys["census"])
    if "bea" in services:
        refresh_bea(ctx, keys["bea"])
    if "imf" in services:
        refresh_imf(ctx)
    report = ctx.report
    if report.removals and not allow_removals:
        shown = "; ".join(str(c) for c in report.removals[:5])
        raise RemovalRefused(
            f"the new release no longer shows {len(report.removals)} published figures "
            f"({shown}); nothing was changed. Rerun with --allow-removals to accept it"
        )
    if report.changes and not dry_run:
        cited = set().union(*(set(_sources_in(text)) for text in ctx.texts.values()))
        report.releases = [r for r in ctx.releases if r["release_id"] in cited]
        records = [r for r in ctx.records if r["source_id"] in cited]
        today = today or dt.date.today().isoformat()
        sources = merge_sources(ctx.committed("sources"), records, today)
        ctx.texts["sources"] = to_csv_text(sources, TABLES["sources"])
        ctx.texts["releases"] = to_csv_text(
            merge_releases(ctx.committed("releases"), report.releases), TABLES["releases"]
        )
        say("validating the refreshed tables and publishing them…")
        check = require_valid("refreshed", base, accept_revisions=accept_revisions)
        report.written = publish(base, ctx.texts, check)
    _write_report(report, report_path, say)
    return report


def _sources_in(text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    if "source_id" not in header:
        return []
    position = header.index("source_id")
    return [row[position] for row in rows]


def _write_report(report: ChangeReport, path: str | Path | None, say) -> None:
    if path is None:
        if report.dry_run or not report.changes:
            return
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = default_cache_dir().parent / "reports" / f"refresh-{stamp}.json"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_utf8(path, report.to_json())
    report.report_path = str(path)
    say(f"change report written to {path}")
