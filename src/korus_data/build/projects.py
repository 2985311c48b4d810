"""Korean investment projects in the U.S. and their events, from the source extract.

Reads ``extracts/investment_projects.csv`` (one row per reported event, each with its source
and a short excerpt), files each row under a project (``projects_map.ROWS``), normalises its
event type and date, and keeps its amount only when the cited excerpt states it: the excerpts
of a few rows do not contain the amount the row gives, and an amount nobody can check against
its source is left empty (the event's note says so).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from korus_data.build.projects_map import (
    EVENT_OF,
    FACT_SHEET_PROJECTS,
    PROJECTS,
    ROW_EVENTS,
    ROW_NOTES,
    ROWS,
    SOURCE_REPLACEMENTS,
    WHOLE_PROJECT_AMOUNT_ROWS,
)
from korus_data.errors import BuildError
from korus_data.project_vocabulary import INCREMENT_EVENTS

#: Hosts that only repeat others' reporting (mirrors, aggregators, blogs, encyclopaedias).
AGGREGATOR_HOSTS = {
    "gateway.ipfs.io", "elixirposts.blogspot.com", "particle.news", "agentictribune.com",
    "news.az", "devdiscourse.com", "yahoo.com", "townhall.com", "jepic-usa.org",
    "365publicationsonline.com", "encyclopediaofalabama.org", "usaherald.com", "econotimes.com",
    "modernconstruction360.com", "readmagazine.com", "autoworldjournal.com",
}  # fmt: skip
GOVERNMENT_WORDS = ("department", "governor", "white house", "u.s. ", "commerce")
AMOUNT_NOT_IN_EXCERPT = "Amount left empty: the cited text does not state it."
PRECISION = {4: "year", 7: "month", 10: "day"}
CAPACITY = re.compile(r"(\d+(?:\.\d+)?)\s?(GWh|GW)\b")


def capacity_of(product: object) -> tuple[float, str] | tuple[None, str]:
    """The one production capacity a row's product text states ("1.7 GW/yr"), if exactly one.

    Example:
        >>> capacity_of("solar modules (1.7 GW/yr)"), capacity_of("3.8 GW or 1.7 GW")
        ((1.7, 'GW'), (None, ''))
    """
    found = CAPACITY.findall(str(product)) if isinstance(product, str) else []
    if len(found) != 1:
        return None, ""
    return float(found[0][0]), found[0][1]


@dataclass(frozen=True)
class ProjectTables:
    projects: pd.DataFrame
    events: pd.DataFrame
    sources: list[dict]
    left_out: list[str]


def _amount_forms(amount: float) -> set[str]:
    billions = amount / 1000
    forms = {f"{amount:,.0f}", f"{amount:.0f}", f"{amount:g}", f"{amount:,.1f}"}
    for fmt in ("{:.1f}", "{:.2f}", "{:g}", "{:.3f}"):
        number = fmt.format(billions)
        forms |= {f"{number} billion", f"{number}billion", f"${number}b", f"${number} b",
                  f"{number}bn", f"${number} bil"}  # fmt: skip
    return {f.lower() for f in forms}


def amount_in_text(amount: float, text: str) -> bool:
    """True when ``text`` states ``amount`` (USD millions) in one of the usual ways.

    Example:
        >>> amount_in_text(3100, "its $3.1 billion joint-venture"), amount_in_text(28, "close")
        (True, False)
    """
    lowered = str(text).lower()
    return any(form in lowered for form in _amount_forms(amount))


#: Sub-domains that say nothing about the publisher.
GENERIC_LABELS = {"www", "en", "m", "m-en", "jp", "eng", "gov", "dev", "stage", "blog", "gateway",
                  "advocacy", "news"}  # fmt: skip


#: Sources cited elsewhere in the package by a fixed identifier.
FACT_SHEET_URL = (
    "https://2017-2021.state.gov/president-donald-j-trump-and-president-moon-jae-in-reaffirm-"
    "the-united-states-and-republic-of-koreas-ironclad-alliance/index.html"
)
FIXED_SOURCE_IDS = {FACT_SHEET_URL: "state-dept-2019-06-fact-sheet"}


def _source_id(url: str) -> str:
    """A readable, stable identifier: the publisher's domain name and a hash of the address."""
    if url in FIXED_SOURCE_IDS:
        return FIXED_SOURCE_IDS[url]
    labels = [x for x in urlparse(url).netloc.lower().split(".") if x]
    while len(labels) > 2 and labels[0] in GENERIC_LABELS:
        labels = labels[1:]
    stem = re.sub(r"[^a-z0-9]+", "-", labels[0]).strip("-")
    return f"{stem}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def _kind(url: str, publisher: str, source_kind: str) -> str:
    host = urlparse(url).netloc.lower().removeprefix("www.")
    if host in AGGREGATOR_HOSTS:
        return "aggregator"
    if source_kind == "primary":
        words = publisher.lower()
        if ".gov" in host or any(w in words for w in GOVERNMENT_WORDS):
            return "official_statement"
        return "company_release"
    return "press"


#: Registry records written by hand for sources the package cites beyond the projects.
FIXED_RECORDS = {
    "state-dept-2019-06-fact-sheet": {
        "title": "Fact sheet: President Donald J. Trump and President Moon Jae-in reaffirm the "
        "United States and Republic of Korea's ironclad alliance (June 2019)",
        "kind": "official_statement",
        "date_published": "2019-06",
        "notes": "The fact sheet whose claims korus-data checks (claims table); also the source "
        "of six project events, which the fact check never uses as evidence for itself.",
    },
}


