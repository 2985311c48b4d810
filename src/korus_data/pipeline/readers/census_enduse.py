"""Read the Census Bureau's files of U.S. trade by 5-digit End-Use code and country.

Imports: the workbook ``enduse_imports.xlsx`` (sheet ``EnduseImp``); exports: the file
``enduse_exports.csv``, or the rows of one partner copied from it. Both have the columns
``CTY_CODE, CTY_DESC, END_USE, COMM_DESC, value_YY …`` (one annual column per year, ``value_16``
is 2016), one row per partner and code, values in whole dollars; ``CTY_CODE`` 0000 is the
world total.

Example (not run here: it reads the source pack)::

    from korus_data.pipeline.inputs import open_input
    exports = read_enduse(open_input("enduse-exports-2013-2022.csv", workdir), "export")
    exports.rows.head(), exports.years
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.inputs import InputFile, read_workbook

COLUMNS = ("CTY_CODE", "CTY_DESC", "END_USE", "COMM_DESC")
VALUE_COLUMN = re.compile(r"value_(\d{2})")
#: Far more rows than a file of every partner and code has (about 26,000).
MAX_ROWS = 200_000


@dataclass(frozen=True)
class EndUseFile:
    """One file: its flow, the years it covers, and its figures in tidy form."""

    flow: str
    #: cty_code (four digits), cty_desc, product_code (five digits), description, year,
    #: dollars (float64, whole dollars)
    rows: pd.DataFrame
    file: InputFile

    @property
    def years(self) -> tuple[int, int]:
        return int(self.rows["year"].min()), int(self.rows["year"].max())


def read_enduse(file: InputFile, flow: str) -> EndUseFile:
    """Parse one file; :class:`BuildError` naming what is wrong."""
    raw = _raw(file)
    missing = [c for c in COLUMNS if c not in raw.columns]
    values = [c for c in raw.columns if VALUE_COLUMN.fullmatch(str(c))]
    if missing or not values:
        raise BuildError(
            f"{file.label} is not an End-Use file: it lacks "
            + (", ".join(missing) if missing else "the value_YY columns")
        )
    if len(raw) > MAX_ROWS:
        raise BuildError(f"{file.label}: {len(raw):,} rows; not an End-Use file")
    codes = raw["END_USE"].astype(str).str.zfill(5)
    bad = ~codes.str.fullmatch(r"\d{5}")
    if bad.any():
        raise BuildError(f"{file.label}: END_USE {raw['END_USE'][bad].iloc[0]!r} is not a code")
    partners = raw["CTY_CODE"].astype(str).str.zfill(4)
    if not partners.str.fullmatch(r"\d{4}").all():
        raise BuildError(f"{file.label}: a CTY_CODE is not a Census code")
    frame = raw.assign(CTY_CODE=partners, END_USE=codes)
    if frame.duplicated(["CTY_CODE", "END_USE"]).any():
        first = frame[frame.duplicated(["CTY_CODE", "END_USE"])].iloc[0]
        raise BuildError(f"{file.label}: {first['CTY_CODE']} {first['END_USE']} appears twice")
    long = frame.melt(
        id_vars=list(COLUMNS), value_vars=values, var_name="column", value_name="dollars"
    ).dropna(subset=["dollars"])
    try:
        dollars = pd.to_numeric(long["dollars"], errors="raise").astype("float64")
    except (ValueError, TypeError) as exc:
        raise BuildError(f"{file.label}: a value is not a number ({exc})") from exc
    if (dollars < 0).any() or (dollars != dollars.round()).any():
        raise BuildError(f"{file.label}: a value is not whole dollars (or is negative)")
    rows = pd.DataFrame(
        {
            "cty_code": long["CTY_CODE"].astype("str"),
            "cty_desc": long["CTY_DESC"].astype("str"),
            "product_code": long["END_USE"].astype("str"),
            "description": long["COMM_DESC"].astype("str").str.strip(),
            "year": 2000 + long["column"].str[-2:].astype("int64"),
            "dollars": dollars,
        }
    )
    return EndUseFile(flow, rows.reset_index(drop=True), file)


def _raw(file: InputFile) -> pd.DataFrame:
    text = {c: str for c in COLUMNS}
    if file.path.suffix.lower() == ".csv":
        try:
            return pd.read_csv(file.path, dtype=text, keep_default_na=False, na_values=[""])
        except Exception as exc:  # a corrupt file raises many kinds
            raise BuildError(f"cannot read the End-Use file {file.label}: {exc}") from exc
    try:
        return read_workbook(file.path, dtype=text)
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(f"cannot read the End-Use workbook {file.label}: {exc}") from exc
