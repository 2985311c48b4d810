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
main { max-width: 1100px; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0.2rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 0.8rem; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.7rem; }
.card .value { font-size: 1.4rem; font-weight: 600; }
.card .label, .note { color: #57606a; font-size: 0.9rem; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; display: block;
        overflow-x: auto; }
th, td { border-bottom: 1px solid #d0d7de; padding: 0.25rem 0.4rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th[data-sort] { cursor: pointer; }
input[type=search] { width: 100%; max-width: 400px; padding: 0.3rem; margin: 0.5rem 0; }
code { overflow-wrap: anywhere; }
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


def page(filename: str, title: str, body: str, version: str) -> str:
    """A whole page: header with navigation, the body, the inline style and script."""
    links = " ".join(
        f'<a href="{name}"{" aria-current=page" if name == filename else ""}>{escape(label)}</a>'
        for name, label in PAGES
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · korus-data</title><style>{STYLE}</style></head><body>"
        f"<header><div>korus-data · data release {escape(version)}</div>"
        f"<nav aria-label=pages>{links}</nav></header>"
        f"<main><h1>{escape(title)}</h1>{body}</main><script>{SCRIPT}</script></body></html>"
    )


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


def table_html(frame, table_id: str, *, searchable: bool = False, links: dict | None = None) -> str:
    """A sortable HTML table of ``frame``; ``links`` maps a column to a column of addresses."""
    links = links or {}
    columns = [c for c in frame.columns if c not in links.values()]
    head = "".join(f"<th data-sort scope=col>{escape(str(c))}</th>" for c in columns)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for c in columns:
            value = record[c]
            missing = value is None or (isinstance(value, float) and value != value)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            text = "—" if missing else f"{value:,.1f}" if isinstance(value, float) else str(value)
            if c in links and not missing and record.get(links[c]):
                text = f'<a href="{escape(str(record[links[c]]))}">{escape(text)}</a>'
            else:
                text = escape(text)
            attrs = f' class=num data-value="{value}"' if number and not missing else ""
            cells.append(f"<td{attrs}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    box = (
        f'<input type=search data-filter="{table_id}" placeholder="Search the table" '
        f'aria-label="Search the table">'
        if searchable
        else ""
    )
    return (
        f"{box}<table id={table_id}><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
