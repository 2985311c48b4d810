"""The release as a schema.org ``Dataset`` in JSON-LD, generated from ``datapackage.json``, so
that dataset search engines can index it: name, description, version, licence, creator,
keywords, the period and places it covers, and a ``DataDownload`` for each file of the
release with its address, format and SHA-256.

The same record, without the download list when the files are not at hand, goes into the
report's pages (``<script type="application/ld+json">``).

Example:
    >>> record = json.loads(dataset_jsonld({"datapackage.json": b'{"name": "x", "title": "T",'
    ...     b' "description": "D", "version": "2026.12", "resources": []}'}))
    >>> record["@type"], record["version"]
    ('Dataset', '2026.12')
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from korus_data.__about__ import DATA_VERSION

REPOSITORY = "https://github.com/korus-data/korus-data"
TAG_PAGE = REPOSITORY + "/releases/tag/data-{version}"
DOWNLOADS = REPOSITORY + "/releases/download/data-{version}/"
#: Media types of a release's files, by the end of their names.
MEDIA_TYPES = {
    ".zip": "application/zip",
    ".parquet": "application/vnd.apache.parquet",
    ".json": "application/json",
    ".sqlite": "application/vnd.sqlite3",
    ".sql": "application/sql",
    ".md": "text/markdown",
}
#: What the package covers, as places (schema.org ``Place``).
PLACES = ("United States", "Republic of Korea")
#: A description shorter than this is not indexed by Google's dataset search.
DESCRIPTION_MIN = 50


def _coverage(descriptor: dict) -> str | None:
    """The years the tables cover, as an ISO 8601 interval (``1960/2026``)."""
    years = []
    for resource in descriptor.get("resources", []):
        coverage = resource.get("coverage") or {}
        for key in ("first", "last"):
            value = str(coverage.get(key) or "")
            if value[:4].isdigit():
                years.append(int(value[:4]))
    return f"{min(years)}/{max(years)}" if years else None


def _media_type(name: str) -> str:
    return next((t for end, t in MEDIA_TYPES.items() if name.endswith(end)), "text/plain")


def dataset_jsonld(files: dict[str, bytes], folder: Path | None = None) -> str:
    """The JSON-LD text of the release described by ``files["datapackage.json"]``; with
    ``folder``, every file in it is listed as a download of the release."""
    descriptor = json.loads(files["datapackage.json"])
    version = str(descriptor.get("version") or DATA_VERSION)
    description = str(descriptor.get("description", ""))
    if len(description) < DESCRIPTION_MIN:
        description += (
            " Each release keeps every figure's earlier values as vintages, and every row "
            "names its source."
        )
    licenses = [entry["path"] for entry in descriptor.get("licenses", []) if "path" in entry]
    record: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": TAG_PAGE.format(version=version),
        "name": descriptor.get("title") or descriptor.get("name"),
        "description": description,
        "url": TAG_PAGE.format(version=version),
        "identifier": TAG_PAGE.format(version=version),
        "version": version,
        "isAccessibleForFree": True,
        "keywords": descriptor.get("keywords", []),
        "license": licenses[0] if licenses else None,
        "creator": {"@type": "Organization", "name": "korus-data developers", "url": REPOSITORY},
        "spatialCoverage": [{"@type": "Place", "name": place} for place in PLACES],
    }
    coverage = _coverage(descriptor)
    if coverage:
        record["temporalCoverage"] = coverage
    if folder is not None:
        base = DOWNLOADS.format(version=version)
        record["distribution"] = [
            {
                "@type": "DataDownload",
                "name": path.name,
                "contentUrl": base + path.name,
                "encodingFormat": _media_type(path.name),
                "contentSize": f"{path.stat().st_size} B",
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
            for path in sorted(p for p in folder.iterdir() if p.is_file())
        ]
    return json.dumps({k: v for k, v in record.items() if v is not None}, indent=2) + "\n"


__all__ = ["dataset_jsonld"]
