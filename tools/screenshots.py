"""Regenerate the README's screenshots from the current data: the report's pages in headless
Chromium (Debian's ``chromium``) at 1280 and 390 pixels.

Usage: python tools/screenshots.py [--out docs] [--all]

Writes ``docs/report-<page>.png`` (1280 px wide) for the pages the README shows, and with
``--all`` every page at both widths into ``--out``. Nothing is committed by the script: look
at the pictures, then commit the ones the README shows.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHOWN = ("index", "goods", "partners", "projects", "factcheck")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def shoot(page: Path, target: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs"))
    parser.add_argument("--all", action="store_true", help="every page, at 1280 and 390 px")
    args = parser.parse_args()
    import korus_data as kd

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        kd.report(site)
        pages = sorted(p.stem for p in site.glob("*.html")) if args.all else SHOWN
        for name in pages:
            page = site / f"{name}.html"
            shoot(page, out / f"report-{'overview' if name == 'index' else name}.png", 1280, 1600)
            if args.all:
                shoot(page, out / f"report-{name}-390.png", 390, 1600)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
