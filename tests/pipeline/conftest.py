"""Fixtures of the pipeline tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def root(package_copy: Path) -> Path:
    """A writable copy of the package for one refresh test (``package_copy``, by its role)."""
    return package_copy
