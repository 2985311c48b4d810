"""The layers of the package hold: an import contract, no private cross-module imports, small
modules. The contract itself is shown to fail when a forbidden import is added."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

PACKAGE = REPO / "src" / "korus_data"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.is_file():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_import_contract_is_kept():
    result = _lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, forbidden",
    [
        ("analysis/trade.py", "korus_data.pipeline.build"),  # analysis never imports pipeline
        ("schema/codes.py", "korus_data.store.paths"),  # schema imports nothing above it
        ("pipeline/curated.py", "korus_data.analysis.trade"),  # pipeline never uses analysis
        ("factcheck/checks.py", "korus_data.analysis.partners"),  # siblings stay apart
    ],
)
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden):
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "korus_data", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "korus_data" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\nimport {forbidden}  # noqa\n")
    result = _lint_imports(copy)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "BROKEN" in result.stdout and forbidden in result.stdout


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_imports_a_private_name_of_another():
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("korus_data"):
                offenders += [
                    f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert not offenders, offenders


def test_modules_stay_small():
    sizes = {
        p.relative_to(PACKAGE): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()
    }
    assert max(sizes.values()) <= 400, sorted(sizes.items(), key=lambda kv: -kv[1])[:3]


def test_no_data_hides_behind_a_lint_exemption():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "per-file-ignores" not in pyproject
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        assert "noqa: E501" not in text, path


@pytest.mark.slow
def test_the_package_type_checks(tmp_path):
    """ "Typing :: Typed" holds: mypy (configured in pyproject.toml) finds no error."""
    mypy = Path(sys.executable).with_name("mypy")
    if not mypy.is_file():
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    run = subprocess.run(
        [str(mypy), "--cache-dir", str(tmp_path / "cache")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_every_reader_reads_an_input_file():
    """One reader contract: each module of ``pipeline/readers`` exposes ``read_*(file:
    InputFile, …)``, and no public function of a reader takes a bare path."""
    import importlib
    import inspect
    import pkgutil

    import korus_data.pipeline.readers as readers

    for info in pkgutil.iter_modules(readers.__path__):
        module = importlib.import_module(f"{readers.__name__}.{info.name}")
        functions = {
            name: function
            for name, function in vars(module).items()
            if inspect.isfunction(function)
            and function.__module__ == module.__name__
            and not name.startswith("_")
        }
        firsts = {
            name: next(iter(inspect.signature(f).parameters.values()), None)
            for name, f in functions.items()
        }
        read = [n for n, p in firsts.items() if n.startswith("read_") and p is not None]
        assert read, f"{info.name}: no read_* function"
        for name in read:
            assert firsts[name].annotation == "InputFile", (info.name, name)
        takes_path = [n for n, p in firsts.items() if p is not None and p.annotation == "Path"]
        assert takes_path == [], (info.name, takes_path)
