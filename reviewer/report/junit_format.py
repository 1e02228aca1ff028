"""JUnit XML, the test report every CI system displays (GitLab, Jenkins, Azure DevOps).

Layout, chosen for how those systems show it:
- one `<testsuite>` per input file (a bundle's articles stay together, each file gets
  its own counts), all inside one `<testsuites name="reviewer">`;
- one `<testcase>` per article: `classname` is the file path, `name` the article id;
- at most one `<failure>` per test case. Jenkins and Azure DevOps show only the first
  `<failure>` of a test case and the common JUnit XSD allows one, so an article's
  failing issues share one failure: `type` lists their rule ids, `message` counts them,
  and the body has one `file:line:col: severity RULE message` line per issue;
- an issue fails its article when it is at or above `--fail-on`; issues below it are
  listed in the test case's `<system-out>`. Without `--fail-on` every issue fails:
  the report then shows everything the run found, whatever the exit code;
- an article a checker could not (fully) check, e.g. LanguageTool lost mid-batch, gets
  an `<error type="incomplete">` naming each check it missed, before its `<failure>`
  (if any): the error is what the systems that show one element per case show, and the
  one failure still lists the issues that were found;
- an input or rule pack that could not be loaded is a test case with an `<error>`.
Locations inside a bundle's article are `file[id]:line:col`, counted in the article.
Every name and message is made printable (`reviewer.terminal`), which also keeps out the
control characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from reviewer.errors import ReviewerError
from reviewer.model import Issue, Severity
from reviewer.pipeline import gap_text
from reviewer.report import ArticleReport, BatchReport, failure_location, incomplete_line
from reviewer.report.text_format import issue_line
from reviewer.terminal import printable, printable_lines

UNLOCATED_SUITE = "reviewer"


def fails(issue: Issue, fail_on: Severity | None) -> bool:
    """Whether `issue` is a test failure: at or above the threshold, or any issue without one."""
    return fail_on is None or issue.severity >= fail_on


def _testcase(suite: ET.Element, path: str | None, name: str) -> ET.Element:
    attributes = {"classname": printable(path or UNLOCATED_SUITE), "name": printable(name)}
    if path is not None:
        attributes["file"] = printable(path)
    return ET.SubElement(suite, "testcase", attributes)


def _article_case(suite: ET.Element, report: ArticleReport, fail_on: Severity | None) -> tuple[bool, bool]:
    """Add the article's test case; whether it failed, and whether it has an error."""
    article = report.result.article
    case = _testcase(suite, article.path, article.id)
    if report.result.gaps:
        error = ET.SubElement(case, "error", {"type": "incomplete", "message": printable(incomplete_line(report))})
        error.text = printable_lines("\n".join(gap_text(gap) for gap in dict.fromkeys(report.result.gaps)) + "\n")
    failing = [i for i in report.result.issues if fails(i, fail_on)]
    passing = [i for i in report.result.issues if not fails(i, fail_on)]
    if failing:
        threshold = f"at or above {fail_on.label}" if fail_on else "found"
        failure = ET.SubElement(
            case,
            "failure",
            {
                "type": printable(" ".join(dict.fromkeys(i.rule_id for i in failing))),
                "message": printable(f"{len(failing)} issue(s) {threshold} in {article.label}"),
            },
        )
        failure.text = printable_lines("\n".join(issue_line(article.label, i) for i in failing) + "\n")
    if passing:
        out = ET.SubElement(case, "system-out")
        out.text = printable_lines("\n".join(issue_line(article.label, i) for i in passing) + "\n")
    return bool(failing), bool(report.result.gaps)


def _error_case(suite: ET.Element, failure: ReviewerError) -> None:
    path, line = failure_location(failure)
    name = "load" if line is None else f"load:{line}"
    case = _testcase(suite, path, name)
    error = ET.SubElement(case, "error", {"type": type(failure).__name__, "message": printable(str(failure))})
    error.text = printable_lines(str(failure) + "\n")


def _suite(
    root: ET.Element,
    name: str,
    articles: Sequence[ArticleReport],
    failures: Sequence[ReviewerError],
    fail_on: Severity | None,
) -> tuple[int, int, int]:
    """Add one file's suite; its (tests, failures, errors) counts."""
    suite = ET.SubElement(root, "testsuite", {"name": printable(name)})
    cases = [_article_case(suite, a, fail_on) for a in articles]
    for failure in failures:
        _error_case(suite, failure)
    failed, incomplete = sum(f for f, _ in cases), sum(e for _, e in cases)
    counts = (len(articles) + len(failures), failed, incomplete + len(failures))
    suite.attrib.update({"tests": str(counts[0]), "failures": str(counts[1]), "errors": str(counts[2]), "skipped": "0"})
    return counts


def render(report: BatchReport) -> str:
    by_file: dict[str, tuple[list[ArticleReport], list[ReviewerError]]] = {}
    for article in report.articles:
        by_file.setdefault(article.result.article.path, ([], []))[0].append(article)
    for failure in report.failures:
        by_file.setdefault(failure_location(failure)[0] or UNLOCATED_SUITE, ([], []))[1].append(failure)
    root = ET.Element("testsuites", {"name": "reviewer"})
    totals = [0, 0, 0]
    for name, (articles, failures) in by_file.items():
        for i, count in enumerate(_suite(root, name, articles, failures, report.fail_on)):
            totals[i] += count
    root.attrib.update({"tests": str(totals[0]), "failures": str(totals[1]), "errors": str(totals[2])})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
