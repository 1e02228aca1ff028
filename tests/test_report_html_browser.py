"""The HTML report in a real browser: headless Chromium (Debian's `chromium`) renders it
once for the whole module, taking a screenshot and dumping the DOM after the page's own
script ran, and a small test script added to the page clicks the sort buttons.

Skipped on a developer machine without chromium; in CI (.ci/run installs it and sets
CI=1) it must run."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from typing import Any

import pytest
from fixtures.reports.dom import Element, parse
from fixtures.reports.html_pages import HOSTILE_PATH, hostile_batch, marks_by_article

from reviewer.report import html_format, json_format
from reviewer.report.html_assets import SEVERITY_COLOURS, script_hash

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"), reason="needs chromium (apt-get install chromium)"
    ),
]
WIDTH, HEIGHT = 1000, 2200

# Clicks the article table's sort buttons as a reader would and records the row order
# (each row's data-article) after each click in <body data-sorting>.
SORTING = """
(function () {
  var table = document.getElementById("article-table");
  function order() {
    return Array.prototype.map.call(table.tBodies[0].rows, function (row) { return +row.dataset.article; });
  }
  function click(name) {
    var th = Array.prototype.find.call(table.tHead.rows[0].cells, function (c) { return c.textContent === name; });
    th.querySelector("button").click();
    return order();
  }
  var seen = {};
  seen.words_ascending = click("words");
  seen.words_descending = click("words");
  seen.article_ascending = click("article");
  seen.per_100_ascending = click("MQM/100 words");
  seen.per_100_descending = click("MQM/100 words");
  document.body.dataset.sorting = JSON.stringify(seen);
})();
"""


@dataclass(frozen=True)
class Rendered:
    report: dict[str, Any]  # the JSON report of the same run
    dom: Element
    screenshot: bytes


def with_sorting_clicks(page: str) -> str:
    """The report with SORTING run after its own script (and allowed by its policy)."""
    page = page.replace("script-src ", f"script-src {script_hash(SORTING)} ", 1)
    return page.replace("</body>", f"<script>{SORTING}</script></body>", 1)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    assert CHROMIUM is not None, "CI must have chromium: .ci/run installs it"
    folder = tmp_path_factory.mktemp("html")
    report = hostile_batch()
    page = folder / "report.html"
    page.write_text(with_sorting_clicks(html_format.render(report)), encoding="utf-8")
    screenshot = folder / "report.png"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        f"--user-data-dir={folder / 'profile'}",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={screenshot}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return Rendered(json_format.to_dict(report), parse(done.stdout), screenshot.read_bytes())


def test_marks_per_article_and_severity_match_the_json_report(rendered: Rendered) -> None:
    marks = marks_by_article(rendered.dom)
    assert len(marks) == len(rendered.report["articles"])
    for shown, article in zip(marks, rendered.report["articles"]):
        by_class = sorted(mark.get("class").split()[1] for mark in shown)
        assert by_class == sorted(f"sev-{issue['severity']}" for issue in article["issues"])
    total = sum(len(m) for m in marks)
    assert total == rendered.report["summary"]["issues"] == len(rendered.dom.find_all("mark"))


def test_summary_numbers_match_the_json_report(rendered: Rendered) -> None:
    summary = rendered.report["summary"]
    cards = {li.get("data-key"): float(li.find_all("b")[0].text) for li in rendered.dom.by_id("cards").find_all("li")}
    expected = {
        "articles": summary["articles"],
        "words": summary["words"],
        "issues": summary["issues"],
        **summary["by_severity"],
        "MQM penalty": summary["mqm_penalty"],
        "MQM per 100 words": summary["mqm_per_100_words"],
        "incomplete": summary["incomplete"],
    }
    assert cards == expected


def test_clicking_a_column_sorts_the_articles_and_clicking_again_reverses(rendered: Rendered) -> None:
    articles = rendered.report["articles"]
    seen = json.loads(rendered.dom.find_all("body")[0].get("data-sorting"))
    n = range(len(articles))
    words = [a["words"] for a in articles]
    per_100 = [a["scores"]["mqm_per_100_words"] for a in articles]
    rows = rendered.dom.by_id("article-table").find_all("tr", lambda e: "data-article" in e.attrs)
    labels = {int(row.get("data-article")): row.find_all("a")[0].text for row in rows}
    assert seen["words_ascending"] == sorted(n, key=lambda i: (words[i], i))
    assert seen["words_descending"] == sorted(n, key=lambda i: (-words[i], i))
    assert seen["article_ascending"] == sorted(n, key=lambda i: (labels[i].lower(), i))
    assert seen["per_100_ascending"] == sorted(n, key=lambda i: (per_100[i], i))
    assert seen["per_100_descending"] == sorted(n, key=lambda i: (-per_100[i], i))
    assert seen["words_ascending"] != seen["words_descending"]


def test_hostile_names_and_text_stay_text_in_the_browser(rendered: Rendered) -> None:
    body = rendered.dom.find_all("body")[0]
    assert "data-pwned" not in body.attrs
    assert len(rendered.dom.find_all("script")) == 2  # the report's and the sorting clicks
    assert HOSTILE_PATH in rendered.dom.by_id("article-0").find_all("h3")[0].text


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the set of RGB colours of an 8-bit RGB(A) PNG (enough of the
    format for Chromium's screenshots)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, compressed = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        at += length + 12
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert (depth, colour_type) in ((8, 2), (8, 6)), f"unexpected PNG depth/colour type {depth}/{colour_type}"
        elif kind == b"IDAT":
            compressed += body
    bpp = 3 if colour_type == 2 else 4
    stride, raw = width * bpp, zlib.decompress(compressed)
    previous, colours = bytearray(stride), set()
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((x + y) & 255 for x, y in zip(line, previous))
        elif kind in (3, 4):
            for i in range(stride):
                a, b = (line[i - bpp] if i >= bpp else 0), previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                if kind == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                else:
                    p = a + b - c
                    nearest = (
                        a
                        if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c)
                        else b
                        if abs(p - b) <= abs(p - c)
                        else c
                    )
                    line[i] = (line[i] + nearest) & 255
        colours.update(bytes(line[i : i + 3]) for i in range(0, stride, bpp))
        previous = line
    return width, height, colours


def test_the_screenshot_shows_the_page_with_every_severity_colour(rendered: Rendered) -> None:
    width, height, colours = png_pixels(rendered.screenshot)
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    for severity, colour in SEVERITY_COLOURS.items():
        assert bytes.fromhex(colour[1:]) in colours, f"no {severity} mark ({colour}) in the screenshot"
