"""Provenance checks across tables: foreign keys, sources in use, and the vintage tables.

Each check takes ``{table name: typed DataFrame}`` and returns :class:`GateResult` objects.
"""

from __future__ import annotations

import pandas as pd

from korus_data.schema.tables import CURATED, DEFINED, TABLES, VINTAGES_OF
from korus_data.store.releases import known_from
from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]
#: Published tables and curated inputs, by name: what a frame of ``Frames`` can be.
DEFINITIONS = {**DEFINED, **CURATED}


def foreign_keys(frames: Frames) -> list[GateResult]:
    """Every foreign key of every table resolves in the table it references."""
    results = []
    for name, frame in frames.items():
        table = DEFINITIONS[name]
        if not table.foreign_keys:
            continue
        failures: list[Failure] = []
        for fk in table.foreign_keys:
            target = frames.get(fk.table)
            if target is None:
                failures.append(Failure(name, f"referenced table {fk.table!r} could not be read"))
                continue
            values = frame[list(fk.fields)]
            known = pd.MultiIndex.from_frame(target[list(fk.reference_fields)].astype(object))
            keys = pd.MultiIndex.from_frame(values.astype(object))
            empty = values.isna().all(axis=1).to_numpy()  # an empty optional reference
            broken = ~keys.isin(known) & ~empty
            for index in values.index[broken]:
                key = tuple(values.loc[index])
                shown = key[0] if len(key) == 1 else key
                failures.append(
                    Failure(
                        name,
                        f"{shown!r} is not a {'/'.join(fk.reference_fields)} of {fk.table}",
                        row=index + 2,
                        column=",".join(fk.fields),
                    )
                )
        results.append(GateResult.from_failures("foreign_keys", name, failures))
    return results


def _cited_sources(frames: Frames) -> set[str]:
    """Every value of a column that refers to the sources table, in every frame but sources."""
    cited: set[str] = set()
    for name, frame in frames.items():
        if name == "sources":
            continue
        for fk in DEFINITIONS[name].foreign_keys:
            if fk.table == "sources":
                cited |= set(frame[fk.fields[0]].dropna().unique().tolist())
    return cited


def sources_in_use(frames: Frames) -> list[GateResult]:
    """Every registered source is cited by a row or says which source superseded it."""
    if "sources" not in frames or not set(TABLES) <= frames.keys():
        return []  # only meaningful when every table was read
    cited = _cited_sources(frames)
    sources = frames["sources"]
    idle = sources[~sources["source_id"].isin(cited) & sources["superseded_by"].isna()]
    failures = [
        Failure(
            "sources",
            f"{sid!r} is cited by no row and superseded by nothing",
            row=i + 2,
            column="source_id",
        )
        for i, sid in idle["source_id"].items()
    ]
    note = f"{len(sources) - len(idle)} of {len(sources)} sources cited or superseded"
    return [GateResult.from_failures("sources_in_use", "sources", failures, note, warn=True)]


def _per_release(source_ids: pd.Series, days: object) -> pd.Series:
    """``days[source_id]`` for each row as datetime64, looked up once per release (a table has
    a few releases and thousands of rows); NaT where a release has no day."""
    lookup = days if isinstance(days, dict) else dict(days.items())
    releases = source_ids.dropna().unique().tolist()
    day_of = pd.Series(
        pd.to_datetime(pd.Series([lookup.get(r) for r in releases], dtype=object)).to_numpy(),
        index=releases,
    )
    return pd.Series(day_of.reindex(source_ids.to_numpy()).to_numpy(), index=source_ids.index)


def vintages_consistent(frames: Frames) -> list[GateResult]:
    """Each vintage table is a history without gaps or overlaps, dated by its releases, whose
    open rows are exactly the published table.

    Per figure, rows sorted by ``realtime_start`` must chain (each ends the day the next
    starts; only the last is open, or ended when a release withdrew the figure, which then
    is not published); each row starts on the known-from day of its source
    (releases, else the source's publication date; an undated report may start on the day it
    was read); the open rows equal the published rows, value and source included.
    """
    results = []
    dates = (
        known_from(frames["releases"], frames["sources"])
        if {"releases", "sources"} <= frames.keys()
        else None
    )
    accessed = (
        frames["sources"].set_index("source_id")["date_accessed"] if "sources" in frames else None
    )
    for name, definition in VINTAGES_OF.items():
        vintages = frames.get(definition.name)
        published = frames.get(name)
        if vintages is None:
            continue
        key = list(TABLES[name].primary_key)
        failures: list[Failure] = []
        ordered = vintages.sort_values([*key, "realtime_start"], kind="stable")
        next_start = ordered.groupby(key, dropna=False)["realtime_start"].shift(-1)
        chained = next_start.isna() | (ordered["realtime_end"] == next_start)
        for index, row in ordered[~chained].iterrows():
            label = " ".join(str(row[k]) for k in key)
            nxt = next_start[index]
            problem = (
                "is open but a later row follows"
                if pd.isna(row["realtime_end"])
                else f"ends {row['realtime_end']:%Y-%m-%d}, not when the next row starts "
                f"({'none' if pd.isna(nxt) else f'{nxt:%Y-%m-%d}'})"
            )
            failures.append(
                Failure(
                    definition.name,
                    f"{label}: the row starting {row['realtime_start']:%Y-%m-%d} {problem}",
                    row=index + 2,
                    column="realtime_end",
                )
            )
        if dates is not None:
            expected = _per_release(vintages["source_id"], dates)
            read_on = _per_release(vintages["source_id"], accessed)
            wrong = (vintages["realtime_start"] != expected) & (
                expected.notna() | (vintages["realtime_start"] != read_on)
            )
            failures += [
                Failure(
                    definition.name,
                    f"starts {row['realtime_start']:%Y-%m-%d} but its release "
                    f"{row['source_id']} became public on "
                    f"{'an unknown day' if pd.isna(expected[i]) else f'{expected[i]:%Y-%m-%d}'}",
                    row=i + 2,
                    column="realtime_start",
                )
                for i, row in vintages[wrong].iterrows()
            ]
        if published is not None:
            columns = list(published.columns)
            open_rows = vintages[vintages["realtime_end"].isna()][columns]
            merged = published.merge(open_rows, how="outer", indicator=True, on=columns)
            for _, row in merged[merged["_merge"] != "both"].head(20).iterrows():
                where = "published only" if row["_merge"] == "left_only" else "vintages only"
                label = " ".join(str(row[k]) for k in key)
                failures.append(
                    Failure(
                        definition.name,
                        f"{label}: {row['value_usd_millions']} ({row['source_id']}) is in the "
                        f"{where}: the latest vintage and {name} must agree",
                    )
                )
        note = f"{len(vintages)} values of {vintages.groupby(key).ngroups} figures"
        results.append(GateResult.from_failures("vintages", definition.name, failures, note))
    return results
