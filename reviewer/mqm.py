"""MQM error typology and the penalty that turns issues into one number per article.

Categories follow the typology of the WMT MQM studies (Freitag et al., 2021); weights
default to theirs: minor 1, major 5, critical 25, and 0.1 for a minor punctuation slip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from reviewer.model import Issue, Severity

CATEGORIES: frozenset[str] = frozenset(
    {
        "Accuracy/Addition",
        "Accuracy/Omission",
        "Accuracy/Mistranslation",
        "Accuracy/Untranslated text",
        "Fluency/Punctuation",
        "Fluency/Spelling",
        "Fluency/Grammar",
        "Fluency/Register",
        "Fluency/Inconsistency",
        "Fluency/Character encoding",
        "Terminology/Inappropriate for context",
        "Terminology/Inconsistent use of terminology",
        "Style/Awkward",
        "Locale convention/Currency format",
        "Locale convention/Date format",
        "Locale convention/Name format",
        "Locale convention/Number format",
        "Locale convention/Time format",
        "Non-translation",
        "Source error",
        "Other",
    }
)


@dataclass(frozen=True)
class Weights:
    """Penalty points per issue; `overrides` maps (category, severity) to a special weight."""

    by_severity: dict[Severity, float] = field(
        default_factory=lambda: {Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 25.0}
    )
    overrides: dict[tuple[str, Severity], float] = field(
        default_factory=lambda: {("Fluency/Punctuation", Severity.MINOR): 0.1}
    )

    def of(self, issue: Issue) -> float:
        return self.of_kind(issue.category, issue.severity)

    def of_kind(self, category: str, severity: Severity) -> float:
        """The points of an error of `category` at `severity` (an issue's or an annotation's)."""
        return self.overrides.get((category, severity), self.by_severity[severity])


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Penalty:
    total: float
    per_100_words: float

    @classmethod
    def of(cls, total: float, words: int) -> Penalty:
        """Normalise a summed penalty by text length. A text of no words counts as one, so
        an empty translation with a critical omission fails a per-100-words gate too."""
        total = round(total, 4)
        return cls(total=total, per_100_words=round(total * 100 / max(words, 1), 4))


def penalty(issues: Iterable[Issue], words: int, weights: Weights = DEFAULT_WEIGHTS) -> Penalty:
    """The MQM penalty of `issues` in a text of `words` words (per-100 is 0 for an empty text)."""
    return Penalty.of(sum(weights.of(issue) for issue in issues), words)
