"""The files that passed, remembered across processes: reused only when the bytes, the
table's definition, the gates' code and the libraries are all the same; never believed when
the entry is not exactly what was written."""

from __future__ import annotations

import dataclasses

import pytest

from korus_data.schema.tables import TABLES
from korus_data.validation import lasting_memo, memo, validate


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """A fresh cache, and the strict reads done (a reuse does none)."""
    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))
    lasting_memo.context.cache_clear()
    reads: list[str] = []
    real = memo.read_checked

    def counting(path, table, data=None):
        reads.append(table.name)
        return real(path, table, data)

    monkeypatch.setattr(memo, "read_checked", counting)
    memo.forget()
    yield reads
    memo.forget()
    lasting_memo.context.cache_clear()


def _validate_in_a_new_process(root):
    memo.forget()  # what a new process remembers: only the lasting entries
    return validate(root)


def test_unchanged_bytes_are_not_checked_again_in_a_new_process(counted, package_copy):
    assert validate(package_copy).ok and "partners" in counted
    counted.clear()
    assert _validate_in_a_new_process(package_copy).ok
    assert counted == []  # every file passed before: none read strictly again


def test_a_changed_byte_is_checked_afresh(counted, package_copy):
    assert validate(package_copy).ok
    path = package_copy / TABLES["partners"].path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(lines[1].split(",", 1)[0], "ABCD", 1)
    path.write_text("".join(lines), encoding="utf-8", newline="")
    counted.clear()
    report = _validate_in_a_new_process(package_copy)
    assert counted == ["partners"] and not report.ok


def test_a_changed_definition_or_version_is_checked_afresh(counted, package_copy, monkeypatch):
    assert validate(package_copy).ok
    table = TABLES["partners"]
    changed = dataclasses.replace(table, description=table.description + " (changed)")
    digest = lasting_memo.entry_key(table, "sha256:x")
    assert lasting_memo.entry_key(changed, "sha256:x") != digest
    monkeypatch.setattr(lasting_memo, "FORMAT", lasting_memo.FORMAT + 1)
    lasting_memo.context.cache_clear()  # as a new version of the gates would be
    counted.clear()
    assert _validate_in_a_new_process(package_copy).ok
    assert "partners" in counted and len(counted) >= 40  # nothing reused


def test_a_corrupted_entry_is_ignored(counted, package_copy, tmp_path):
    assert validate(package_copy).ok
    entries = list((tmp_path / "cache" / "korus-data" / "validation").glob("*.json"))
    assert len(entries) >= 40
    for entry in entries:
        entry.write_text('{"passed": true}')  # not what this module writes
    counted.clear()
    assert _validate_in_a_new_process(package_copy).ok
    assert len(counted) == len(entries)  # every file checked again


def test_frictionless_reads_again_only_what_changed(package_copy, monkeypatch):
    """(The session's cache: the package's bytes may have passed in another test already.)"""
    from frictionless import Package

    names: list[object] = []
    real = Package.validate

    def counting(self, *args, **kwargs):
        names.append(kwargs.get("name", "every resource"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Package, "validate", counting)
    memo.forget()
    assert validate(package_copy, spec=True).ok
    names.clear()
    memo.forget()
    assert validate(package_copy, spec=True).ok and names == []  # nothing read again
    claims = package_copy / TABLES["claims"].path
    claims.write_bytes(claims.read_bytes().replace(b"supported", b"supporter", 1))
    memo.forget()
    report = validate(package_copy, spec=True)
    assert names == ["claims", "claim_product_codes"] or names == ["claims"]
    assert any(
        r.gate == "frictionless" and r.table == "claims" and r.status == "fail"
        for r in report.results
    )
