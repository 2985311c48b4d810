"""Read the captures of the Census c5800 page (Trade in Goods with Korea, South).

A third-party scraper saved the page's annual and monthly tables on several dates. Each
capture is one release of the page; its vintage is the last month it shows. The file has
columns ``year, month, flow, value_musd, basis, source_url, publisher, source_kind, excerpt``
and the capture date in ``publisher`` ("… (fetched 2026-06-17T05:40:13Z) …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile

REQUIRED_COLUMNS = ("year", "month", "flow", "value_musd", "source_url", "publisher")
FETCHED = re.compile(r"fetched (\d{4}-\d{2}-\d{2})T")
#: A misread or swapped row shows as a balance far from export - import; the page's own
#: rounding does not (it reaches 0.2 in the capture of 2026-02-13 for 2023, so allow 1.0).
BALANCE_TOLERANCE = 1.0


@dataclass(frozen=True)
class Capture:
    """One capture of the page: its date, vintage and figures (export and import only)."""

    date: str  # YYYY-MM-DD the page was fetched
    vintage: str  # last month shown, YYYY-MM
    monthly: pd.DataFrame  # period, flow, value, url
    annual: pd.DataFrame  # year, flow, value, url
    monthly_url: str | None
    annual_url: str | None


def read_captures(file: InputFile) -> list[Capture]:
    """Parse the captures file into one :class:`Capture` per fetch date, oldest first."""
    try:
        raw = pd.read_csv(file.path, dtype={"flow": str, "source_url": str, "publisher": str})
    except Exception as exc:
        raise BuildError(f"cannot read the c5800 captures {file.label}: {exc}") from exc
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise BuildError(f"the c5800 captures {file.label} lack the columns {', '.join(missing)}")
    dates = raw["publisher"].str.extract(FETCHED)[0]
    if dates.isna().any():
        row = int(dates.isna().idxmax()) + 2
        raise BuildError(f"{file.label} line {row}: no '(fetched YYYY-MM-DDT…)' in publisher")
    raw = raw.assign(date=dates)
    if not raw["flow"].isin(["export", "import", "balance"]).all():
        raise BuildError(f"{file.label}: flow must be export, import or balance")
    if not pd.api.types.is_numeric_dtype(raw["value_musd"]):
        raise BuildError(f"{file.label}: value_musd has a value that is not a number")
    _check_balances(raw, file)
    return [_capture(date, group) for date, group in raw.groupby("date", sort=True)]


def _check_balances(raw: pd.DataFrame, file: InputFile) -> None:
    keys = ["date", "year", "month"]
    wide = raw.pivot_table(index=keys, columns="flow", values="value_musd", dropna=False)
    wide = wide.dropna(subset=[c for c in ("export", "import", "balance") if c in wide])
    if {"export", "import", "balance"} <= set(wide.columns):
        gap = (wide["export"] - wide["import"] - wide["balance"]).abs()
        bad = gap[gap > BALANCE_TOLERANCE]
        if not bad.empty:
            date, year, month = bad.index[0]
            raise BuildError(
                f"{file.label}: in the capture of {date}, {int(year)}"
                f"{'' if pd.isna(month) else f'-{int(month):02d}'} export - import differs "
                f"from the balance by {bad.iloc[0]:.1f}"
            )


def _capture(date: str, rows: pd.DataFrame) -> Capture:
    flows = rows[rows["flow"].isin(["export", "import"])]
    months = flows[flows["month"].notna()]
    years = flows[flows["month"].isna()]
    monthly = pd.DataFrame(
        {
            "period": [
                f"{int(y)}-{int(m):02d}"
                for y, m in zip(months["year"], months["month"], strict=True)
            ],
            "flow": months["flow"].to_numpy(),
            "value": months["value_musd"].to_numpy(dtype="float64"),
        }
    )
    annual = pd.DataFrame(
        {
            "year": years["year"].astype("int64").to_numpy(),
            "flow": years["flow"].to_numpy(),
            "value": years["value_musd"].to_numpy(dtype="float64"),
        }
    )
    for frame, label in ((monthly, "month"), (annual, "year")):
        if frame.duplicated([c for c in frame.columns if c != "value"]).any():
            raise BuildError(f"the capture of {date} gives two figures for the same {label}")
    return Capture(
        date=date,
        vintage=max(monthly["period"]) if len(monthly) else f"{int(years['year'].max())}-12",
        monthly=monthly,
        annual=annual,
        monthly_url=_single_url(months, date),
        annual_url=_single_url(years, date),
    )


def _single_url(rows: pd.DataFrame, date: str) -> str | None:
    urls = rows["source_url"].dropna().unique()
    if len(urls) > 1:
        raise BuildError(f"the capture of {date} cites more than one page for one table")
    return str(urls[0]) if len(urls) else None
