"""Third-party readers, with their default settings, read every published CSV; the documented
one-line fixes give every code its leading zeros. Node's Frictionless reader reads the package."""

from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd
import pytest
from helpers import REPO

import korus_data as kd
from korus_data.schema.tables import TABLES

CODE_COLUMNS = {"partner_code": str, "product_code": str, "period": str}


@pytest.mark.parametrize("name", list(TABLES))
def test_pandas_reads_every_csv_with_defaults_and_the_readme_fix_keeps_codes(name):
    path = REPO / TABLES[name].path
    naive = pd.read_csv(path)
    assert len(naive) == len(kd.load(name))
    fixed = pd.read_csv(path, dtype=CODE_COLUMNS)  # the one-liner of docs/releases.md
    for column in CODE_COLUMNS:
        if column in fixed:
            assert fixed[column].equals(kd.load(name)[column].astype(object)) or (
                fixed[column].tolist() == kd.load(name)[column].tolist()
            )


@pytest.mark.parametrize("name", list(TABLES))
def test_polars_reads_every_csv_with_defaults(name):
    pl = pytest.importorskip("polars")
    frame = pl.read_csv(REPO / TABLES[name].path)
    assert frame.height == len(kd.load(name))
    if "partner_code" in frame.columns:
        fixed = pl.read_csv(REPO / TABLES[name].path, schema_overrides={"partner_code": pl.Utf8})
        assert fixed["partner_code"].to_list() == kd.load(name)["partner_code"].tolist()


def test_duckdb_reads_every_csv_with_defaults():
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    for name, table in TABLES.items():
        rows = connection.execute(f"SELECT count(*) FROM read_csv_auto('{REPO / table.path}')")
        assert rows.fetchone()[0] == len(kd.load(name)), name
    codes = connection.execute(
        f"SELECT partner_code FROM read_csv('{REPO / 'data' / 'partners.csv'}', "
        "types={'partner_code': 'VARCHAR'}) ORDER BY 1 LIMIT 1"
    ).fetchone()[0]
    assert codes == "0001"


@pytest.mark.parametrize("name", list(TABLES))
def test_frictionless_validates_every_bare_csv(name):
    from frictionless import Resource

    path = REPO / TABLES[name].path
    report = Resource(path.name, basepath=str(path.parent)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]


def test_every_resource_states_its_dialect():
    descriptor = json.loads((REPO / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        assert resource["dialect"]["delimiter"] == ",", resource["name"]


NODE_READER = r"""
const {Package} = require('datapackage');
(async () => {
  const pkg = await Package.load(process.argv[2]);
  const out = {};
  for (const res of pkg.resources) {
    try {
      const rows = await res.read({keyed: true});
      out[res.name] = {rows: rows.length, first: rows[0]};
    } catch (e) { out[res.name] = {error: String(e.message || e)}; }
  }
  console.log(JSON.stringify(out));
})();
"""


@pytest.fixture(scope="module")
def node_reader(tmp_path_factory):
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are not installed (the CI machine has them)")
    folder = tmp_path_factory.mktemp("node")
    subprocess.run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--no-package-lock",
            "--ignore-scripts",
            "--prefer-offline",
            "datapackage@1.1.10",
        ],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (folder / "read.js").write_text(NODE_READER)
    return folder


@pytest.mark.slow
def test_node_datapackage_reads_every_resource_with_its_types(node_reader):
    result = subprocess.run(
        ["node", "read.js", str(REPO / "datapackage.json")],
        cwd=node_reader,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    read = json.loads(result.stdout)
    assert set(read) == set(TABLES)
    for name, outcome in read.items():
        assert "error" not in outcome, (name, outcome)
        assert outcome["rows"] == len(kd.load(name)), name
    assert read["partners"]["first"]["partner_code"] == "0001"  # a string, zeros kept
    assert isinstance(read["goods_trade_annual"]["first"]["year"], int)


#: The R class each Frictionless type reads as with the recipe of docs/releases.md.
R_CLASSES = {
    "string": "character",
    "yearmonth": "character",
    "integer": "numeric",
    "number": "numeric",
    "year": "integer",
    "boolean": "logical",
    "date": "Date",
}

R_CHECK = """
package <- jsonlite::fromJSON(paste0(ROOT, "datapackage.json"), simplifyVector = FALSE)
out <- list()
for (r in package$resources) {
  df <- read_korus(r$name, ROOT)
  if (nrow(readr::problems(df)) > 0) stop(paste("problems reading", r$name))
  codes <- if ("partner_code" %in% names(df)) df$partner_code else character(0)
  out[[r$name]] <- list(rows = nrow(df), classes = lapply(df, function(x) class(x)[1]),
                        partner_code = codes)
}
cat(jsonlite::toJSON(out, auto_unbox = TRUE))
"""


def _readme_r_recipe() -> str:
    text = (REPO / "docs" / "releases.md").read_text(encoding="utf-8")
    block = text.split("<!-- r-recipe:start -->")[1].split("<!-- r-recipe:end -->")[0]
    return "\n".join(line for line in block.splitlines() if not line.startswith("```"))


@pytest.mark.slow
def test_the_readme_r_recipe_reads_every_table_with_its_types(tmp_path):
    if shutil.which("Rscript") is None:
        pytest.skip("needs R (Debian: r-base-core r-cran-readr r-cran-jsonlite)")
    ready = subprocess.run(
        ["Rscript", "-e", "library(readr); library(jsonlite)"], capture_output=True, text=True
    )
    if ready.returncode != 0:
        pytest.skip("R lacks readr or jsonlite (Debian: r-cran-readr r-cran-jsonlite)")
    recipe = _readme_r_recipe()
    address = "https://raw.githubusercontent.com/korus-data/korus-data/data-2026.12/"
    assert address in recipe and "read_korus(" in recipe
    root = REPO.as_posix() + "/"
    script = tmp_path / "recipe.R"
    script.write_text(recipe.replace(address, root) + R_CHECK.replace("ROOT", json.dumps(root)))
    run = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    read = json.loads(run.stdout)
    assert set(read) == set(TABLES)
    for name, table in TABLES.items():
        assert read[name]["rows"] == len(kd.load(name)), name
        expected = {f.name: R_CLASSES[f.type] for f in table.fields}
        assert read[name]["classes"] == expected, name
        if "partner_code" in expected:
            assert read[name]["partner_code"] == kd.load(name)["partner_code"].tolist(), name


def test_the_readme_citation_is_the_one_the_package_gives():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"> {kd.cite().apa}\n" in text
