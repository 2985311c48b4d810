"""Accessors for direct investment positions and the operations of Korean-owned affiliates."""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import (
    AsOf,
    YearRange,
    answers_as_of,
    filter_choice,
    filter_years,
)
from korus_data.errors import FilterError
from korus_data.schema.codes import AFFILIATE_MEASURES, ECONOMIES
from korus_data.store.loader import load


@answers_as_of
def direct_investment(
    investor: str | None = None,
    host: str | None = None,
    *,
    years: YearRange = None,
    as_of: AsOf = None,
) -> pd.DataFrame:
    """Direct investment positions at year end (historical cost), with their sources.

    ``as_of`` (a date or a release id) gives the positions as they were known that day; the
    history of every position is ``kd.revisions("direct_investment_position_annual")``.

    Example:
        >>> import korus_data as kd
        >>> kd.direct_investment("KOR", "USA", years=2016)["value_usd_millions"].item()
        42426.0
    """
    frame = load("direct_investment_position_annual", as_of=as_of)
    frame = filter_choice(frame, "investor", "investor", investor, ECONOMIES)
    frame = filter_choice(frame, "host", "host", host, ECONOMIES)
    if investor is not None and investor == host:
        raise FilterError(
            f"investor and host are both {investor!r}; a position links two economies"
        )
    frame = filter_years(frame, years)
    return frame.sort_values(["investor", "host", "year"]).reset_index(drop=True)


def affiliate_operations(measure: str | None = None, *, years: YearRange = None) -> pd.DataFrame:
    """Employment, R&D and exports of goods of Korean-owned U.S. affiliates, as stated.

    Example:
        >>> import korus_data as kd
        >>> kd.affiliate_operations("employment", years=2016)["value"].item()
        51900.0
    """
    frame = load("affiliate_operations_annual")
    frame = filter_choice(frame, "measure", "measure", measure, AFFILIATE_MEASURES)
    frame = filter_years(frame, years)
    return frame.sort_values(["year", "measure"]).reset_index(drop=True)
