"""`reviewer fix`: apply the `fix: safe` rules to plain-text articles, UI-free.

The review screen's "fix all safe" and the CLI call the same functions: `fix_article`
works out the fixed text and what became of each segment; writing files and recording
edits are separate steps the caller chooses.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from reviewer.model import Article
from reviewer.rules import Pack, Rule
from reviewer.rules.fixing import SAFE, FixResult, SafeFix, apply_safe_fixes, moved, removes_line
from reviewer.store import EditConflict, EditRecord, ReviewStore

AUTOFIX_REVIEWER = "autofix"
"""The reviewer name fixes are recorded under, so they are told apart from people's edits."""


@dataclass(frozen=True)
class ArticleFix:
    """An article, its text after the safe fixes, the fixes, and each segment's new text
    (by index; a paragraph deleted whole, such as a photo credit, becomes "")."""

    article: Article
    text: str
    fixes: tuple[SafeFix, ...]
    segments: dict[int, str]

    @property
    def changed(self) -> bool:
        return bool(self.fixes)

    def diff(self, label: str | None = None) -> str:
        """A unified diff of the article before and after (empty when nothing changed)."""
        name = label or self.article.path
        lines = difflib.unified_diff(
            self.article.text.splitlines(keepends=True),
            self.text.splitlines(keepends=True),
            fromfile=f"a/{name.lstrip('/')}",
            tofile=f"b/{name.lstrip('/')}",
        )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def safe_rules(packs: Sequence[Pack], article: Article, only: Sequence[str] = ()) -> list[Rule]:
    """The `fix: safe` rules of the packs that apply to `article`; with `only`, just the
    rules whose id is listed or starts with a listed dotted prefix (`DATES.`)."""
    return [
        rule
        for pack in packs
        if pack.applies_to(article)
        for rule in pack.rules
        if rule.fix == SAFE and (not only or any(rule.id == o or rule.id.startswith(o.rstrip(".") + ".") for o in only))
    ]


def fix_article(article: Article, rules: Sequence[Rule]) -> ArticleFix:
    """Apply `rules`' safe fixes to the article's text; nothing is written. An article
    with a source or reference sidecar keeps every line: they align paragraph by
    paragraph, so a deleted credit line would shift them (such flags stay for a person)."""
    aligned = article.has_source or article.has_reference
    result: FixResult = apply_safe_fixes(
        article.text, rules, keep=(lambda t, e: not removes_line(t, e)) if aligned else None
    )
    segments = {
        segment.index: result.text[moved(segment.start, result.fixes) : moved(segment.end, result.fixes, end=True)]
        for segment in article.segments
    }
    changed = {index: text for index, text in segments.items() if text != article.segments[index].text}
    return ArticleFix(article, result.text, result.fixes, changed)


def record_fix(store: ReviewStore, fixed: ArticleFix, at: datetime | None = None) -> tuple[list[EditRecord], list[str]]:
    """Record each fixed segment as an edit by `autofix` (scored like any edit: HTER,
    chrF, BLEU), based on the MT as loaded. A segment someone already edited is left
    alone and named in the second list."""
    moment = at or datetime.now(UTC)
    review = store.open_review(fixed.article)
    records, skipped = [], []
    for index, after in sorted(fixed.segments.items()):
        mt = fixed.article.segments[index].text
        try:
            records.append(
                review.record_edit(
                    index, after, reviewer=AUTOFIX_REVIEWER, started_at=moment, saved_at=moment, seconds=0, based_on=mt
                )
            )
        except EditConflict as conflict:
            skipped.append(str(conflict))
    return records, skipped
