""" "Since then" lines for the fact sheet's product claims: U.S. exports to Korea in the NAICS
group closest to each claim's products, for every year the package holds after the claim's.
They add context and never change a verdict (later years cannot decide a claim about 2018).

Example:
    >>> from korus_data.factcheck.verdicts import Data
    >>> line, sources = since_then("chemicals_and_related_products", 2018, Data())
    >>> line.startswith(" Since then"), sources
    (True, ['census-usato-naics-exports-2026-01'])
"""

from __future__ import annotations

from korus_data.factcheck.verdicts import Data
from korus_data.schema.codes import KOREA_CENSUS_CODE

#: A claim's product codes -> the NAICS groups that come closest, and how they differ.
GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "passenger_cars": (("336",), "NAICS 336 Transportation Equipment: broader than autos"),
    "agricultural_products": (
        ("111", "112"),
        "NAICS 111 Agricultural Products and 112 Livestock: processed food (311) not included",
    ),
    "crude_oil;natural_gas;lpg": (("211",), "NAICS 211 Oil & Gas"),
    "chemicals_and_related_products": (("325",), "NAICS 325 Chemicals"),
}


def since_then(subject: str, year: int, data: Data) -> tuple[str, list[str]]:
    """The line to add to a product claim's explanation, and the sources of its figures
    (empty when the package holds no later NAICS figures, e.g. ``as_of`` an earlier day)."""
    if subject not in GROUPS:
        return "", []
    codes, label = GROUPS[subject]
    table = data["us_goods_trade_by_product_annual"]
    rows = table[
        (table["partner_code"] == KOREA_CENSUS_CODE)
        & (table["flow"] == "export")
        & table["product_code"].isin(codes)
        & (table["year"] > year)
    ]
    if rows.empty:
        return "", []
    by_year = rows.groupby(["year", "months"])["value_usd_millions"].sum()
    parts = [
        f"{y} {v:,.0f}" if months == 12 else f"{y} ({months} month{'s' * (months > 1)}) {v:,.0f}"
        for (y, months), v in by_year.items()
    ]
    line = (
        f" Since then ({label}; U.S. exports to Korea, USD millions): {', '.join(parts)}. "
        "Later years do not decide this claim."
    )
    return line, sorted(set(rows["source_id"]))
