"""The HTML report read as a browser's parser reads it: marks per issue, summary, escaping.
(The browser itself renders it in test_report_html_browser.py.)"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fixtures.reports.batches import Literal, article, batch
from fixtures.reports.dom import Element, parse
from fixtures.reports.html_pages import HOSTILE_PATH, HOSTILE_TEXT, RULES, hostile_batch, marks_by_article, pieces

from reviewer.model import Issue, Severity
from reviewer.report import html_format, json_format, renderers
from reviewer.report.html_marks import Flag, marked_text, visible_text


def test_html_is_registered_for_the_cli() -> None:
    assert renderers()["html"] is html_format.render


def test_every_issue_has_one_mark_of_its_severity_covering_exactly_its_text() -> None:
    report = hostile_batch()
    page = parse(html_format.render(report))
    expected = json_format.to_dict(report)["articles"]
    for marks, data in zip(marks_by_article(page), expected, strict=True):
        assert [m.get("class").split()[1] for m in marks] == [f"sev-{i['severity']}" for i in data["issues"]]
        for mark, issue in zip(marks, data["issues"]):
            shown = "".join(piece.text for piece in pieces(page, mark.get("id")))
            assert shown == html.unescape(visible_text(issue["text"]))
            assert issue["message"] in mark.get("title")


def test_the_article_text_is_shown_whole_around_the_marks() -> None:
    page = parse(html_format.render(hostile_batch()))
    (text,) = page.find_all("article", lambda e: e.attrs.get("data-article") == "0")[0].find_all(
        "div", lambda e: e.attrs.get("class") == "text"
    )
    assert text.text == HOSTILE_TEXT


def issue(start: int, end: int, severity: Severity = Severity.MINOR) -> Issue:
    return Issue("rules", f"R{start}_{end}", "Other", severity, "m", "", start, end, 1, start + 1, 0)


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 5)],
        [(0, 10), (2, 5)],  # nested
        [(0, 6), (3, 10)],  # crossing
        [(0, 6), (3, 10), (5, 12), (1, 2)],  # a chain of crossings around a nested one
        [(2, 6), (2, 9), (2, 4)],  # same start, different ends
        [(0, 4), (4, 8)],  # adjacent
        [(3, 3), (0, 6), (6, 6), (12, 12)],  # empty spans: inside, at the end of one, at the text's end
        [(0, 12), (0, 12)],  # the same span twice (two checkers not merged)
    ],
)
def test_marks_stay_nested_and_each_issue_is_one_mark_plus_continuations(spans: list[tuple[int, int]]) -> None:
    text = "abcdefghijkl"
    flags = [Flag(f"k{n}", n + 1, issue(start, end), "t") for n, (start, end) in enumerate(spans)]
    page = parse(f"<div>{marked_text(text, flags)}</div>")  # parse() fails on badly nested elements
    assert page.text == text
    assert sorted(m.get("id") for m in page.find_all("mark")) == sorted(f.key for f in flags)
    for flag in flags:
        parts = pieces(page, flag.key)
        assert parts[0].tag == "mark"
        assert all(p.tag == "span" for p in parts[1:])
        assert "".join(p.text for p in parts) == text[flag.issue.start : flag.issue.end]
        number = parts[-1].children[-1]  # the issue's number, where the issue ends
        assert isinstance(number, Element)
        assert (number.get("class"), number.get("data-n")) == ("n", str(flag.number))
    assert len([e for e in page.iter() if e.attrs.get("class") == "n"]) == len(flags)


def test_hostile_text_and_file_names_are_text_not_markup() -> None:
    rendered = html_format.render(hostile_batch())
    page = parse(rendered)
    assert len(page.find_all("script")) == 1  # the report's own
    assert not [e for e in page.iter() if "onmouseover" in e.attrs]
    assert HOSTILE_PATH in page.by_id("article-table").text
    assert "<script>document.body.dataset.pwned='text'</script>" in page.by_id("article-0").text


def test_control_and_bidi_characters_are_shown_escaped() -> None:
    report = batch([article("Left \u202eright\x1b[2J\tand\r\nend", path="a\u202etxt.txt")], [Literal("X", "right")])
    page = parse(html_format.render(report))
    text = page.by_id("article-0").find_all("div", lambda e: e.attrs.get("class") == "text")[0].text
    assert text == "Left \\u202eright\\x1b[2J\tand\r\nend"
    assert "a\\u202etxt.txt" in page.by_id("article-table").text
    assert "\u202e" not in page.by_id("article-0").text


def test_the_page_loads_nothing_and_runs_only_its_own_script() -> None:
    page = parse(html_format.render(hostile_batch()))
    (policy,) = page.find_all("meta", lambda e: e.attrs.get("http-equiv") == "Content-Security-Policy")
    assert policy.get("content").startswith("default-src 'none';")
    assert "unsafe-inline" not in policy.get("content")
    assert not [e for e in page.iter() if "src" in e.attrs or e.tag == "link"]
    assert all(a.get("href").startswith("#") for a in page.find_all("a"))


def test_systems_are_compared_only_when_the_batch_has_several() -> None:
    page = parse(html_format.render(hostile_batch()))
    rows = page.by_id("systems").find_all("tr", lambda e: "data-system" in e.attrs)
    assert [row.get("data-system") for row in rows] == ["mt-a", "mt-b"]
    single = parse(html_format.render(batch([article("Calm.")], RULES)))
    assert not [e for e in single.iter() if e.attrs.get("id") == "systems"]


def test_summary_and_verdict_agree_with_the_json_report() -> None:
    report = hostile_batch()
    summary = json_format.to_dict(report)["summary"]
    page = parse(html_format.render(report))
    cards = {li.get("data-key"): float(li.find_all("b")[0].text) for li in page.by_id("cards").find_all("li")}
    assert cards["articles"] == summary["articles"]
    assert cards["words"] == summary["words"]
    assert cards["issues"] == summary["issues"]
    assert {s: cards[s] for s in summary["by_severity"]} == summary["by_severity"]
    assert cards["MQM per 100 words"] == summary["mqm_per_100_words"]
    assert cards["incomplete"] == summary["incomplete"] == 1
    assert page.by_id("verdict").text.startswith("FAILED")
    assert "--fail-on critical" in page.by_id("failed-gates").text
    assert "bundle.jsonl[a2@mt-b] not fully checked: languagetool: server lost" in page.by_id("incomplete").text


def reviewer(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reviewer", *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_cli_writes_the_html_report_with_the_marks_the_json_report_lists(tmp_path: Path) -> None:
    corpora = Path(__file__).parents[1] / "corpora"
    common = ["check", corpora, "--no-languagetool", "--output"]
    as_json = reviewer(*common, tmp_path / "report.json", "--format", "json", cwd=tmp_path)
    as_html = reviewer(*common, tmp_path / "report.html", "--format", "html", cwd=tmp_path)
    assert (as_html.returncode, as_html.stdout) == (as_json.returncode, "")
    data: dict[str, Any] = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    page = parse((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert [len(marks) for marks in marks_by_article(page)] == [len(a["issues"]) for a in data["articles"]]
    assert sum(len(marks) for marks in marks_by_article(page)) == data["summary"]["issues"] > 0


def test_cli_escapes_a_hostile_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "<script>document.title='pwned'<"  # with the file: <script>...</script>.txt
    folder.mkdir()
    (folder / "script>.txt").write_text("Title\n\nThe minister was „furious“.\n", encoding="utf-8")
    result = reviewer("check", ".", "--no-languagetool", "--format", "html", cwd=tmp_path)
    page = parse(result.stdout)
    assert len(page.find_all("script")) == 1
    assert "<script>document.title='pwned'</script>.txt" in page.by_id("article-table").text
