"""The HTML report's stylesheet and script, inlined into every report so that the file
opens anywhere with no network: no fonts, images or scripts from elsewhere.

The script only sorts the article table; without it the table keeps the report's order
and everything else (marks, hover titles, issue lists, links) works.
"""

from __future__ import annotations

import base64
import hashlib

# Marks' colours by severity (the browser test looks for these exact pixels in the
# screenshot); badges in lists and tables use a deeper shade of the same hue.
SEVERITY_COLOURS = {"minor": "#ffe98a", "major": "#ffb366", "critical": "#ff7b7b"}
BADGE_COLOURS = {"minor": "#f5d43d", "major": "#f59331", "critical": "#f25050"}

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d8dde6; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--ink); margin: 0 auto; padding: 1rem 2rem 4rem;
       max-width: 72rem; background: #fff; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
table.wide { display: block; overflow-x: auto; max-width: 100%; }
th { white-space: nowrap; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
.cards b { display: block; font-size: 1.35rem; }
.verdict { font-weight: bold; padding: .4rem .8rem; border-radius: 6px; display: inline-block; }
.verdict.passed { background: #d9f2dd; } .verdict.failed { background: #ffd6d6; }
.muted, .signature { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.badge { border-radius: 4px; padding: 0 .35rem; font-size: .85rem; white-space: nowrap; }
article.report { border-top: 2px solid var(--line); margin-top: 1.5rem; padding-top: .75rem; }
.incomplete { color: #8a2d00; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif; font-size: 1.05rem;
        line-height: 1.7; padding: .75rem 1rem; background: #fafbfc; border: 1px solid var(--line); border-radius: 6px; }
.mark { color: inherit; border-radius: 2px; padding: 1px 0; unicode-bidi: isolate; }
.mark .mark { box-shadow: inset 0 -3px 0 rgba(0, 0, 0, .35); }
.mark .n::after { content: attr(data-n); font: 600 .65rem system-ui, sans-serif; vertical-align: super;
                   color: var(--muted); margin-left: 1px; }
.point::before { content: "\\2038"; font-weight: bold; }
ol.issues { padding-left: 2rem; } ol.issues li { margin: .2rem 0; overflow-wrap: anywhere; }
ol.issues q { font-family: Georgia, serif; }
""" + "".join(
    f".mark.sev-{name} {{ background: {SEVERITY_COLOURS[name]}; }} .badge.sev-{name} {{ background: {badge}; }}\n"
    for name, badge in BADGE_COLOURS.items()
)

# Sorts the table with data-sortable by the clicked column: numbers by their data-value,
# text by its content; a second click reverses; ties keep the report's order.
SCRIPT = """
document.querySelectorAll("table[data-sortable]").forEach(function (table) {
  var body = table.tBodies[0];
  Array.prototype.forEach.call(body.rows, function (row, i) { row.dataset.order = i; });
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.classList.contains("num");
      function key(row) {
        var cell = row.cells[column];
        return numeric ? parseFloat(cell.dataset.value) : cell.textContent.toLowerCase();
      }
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return (ascending ? order : -order) || a.dataset.order - b.dataset.order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that lets exactly this inline script run."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
