"""The fact sheet's claims about U.S. exports of kinds of products to Korea (autos, farm goods,
fuel, chemicals): checked on official U.S. export levels by the codes ``claim_product_codes``
maps each claim to, else on a published change, else on Korea's records of its imports.

Example:
    >>> import korus_data as kd
    >>> verdicts = kd.check_claims().set_index("claim_id")
    >>> verdicts.loc["us-exports-chemicals-grew-2018", "verdict"]
    'supported'
"""

from __future__ import annotations

import pandas as pd

from korus_data.factcheck.since_then import since_then
from korus_data.factcheck.verdicts import (
    CAVEAT,
    CONTRADICTED,
    NOT_VERIFIABLE,
    SUPPORTED,
    Data,
    Verdict,
)


def product_exports_grew(claim: pd.Series, data: Data) -> Verdict:
    """Whether U.S. exports of the claim's products grew, with a "since then" line of the
    closest NAICS group for the years after (context, never evidence for the verdict)."""
    verdict = _product_exports_grew(claim, data)
    line, sources = since_then(str(claim["subject"]), int(claim["year"]), data)
    if line and not verdict.explanation.endswith("."):
        verdict.explanation += "."
    verdict.explanation += line
    verdict.sources = sorted(set(verdict.sources) | set(sources))
    return verdict


def _product_exports_grew(claim: pd.Series, data: Data) -> Verdict:
    official = _official_levels(claim, data)
    if official is not None:
        return official
    codes = str(claim["subject"]).split(";")
    year, base = claim["year"], claim["base_year"]
    levels = data["goods_trade_by_product_annual"]
    levels = levels[
        (levels["reporter"] == "USA")
        & (levels["flow"] == "export")
        & levels["product_code"].isin(codes)
    ]
    both = levels[levels["year"].isin([year, base])]
    if both["year"].nunique() == 2:
        by_year = both.groupby("year")["value_usd_millions"].sum()
        grew = by_year[year] > by_year[base]
        return Verdict(
            float(by_year[year] - by_year[base]),
            SUPPORTED if grew else CONTRADICTED,
            f"U.S. exports {base}: {by_year[base]:,.0f}, {year}: {by_year[year]:,.0f} million",
            sorted(set(both["source_id"])),
        )
    changes = data["product_trade_changes"]
    changes = changes[
        changes["product_code"].isin(codes)
        & (changes["year"] == year)
        & (changes["base_year"] == base)
    ]
    us = changes[(changes["reporter"] == "USA") & (changes["flow"] == "export")]
    if len(us):
        pct = us[us["measure"] == "change_pct"]["value"]
        usd = us[us["measure"] == "change_usd_millions"]["value"]
        grew = bool((pd.concat([pct, usd]) > 0).all())
        text = ", ".join(
            [f"{v:+.1f}%" for v in pct] + [f"{v / 1000:+.1f} billion USD" for v in usd]
        )
        return Verdict(
            float(pct.iloc[0]) if len(pct) else float(usd.iloc[0]),
            SUPPORTED if grew else CONTRADICTED,
            f"U.S.-reported change in exports {base}->{year}: {text} (published "
            "change; the levels are not in the package)",
            sorted(set(us["source_id"])),
        )
    mirror = changes[(changes["reporter"] == "KOR") & (changes["flow"] == "import")]
    if len(mirror):
        grew = bool((mirror["value"] > 0).all())
        text = ", ".join(
            f"{c} {v:+.1f}%" for c, v in zip(mirror["product_code"], mirror["value"], strict=True)
        )
        return Verdict(
            float(mirror["value"].min()),
            CAVEAT if grew else CONTRADICTED,
            f"Korea-reported imports from the U.S., {base}->{year}: {text}. Korea's "
            "records of the same goods, not U.S. export statistics",
            sorted(set(mirror["source_id"])),
        )
    return Verdict(
        None,
        NOT_VERIFIABLE,
        f"no {base}-{year} figures for {', '.join(codes)} in the package (no level of U.S. "
        "exports of these products for both years, no published change)",
    )


def _official_levels(claim: pd.Series, data: Data) -> Verdict | None:
    """The claim on U.S. export levels of the official codes ``claim_product_codes`` maps it
    to (None when it maps none, or the package holds no level of both years)."""
    mapped = data["claim_product_codes"]
    mapped = mapped[mapped["claim_id"] == claim["claim_id"]]
    if mapped.empty:
        return None
    year, base = int(claim["year"]), int(claim["base_year"])
    levels = data["goods_trade_by_product_annual"]
    rows = levels[
        (levels["reporter"] == "USA")
        & (levels["flow"] == "export")
        & levels["classification"].isin(set(mapped["classification"]))
        & levels["product_code"].isin(set(mapped["product_code"]))
        & levels["year"].isin([base, year])
    ]
    if rows["year"].nunique() < 2:
        return None
    by_year = rows.groupby("year")["value_usd_millions"].sum()
    grew = by_year[year] > by_year[base]
    change = 100 * (by_year[year] - by_year[base]) / by_year[base]
    codes = sorted(set(mapped["product_code"]))
    shown = ", ".join(codes) if len(codes) <= 4 else f"{len(codes)} codes, {codes[0]}-{codes[-1]}"
    releases = ", ".join(sorted(set(rows["source_id"])))
    return Verdict(
        float(by_year[year] - by_year[base]),
        SUPPORTED if grew else CONTRADICTED,
        f"U.S. exports to Korea, Census End-Use ({shown}): {base} {by_year[base]:,.1f}, "
        f"{year} {by_year[year]:,.1f} million ({change:+.1f}%). Figures of {releases}, with the "
        "annual revisions since: not the first print the fact sheet read in 2019. Why these "
        f"codes: {mapped['why'].iloc[0]}",
        sorted(set(rows["source_id"])),
    )
