"""Run every example notebook and write its outputs back, small and repeatable.

Each notebook runs in a fresh kernel from the ``notebooks/`` folder; its outputs are kept as
the reader on GitHub sees them (text, tables, charts as SVG with text kept as text: a tenth
of the PNG's size once compressed), without execution timestamps or dates in the charts.
``tests/packaging/test_notebooks.py`` runs them again and fails when a committed output is no
longer what the notebook prints (stale outputs).

Usage: python tools/run_notebooks.py [NAME ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: Run first in each kernel, not kept: charts drawn small enough to commit.
SETUP = (
    "import matplotlib as _mpl\n"
    "_mpl.rcParams.update({'svg.fonttype': 'none', 'svg.hashsalt': 'korus-data'})\n"
    "del _mpl\n"
    "%config InlineBackend.figure_formats = ['svg']\n"
    "%config InlineBackend.print_figure_kwargs = {'bbox_inches': 'tight', "
    "'metadata': {'Date': None}}\n"
)


def run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    setup = nbformat.v4.new_code_cell(SETUP)
    notebook.cells.insert(0, setup)
    NotebookClient(
        notebook, timeout=600, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    notebook.cells.remove(setup)
    count = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
            output.get("metadata", {}).pop("execution", None)
    nbformat.write(notebook, path)


def main(names: list[str]) -> int:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if names:
        paths = [p for p in paths if any(n in p.name for n in names)]
    for path in paths:
        print(f"running {path.name}…", flush=True)
        run(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
