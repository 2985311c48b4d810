"""CITATION.cff and .zenodo.json say the same as the package: its version, title, licence and
the release's address, so that "Cite this repository" and a DOI minted by Zenodo cite the
release a reader has."""

from __future__ import annotations

import json

import yaml
from helpers import REPO

import korus_data as kd


def test_citation_cff_is_in_step_with_the_data_version():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert str(cff["version"]) == kd.DATA_VERSION == descriptor["version"]
    assert cff["url"].endswith(f"/releases/tag/data-{kd.DATA_VERSION}")
    assert cff["title"] == descriptor["title"]
    assert cff["license"] == "CC-BY-4.0"


def test_zenodo_metadata_matches_the_citation():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["title"] == cff["title"] and zenodo["license"] == cff["license"]
    assert zenodo["upload_type"] == "dataset"
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert set(cff["keywords"]) <= set(zenodo["keywords"])
