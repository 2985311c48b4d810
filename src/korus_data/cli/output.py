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

MISSING = "—"
MIN_TEXT = 8


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or str(value) in ("NaT", "<NA>")  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number_text(value: float | int, column: str = "") -> str:
    """A number for people: thousands separators; money to one decimal; ranks as integers.

    Example:
        >>> number_text(56318.293632, "value_usd_millions"), number_text(17971, "rows")
        ('56,318.3', '17,971')
        >>> number_text(2018, "year"), number_text(3.1416, "share_pct")
        ('2018', '3.14')
    """
    if "year" in column or column in ("rank", "vintage") or column.startswith(("rank_", "of_")):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, int) or (
        isinstance(value, float)
        and value.is_integer()
        and "usd" not in column
        and "pct" not in column
    ):
        return f"{int(value):,}"
    if "pct" in column or abs(value) < 100:
        return f"{value:,.2f}"
    return f"{value:,.1f}"


def _rows(frame) -> tuple[list[str], list[list[object]]]:
    if isinstance(frame, list):
        columns = list(frame[0]) if frame else []
        return columns, [[row.get(c) for c in columns] for row in frame]
    values = frame.astype(object).where(frame.notna(), None)
    return [str(c) for c in frame.columns], values.to_numpy().tolist()


def table_text(frame, width: int | None = None) -> str:
    """``frame`` (a DataFrame or a list of dicts) as an aligned table, at most ``width`` wide."""
    columns, rows = _rows(frame)

    def is_numeric(i: int) -> bool:
        values = [r[i] for r in rows]
        return all(_is_number(v) or _is_missing(v) for v in values) and any(map(_is_number, values))

    numeric = [is_numeric(i) for i in range(len(columns))]
    cells = [
        [
            MISSING if _is_missing(v) else number_text(v, columns[i]) if numeric[i] else str(v)
            for i, v in enumerate(row)
        ]
        for row in rows
    ]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    if width is not None:
        while sum(widths) + 2 * (len(widths) - 1) > width:
            text = [i for i in range(len(widths)) if not numeric[i] and widths[i] > MIN_TEXT]
            if not text:
                break
            widest = max(text, key=lambda i: widths[i])
            widths[widest] = max(MIN_TEXT, widths[widest] - 1)

    shown = len(columns)
    if width is not None:
        while shown > 1 and sum(widths[:shown]) + 2 * (shown - 1) > width:
            shown -= 1  # still too wide: leave the last columns out, and say so

    def fit(text: str, i: int) -> str:
        if len(text) > widths[i]:
            text = text[: widths[i] - 1] + "…"
        return text.rjust(widths[i]) if numeric[i] else text.ljust(widths[i])

    def line(values: list[str]) -> str:
        return "  ".join(fit(c, i) for i, c in enumerate(values[:shown])).rstrip()

    lines = [line(columns), *(line(row) for row in cells)]
    if shown < len(columns):
        hidden = ", ".join(columns[shown:])
        lines.append(f"({len(columns) - shown} more columns not shown: {hidden}; use --format csv)")
    return "\n".join(lines)


def markdown_text(frame) -> str:
    columns, rows = _rows(frame)

    def cell(v: object) -> str:
        if _is_missing(v):
            return ""
        text = f"{v:,.1f}" if isinstance(v, float) else str(v)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def terminal_width() -> int | None:
    """The terminal's width, or None when output goes to a file or a pipe."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def emit(frame, fmt: str = "table") -> None:
    """Print a DataFrame (or a list of dicts) in one of the formats."""
    if fmt == "csv":
        if isinstance(frame, list):
            import csv

            writer = csv.DictWriter(
                sys.stdout, fieldnames=list(frame[0]) if frame else [], lineterminator="\n"
            )
            writer.writeheader()
            writer.writerows(frame)
        else:
            sys.stdout.write(frame.to_csv(index=False))
    elif fmt == "json":
        if isinstance(frame, list):
            sys.stdout.write(json.dumps(frame, indent=2, default=str) + "\n")
        else:
            sys.stdout.write(frame.to_json(orient="records", indent=2, date_format="iso") + "\n")
    elif fmt == "markdown":
        sys.stdout.write(markdown_text(frame) + "\n")
    else:
        sys.stdout.write(table_text(frame, terminal_width()) + "\n")


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
