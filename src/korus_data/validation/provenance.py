"""Provenance checks across tables: foreign keys, sources in use, and the vintage tables.

Each check takes ``{table name: typed DataFrame}`` and returns :class:`GateResult` objects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from korus_data.schema.codes import SOURCES_CITED_IN_CODE
from korus_data.schema.tables import CURATED, DEFINED, TABLES, VINTAGES_OF
from korus_data.store.releases import known_from
from korus_data.validation.report import Failure, GateResult

Frames = dict[str, pd.DataFrame]
#: Published tables and curated inputs, by name: what a frame of ``Frames`` can be.
DEFINITIONS = {**DEFINED, **CURATED}


def foreign_keys(frames: Frames) -> list[GateResult]:
    """Every foreign key of every table resolves in the table it references."""
    results = []
    # each referenced key, built once: (table, columns) -> its keys
    known: dict[tuple[str, tuple[str, ...]], pa.Array] = {}
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
            if (fk.table, fk.reference_fields) not in known:
                known[fk.table, fk.reference_fields] = _key_values(target, fk.reference_fields)
            values = frame[list(fk.fields)]
            empty = values.isna().all(axis=1).to_numpy()  # an empty optional reference
            found = _found(_key_values(values, fk.fields), known[fk.table, fk.reference_fields])
            for index in values.index[~found & ~empty]:
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


#: Joins the columns of a key into one text (a unit separator: never in a value).
SEPARATOR = "\x1f"


def _key_values(frame: pd.DataFrame, fields: tuple[str, ...]) -> pa.Array:
    """The key of each row as one Arrow text array: the column itself for a one-column key,
    else the columns as text joined by ``SEPARATOR`` (missing when any part is missing)."""
    columns = [pa.array(frame[f], from_pandas=True) for f in fields]
    if len(columns) == 1:
        return columns[0]
    texts = [c if pa.types.is_string(c.type) else pc.cast(c, pa.string()) for c in columns]
    return pc.binary_join_element_wise(*texts, SEPARATOR)


def _found(keys: pa.Array, known: pa.Array) -> np.ndarray:
    """Whether each key is one of ``known`` (a hash set, in Arrow)."""
    found = pc.is_in(keys, value_set=pc.drop_null(known))
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _cited_sources(frames: Frames) -> set[str]:
    """Every value of a column that refers to the sources table, in every frame but sources,
    and the sources the code cites (``SOURCES_CITED_IN_CODE``)."""
    cited: set[str] = set(SOURCES_CITED_IN_CODE)
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


def sources_cited_in_code(frames: Frames) -> list[GateResult]:
    """Every source the package's code cites (``SOURCES_CITED_IN_CODE``) is registered."""
    if "sources" not in frames:
        return []
    registered = set(frames["sources"]["source_id"])
    missing = [
        Failure("sources", f"{sid!r} is cited by the package's code but not registered")
        for sid in SOURCES_CITED_IN_CODE
        if sid not in registered
    ]
    return [GateResult.from_failures("sources_cited_in_code", "sources", missing)]


def source_files_match_sources(frames: Frames) -> list[GateResult]:
    """Each file of the source manifest that names a source record has that record's SHA-256
    (the file is the one the record describes)."""
    if "source_files" not in frames or "sources" not in frames:
        return []
    files, sources = frames["source_files"], frames["sources"]
    recorded = dict(zip(sources["source_id"], sources["sha256"], strict=True))
    failures = [
        Failure(
            "source_files",
            f"{row.path}: SHA-256 {row.sha256[:12]}… but {row.source_id} records "
            f"{str(recorded.get(row.source_id))[:12]}…",
            row=i + 2,
            column="sha256",
        )
        for i, row in enumerate(files.itertuples())
        if isinstance(row.source_id, str) and recorded.get(row.source_id) != row.sha256
    ]
    note = f"{files['source_id'].notna().sum()} files named by a source record"
    return [GateResult.from_failures("source_files_match_sources", "source_files", failures, note)]


def _day_lookup(days: dict[str, object]) -> pd.Series:
    """``days`` as a datetime64 Series indexed by source or release id."""
    return pd.Series(
        pd.to_datetime(pd.Series(list(days.values()), dtype=object)).to_numpy(), index=list(days)
    )


def _per_release(source_ids: pd.Series, days: pd.Series) -> pd.Series:
    """``days[source_id]`` for each row, looked up once per release (a table has a few
    releases and thousands of rows); NaT where a release has no day."""
    codes, releases = pd.factorize(source_ids)
    day_of = days.reindex(releases).to_numpy()
    per_row = day_of.take(codes, mode="clip") if len(releases) else np.full(len(codes), None)
    return pd.Series(per_row, index=source_ids.index, dtype=days.dtype).where(codes >= 0)


def _same_rows(first: pd.DataFrame, second: pd.DataFrame, key: list[str]) -> bool:
    """Whether two frames hold the same rows, in any order (sorted by ``key`` and compared
    cell by cell, missing equal to missing): the quick answer when nothing differs."""
    if len(first) != len(second):
        return False
    first, second = (f.sort_values(key).reset_index(drop=True) for f in (first, second))
    return first.equals(second)


def _differing_rows(published: pd.DataFrame, open_rows: pd.DataFrame, columns: list[str]) -> list:
    """The first 20 rows found in only one of the two frames (``_merge`` says which)."""
    merged = published.merge(open_rows, how="outer", indicator=True, on=columns)
    return list(merged[merged["_merge"] != "both"].head(20).iterrows())


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
    # the releases' days, looked up only when a vintage table is checked
    checked = any(definition.name in frames for definition in VINTAGES_OF.values())
    dated = checked and {"releases", "sources"} <= frames.keys()
    dates = _day_lookup(known_from(frames["releases"], frames["sources"])) if dated else None
    accessed = (
        _day_lookup(
            dict(
                zip(frames["sources"]["source_id"], frames["sources"]["date_accessed"], strict=True)
            )
        )
        if dated
        else None
    )
    for name, definition in VINTAGES_OF.items():
        vintages = frames.get(definition.name)
        published = frames.get(name)
        if vintages is None:
            continue
        key = list(TABLES[name].primary_key)
        failures: list[Failure] = []
        ordered = vintages.sort_values([*key, "realtime_start"], kind="stable")
        figures = ordered.groupby(key, dropna=False)
        next_start = figures["realtime_start"].shift(-1)
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
            differing = (
                []
                if _same_rows(published, open_rows, key)
                else _differing_rows(published, open_rows, columns)
            )
            for _, row in differing:
                where = "published only" if row["_merge"] == "left_only" else "vintages only"
                label = " ".join(str(row[k]) for k in key)
                failures.append(
                    Failure(
                        definition.name,
                        f"{label}: {row['value_usd_millions']} ({row['source_id']}) is in the "
                        f"{where}: the latest vintage and {name} must agree",
                    )
                )
        note = f"{len(vintages)} values of {figures.ngroups} figures"
        results.append(
            GateResult.from_failures("vintages_consistent", definition.name, failures, note)
        )
    return results
