"""Write ``src/korus_data/curated/source_files.csv``: the files a build reads from a source pack,
found by watching a real build open them (Python's audit hook), each with its size, SHA-256
and the source record whose SHA-256 is the file's.

Usage: python tools/source_manifest.py [SOURCE_PACK]   (default ../shared/sources)

The build runs on a scratch copy of the package; nothing of the checkout changes but the
manifest. ``tests/pipeline/test_build.py`` fails when a build reads another set of files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: What a file no source record names is.
NOTES = {
    "census/c5800-page-captures.csv": (
        "The package's compilation of captures of the Census Bureau's c5800 page (Trade in "
        "Goods with Korea, South); each row names its capture in the sources table."
    )
}


def opened_by_a_build(pack: Path) -> list[str]:
    """The paths in ``pack`` that a build from it opens."""
    opened: set[str] = set()

    def hook(event: str, args: tuple) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            path = Path(os.fsdecode(args[0])).resolve()
            if pack in path.parents:
                opened.add(path.relative_to(pack).as_posix())

    sys.addaudithook(hook)
    from korus_data.cli import main

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(REPO / "data", root / "data")
        for name in ("datapackage.json", "README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md"):
            shutil.copy2(REPO / name, root / name)
        if main(["build", "--sources", str(pack), "--root", str(root)]) != 0:
            raise SystemExit("the build failed: no manifest written")
    return sorted(opened)


def main() -> int:
    pack = Path(sys.argv[1] if len(sys.argv) > 1 else REPO.parent / "shared" / "sources").resolve()
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        by_digest = {
            row["sha256"]: row["source_id"] for row in csv.DictReader(handle) if row["sha256"]
        }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "bytes", "sha256", "source_id", "note"])
    for path in opened_by_a_build(pack):
        data = (pack / path).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        source = by_digest.get(digest, "")
        if not source and path not in NOTES:
            raise SystemExit(
                f"{path}: no source record has its SHA-256, and no note says what it is"
            )
        writer.writerow([path, len(data), digest, source, "" if source else NOTES[path]])
    target = REPO / "src" / "korus_data" / "curated" / "source_files.csv"
    target.write_bytes(out.getvalue().encode("utf-8"))
    print(f"wrote {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
