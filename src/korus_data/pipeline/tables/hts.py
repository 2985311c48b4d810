"""The U.S. tariff schedule as data: every rate line of an edition, its general (MFN) rate and
its KORUS rate (program ``KR``), each as published and parsed.

A rate line is a line that carries a general rate (an 8-digit subheading, or a 10-digit line
where the schedule writes the rate there). A rate is parsed into its kind: ``free``,
``ad_valorem`` (a percent of value), ``specific`` (an amount per unit), ``compound`` (both),
or ``other`` (anything else: a reference to another heading, a rate in words); the percent
is kept for free (0) and ad valorem rates only. The text is always kept; nothing is guessed.

Example:
    >>> parse_rate("6.8%"), parse_rate("4.4¢/kg"), parse_rate("Free")
    (('ad_valorem', 6.8), ('specific', None), ('free', 0.0))
    >>> program_rates("Free (BH,CL,JO) 3.5% (KR) See 9822.04.01 (AU)")["KR"]
    '3.5%'
"""

from __future__ import annotations

import re

import pandas as pd

from korus_data.pipeline.readers.usitc_hts import HtsEdition

AD_VALOREM = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")
AMOUNT = r"(?:\d+(?:\.\d+)?\s*¢|\$\s*\d+(?:\.\d+)?)\s*/\s*[\w. ]+"
SPECIFIC = re.compile(rf"^{AMOUNT}$")
COMPOUND = re.compile(rf"^{AMOUNT}(?:\s*\+\s*(?:\d+(?:\.\d+)?\s*%|{AMOUNT}))+$")
#: A rate followed by the programs it applies to: "3.5% (KR)", "Free (A+,AU,…)".
SEGMENT = re.compile(r"(?P<rate>[^()]*?)\s*\((?P<programs>[A-Z][A-Z0-9+*,.\s]*)\)")


def parse_rate(text: str | None) -> tuple[str | None, float | None]:
    """The kind of a rate and its ad valorem percent (0 for free; None for other kinds);
    ``(None, None)`` for an empty cell."""
    if text is None or not text.strip():
        return None, None
    rate = text.strip()
    if rate.lower() == "free":
        return "free", 0.0
    matched = AD_VALOREM.fullmatch(rate)
    if matched:
        return "ad_valorem", float(matched.group(1))
    if SPECIFIC.fullmatch(rate):
        return "specific", None
    if COMPOUND.fullmatch(rate):
        return "compound", None
    return "other", None


def program_rates(special: str) -> dict[str, str]:
    """``{program code: rate text}`` of a Special column ("See …" references kept as text)."""
    out: dict[str, str] = {}
    for segment in SEGMENT.finditer(special):
        rate = " ".join(segment.group("rate").split())
        # the lists have slips ("BH,,CL", "E IL", ".OM"): commas, spaces and dots all part
        for program in re.split(r"[,\s.]+", segment.group("programs")):
            if program:
                out.setdefault(program.rstrip("*"), rate)
    return out


def rate_lines(edition: HtsEdition, year: int, source_id: str) -> pd.DataFrame:
    """The edition's rate lines as rows of ``us_tariff_schedule``."""
    rows = edition.rows
    lines = rows[
        (rows["hts_code"].str.len() >= 8) & ((rows["general"] != "") | (rows["special"] != ""))
    ]
    kr = [program_rates(s).get("KR") for s in lines["special"]]
    general = [parse_rate(g) for g in lines["general"]]
    korus = [parse_rate(r) for r in kr]
    return pd.DataFrame(
        {
            "edition": year,
            "hts_code": lines["hts_code"].to_numpy(),
            "description": lines["description"].to_numpy(),
            "context": lines["context"].to_numpy(),
            "general_rate": lines["general"].to_numpy(),
            "general_kind": [k for k, _ in general],
            "general_ad_valorem_pct": [p for _, p in general],
            "kr_rate": kr,
            "kr_kind": [k for k, _ in korus],
            "kr_ad_valorem_pct": [p for _, p in korus],
            "source_id": source_id,
        }
    )


#: Where each edition comes from: a copy of USITC's CSV export in a public repository.
COPIES = {
    2024: "https://github.com/Santiago-Jaramillo-Cilio/Harmonized-Tariff-Schedule-of-the-US/"
    "blob/89a69c4c518a807fd25b8dfd3b8753895eba72dc/hts_2024_basic_edition_csv.csv",
    2025: "https://github.com/testinstance-1/HTSAgent-Task-Shashwat-Shlok/blob/"
    "40c7d7721f8d23f57f02d2db23c4acc6a0d62dfc/hts_2025_basic_edition_csv.csv",
    2026: "https://github.com/mayrosenfeld/DataAnalyticsClass/blob/"
    "3e2283ab04176e33225351a48a93deadf8a697a1/hts_2026_basic_edition_csv.csv",
}