def _source_record(url: str, rows: pd.DataFrame) -> dict:
    first = rows.iloc[0]
    companies = sorted(set(rows["company"]))
    kind = _kind(url, first["publisher"], first["source_kind"])
    record = {
        "source_id": _source_id(url),
        "publisher": first["publisher"],
        "title": f"Report on {'; '.join(companies)}",
        "url": url,
        "kind": kind,
        "primary": first["source_kind"] == "primary",
        "date_published": "",
        "vintage": "",
        "license": "US-Government-Works"
        if kind == "official_statement" and ".gov" in url
        else "cited-figures",
        "sha256": "",
        "superseded_by": "",
        "notes": "A mirror or aggregator: kept because no company, state or federal release "
        "for the same facts was found."
        if kind == "aggregator"
        else "",
    }
    record.update(FIXED_RECORDS.get(record["source_id"], {}))
    return record


def project_tables(extract: Path) -> ProjectTables:
    """Build both tables and their sources from the extract file."""
    if not extract.is_file():
        raise BuildError(f"investment project extract {extract} does not exist")
    raw = pd.read_csv(extract, dtype={"date": str, "state": str, "source_url": str})
    if set(ROWS) != set(range(len(raw))):
        raise BuildError(
            f"{extract.name} has {len(raw)} rows; korus_data/build/projects_map.py files "
            f"{len(ROWS)}: update the map"
        )
    events, left_out = [], []
    sources = {url: _source_record(url, rows) for url, rows in raw.groupby("source_url")}
    replaced_by: dict[str, str] = {}
    for index, (url, publisher, kind, states) in SOURCE_REPLACEMENTS.items():
        old = raw.at[index, "source_url"]
        record = _source_record(url, raw.loc[[index]])
        record.update(publisher=publisher, kind=kind, primary=False,
                      notes=f"States the {states}. Replaces {sources[old]['source_id']}, "
                      "a weaker source for the same event.")  # fmt: skip
        sources[url] = record
        replaced_by[old] = record["source_id"]
        raw.at[index, "source_url"] = url
    for index, row in raw.iterrows():
        project_id, company = ROWS[index]
        if not str(row["company"]).startswith(company):
            raise BuildError(
                f"{extract.name} row {index}: expected {company!r}, found "
                f"{row['company']!r}; update projects_map.ROWS"
            )
        if row["event"] not in EVENT_OF:
            raise BuildError(f"{extract.name} row {index}: unknown event {row['event']!r}")
        event, event_note = ROW_EVENTS.get(index, EVENT_OF[row["event"]])
        date = row["date"] if isinstance(row["date"], str) else ""
        if len(date) not in PRECISION:
            left_out.append(f"{project_id}: '{row['event']}' has no date")
            continue
        notes = [
            n
            for n in (
                event_note,
                ROW_NOTES.get(index, ""),
                WHOLE_PROJECT_AMOUNT_ROWS.get(index, ""),
            )
            if n
        ]
        amount = row["amount_musd"]
        if pd.notna(amount) and not amount_in_text(amount, row["excerpt"]):
            amount = float("nan")
            notes.append(AMOUNT_NOT_IN_EXCERPT)
        scope = {"total": "total_project", "korean_share": "korean_share"}.get(
            row["amount_scope"], "unknown"
        )
        if event in INCREMENT_EVENTS and index not in WHOLE_PROJECT_AMOUNT_ROWS:
            scope = "increment"  # an expansion's amount adds to the project; it is not its total
        events.append(
            {
                "project_id": project_id,
                "date": date,
                "date_precision": PRECISION[len(date)],
                "event": event,
                "amount_usd_millions": amount,
                "amount_scope": scope if pd.notna(amount) else "",
                "jobs": row["jobs"] if pd.notna(row["jobs"]) else pd.NA,
                "capacity": capacity_of(row["product"])[0],
                "capacity_unit": capacity_of(row["product"])[1],
                "note": " ".join(notes),
                "source_id": sources[row["source_url"]]["source_id"],
            }
        )
    events_frame = pd.DataFrame(events).sort_values(["project_id", "date", "event", "source_id"])
    dated = set(events_frame["project_id"])
    projects = [
        {
            "project_id": pid,
            "kind": facts["kind"],
            "company": facts["company"],
            "korean_group": facts["group"],
            "partner": facts["partner"],
            "sector": facts["sector"],
            "product": facts["product"],
            "city": facts["city"],
            "county": facts["county"],
            "state": facts["state"],
            "in_2019_fact_sheet": pid in FACT_SHEET_PROJECTS,
        }
        for pid, facts in sorted(PROJECTS.items())
        if pid in dated
    ]
    left_out += [f"{pid}: no dated event" for pid in sorted(set(PROJECTS) - dated)]
    used = set(events_frame["source_id"])
    for old_url, new_id in replaced_by.items():  # kept, pointing to the replacement
        if sources[old_url]["source_id"] not in used:
            sources[old_url]["superseded_by"] = new_id
            sources[old_url]["notes"] = "Replaced by a better source for the same event."
            used.add(sources[old_url]["source_id"])
    records = sorted(
        (r for r in sources.values() if r["source_id"] in used), key=lambda r: r["source_id"]
    )
    return ProjectTables(
        pd.DataFrame(projects), events_frame.reset_index(drop=True), records, left_out
    )
