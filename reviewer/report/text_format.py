"""Human and editor output: `file:line:col: severity rule_id message`, one issue a line."""

from __future__ import annotations

from reviewer.model import Issue
from reviewer.report import BatchReport, incomplete_line, verdict
from reviewer.terminal import printable


def issue_line(where: str, issue: Issue) -> str:
    """One issue as one printable line (names and messages come from files and MT)."""
    rules = " ".join([issue.rule_id, *(f"+{r.rule_id}" for r in issue.also)])
    line = f"{where}:{issue.line}:{issue.column}: {issue.severity.label} {rules} {issue.message}"
    if issue.suggestions:
        line += f" (suggestion: {issue.suggestions[0]!r})" if issue.suggestions[0] else " (suggestion: delete)"
    return printable(line)


def render(report: BatchReport) -> str:
    """Each article's issues, after a line saying what was not checked when it was not
    fully checked (its issue list is then partial); a closing summary with the verdict."""
    lines = []
    for article in report.articles:
        if not article.result.complete:
            lines.append(incomplete_line(article))
        where = article.result.article.label
        lines += [issue_line(where, issue) for issue in article.result.issues]
    issues = sum(len(a.result.issues) for a in report.articles)
    words = sum(a.result.article.words for a in report.articles)
    lines.append(
        f"{len(report.articles)} article(s), {words} words, {issues} issue(s), "
        f"MQM {report.penalty.per_100_words:g} per 100 words: {verdict(report)}"
    )
    return "\n".join(printable(line) for line in lines) + "\n"