def source_id_of(year: int) -> str:
    return f"usitc-hts-{year}-basic"


def source_record(year: int, edition: HtsEdition, lines: pd.DataFrame) -> dict:
    """The registry record of one edition."""
    naming = int(lines["kr_rate"].notna().sum())
    staged = int((lines["kr_kind"].notna() & (lines["kr_kind"] != "free")).sum())
    return {
        "source_id": source_id_of(year),
        "publisher": "U.S. International Trade Commission (CSV export copied in a public GitHub "
        "repository)",
        "title": f"Harmonized Tariff Schedule of the United States, Basic Edition {year} (CSV)",
        "url": COPIES.get(year, "https://hts.usitc.gov/"),
        "kind": "secondary_copy",
        "primary": False,
        "date_published": "",
        "vintage": str(year),
        "license": "US-Government-Works",
        "sha256": edition.file.sha256,
        "superseded_by": "",
        "notes": f"{len(lines):,} rate lines; {naming:,} name KORUS (program KR), {staged} of "
        "them with a rate that is not free. Dated by the day its copy was made (retrieved), "
        "not by when USITC published it. The official schedule is at https://hts.usitc.gov/.",
    }


MONTH_DAY_YEAR = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)
FR_CITATION = re.compile(r"^(\d+) FR (\d+)$")


def dotted(code: str) -> str:
    """A chapter 99 heading as the schedule writes it: 99030154 -> 9903.01.54."""
    return f"{code[:4]}.{code[4:6]}.{code[6:8]}"


def measure_problems(measures: pd.DataFrame, edition: HtsEdition, year: int) -> list[str]:
    """What in the hand-kept ``us_tariff_measures`` (text columns) disagrees with the
    edition's chapter 99 text: a heading naming South Korea that is missing, a rate, a date,
    a citation, a status or Korea's role the text does not bear out."""
    rows = edition.rows
    chapter = rows[rows["hts_code"].str.startswith("9903") & (rows["hts_code"].str.len() == 8)]
    text = dict(zip(chapter["hts_code"].map(dotted), chapter["description"], strict=True))
    general = dict(zip(chapter["hts_code"].map(dotted), chapter["general"], strict=True))
    mine = measures[measures["edition"].astype(str) == str(year)]
    naming = {h for h, t in text.items() if "South Korea" in t}
    problems = [
        f"{h} names South Korea but is not listed" for h in sorted(naming - set(mine["heading"]))
    ]
    for row in mine.itertuples(index=False):
        said = text.get(row.heading)
        if said is None:
            problems.append(f"{row.heading} is not a heading of the {year} edition")
            continue
        problems += [f"{row.heading}: {p}" for p in _row_problems(row, said, general[row.heading])]
    return problems


def _row_problems(row, said: str, rate: str) -> list[str]:
    problems = []
    if rate != row.rate_text:
        problems.append(f"rate {row.rate_text!r}, the schedule has {rate!r}")
    percent = re.search(r"(\d+(?:\.\d+)?)%", rate)
    kind = (
        "additional" if "+" in rate else "all_in" if AD_VALOREM.fullmatch(rate) else "nothing_added"
    )
    if kind != row.rate_kind:
        problems.append(f"rate kind {row.rate_kind}, the text reads {kind}")
    expected = float(percent.group(1)) if percent and kind != "nothing_added" else None
    given = None if pd.isna(row.rate_pct) else float(row.rate_pct)
    if given != expected:
        problems.append(f"rate_pct {given}, the text has {expected}")
    terminated = "terminated" in said.lower()
    if terminated != (row.status == "terminated"):
        word = "says" if terminated else "does not say"
        problems.append(f"status {row.status}, the text {word} terminated")
    citation = row.federal_register if isinstance(row.federal_register, str) else ""
    matched = FR_CITATION.fullmatch(citation)
    if citation and (
        matched is None or f"{matched.group(1)} Fed. Reg. {matched.group(2)}" not in said
    ):
        problems.append(f"citation {citation!r} is not in the text")
    stated = row.dates_stated if isinstance(row.dates_stated, str) else ""
    for day in MONTH_DAY_YEAR.findall(stated):
        if day not in said:
            problems.append(f"date {day!r} is not in the text")
    excepted = re.search(r"except products of .{0,400}?of South Korea", said) is not None
    if excepted != (row.korea == "excepts_korea"):
        problems.append(f"korea {row.korea}, the text {'excepts' if excepted else 'applies to'} it")
    return problems
