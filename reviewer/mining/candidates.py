"""Mined n-grams as a rule pack for a person to vet: one `existence` rule per candidate.

Each candidate carries its evidence: real MT sentences that use the n-gram (its `bad`
examples, marked), what the human text of the same sources says instead (its `ok`
examples), the German source of the first MT sentence, and the keyness figures. The file
loads as a pack, so `reviewer rules test --rules FILE` runs the examples while vetting;
the message, category and severity are placeholders to be rewritten, or the rule deleted.
"""

from __future__ import annotations

import json

import regex

from reviewer.mining.corpus import Corpus
from reviewer.mining.keyness import Keyness
from reviewer.rules.matchers import PhraseMatcher, compile_phrases

MAX_BAD = 3
MAX_OK = 2
MAX_SHOWN = 300  # characters of context kept around a match in an example


def candidates_yaml(ranked: list[Keyness], corpus: Corpus, name: str = "mined-candidates") -> str:
    """The YAML text of the candidate pack (comments included; json strings are YAML)."""
    lines = [
        f"pack: {name}",
        "description: >-",
        "  Candidates mined from MT against human text (reviewer rules mine). Vet each one:",
        "  rewrite its message, category and severity, or delete it.",
        "languages: [en]",
        "rules:",
    ]
    used: set[str] = set()
    for rank, key in enumerate(ranked, 1):
        lines += _candidate(rank, key, corpus, used)
    return "\n".join(lines) + "\n"


def _candidate(rank: int, key: Keyness, corpus: Corpus, used: set[str]) -> list[str]:
    matcher = compile_phrases({key.ngram: ()}, ignore_case=True)
    bad, ok, source = _evidence(key, corpus, matcher)
    if not bad:
        return []
    rule_id = _unique_id(key.ngram, used)
    lines = [
        "",
        f"  # {rank}. G²={key.g2:.1f}: MT {key.mt}×, human {key.human}×; "
        f"{len(key.segments)} source segments, {len(key.systems)} systems",
    ]
    if source:
        lines.append(f"  # source of the first example: {_one_line(source)}")
    lines += [
        f"  - id: {rule_id}",
        "    kind: existence",
        f"    message: {_quoted('TODO: what is wrong with “{match}” and what English says instead')}",
        "    category: Style/Awkward",
        "    severity: minor",
        "    ignore_case: true",
        f"    tokens: [{_quoted(key.ngram)}]",
        "    examples:",
        "      bad:",
        *(f"        - {_quoted(text)}" for text in bad),
        "      ok:",
        *(f"        - {_quoted(text)}" for text in (ok or ["TODO: a correct sentence from the references"])),
    ]
    return lines


def _evidence(key: Keyness, corpus: Corpus, matcher: PhraseMatcher) -> tuple[list[str], list[str], str | None]:
    """Marked MT sentences that use the n-gram once, human sentences of the same sources
    that do not use it, and the source of the first MT sentence."""
    bad: list[str] = []
    ok: list[str] = []
    source = None
    for index in sorted(key.segments):
        unit = corpus.units[index]
        for _, text in unit.mt:
            spans = list(matcher.spans(text, None))
            if len(spans) == 1 and len(bad) < MAX_BAD:
                start, end, _ = spans[0]
                bad.append(_marked(text, start, end))
                source = source or unit.source
                break
        for text in unit.human:
            if len(ok) < MAX_OK and not list(matcher.spans(text, None)) and text not in ok:
                ok.append(_trimmed(text))
                break
        if len(bad) >= MAX_BAD and len(ok) >= MAX_OK:
            break
    return bad, ok, source


def _marked(text: str, start: int, end: int) -> str:
    """The example text with the match marked, trimmed to whole words around it."""
    left = max(0, start - MAX_SHOWN // 2)
    right = min(len(text), end + MAX_SHOWN // 2)
    while left > 0 and not text[left - 1].isspace():
        left += 1
    while right < len(text) and not text[right].isspace():
        right -= 1
    left, right = min(left, start), max(right, end)
    return (text[left:start] + "<m>" + text[start:end] + "</m>" + text[end:right]).strip()


def _trimmed(text: str) -> str:
    return text if len(text) <= MAX_SHOWN * 2 else text[: MAX_SHOWN * 2].rsplit(" ", 1)[0]


def _unique_id(ngram: str, used: set[str]) -> str:
    slug = "_".join(regex.sub(r"[^A-Z0-9]", "", word.upper()) or f"U{ord(word[0]):04X}" for word in ngram.split())
    base = f"MINED.{slug or 'X'}"
    rule_id, n = base, 2
    while rule_id in used:
        rule_id, n = f"{base}_{n}", n + 1
    used.add(rule_id)
    return rule_id


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:MAX_SHOWN]
