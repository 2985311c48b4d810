"""The report's page layout: one inline style sheet and script, no request of any kind."""

from __future__ import annotations

from html import escape

PAGES = [
    ("index.html", "Overview"),
    ("goods.html", "Goods"),
    ("partners.html", "Korea among U.S. partners"),
    ("services.html", "Services and the balance of payments"),
    ("investment.html", "Direct investment and affiliates"),
    ("mirror.html", "Both sides of the ledger"),
    ("products.html", "Products"),
    ("tariffs.html", "Tariffs"),
    ("projects.html", "Investment projects"),
    ("factcheck.html", "Fact check"),
    ("data.html", "Data"),
    ("notebooks.html", "Notebooks"),
]

STYLE = """
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; }
body { margin: 0; line-height: 1.5; }
header { background: #0b3d5c; color: white; padding: 0.8rem 1rem; }
header a { color: white; }
nav { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; margin-top: 0.4rem; font-size: 0.9rem; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
footer { max-width: 1100px; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid #d0d7de;
         color: #57606a; font-size: 0.85rem; }
h1 { font-size: 1.5rem; margin: 0.2rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0.8rem; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.7rem; }
.card .value { font-size: 1.4rem; font-weight: 600; }
.card .label, .note, .source { color: #57606a; font-size: 0.9rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figure svg.narrow { display: none; }
@media (max-width: 700px) {
  figure svg.wide { display: none; }
  figure svg.narrow { display: block; }
}
figcaption { color: #57606a; font-size: 0.9rem; }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0; }
.lead { font-size: 1.15rem; font-weight: 600; }
.flag { border-left: 4px solid #d55e00; padding: 0.3rem 0.6rem; background: #fff4ec; }
.badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 0.8rem;
         font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
.badge.supported { background: #d7ecff; color: #0b3d5c; }
.badge.caveat { background: #e6f4ee; color: #005c40; }
.badge.contradicted { background: #ffe3d6; color: #8a2e00; }
.badge.unverifiable, .badge.scope { background: #eceff1; color: #37474f; }
nav.toc { columns: 3 14em; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left;
         vertical-align: top; white-space: nowrap; }
th { white-space: normal; min-width: 4em; }
td.text { white-space: normal; min-width: 14em; }
.nw { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th[data-sort] { cursor: pointer; }
input[type=search] { width: 100%; max-width: 400px; padding: 0.3rem; margin: 0.5rem 0; }
code { word-break: normal; }
.sha { font-size: 0.8rem; display: inline-block; max-width: 100%; overflow-x: auto;
       vertical-align: bottom; }
.phone-note { display: none; color: #57606a; font-size: 0.85rem; }
td.fig { white-space: normal; min-width: 5em; }
pre.code { background: #f6f8fa; padding: 0.5rem; overflow-x: auto; font-size: 0.85rem; }
pre.out { padding: 0 0.5rem; overflow-x: auto; font-size: 0.85rem; color: #24292f; }
main img { max-width: 100%; height: auto; }
@media (max-width: 700px) {
  .opt { display: none; }
  .phone-note { display: block; }
  td.text { min-width: 6em; }
  .badge { white-space: normal; }
  th, td { padding: 0.25rem 0.3rem; }
  th { min-width: 0; }
}
"""

