"""What the command line prints: tables that fit the terminal, numbers people can read.

Plain text for a pipe (no width limit, no colour); in a terminal, a table is fitted to the
width: long text is cut with "…", numbers are right-aligned with thousands separators and one
decimal for money, and a missing value is "—". ``csv``, ``json`` and ``markdown`` print every
digit and every character.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from typing import TypeGuard

MISSING = "—"
MIN_TEXT = 8


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or str(value) in ("NaT", "<NA>")  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def decimals(values: list[object], column: str = "") -> int | None:
    """How many decimals a column of numbers is shown with (one count for the whole column,
    so that figures line up): none for years, ranks and whole counts; two for percents and
    small figures; one for money. None: the column has no number.

    Example:
        >>> decimals([3.7, 12.0, 118.3], "share_pct"), decimals([56318.29], "value_usd_millions")
        (2, 1)
        >>> decimals([2018], "year"), decimals([17971, 3], "rows")
        (0, 0)
    """
    numbers = [float(v) for v in values if _is_number(v)]
    if not numbers:
        return None
    if (
        "year" in column
        or column in ("rank", "vintage", "edition")
        or column.startswith(("rank_", "of_"))
    ):
        return 0
    if "pct" in column or "share" in column or "rate" in column:
        return 2
    if all(n.is_integer() for n in numbers) and "usd" not in column:
        return 0
    if "usd" in column or max(abs(n) for n in numbers) >= 100:
        return 1
    return 2


def number_text(value: float | int, column: str = "", places: int | None = None) -> str:
    """A number for people: thousands separators, ``places`` decimals (the column's, see
    :func:`decimals`), never "-0.0".

    Example:
        >>> number_text(56318.293632, "value_usd_millions"), number_text(17971, "rows")
        ('56,318.3', '17,971')
        >>> number_text(2018, "year"), number_text(3.1416, "share_pct"), number_text(-0.001, "x", 2)
        ('2018', '3.14', '0.00')
    """
    if places is None:
        places = decimals([value], column) or 0
    if places == 0 and ("year" in column or column in ("rank", "vintage", "edition")):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = f"{float(value):,.{places}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def _rows(frame) -> tuple[list[str], list[list[object]]]:
    if isinstance(frame, list):
        columns = list(frame[0]) if frame else []
        return columns, [[row.get(c) for c in columns] for row in frame]
    values = frame.astype(object).where(frame.notna(), None)
    return [str(c) for c in frame.columns], values.to_numpy().tolist()


def _distinct_width(values: list[str]) -> int:
    """The narrowest a column of identifiers can be cut to ("…" included) and still tell every
    value apart: never so that two different values look the same."""
    unique = sorted(set(values))
    longest = max((len(v) for v in unique), default=0)
    for width in range(MIN_TEXT, longest):
        if len({v if len(v) <= width else v[: width - 1] for v in unique}) == len(unique):
            return width
    return longest


def _cell_text(value: object, places: int | None, column: str) -> str:
    if _is_missing(value):
        return MISSING
    if places is not None and _is_number(value):
        return number_text(value, column, places)
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def table_text(
    frame,
    width: int | None = None,
    *,
    keep: tuple[str, ...] | list[str] = (),
    ids: tuple[str, ...] | list[str] = (),
    wrap: str | tuple[str, ...] | list[str] | None = None,
    whole: tuple[str, ...] | list[str] = (),
) -> str:
    """``frame`` (a DataFrame or a list of dicts) as an aligned table, at most ``width`` wide.

    When it does not fit: a column with one value in every row is said once below the table;
    text is cut with "…" (``ids``, identifiers, never so far that two rows look alike; the
    columns ``wrap`` are wrapped onto more lines instead; ``whole`` columns and dates are never
    cut); then the least important columns are
    left out (``keep`` lists the most important first, the others follow in their order), and
    a last line names what was left out. Numbers are right-aligned, one count of decimals per
    column; dates are dates.
    """
    columns, rows = _rows(frame)
    wraps = [wrap] if isinstance(wrap, str) else list(wrap or [])
    numeric = [decimals([r[i] for r in rows], columns[i]) for i in range(len(columns))]
    numeric = [
        places
        if places is not None and all(_is_number(r[i]) or _is_missing(r[i]) for r in rows)
        else None
        for i, places in enumerate(numeric)
    ]
    cells = [[_cell_text(v, numeric[i], columns[i]) for i, v in enumerate(row)] for row in rows]
    natural = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    notes: list[str] = []
    shown = list(range(len(columns)))

    def total(indexes: list[int], widths: list[int]) -> int:
        return sum(widths[i] for i in indexes) + 2 * (len(indexes) - 1)

    if width is not None and total(shown, natural) > width and len(rows) > 1:
        empty, same = [], []
        for i in list(shown):
            values = {r[i] for r in cells}
            if len(values) == 1 and columns[i] not in keep[:1] and len(shown) > 1:
                value = next(iter(values))
                if value in (MISSING, ""):
                    empty.append(columns[i])
                else:
                    same.append(f"{columns[i]} {value}")
                shown.remove(i)
        if same:
            notes.append(f"in every row: {', '.join(same)}")
        if empty:
            notes.append(f"empty in every row: {', '.join(empty)}")
    minimum = []
    for i, name in enumerate(columns):
        dates = all(_is_missing(r[i]) or hasattr(r[i], "strftime") for r in rows)
        if numeric[i] is not None or name in whole or (dates and rows):
            minimum.append(natural[i])
        elif name in ids:
            minimum.append(max(min(len(name), MIN_TEXT), _distinct_width([r[i] for r in cells])))
        elif name in wraps:
            minimum.append(min(natural[i], 20))
        else:
            minimum.append(min(natural[i], MIN_TEXT))
    order = [columns.index(c) for c in keep if c in columns]
    order += [i for i in range(len(columns)) if i not in order]
    widths = list(natural)
    if width is not None and total(shown, natural) > width:
        chosen: list[int] = []
        for i in order:
            if i in shown and total([*chosen, i], minimum) <= width:
                chosen.append(i)
        left_out = [columns[i] for i in shown if i not in chosen]
        shown = sorted(chosen) or shown[:1]
        widths = [minimum[i] if i in shown else 0 for i in range(len(columns))]
        spare = width - total(shown, widths)
        growable = [i for i in order if i in shown and widths[i] < natural[i]]
        while spare > 0 and growable:  # the room left goes to the most important first
            for i in list(growable):
                if spare <= 0:
                    break
                widths[i] += 1
                spare -= 1
                if widths[i] >= natural[i]:
                    growable.remove(i)
        if left_out:
            notes.append(f"not shown: {', '.join(left_out)}; --format csv shows every column")

    def fit(text: str, i: int) -> str:
        if len(text) > widths[i]:
            text = text[: widths[i] - 1] + "…"
        return text.rjust(widths[i]) if numeric[i] is not None else text.ljust(widths[i])

    def lines_of(values: list[str]) -> list[str]:
        wrapped = {}
        for name in wraps:
            if name in columns and columns.index(name) in shown:
                at = columns.index(name)
                wrapped[at] = textwrap.wrap(values[at], widths[at]) or [""]
        height = max([len(v) for v in wrapped.values()], default=1)
        out = []
        for k in range(height):
            parts = []
            for i in shown:
                if i in wrapped:
                    piece = wrapped[i][k] if k < len(wrapped[i]) else ""
                    parts.append(piece.ljust(widths[i]))
                else:
                    parts.append(fit(values[i], i) if k == 0 else " " * widths[i])
            out.append("  ".join(parts).rstrip())
        return out

    lines = lines_of(columns)
    for row in cells:
        lines += lines_of(row)
    for note in notes:
        lines += textwrap.wrap(f"({note})", width) if width else [f"({note})"]
    return "\n".join(lines)


def markdown_text(frame) -> str:
    columns, rows = _rows(frame)

    places = [decimals([r[i] for r in rows], columns[i]) for i in range(len(columns))]

    def cell(v: object, i: int) -> str:
        if _is_missing(v):
            return ""
        text = _cell_text(v, places[i], columns[i])
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v, i) for i, v in enumerate(row)) + " |" for row in rows]
    return "\n".join(lines)


def terminal_width() -> int | None:
    """The terminal's width, or None when output goes to a file or a pipe."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def for_machines(frame):
    """A copy of ``frame`` for CSV and JSON: dates as ``YYYY-MM-DD`` (never a time), money
    rounded to the dollar (six decimals of a million) and percents to four decimals, so that
    no floating-point noise (``0.04339900000013586``) or ``-0.0`` is printed."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)
        elif pd.api.types.is_float_dtype(values):
            places = 4 if ("pct" in column or "share" in column) else 6
            out[column] = values.round(places) + 0.0  # -0.0 + 0.0 is 0.0
    return out


def emit(
    frame,
    fmt: str = "table",
    *,
    keep: tuple[str, ...] | list[str] = (),
    ids: tuple[str, ...] | list[str] = (),
    wrap: str | tuple[str, ...] | list[str] | None = None,
    whole: tuple[str, ...] | list[str] = (),
) -> None:
    """Print a DataFrame (or a list of dicts) in one of the formats; ``keep``, ``ids`` and
    ``wrap`` say how a terminal table is fitted (see :func:`table_text`)."""
    if fmt in ("csv", "json") and not isinstance(frame, list):
        frame = for_machines(frame)
    if fmt == "csv":
        if isinstance(frame, list):
            import csv

            writer = csv.DictWriter(
                sys.stdout, fieldnames=list(frame[0]) if frame else [], lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(frame)
        else:
            sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        if isinstance(frame, list):
            sys.stdout.write(json.dumps(frame, indent=2, default=str) + "\n")
        else:
            sys.stdout.write(frame.to_json(orient="records", indent=2) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(markdown_text(frame) + "\n")
    else:
        text = table_text(frame, terminal_width(), keep=keep, ids=ids, wrap=wrap, whole=whole)
        sys.stdout.write(text + "\n")


def status_line(text: str) -> None:
    """A progress line on a terminal's stderr (overwritten by the next); nothing otherwise."""
    if sys.stderr.isatty():
        width = shutil.get_terminal_size(fallback=(100, 24)).columns
        sys.stderr.write("\r" + text[: width - 1].ljust(width - 1))
        sys.stderr.flush()


def progress_line(text: str) -> None:
    """Progress of long work: on a terminal, one status line overwritten by the next; else
    (a log, a pipe, CI) one plain line per step on stderr, so a wait is never silent."""
    if sys.stderr.isatty():
        status_line(text)
    else:
        print(f"korus-data: {text}", file=sys.stderr, flush=True)


def clear_status() -> None:
    if sys.stderr.isatty():
        width = shutil.get_terminal_size(fallback=(100, 24)).columns
        sys.stderr.write("\r" + " " * (width - 1) + "\r")
        sys.stderr.flush()


def wrap(text: str, width: int | None = None, indent: str = "") -> list[str]:
    import textwrap

    width = width or terminal_width() or 100
    return textwrap.wrap(
        text, width=max(40, width - len(indent)), initial_indent=indent, subsequent_indent=indent
    ) or [indent]


__all__ = ["emit", "number_text", "status_line", "table_text", "wrap"]
