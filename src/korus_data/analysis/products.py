"""Trade by product: filtered tables with code descriptions, and the top products of a year."""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import YearRange, filter_choice, filter_years, whole_number
from korus_data.analysis.partner_products import (
    ALIASES as NAICS_ALIASES,
)
from korus_data.analysis.partner_products import (
    ENDUSE,
    ENDUSE_ALIASES,
    classification_of,
    partner_products,
)
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import ECONOMIES, FLOWS, PRODUCT_CLASSIFICATIONS
from korus_data.store.loader import load


def goods_by_product(
    reporter: str | None = "USA",
    *,
    partner: str | int | None = None,
    flow: str | None = None,
    year: YearRange = None,
    classification: str | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Trade by product with each code's description; ``top`` keeps the largest per year.

    U.S. trade with Korea by End-Use code (``classification="census_enduse"``: the import
    codes 2016-2025 and the export codes 2013-2024, two schedules whose codes differ in
    meaning; ``census_enduse_imports``/``census_enduse_exports`` name one) and by USITC sector
    (exports, 2013-2017). With a ``partner`` or ``classification="naics"``: U.S. trade with any
    partner, by NAICS-based group (both flows, 2020 on) or, with ``classification="enduse"``,
    by export End-Use code (2013-2022; see
    :func:`korus_data.analysis.partner_products.partner_products`; default partner Korea).

    Example:
        >>> import korus_data as kd
        >>> cars = kd.goods_by_product(flow="import", year=2024, classification="census_enduse")
        >>> cars.iloc[0]["product_code"], cars["product_code"].str.len().eq(5).all()
        ('30000', np.True_)
        >>> japan = kd.goods_by_product(partner="JPN", flow="export", year=2024)
        >>> japan.iloc[0]["classification"]
        'census_naics3'
        >>> wheat = kd.goods_by_product(partner="JPN", flow="export", year=2022,
        ...                             classification="enduse")
        >>> wheat.iloc[0]["classification"]
        'census_enduse_exports'
    """
    text = classification.lower() if isinstance(classification, str) else None
    naics = text in NAICS_ALIASES
    if naics or partner is not None:
        if reporter not in ("USA", None):
            raise FilterError(f"reporter={reporter!r}: trade with every partner is U.S.-reported")
        chosen = classification_of(classification, flow)
        frame = partner_products(
            "KOR" if partner is None else partner, flow=flow, year=year, classification=chosen
        )
        if top is not None:
            top = whole_number("top", top, minimum=1)
            frame = frame.groupby(["year", "flow"], sort=False).head(top).reset_index(drop=True)
        return frame
    every = load("goods_trade_by_product_annual")
    frame = filter_choice(every, "reporter", "reporter", reporter, ECONOMIES)
    if frame.empty:
        held = ", ".join(sorted(set(every["reporter"])))
        raise FilterError(
            f"reporter={reporter!r} has no trade by product in the package; reporters: {held} "
            "(Korea's own records by product are in kd.load('product_trade_changes') and "
            "kd.mirror())"
        )
    frame = filter_choice(frame, "flow", "flow", flow, FLOWS)
    if text in ("enduse", "census_enduse"):
        schedules = [ENDUSE[flow]] if flow in ENDUSE else list(ENDUSE.values())
        frame = frame[frame["classification"].isin(schedules)]
    else:
        allowed = (*PRODUCT_CLASSIFICATIONS, *ENDUSE_ALIASES[:2])
        frame = filter_choice(frame, "classification", "classification", classification, allowed)
    if frame.empty:
        raise FilterError(
            f"flow={flow!r}, classification={classification!r} has no trade by product; "
            "kd.load('product_codes') lists the classifications"
        )
    frame = filter_years(frame, year)
    codes = load("product_codes")
    frame = frame.merge(codes, on=["classification", "product_code"], how="left")
    frame = frame.sort_values(
        ["year", "flow", "classification", "value_usd_millions"],
        ascending=[True, True, True, False],
        kind="stable",
    )
    if top is not None:
        top = whole_number("top", top, minimum=1)
        frame = frame.groupby(["year", "flow", "classification"], sort=False).head(top)
    return frame.reset_index(drop=True)


def top_products(year: YearRange, flow: str = "import", *, n: int = 10) -> pd.DataFrame:
    """The ``n`` largest products of each year and classification, with their share of that
    year's total of the classification (``year``: a year, a (first, last) pair or None).

    Example:
        >>> import korus_data as kd
        >>> kd.top_products(2024, "import", n=3)["share_pct"].between(0, 100).all()
        np.True_
    """
    n = whole_number("n", n, minimum=1)
    check_choice("flow", flow, FLOWS)
    every = load("goods_trade_by_product_annual")
    every = every[every["flow"] == flow]
    if every.empty:
        raise FilterError(f"flow={flow!r} has no data by product")
    try:
        filter_years(every, year)
    except FilterError:
        available = sorted(every["year"].unique())
        raise FilterError(
            f"year={year!r} has no {flow} data by product; years: {available}"
        ) from None
    frame = goods_by_product(None, flow=flow, year=year)
    group = ["year", "classification"]
    total = frame.groupby(group)["value_usd_millions"].transform("sum")
    frame = frame.assign(share_pct=100 * frame["value_usd_millions"] / total)
    return frame.groupby(group, sort=False).head(n).reset_index(drop=True)
