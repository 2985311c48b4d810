"""Every example notebook runs top to bottom, and its committed outputs are what it prints now.

Notebooks are committed with their outputs (``python tools/run_notebooks.py`` writes them), so
that a reader on GitHub sees the story with its figures; a test runs each one again and fails
when a committed text output (printed text, a table) differs from today's, or a chart is
missing: a stale output fails, never a silently wrong one.

The notebooks run in one real Jupyter kernel per test process, one after the other: before
each, a first cell empties the kernel as "Restart" would for what a notebook can reach (its
variables and imported names, open figures, matplotlib's settings, pandas's display options,
the warnings already shown), so a notebook that leans on another's state fails here too. A
fresh kernel per notebook cost about 2.5 s of CPU each to start and import pandas and
matplotlib again.
"""

from __future__ import annotations

import os

import nbformat
import pytest
from helpers import REPO
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

#: Run before each notebook; it must print nothing.
RESTART = """\
%reset -f
import sys as _sys
import matplotlib as _mpl
import matplotlib.pyplot as _plt
import pandas as _pd
_plt.close("all")
_mpl.rcdefaults()
_pd.reset_option("display")
for _module in list(_sys.modules.values()):
    getattr(_module, "__warningregistry__", {}).clear()
%reset -f
"""


@pytest.fixture(scope="module")
def kernel(suite_cache):
    manager = KernelManager(kernel_name="python3")
    # started before the per-test fixtures: it gets the suite's cache folder itself
    manager.start_kernel(env={**os.environ, "KORUS_CACHE": suite_cache})
    yield manager
    manager.shutdown_kernel(now=True)


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, kernel, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    committed = [_shown(cell) for cell in notebook.cells if cell.cell_type == "code"]
    assert any(committed), f"{path.name} has no outputs: run python tools/run_notebooks.py"
    restart = nbformat.v4.new_code_cell(RESTART + f"%cd {tmp_path}\n")
    notebook.cells.insert(0, restart)
    client = NotebookClient(notebook, timeout=300, km=kernel)
    try:
        client.execute()
    finally:
        if client.kc is not None:  # the kernel stays for the next notebook, not its client
            client.kc.stop_channels()
    assert [o.get("text", "") for o in restart.outputs if o.get("name") != "stdout"] == []
    notebook.cells.remove(restart)
    printed = [
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
    ]
    assert not [t for t in printed if "Warning" in t], printed  # a notebook prints no warning
    fresh = [_shown(cell) for cell in notebook.cells if cell.cell_type == "code"]
    for number, (old, new) in enumerate(zip(committed, fresh, strict=True), start=1):
        assert old == new, (
            f"{path.name}, code cell {number}: its committed output is stale; run python "
            "tools/run_notebooks.py"
        )


def _shown(cell) -> list[tuple[str, str]]:
    """What a code cell shows, to compare: its text outputs, and that a chart is there."""
    shown = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            shown.append((output.get("name", ""), output.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if any(kind.startswith("image/") for kind in data):  # SVG committed, PNG here
                shown.append(("image", "chart"))
            elif "text/plain" in data:
                shown.append(("text", data["text/plain"]))
        elif kind == "error":
            shown.append(("error", output.get("ename", "")))
    return shown


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_chart_cell_has_alt_text(path):
    """nbconvert takes an image's alternative text from its cell's ``alt`` metadata."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "plt.show()" in cell.source:
            assert len(cell.metadata.get("alt", "")) > 30, cell.source[:80]
