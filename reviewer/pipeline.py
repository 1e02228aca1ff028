"""Check articles: run every checker, place findings in the text, merge shared spans.

This is the one function both front ends call; nothing here knows about terminals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from reviewer.checkers import Checker
from reviewer.model import Article, Finding, Gap, Issue, RuleRef


@dataclass(frozen=True)
class ArticleResult:
    """An article with its issues (sorted by position), checkers' warnings, and the checks
    that were asked for and did not happen (`gaps`: the result is then incomplete)."""

    article: Article
    issues: list[Issue]
    warnings: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps


def gap_text(gap: Gap) -> str:
    """How every front end names a gap: `languagetool: LanguageTool at ... did not answer`."""
    return f"{gap.checker}: {gap.reason}"


def place(article: Article, checker_id: str, finding: Finding) -> Issue:
    """Turn a finding into an issue: the flagged text, line, column and segment come from offsets."""
    if not 0 <= finding.start <= finding.end <= len(article.text):
        raise ValueError(
            f"{checker_id}/{finding.rule_id}: span {finding.start}-{finding.end} is outside "
            f"{article.path} ({len(article.text)} characters)"
        )
    line, column = article.line_column(finding.start)
    segment = article.segment_at(finding.start)
    return Issue(
        checker=checker_id,
        rule_id=finding.rule_id,
        category=finding.category,
        severity=finding.severity,
        message=finding.message,
        text=article.text[finding.start : finding.end],
        start=finding.start,
        end=finding.end,
        line=line,
        column=column,
        segment=segment.index if segment else None,
        suggestions=finding.suggestions,
    )


def merge_duplicates(issues: Iterable[Issue]) -> list[Issue]:
    """One issue per problem, sorted by position: rules that flag the same span, or a
    part of another checker's span in the same category, are named on one issue."""
    return _fold_contained(_merge_same_span(issues))


def _merge_same_span(issues: Iterable[Issue]) -> list[Issue]:
    """When several rules flag exactly the same text, the user sees one issue naming all
    of them. The most severe rule leads; suggestions are pooled."""
    by_span: dict[tuple[int, int], list[Issue]] = {}
    for issue in issues:
        by_span.setdefault((issue.start, issue.end), []).append(issue)
    merged = []
    for group in by_span.values():
        group.sort(key=lambda i: (-i.severity, i.checker, i.rule_id))
        lead, others = group[0], group[1:]
        if others:
            suggestions = list(lead.suggestions)
            suggestions += [s for o in others for s in o.suggestions if s not in suggestions]
            lead = replace(
                lead,
                suggestions=tuple(dict.fromkeys(suggestions)),
                also=lead.also + tuple(RuleRef(o.checker, o.rule_id, o.message) for o in others),
            )
        merged.append(lead)
    return merged


def _fold_contained(issues: list[Issue]) -> list[Issue]:
    """An issue inside another checker's wider issue of the same MQM category, and no more
    severe, is the same problem seen closer up (LanguageTool flags the „ of a German quote
    that a rule flags whole): it is named on the wider issue, whose suggestions stand,
    since the narrower one's apply to a different span."""
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (i.start, -i.end, i.rule_id)):
        for n in range(len(kept) - 1, -1, -1):
            wider = kept[n]
            if (
                wider.start <= issue.start
                and issue.end <= wider.end
                and wider.checker != issue.checker
                and wider.category == issue.category
                and wider.severity >= issue.severity
            ):
                folded = (RuleRef(issue.checker, issue.rule_id, issue.message), *issue.also)
                kept[n] = replace(wider, also=wider.also + folded)
                break
        else:
            kept.append(issue)
    kept.sort(key=lambda i: (i.start, i.end, i.rule_id))
    return kept


def check_article(article: Article, checkers: Sequence[Checker]) -> ArticleResult:
    """Run every checker over `article` and return its merged, placed issues."""
    issues: list[Issue] = []
    warnings: list[str] = []
    gaps: list[Gap] = []
    for checker in checkers:
        outcome = checker.check(article)
        issues.extend(place(article, checker.id, finding) for finding in outcome.findings)
        warnings.extend(outcome.warnings)
        gaps.extend(outcome.gaps)
    return ArticleResult(article=article, issues=merge_duplicates(issues), warnings=warnings, gaps=gaps)
