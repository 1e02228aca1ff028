"""Which articles the list shows, in which order: sorted by MQM penalty, issues or
progress, filtered to those flagged or not finished. Free of Textual, so the choices are
tested as plain functions and the screen only draws the keys it is given."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reviewer.review_session import ArticleSummary


@dataclass(frozen=True)
class Row:
    """An article as the list knows it; `checked` is False until its flags are in."""

    summary: ArticleSummary
    checked: bool

    @property
    def issues(self) -> int:
        return sum(self.summary.by_severity.values())


# Sort keys: the article needing attention first. Articles not checked yet come last
# under the flag-based orders (their numbers are not known), in file order.
SORTS: dict[str, Callable[[Row], tuple[float, ...]]] = {
    "file order": lambda row: (),
    "MQM penalty, highest first": lambda row: (not row.checked, -row.summary.penalty.per_100_words),
    "issues, most first": lambda row: (not row.checked, -row.issues),
    "progress, least reviewed first": lambda row: (row.summary.progress,),
}

FILTERS: dict[str, Callable[[Row], bool]] = {
    "all articles": lambda row: True,
    "flagged (or not checked yet)": lambda row: not row.checked or row.issues > 0,
    "not finished": lambda row: row.summary.progress < 1,
    "finished": lambda row: row.summary.progress >= 1,
}


def arrange(rows: Mapping[str, Row], sort: str, keep: str) -> list[str]:
    """The keys of the rows shown, in order (a stable sort: ties keep file order)."""
    shown = [key for key, row in rows.items() if FILTERS[keep](row)]
    return sorted(shown, key=lambda key: SORTS[sort](rows[key]))
