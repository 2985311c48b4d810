"""A validation reads and hashes each file of the package once: the integrity gate, the strict
read and the memo share the bytes and the digest."""

from __future__ import annotations

import collections
from pathlib import Path

import korus_data as kd
from korus_data.schema import to_frictionless
from korus_data.store import descriptor, files
from korus_data.validation import gates, memo


def test_each_file_is_read_and_hashed_once_per_validation(monkeypatch):
    reads: collections.Counter = collections.Counter()
    hashed: collections.Counter = collections.Counter()
    read_regular, bytes_digest = files.read_regular, to_frictionless.bytes_digest

    def counted_read(base, relative):
        reads[(Path(base) / relative).resolve()] += 1
        return read_regular(base, relative)

    def counted_digest(data):
        hashed[id(data)] += 1
        return bytes_digest(data)

    for module in (files, memo, gates, descriptor):
        if hasattr(module, "read_regular"):
            monkeypatch.setattr(module, "read_regular", counted_read)
    for module in (to_frictionless, memo, descriptor):
        if hasattr(module, "bytes_digest"):
            monkeypatch.setattr(module, "bytes_digest", counted_digest)
    memo.forget()  # nothing remembered: every file is read
    report = kd.validate()
    assert report.ok
    data_files = {p for p in reads if p.suffix == ".csv"}
    assert len(data_files) >= 45  # the tables and the curated inputs
    assert {p: n for p, n in reads.items() if n > 1} == {}
    assert max(hashed.values()) == 1 and sum(hashed.values()) == len(data_files)
