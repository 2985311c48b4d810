"""Build the project's wheel (shared by the wheel test and the benchmarks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build_wheel(outdir: Path) -> Path:
    """Build this checkout's wheel into ``outdir``, with this environment's hatchling."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir),
         str(REPO)],
        check=True, capture_output=True,
    )  # fmt: skip
    return next(Path(outdir).glob("korus_data-*.whl"))