SCRIPT = """
document.querySelectorAll('input[data-filter]').forEach(function (box) {
  var table = document.getElementById(box.dataset.filter);
  box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    table.querySelectorAll('tbody tr').forEach(function (row) {
      row.style.display = row.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  });
});
document.querySelectorAll('th[data-sort]').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var up = th.dataset.dir !== 'up'; th.dataset.dir = up ? 'up' : 'down';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[i].dataset.value || a.cells[i].textContent;
      var y = b.cells[i].dataset.value || b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return up ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def page(
    filename: str, title: str, body: str, version: str, footer: str = "", head: str = ""
) -> str:
    """A whole page: header with navigation, the body, the footer (what the page rests on),
    the inline style and script; ``head`` goes into ``<head>`` (structured data)."""
    links = " ".join(
        f'<a href="{name}"{" aria-current=page" if name == filename else ""}>{escape(label)}</a>'
        for name, label in PAGES
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · korus-data</title><style>{STYLE}</style>{head}</head><body>"
        f"<header><div>korus-data · data release {escape(version)}</div>"
        f"<nav aria-label=pages>{links}</nav></header>"
        f"<main><h1>{escape(title)}</h1>{body}</main><footer>{footer}</footer>"
        f"<script>{SCRIPT}</script></body></html>"
    )


def structured_data(jsonld: str) -> str:
    """A JSON-LD record as a ``<script>`` element (no ``</`` can close it early)."""
    safe = jsonld.replace("</", "<\\/")
    return f'<script type="application/ld+json">{safe}</script>'


def source_urls() -> dict[str, str]:
    """``{source_id: address}`` of the sources table, read once by the page that needs it."""
    import korus_data as kd

    sources = kd.load("sources")
    return dict(zip(sources["source_id"], sources["url"], strict=True))


def money(value: float) -> str:
    """USD millions as a reader says them (a minus sign before the dollar sign).

    Example:
        >>> money(-56512.3), money(360.0)
        ('−$56.5 billion', '$360 million')
    """
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value >= 1000:
        return f"{sign}${value / 1000:,.1f} billion"
    return f"{sign}${value:,.0f} million"


def linked(text: str, table: str, source_url: str | None = None) -> str:
    """A figure linked to its table on the data page, and to its source when there is one."""
    out = f'<a href="data.html#{escape(table)}" title="the table it comes from">{escape(text)}</a>'
    if source_url:
        out += f' <a class=note href="{escape(source_url)}">source</a>'
    return out


#: Columns whose values are sentences: they wrap at spaces (every other cell stays on a line).
TEXT_COLUMNS = ("statement", "explanation", "description", "note", "title", "company", "product")


def words(text: str) -> str:
    """``text`` escaped for HTML, each word that holds a hyphen or a slash kept on one line
    (a browser breaks "bea-fdius-position" at its hyphens; sentences still wrap at spaces).

    Example:
        >>> words("ranked within bea-fdius-2019: 13 of 160")
        'ranked within <span class=nw>bea-fdius-2019:</span> 13 of 160'
    """
    parts = []
    for word in text.split(" "):
        shown = escape(word)
        parts.append(f"<span class=nw>{shown}</span>" if any(c in word for c in "-/") else shown)
    return " ".join(parts)


def header_text(column: str) -> str:
    """A column name as a reader says it (``amount_usd_millions`` -> ``amount, USD millions``).

    Example:
        >>> header_text("amount_usd_millions"), header_text("first_year")
        ('amount, USD millions', 'first year')
    """
    text = column.replace("_usd_millions", ", USD millions").replace("_pct", ", %")
    return text.replace("_", " ")


def _places(values: list, column: str) -> int:
    numbers = [float(v) for v in values if isinstance(v, int | float) and v == v]
    if not numbers or "year" in column or all(n.is_integer() for n in numbers):
        return 0
    return 2 if ("pct" in column or max(abs(n) for n in numbers) < 100) else 1


def table_html(
    frame,
    table_id: str,
    *,
    searchable: bool = False,
    links: dict | None = None,
    key: tuple[str, ...] | list[str] = (),
) -> str:
    """A sortable HTML table of ``frame`` in its own scrolling box: numbers right-aligned with
    thousands separators and one count of decimals per column, words never broken inside,
    sentences wrapped at spaces; ``links`` maps a column to a column of addresses. With
    ``key`` (the columns that matter), the others are left out on a phone (and said so), so
    that the key columns are seen without scrolling sideways."""
    links = links or {}
    columns = [c for c in frame.columns if c not in links.values()]
    optional = {c for c in columns if key and c not in key}

    def kind(c) -> str:
        return " opt" if c in optional else ""

    head = "".join(
        f'<th data-sort scope=col class="h{kind(c)}" title="{escape(str(c))}">'
        f"{escape(header_text(str(c)))}</th>"
        for c in columns
    )
    records = frame.to_dict("records")
    places = {c: _places([r[c] for r in records], str(c)) for c in columns}
    rows = []
    for record in records:
        cells = []
        for c in columns:
            value = record[c]
            missing = value is None or (isinstance(value, float) and value != value)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if missing:
                text = "—"
            elif number and "year" in str(c):
                text = str(int(value))
            elif number:
                text = f"{value:,.{places[c]}f}"
            elif hasattr(value, "strftime"):
                text = value.strftime("%Y-%m-%d")
            else:
                text = str(value)
            if c in links and not missing and record.get(links[c]):
                text = f'<a class=nw href="{escape(str(record[links[c]]))}">{escape(text)}</a>'
            elif str(c) in TEXT_COLUMNS:
                text = words(text)
            else:
                text = escape(text)
            if number and not missing:
                attrs = f' class="num{kind(c)}" data-value="{value}"'
            elif str(c) in TEXT_COLUMNS:
                attrs = f' class="text{kind(c)}"'
            else:
                attrs = f' class="{kind(c).strip()}"' if c in optional else ""
            cells.append(f"<td{attrs}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    box = (
        f'<input type=search data-filter="{table_id}" placeholder="Search the table" '
        f'aria-label="Search the table">'
        if searchable
        else ""
    )
    hidden = (
        f"<p class=phone-note>On a phone this table shows {', '.join(map(header_text, key))}; "
        "the other columns are on a wider screen and in the CSV.</p>"
        if optional
        else ""
    )
    return (
        f"{box}{hidden}<div class=scroll><table id={table_id}><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
