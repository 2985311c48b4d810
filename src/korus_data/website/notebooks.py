"""The example notebooks as pages of the report, with the outputs they were committed with.

A notebook is read as JSON (no Jupyter needed) and written as HTML: its markdown cells by a
small converter (headings, paragraphs, lists, emphasis, code and links: what the notebooks
use), its code in ``<pre>``, and its outputs as the notebook holds them (text, the tables
pandas wrote, charts as PNG with their cell's alternative text). Nothing is run.

Example:
    >>> markdown_html("# Title\\n\\nSome `code` and **bold**.")
    '<h1>Title</h1>\\n<p>Some <code>code</code> and <strong>bold</strong>.</p>'
"""

from __future__ import annotations

import base64
import json
import re
from html import escape
from pathlib import Path

INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![*\w])\*([^*\s][^*]*)\*(?!\w)"), r"<em>\1</em>"),
    (re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+|[\w./#-]+)\)"), r'<a href="\2">\1</a>'),
]


def _inline(text: str) -> str:
    out = escape(text, quote=False)
    for pattern, replacement in INLINE:
        out = pattern.sub(replacement, out)
    return out


def markdown_html(text: str) -> str:
    """The markdown the notebooks use, as HTML."""
    blocks = re.split(r"\n\s*\n", text.strip())
    out = []
    for block in blocks:
        lines = block.splitlines()
        heading = re.match(r"^(#{1,4}) (.*)$", lines[0])
        if heading and len(lines) == 1:
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif all(re.match(r"^\s*([-*]|\d+\.) ", line) or line.startswith("   ") for line in lines):
            ordered = re.match(r"^\s*\d+\.", lines[0]) is not None
            items: list[str] = []
            current: list[str] = []
            for line in lines:
                if re.match(r"^\s*([-*]|\d+\.) ", line):
                    if current:
                        items.append(" ".join(current))
                    current = [re.sub(r"^\s*([-*]|\d+\.) ", "", line)]
                else:
                    current.append(line.strip())
            items.append(" ".join(current))
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{tag}>")
        else:
            out.append(f"<p>{_inline(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(out)


def _output_html(output: dict, alt: str) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre class=out>{escape(''.join(output.get('text', '')))}</pre>"
    data = output.get("data", {})
    if "image/svg+xml" in data:  # an image, so that two charts' ids never meet on one page
        svg = base64.b64encode("".join(data["image/svg+xml"]).encode("utf-8")).decode("ascii")
        return f'<img src="data:image/svg+xml;base64,{svg}" alt="{escape(alt)}">'
    if "image/png" in data:
        png = "".join(data["image/png"]).replace("\n", "")
        return f'<img src="data:image/png;base64,{png}" alt="{escape(alt)}">'
    if "text/html" in data:  # the tables pandas writes, from the package's own notebooks
        return f"<div class=scroll>{''.join(data['text/html'])}</div>"
    if "text/plain" in data:
        return f"<pre class=out>{escape(''.join(data['text/plain']))}</pre>"
    return ""


def notebook_html(path: Path) -> str:
    """The body of a notebook's page."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    parts = []
    title = title_of(path)
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            if source.strip().startswith(f"# {title}"):  # the page's own title says it
                source = source.strip()[len(title) + 2 :]
            parts.append(markdown_html(source) if source.strip() else "")
        elif cell.get("cell_type") == "code":
            alt = cell.get("metadata", {}).get("alt", "A chart drawn by the notebook.")
            parts.append(f"<pre class=code>{escape(source)}</pre>")
            parts.extend(_output_html(o, alt) for o in cell.get("outputs", []))
    return "\n".join(parts)


def title_of(path: Path) -> str:
    """A notebook's first heading (its name when it has none)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            first = "".join(cell.get("source", "")).strip().splitlines()[0]
            if first.startswith("#"):
                return first.lstrip("# ").strip()
    return Path(path).stem


__all__ = ["markdown_html", "notebook_html", "title_of"]
