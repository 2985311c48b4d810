"""What one refresh gathers as it goes: the replies' releases and sources, the new table texts,
and the change report; and the comparison of each new table with the published one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from korus_data.pipeline.curated import read_committed
from korus_data.pipeline.refresh.changes import Change, ChangeReport, diff_table
from korus_data.pipeline.refresh.http import Fetcher, FetchError, Response
from korus_data.pipeline.vintages import latest
from korus_data.pipeline.writer import to_csv_text
from korus_data.schema.tables import DEFINED


@dataclass
class Refresh:
    """One refresh in progress (see :func:`korus_data.pipeline.refresh.run_refresh`)."""

    base: Path
    fetcher: Fetcher
    report: ChangeReport
    api_base: str | None = None
    allow_removals: bool = False
    say: Callable[[str], None] = lambda text: None
    texts: dict[str, str] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    releases: list[dict] = field(default_factory=list)

    def committed(self, name: str) -> pd.DataFrame:
        """A table as published (as text), or an empty frame when it is not."""
        return read_committed(self.base, name)

    def published(self, name: str, value: str = "value_usd_millions") -> pd.DataFrame:
        return self.committed(name).astype({value: float})

    def register_reply(
        self,
        response: Response,
        release_id: str,
        series: str,
        through: str,
        *,
        publisher: str,
        title: str,
        license: str = "US-Government-Works",
    ) -> None:
        """Record one API reply as a release and its source (cited only if a row uses it)."""
        day = response.retrieved.date().isoformat()
        self.releases.append(
            {
                "release_id": release_id,
                "series": series,
                "data_through": through,
                "released": day,
                "date_kind": "retrieved",
                "date_source_id": "",
            }
        )
        self.records.append(
            {
                "source_id": release_id,
                "publisher": publisher,
                "title": title,
                "url": response.request.public_url,
                "kind": "official_statistics",
                "primary": "true",
                "date_published": "",
                "vintage": through,
                "license": license,
                "sha256": response.sha256,
                "superseded_by": "",
                "notes": f"Retrieved through the API on {day}; the raw reply is kept in the "
                "refresh cache under its SHA-256.",
            }
        )

    def put_vintaged(
        self, name: str, vintages: pd.DataFrame, coarse: dict[str, float] | None = None
    ) -> list[Change]:
        """Compare the latest rows of ``vintages`` with the published table; when they differ,
        stage both tables."""
        table = DEFINED[name]
        key = list(table.primary_key)
        vintages = vintages.sort_values([*key, "realtime_start"], ignore_index=True)
        new = latest(vintages).sort_values(key, ignore_index=True)
        changes = diff_table(name, self.published(name), new, key, coarse)
        self.report.changes += changes
        if changes:
            self.texts[f"{name}_vintages"] = to_csv_text(vintages, DEFINED[f"{name}_vintages"])
            self.texts[name] = to_csv_text(new, table)
        return changes

    def put_table(self, name: str, frame: pd.DataFrame, value: str = "value_usd_millions") -> None:
        """Stage a table without vintages when it differs from the published one."""
        table = DEFINED[name]
        changes = diff_table(
            name, self.published(name, value), frame, list(table.primary_key), value=value
        )
        self.report.changes += changes
        if changes and len(frame):
            self.texts[name] = to_csv_text(frame, table)


def typed_vintages(frame: pd.DataFrame) -> pd.DataFrame:
    """Vintage rows (read as text, or concatenated as objects) with the types the CSV writer
    expects: integer years, float values, dates."""
    frame = frame.copy()
    if "year" in frame:
        frame["year"] = frame["year"].astype(int)
    frame["value_usd_millions"] = frame["value_usd_millions"].astype(float)
    for column in ("realtime_start", "realtime_end"):
        frame[column] = pd.to_datetime(frame[column].replace("", None))
    return frame


def combine_vintages(name: str, kept: pd.DataFrame, built: pd.DataFrame) -> pd.DataFrame:
    """Committed vintage rows not refreshed (``kept``) with the refreshed ones (``built``)."""
    fields = DEFINED[f"{name}_vintages"].field_names
    parts = [typed_vintages(kept)[fields].astype(object), built[fields].astype(object)]
    return typed_vintages(pd.concat(parts, ignore_index=True))


def refuse_repeats(frame: pd.DataFrame, key: list[str], label: str) -> None:
    """:class:`FetchError` when a reply gives one figure twice (two rows for one period)."""
    twice = frame[frame.duplicated(key, keep=False)]
    if len(twice):
        first = twice.iloc[0]
        raise FetchError(
            f"{label}: the reply gives {' '.join(str(first[k]) for k in key)} "
            f"{(twice[key] == first[key]).all(axis=1).sum()} times; korus-data takes no "
            "figure it is given twice"
        )
