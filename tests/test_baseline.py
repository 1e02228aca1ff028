"""`--baseline`: only issues that are new since an earlier report count."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.reports.batches import Literal, LiteralChecker, article, batch

from reviewer.baseline import Baseline, load_baseline
from reviewer.errors import InputError
from reviewer.model import Severity
from reviewer.mqm import penalty
from reviewer.report import BatchReport
from reviewer.report.json_format import render as render_json

RULES = [
    Literal("QUOTES", "„furious“"),
    Literal("CREDIT", "Some-Artist / Pixabay", Severity.MAJOR, "Accuracy/Addition"),
    Literal("UHR", "9 Uhr", Severity.MAJOR, "Locale convention/Time format"),
    Literal("TEH", "teh", Severity.MAJOR, "Fluency/Spelling"),
]
ORIGINAL = "Talks stall\n\nThe minister was „furious“ at 9 Uhr.\n\nSome-Artist / Pixabay\n"


def baseline_of(report: BatchReport, tmp_path: Path) -> Baseline:
    path = tmp_path / "baseline.json"
    path.write_text(render_json(report), encoding="utf-8")
    return load_baseline(str(path))


def new_rules(report: BatchReport) -> list[str]:
    return [issue.rule_id for a in report.articles for issue in a.result.issues]


def test_a_report_against_its_own_baseline_has_no_new_issues(tmp_path: Path) -> None:
    report = batch([article(ORIGINAL)], RULES, fail_on=Severity.MAJOR)
    assert report.failed_gates, "without the baseline, the major issues fail the gate"
    filtered = batch([article(ORIGINAL)], RULES, fail_on=Severity.MAJOR, baseline=baseline_of(report, tmp_path))
    assert new_rules(filtered) == []
    assert filtered.penalty.total == 0 and filtered.articles[0].penalty.total == 0
    assert filtered.failed_gates == [] and filtered.passed, "gates count the new issues only"


@pytest.mark.parametrize(
    "edited",
    [
        "Talks stall again, say unions\n\n" + ORIGINAL.split("\n\n", 1)[1],  # the title grew
        "Breaking\n\n" + ORIGINAL,  # a paragraph before everything
        ORIGINAL.replace("minister", "prime minister").replace("\n\nSome", "\n\nA new paragraph.\n\nSome"),
    ],
    ids=["title-edited", "paragraph-inserted", "words-changed"],
)
def test_edits_elsewhere_in_the_article_leave_old_issues_old(tmp_path: Path, edited: str) -> None:
    before = batch([article(ORIGINAL)], RULES)
    after = batch([article(edited)], RULES)
    old_ids = {i.id for i in before.articles[0].result.issues}
    assert old_ids.isdisjoint(i.id for i in after.articles[0].result.issues), "offsets moved, so Issue.id did"
    assert new_rules(batch([article(edited)], RULES, baseline=baseline_of(before, tmp_path))) == []


def test_a_new_issue_is_new_and_only_it_is_scored(tmp_path: Path) -> None:
    before = batch([article(ORIGINAL)], RULES)
    edited = article(ORIGINAL.replace("Talks stall", "Talks stall in teh port"))
    after = batch([edited], RULES)
    filtered = batch([edited], RULES, baseline=baseline_of(before, tmp_path))
    assert new_rules(filtered) == ["TEH"]
    (issue,) = filtered.articles[0].result.issues
    assert filtered.articles[0].penalty == penalty([issue], after.articles[0].result.article.words)
    assert filtered.penalty.total == 5.0


@pytest.mark.parametrize(("before", "after", "new"), [(2, 3, 1), (2, 2, 0), (3, 1, 0), (0, 2, 2)])
def test_duplicate_texts_are_counted_by_occurrence(tmp_path: Path, before: int, after: int, new: int) -> None:
    def text(n: int) -> str:
        return "Title\n\n" + " ".join(["He was „furious“."] * n) + "\n"

    baseline = baseline_of(batch([article(text(before))], RULES), tmp_path)
    assert new_rules(batch([article(text(after))], RULES, baseline=baseline)) == ["QUOTES"] * new


def test_issues_are_matched_per_article_and_paths_are_normalised(tmp_path: Path) -> None:
    before = batch([article(ORIGINAL, path="./corpora/a.txt", id="a")], RULES)
    baseline = baseline_of(before, tmp_path)
    same = batch([article(ORIGINAL, path="corpora/a.txt", id="a")], RULES, baseline=baseline)
    other_file = batch([article(ORIGINAL, path="corpora/b.txt", id="a")], RULES, baseline=baseline)
    other_article = batch([article(ORIGINAL, path="corpora/a.txt", id="b")], RULES, baseline=baseline)
    assert new_rules(same) == []
    assert len(new_rules(other_file)) == 3
    assert len(new_rules(other_article)) == 3


def test_the_same_document_from_another_mt_system_is_another_article(tmp_path: Path) -> None:
    def checked(system: str, baseline: Baseline | None = None) -> BatchReport:
        return batch([replace(article(ORIGINAL, path="wmt.xml", id="doc1"), system=system)], RULES, baseline=baseline)

    baseline = baseline_of(checked("mt-a"), tmp_path)
    assert new_rules(checked("mt-a", baseline)) == []
    assert len(new_rules(checked("mt-b", baseline))) == 3


def test_a_known_issue_stays_known_when_another_rule_takes_the_lead_on_its_span(tmp_path: Path) -> None:
    """Two checkers flag the same text; an upgrade makes the second one more severe."""
    calm = LiteralChecker([Literal("LT_QUOTES", "„furious“", Severity.MINOR)], id="languagetool")
    loud = LiteralChecker([Literal("LT_QUOTES", "„furious“", Severity.CRITICAL)], id="languagetool")
    before = batch([article(ORIGINAL)], RULES, checkers=[calm])
    after = batch([article(ORIGINAL)], RULES, checkers=[loud])
    lead = next(i for i in after.articles[0].result.issues if i.text == "„furious“")
    assert (lead.checker, lead.rule_id) == ("languagetool", "LT_QUOTES"), "the lead changed"
    baseline = baseline_of(before, tmp_path)
    assert new_rules(batch([article(ORIGINAL)], RULES, checkers=[loud], baseline=baseline)) == []


BAD_BASELINES = {
    "missing": (None, "baseline report not found"),
    "not-json": (b'{"schema": "reviewer.report/1",\n  "articles": [\n', "report.json:3: baseline report is not valid"),
    "not-utf8": (b'{"schema": "caf\xe9"}', "not UTF-8"),
    "other-schema": (
        b'{"schema": "reviewer.scores/1", "articles": []}',
        "not a reviewer.report/1 report (schema: 'reviewer.scores/1')",
    ),
    "not-an-object": (b"[]", "not a reviewer.report/1 report"),
    "huge-number": (
        b'{"schema": "reviewer.report/1", "n": ' + b"9" * 5000 + b', "articles": []}',
        "baseline report is not usable JSON: a number of more than 4300 digits",
    ),
    "deep-nesting": (
        b'{"schema": "reviewer.report/1", "articles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "baseline report is not usable JSON: nested too deeply",
    ),
    "no-articles": (b'{"schema": "reviewer.report/1"}', "'articles' is missing or not a list"),
    "article-without-path": (
        b'{"schema": "reviewer.report/1", "articles": [{"id": "a", "issues": []}]}',
        "article 1: 'path' is missing or not a str",
    ),
    "issue-without-text": (
        b'{"schema": "reviewer.report/1", "articles": [{"path": "a.txt", "id": "a", "issues": '
        b'[{"checker": "rules", "rule_id": "R", "start": 0, "end": 1}]}]}',
        "article 1 issue 1: 'text' is missing or not a str",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_BASELINES))
def test_a_bad_baseline_is_one_line_naming_the_file(tmp_path: Path, name: str) -> None:
    content, fragment = BAD_BASELINES[name]
    path = tmp_path / "report.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as error:
        load_baseline(str(path))
    message = str(error.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert fragment in message


def test_a_directory_is_not_a_baseline(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_baseline(str(tmp_path))
