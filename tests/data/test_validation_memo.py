"""validate() remembers the per-table gates by the bytes of each file: the same bytes are not
read twice, a changed byte always is, and nobody can change what is remembered."""

from __future__ import annotations

import pytest

from korus_data.schema.tables import TABLES
from korus_data.validation import memo, validate


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A cache of its own: no file passed before in another test of the session."""
    monkeypatch.setenv("KORUS_CACHE", str(tmp_path / "cache"))


def test_the_same_bytes_are_checked_once_and_a_changed_byte_afresh(package_copy, monkeypatch):
    memo.forget()
    reads: list[str] = []
    real = memo.read_checked

    def counting(path, table, data=None):
        reads.append(table.name)
        return real(path, table, data)

    monkeypatch.setattr(memo, "read_checked", counting)
    assert validate(package_copy).ok
    assert reads.count("partners") == 1
    assert validate(package_copy).ok
    assert reads.count("partners") == 1  # remembered

    path = package_copy / TABLES["partners"].path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    code = lines[1].split(",", 1)[0]
    lines[1] = lines[1].replace(code, "ABCD", 1)  # not a four-digit Census code
    path.write_text("".join(lines), encoding="utf-8", newline="")
    report = validate(package_copy)
    assert reads.count("partners") == 2  # read again
    assert not report.ok
    assert any(f.table == "partners" and f.row == 2 for f in report.failures)


def test_a_frame_handed_out_cannot_change_what_is_remembered(package_copy):
    memo.forget()
    table = TABLES["partners"]
    checked = memo.checked_file(table, package_copy / table.path)
    frame = checked.typed_frame()
    frame.loc[0, "partner_code"] = "ABCD"
    assert checked.frame.loc[0, "partner_code"] != "ABCD"
    assert validate(package_copy).ok
