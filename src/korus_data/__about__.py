"""Versions: the library follows SemVer; the data release has its own calendar version."""

__version__ = "0.2.0"

#: Version of the data release (the tables in ``data/`` and ``datapackage.json``).
DATA_VERSION = "2026.12"

#: When this data release was created (ISO 8601, UTC); written into ``datapackage.json``.
DATA_CREATED = "2026-12-03T00:00:00Z"
