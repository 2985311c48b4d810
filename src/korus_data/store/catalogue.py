"""What the package holds: the table catalogue, field metadata, versions and citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from korus_data.__about__ import DATA_VERSION, __version__
from korus_data.schema.tables import TABLES, TableName, table_definition
from korus_data.store.descriptor import read_descriptor

if TYPE_CHECKING:
    import pandas as pd


def catalogue_rows(root=None) -> list[dict]:
    """The catalogue as plain rows (name, title, rows, first, last, source kinds), read from
    ``datapackage.json`` alone: no table is loaded, pandas is not imported."""
    resources = {r["name"]: r for r in read_descriptor(root)["resources"]}
    rows = []
    for name, table in TABLES.items():
        coverage = resources.get(name, {}).get("coverage", {})
        rows.append(
            {
                "name": name,
                "title": table.title,
                "rows": coverage.get("rows"),
                "first": coverage.get("first", ""),
                "last": coverage.get("last", ""),
                "source_kinds": ", ".join(coverage.get("source_kinds", [])),
            }
        )
    return rows


def tables() -> pd.DataFrame:
    """The catalogue: one row per table with its title, rows, coverage and source kinds.

    Example:
        >>> import korus_data as kd
        >>> "goods_trade_monthly" in set(kd.tables()["name"])
        True
    """
    import pandas as pd

    return pd.DataFrame(catalogue_rows())


def describe(name: TableName) -> pd.DataFrame:
    """Field metadata of a table: type, unit, whether required, description, allowed values.

    Example:
        >>> import korus_data as kd
        >>> kd.describe("goods_trade_monthly").set_index("field").loc["period", "type"]
        'yearmonth'
    """
    import pandas as pd

    table = table_definition(name)
    return pd.DataFrame(
        [
            {
                "field": f.name,
                "type": f.type,
                "unit": f.unit or "",
                "required": f.required,
                "in_key": f.name in table.primary_key,
                "description": f.description,
                "allowed": f.allowed_text(),
            }
            for f in table.fields
        ]
    )


@dataclass(frozen=True)
class Citation:
    """How to cite korus-data: prints as text; ``.bibtex`` and ``.apa`` give those styles.

    Example:
        >>> import korus_data as kd
        >>> "@misc{korus_data" in kd.cite().bibtex
        True
    """

    version: str
    data_version: str
    homepage: str
    sources: tuple[tuple[str, str], ...]

    @property
    def address(self) -> str:
        """The release's own page: its tag, whose files never change."""
        return f"{self.homepage.rstrip('/')}/releases/tag/data-{self.data_version}"

    @property
    def apa(self) -> str:
        return (
            f"korus-data developers. ({self.data_version[:4]}). korus-data: the U.S.-Republic of "
            f"Korea economic relationship, sourced (Data release {self.data_version}, library "
            f"{self.version}) [Data set and software]. {self.address}"
        )

    @property
    def bibtex(self) -> str:
        return (
            f"@misc{{korus_data_{self.data_version.replace('.', '_')},\n"
            "  author = {{korus-data developers}},\n"
            "  title = {korus-data: the U.S.-Republic of Korea economic relationship, sourced},\n"
            f"  year = {{{self.data_version[:4]}}},\n"
            f"  version = {{data {self.data_version}, library {self.version}}},\n"
            f"  url = {{{self.address}}}\n}}"
        )

    def __str__(self) -> str:
        lines = [
            self.apa,
            "",
            "Data licence: CC BY 4.0 for the compilation; U.S. federal statistics are public "
            "domain. Cite the underlying sources too (every row's source_id resolves in the "
            "sources table). Main sources:",
        ]
        lines += [f"  - {title}: {url}" for title, url in self.sources]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)


#: The publishers whose official series the package is built from.
MAIN_SOURCES = (
    (
        "U.S. Census Bureau, U.S. Trade in Goods by Country (country.xlsx, c5800 page)",
        "https://www.census.gov/foreign-trade/balance/c5800.html",
    ),
    (
        "U.S. Bureau of Economic Analysis, U.S. International Trade by Selected Countries and "
        "Areas, and direct investment positions by country",
        "https://www.bea.gov/sites/default/files/2025-03/trad-geo-time-series-0125.xlsx",
    ),
    (
        "International Monetary Fund, Direction of Trade Statistics",
        "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85",
    ),
    (
        "Korean customs statistics (Ministry of Trade, Industry and Energy; KITA; KOSIS), as "
        "registered per figure",
        "data/sources.csv",
    ),
    (
        "Company, state and federal releases on Korean investment projects (sources table)",
        "data/sources.csv",
    ),
)


def cite() -> Citation:
    """How to cite the package (library and data versions) and its main sources.

    Example:
        >>> import korus_data as kd
        >>> "korus-data" in str(kd.cite())
        True
    """
    descriptor = read_descriptor()
    return Citation(__version__, DATA_VERSION, descriptor.get("homepage", ""), MAIN_SOURCES)
