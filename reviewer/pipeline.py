"""Check articles: run every checker, place findings in the text, merge shared spans.

This is the one function both front ends call; nothing here knows about terminals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from reviewer.checkers import Checker
from reviewer.model import Article, ArticleResult, Finding, Gap, Issue, RuleRef, Severity


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
    since the narrower one's apply to a different span.

    Issues are taken in text order, so every issue kept so far starts at or before the
    one at hand; of those that also reach its end, the one kept last takes it. Finding
    that one is a lookup in `_Reaching` (O(log n)), not a scan of everything kept: a long
    article with tens of thousands of flags merges in n log n.
    """
    ordered = sorted(issues, key=lambda i: (i.start, -i.end, i.rule_id))
    reaching = _Reaching(issue.end for issue in ordered)
    kept: list[Issue] = []
    for issue in ordered:
        n = reaching.last_kept(issue)
        if n is None:
            reaching.add(issue, len(kept))
            kept.append(issue)
        else:
            folded = (RuleRef(issue.checker, issue.rule_id, issue.message), *issue.also)
            kept[n] = replace(kept[n], also=kept[n].also + folded)
    kept.sort(key=lambda i: (i.start, i.end, i.rule_id))
    return kept


class _Reaching:
    """Kept issues by what may fold others into them: for each (category, checker,
    severity), the position of the last kept issue that ends at or after a given offset.

    Each group is a Fenwick tree over the article's end offsets (largest first, so
    "ends at or after" is a prefix) holding the highest position seen; a group's tree
    is a dict, so groups that stay empty cost nothing.
    """

    def __init__(self, ends: Iterable[int]) -> None:
        self._ends = sorted(set(ends), reverse=True)
        self._rank = {end: rank + 1 for rank, end in enumerate(self._ends)}
        self._groups: dict[str, dict[tuple[str, Severity], dict[int, int]]] = {}

    def add(self, issue: Issue, position: int) -> None:
        tree = self._groups.setdefault(issue.category, {}).setdefault((issue.checker, issue.severity), {})
        rank = self._rank[issue.end]
        while rank <= len(self._ends):
            if tree.get(rank, -1) < position:
                tree[rank] = position
            rank += rank & -rank

    def last_kept(self, issue: Issue) -> int | None:
        """The position of the last kept issue that can take `issue`: same category,
        another checker, at least as severe, and reaching at least as far."""
        best = -1
        rank = self._rank[issue.end]  # every end at or after issue.end ranks at or below this
        for (checker, severity), tree in self._groups.get(issue.category, {}).items():
            if checker == issue.checker or severity < issue.severity:
                continue
            at = rank
            while at > 0:
                best = max(best, tree.get(at, -1))
                at -= at & -at
        return None if best < 0 else best


def check_article(article: Article, checkers: Sequence[Checker]) -> ArticleResult:
    """Run every checker over `article` and return its merged, placed issues."""
    issues: list[Issue] = []
    warnings: list[str] = []
    gaps: list[Gap] = []
    for checker in checkers:
        if not checker.pairs.covers(article.lang, article.source_lang):
            continue
        outcome = checker.check(article)
        issues.extend(place(article, checker.id, finding) for finding in outcome.findings)
        warnings.extend(outcome.warnings)
        gaps.extend(outcome.gaps)
    return ArticleResult(article=article, issues=merge_duplicates(issues), warnings=warnings, gaps=gaps)
