"""Field builders, foreign keys and rules shared by the table definitions of several domains."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from korus_data.schema.codes import (
    CENSUS_CODE_PATTERN,
    ECONOMIES,
    FLOWS,
    GOODS_BASES,
    MONEY_UNIT,
    SOURCE_ID_PATTERN,
    VALUATION_OF,
    VALUATIONS,
)
from korus_data.schema.model import Field, ForeignKey, RowRule

MONEY_NOTE = (
    "Millions of current U.S. dollars, at the precision the source publishes "
    "(Census figures from 2003 on are whole dollars, written with six decimals)."
)


def source_id_field() -> Field:
    """The ``source_id`` column every table of figures carries."""
    return Field(
        "source_id",
        "string",
        "Identifier of the publication the figure comes from (for an official series, the "
        "release that first published this value); resolves in the sources table.",
        pattern=SOURCE_ID_PATTERN,
    )


def money_field(description: str) -> Field:
    """A non-negative ``value_usd_millions`` column."""
    return Field("value_usd_millions", "number", description, unit=MONEY_UNIT, minimum=0)


def economy_field(name: str, description: str) -> Field:
    """A column holding one of the bilateral economies (ISO alpha-3)."""
    return Field(name, "string", description, enum=ECONOMIES)


def census_partner_field() -> Field:
    """A ``partner_code`` column of Census partner codes (four digits, the partners table)."""
    return Field(
        "partner_code",
        "string",
        "Census partner code; resolves in the partners table.",
        pattern=CENSUS_CODE_PATTERN,
    )


def us_flow_field() -> Field:
    """The ``flow`` of a U.S. Census figure: total exports (f.a.s.) or general imports."""
    return Field(
        "flow",
        "string",
        "export (U.S. total exports, f.a.s.) or import (U.S. general imports, customs value).",
        enum=FLOWS,
    )


def year_field(description: str = "Calendar year.", *, required: bool = True) -> Field:
    return Field("year", "year", description, required=required, minimum=1900, maximum=2100)


SOURCE_FK = ForeignKey(("source_id",), "sources", ("source_id",))


def _valuation_matches_basis(frame: pd.DataFrame) -> pd.Series:
    """True where the row's valuation is the one its basis and flow call for."""
    import pandas as pd

    expected = [
        VALUATION_OF.get((b, f)) for b, f in zip(frame["basis"], frame["flow"], strict=True)
    ]
    return pd.Series(
        [e is None or e == v for e, v in zip(expected, frame["valuation"], strict=True)],
        index=frame.index,
    )


VALUATION_RULE = RowRule(
    "valuation_matches_basis",
    "Census exports are valued f.a.s. and Census general imports at customs value.",
    _valuation_matches_basis,
)


def goods_fields(period: Field) -> tuple[Field, ...]:
    """The columns of the bilateral goods tables, around their period column."""
    return (
        economy_field("reporter", "Economy whose statistics record the flow (ISO 3166-1 alpha-3)."),
        economy_field("partner", "Counterpart economy (ISO 3166-1 alpha-3)."),
        period,
        Field("flow", "string", "Direction of the flow as the reporter records it.", enum=FLOWS),
        Field(
            "basis",
            "string",
            "Statistical compilation the figure belongs to: census (U.S. Census Bureau, goods "
            "on a Census basis), imf_dots (IMF Direction of Trade Statistics), korea_customs "
            "(Korean customs statistics as the ministry or KITA publish them), imf_imts (the "
            "IMF's International Trade in Goods, the successor of DOTS, from 2021).",
            enum=GOODS_BASES,
        ),
        Field(
            "valuation",
            "string",
            "How the goods are valued: fas (free alongside ship, Census exports), customs "
            "(customs value, Census general imports), fob, cif.",
            enum=VALUATIONS,
        ),
        money_field("Value of the goods, not seasonally adjusted. " + MONEY_NOTE),
        source_id_field(),
    )
