"""GitHub Actions workflow commands: each issue becomes an annotation on the file it is in.

    ::warning file=corpora/a.txt,line=3,col=18,endColumn=27,title=GERMAN_QUOTES::German quotation marks in „furious“

Minor issues are warnings, major and critical ones errors; an article that was not fully
checked is an error (a warning under `--allow-incomplete`) titled `incomplete`; a last
`::notice::` line sums the run up. Values are escaped as the Actions runner unescapes them: `%`, CR and
LF in the message; those and `:` and `,` in properties. Columns count code points and
`endColumn` is the column after the last flagged character; GitHub takes columns only
on a one-line span, so a span across lines gives lines alone. An article of a bundle
(one JSONL line, one WMT document) is annotated on its file without a line, since its
lines are not the file's; the message names the article and the place in it.
"""

from __future__ import annotations

from reviewer.errors import ReviewerError
from reviewer.model import Issue, Severity
from reviewer.report import ArticleReport, BatchReport, failure_location, incomplete_line, verdict
from reviewer.report.sarif_format import is_whole_file
from reviewer.terminal import printable

COMMANDS = {Severity.MINOR: "warning", Severity.MAJOR: "error", Severity.CRITICAL: "error"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """One workflow command line; properties that are None are left out. Values are
    encoded faithfully; callers make text from files and MT `printable` first."""
    given = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + given if given else ''}::{escape_data(message)}"


def _annotation(report: ArticleReport, issue: Issue) -> str:
    article = report.result.article
    if not is_whole_file(article):
        message = f"{article.label}, line {issue.line}, column {issue.column}: {issue.message}"
        return command(
            COMMANDS[issue.severity], printable(message), file=printable(article.path), title=printable(issue.rule_id)
        )
    end_line, end_column = article.line_column(issue.end)
    one_line = end_line == issue.line
    return command(
        COMMANDS[issue.severity],
        printable(issue.message),
        file=printable(article.path),
        line=issue.line,
        endLine=end_line,
        col=issue.column if one_line else None,
        endColumn=end_column if one_line else None,
        title=printable(issue.rule_id),
    )


def _failure(failure: ReviewerError) -> str:
    path, line = failure_location(failure)
    return command(
        "error",
        printable(str(failure)),
        file=None if path is None else printable(path),
        line=line,
        title=type(failure).__name__,
    )


def _incomplete(report: ArticleReport, allowed: bool) -> str:
    return command(
        "warning" if allowed else "error",
        printable(incomplete_line(report)),
        file=printable(report.result.article.path),
        title="incomplete",
    )


def render(report: BatchReport) -> str:
    lines = [_annotation(a, issue) for a in report.articles for issue in a.result.issues]
    lines += [_incomplete(a, report.allow_incomplete) for a in report.incomplete]
    lines += [_failure(f) for f in report.failures]
    issues = sum(len(a.result.issues) for a in report.articles)
    words = sum(a.result.article.words for a in report.articles)
    reasons = list(report.failed_gates)
    if report.failures:
        reasons.append(f"{len(report.failures)} input(s) could not be checked")
    summary = (
        f"reviewer: {len(report.articles)} article(s), {words} words, {issues} issue(s), "
        f"MQM {report.penalty.per_100_words:g} per 100 words: {verdict(report, reasons)}"
    )
    lines.append(command("notice", printable(summary)))
    return "\n".join(lines) + "\n"
