"""The `source_terms` checker: renderings that only the source shows to be wrong.

Runs the `terms` of every pack that applies to the article (see `reviewer.rules.terms`)
over each segment that has a source. Each segment's words are looked up once per
language, whatever the number of entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reviewer.checkers import Signature
from reviewer.language import LanguagePairs
from reviewer.model import Article, CheckOutcome, Finding
from reviewer.rules import Pack
from reviewer.rules.terms import Token, source_sentences, tokens


class SourceTermsChecker:
    """Flags target renderings that the segment's source betrays (false friends, calques)."""

    id = "source_terms"

    def __init__(self, packs: Sequence[Pack]) -> None:
        self.packs = tuple(pack for pack in packs if pack.terms)
        self.pairs = LanguagePairs(tuple(pack.pair for pack in self.packs))

    def signature(self) -> Signature:
        return Signature.of_files((pack.path, pack.sha256, (t.id for t in pack.terms)) for pack in self.packs)

    def check(self, article: Article) -> CheckOutcome:
        findings: list[Finding] = []
        packs = [pack for pack in self.packs if pack.applies_to(article)]
        if not packs or not article.has_source:
            return CheckOutcome()
        for segment in article.segments:
            if not segment.source or not segment.source.strip():
                continue
            words: dict[tuple[str, str], tuple[list[list[Token]], list[Token]]] = {}
            for pack in packs:
                for term in pack.terms:
                    key = (term.source_lang, term.target_lang)
                    if key not in words:
                        words[key] = (source_sentences(segment.source, key[0]), tokens(segment.text, key[1]))
                    sentences, found = words[key]
                    for finding in term.find_in(sentences, found, segment.text):
                        findings.append(
                            replace(finding, start=finding.start + segment.start, end=finding.end + segment.start)
                        )
        findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return CheckOutcome(findings=findings)
