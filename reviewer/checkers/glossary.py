"""The `glossary` and `consistency` checkers: a desk's terminology, held to across a batch.

`glossary`: where a segment's source has a glossary term and the MT has none of its
required renderings, the segment is flagged. `consistency`: where a term has several
acceptable renderings and the segments of an article (or, built with `for_batch`, of the
whole batch) use more than one, the renderings in the minority are flagged, naming the
one most used. Both match on any inflection, in the languages of each article's pair.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.checkers import Signature
from reviewer.glossary import Concept, Glossary
from reviewer.language import ANY_PAIR
from reviewer.model import Article, CheckOutcome, Finding, Segment, Severity
from reviewer.rules.terms import Expression, Phrase, source_sentences, tokens

UNKNOWN_LANGUAGE = "und"  # no lemmas: terms then match as written


@dataclass(frozen=True)
class Use:
    """A segment whose source has a concept's term, and the renderings found in its MT."""

    key: tuple[str, int]
    segment: Segment
    source_term: str
    targets: tuple[str, ...]
    found: tuple[tuple[str, int, int], ...]
    """(rendering, start, end) in the segment's text, for each acceptable rendering found."""


class _Matcher:
    """Finds concepts' terms in segments; compiled once per concept and language pair."""

    def __init__(self, glossaries: Sequence[Glossary]) -> None:
        self.glossaries = tuple(glossaries)
        self._compiled: dict[tuple[str, int, str, str], Any] = {}

    def fingerprint(self) -> str:
        return hashlib.sha256("\x1f".join(g.path + g.sha256 for g in self.glossaries).encode()).hexdigest()

    def uses(self, article: Article) -> Iterator[Use]:
        source_lang = article.source_lang or UNKNOWN_LANGUAGE
        for segment in article.segments:
            if not segment.source or not segment.source.strip():
                continue
            sentences = source_sentences(segment.source, source_lang)
            found = tokens(segment.text, article.lang)
            for glossary in self.glossaries:
                for index, concept in enumerate(glossary.concepts):
                    key = (glossary.path, index)
                    compiled = self._compile(key, concept, article)
                    if compiled is None:
                        continue
                    sources, targets = compiled
                    hit = next((text for text, expression in sources if expression.found_in(sentences)), None)
                    if hit is None:
                        continue
                    renderings = tuple(
                        (text, found[a].start, found[b].end) for text, phrase in targets for a, b in phrase.spans(found)
                    )
                    yield Use(key, segment, hit, tuple(text for text, _ in targets), renderings)

    def _compile(self, key: tuple[str, int], concept: Concept, article: Article) -> Any:
        cache_key = (*key, article.source_lang or UNKNOWN_LANGUAGE, article.lang)
        if cache_key not in self._compiled:
            source_terms, target_terms = concept.sides(article.source_lang, article.lang)
            self._compiled[cache_key] = (
                (
                    tuple((t, Expression(t, (Phrase.literal(t, cache_key[2]),))) for t in source_terms),
                    tuple((t, Phrase.literal(t, article.lang)) for t in target_terms),
                )
                if source_terms and target_terms
                else None
            )
        return self._compiled[cache_key]


class GlossaryChecker:
    """Flags segments whose source has a glossary term that the MT does not render as required."""

    id = "glossary"
    pairs = ANY_PAIR  # a glossary names its own languages; terms in others are never looked for

    def __init__(self, glossaries: Sequence[Glossary]) -> None:
        self._matcher = _Matcher(glossaries)

    def signature(self) -> Signature:
        glossaries = self._matcher.glossaries
        about = {"files": [g.path for g in glossaries], "count": sum(len(g.concepts) for g in glossaries)}
        sha256 = self._matcher.fingerprint()
        return Signature(label=sha256[:12], about={**about, "sha256": sha256})

    def check(self, article: Article) -> CheckOutcome:
        findings = [
            Finding(
                rule_id="GLOSSARY",
                category="Terminology/Inappropriate for context",
                severity=Severity.MAJOR,
                message=f'The source has "{use.source_term}"; the glossary requires {_listed(use.targets)}',
                start=use.segment.start,
                end=use.segment.end,
                suggestions=(),
            )
            for use in self._matcher.uses(article)
            if not use.found
        ]
        return CheckOutcome(findings=findings)


class ConsistencyChecker:
    """Flags renderings of a glossary term that the article (or batch) uses less than another."""

    id = "consistency"
    pairs = ANY_PAIR

    def __init__(
        self, glossaries: Sequence[Glossary], batch: Counter[tuple[tuple[str, int], str]] | None = None
    ) -> None:
        self._matcher = _Matcher(glossaries)
        self._batch = batch

    def for_batch(self, articles: Sequence[Article]) -> ConsistencyChecker:
        """The same checker, counting renderings over every article of the batch."""
        counts: Counter[tuple[tuple[str, int], str]] = Counter()
        for article in articles:
            counts.update(_rendering_counts(self._matcher.uses(article)))
        return ConsistencyChecker(self._matcher.glossaries, counts)

    def signature(self) -> Signature:
        scope = hashlib.sha256(repr(sorted(self._batch.items())).encode()).hexdigest() if self._batch else "article"
        sha256 = self._matcher.fingerprint() + scope
        return Signature(label=sha256[:12], about={"scope": "batch" if self._batch else "article", "sha256": sha256})

    def check(self, article: Article) -> CheckOutcome:
        uses = list(self._matcher.uses(article))
        counts = self._batch if self._batch is not None else _rendering_counts(uses)
        scope = "the batch" if self._batch is not None else "this article"
        findings = []
        for use in uses:
            used = {text: counts[(use.key, text)] for text in use.targets if counts[(use.key, text)]}
            if len(used) < 2:
                continue
            majority = max(used, key=lambda text: (used[text], -use.targets.index(text)))
            for text, start, end in use.found:
                if text == majority:
                    continue
                findings.append(
                    Finding(
                        rule_id="CONSISTENCY",
                        category="Terminology/Inconsistent use of terminology",
                        severity=Severity.MINOR,
                        message=(
                            f'"{use.segment.text[start:end]}" renders "{use.source_term}", which {scope} renders '
                            f'"{majority}" {used[majority]} times (and this way {used[text]}); keep to one'
                        ),
                        start=use.segment.start + start,
                        end=use.segment.start + end,
                        suggestions=(majority,),
                    )
                )
        return CheckOutcome(findings=findings)


def _rendering_counts(uses: Iterator[Use] | list[Use]) -> Counter[tuple[tuple[str, int], str]]:
    """Segments using each rendering of each concept (a segment counts once per rendering)."""
    counts: Counter[tuple[tuple[str, int], str]] = Counter()
    for use in uses:
        counts.update({(use.key, text) for text, _, _ in use.found})
    return counts


def _listed(targets: tuple[str, ...]) -> str:
    quoted = [f'"{t}"' for t in targets]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
