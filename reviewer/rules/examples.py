"""Rule examples: the marked span a rule must hit, and the text it must leave alone."""

from __future__ import annotations

from reviewer.model import Finding
from reviewer.rules.model import Example, Rule

OPEN, CLOSE = "<m>", "</m>"
EXAMPLE_TIMEOUT = 1.0  # seconds per example; an example that takes longer is a broken rule


def parse_marked(text: str) -> tuple[str, tuple[int, int]]:
    """Split a bad example into its text and the marked span; raises `ValueError` unless
    there is exactly one non-empty `<m>…</m>`."""
    opens, closes = text.count(OPEN), text.count(CLOSE)
    if opens != 1 or closes != 1:
        raise ValueError(f"needs exactly one {OPEN}…{CLOSE} marker (found {opens} {OPEN} and {closes} {CLOSE})")
    start = text.index(OPEN)
    end = text.index(CLOSE) - len(OPEN)
    if end < start:
        raise ValueError(f"has {CLOSE} before {OPEN}")
    if end == start:
        raise ValueError(f"marks an empty span ({OPEN}{CLOSE})")
    return text.replace(OPEN, "", 1).replace(CLOSE, "", 1), (start, end)


def check_example(rule: Rule, example: Example, timeout: float = EXAMPLE_TIMEOUT) -> str | None:
    """What is wrong with `rule` on `example`, or None when the rule does what it claims."""
    try:
        findings = rule.find(example.text, timeout=timeout)
    except TimeoutError:
        return f"{example.label} timed out after {timeout:g} s: {_quote(example.text)}"
    if example.span is None:
        if findings:
            return f"{example.label} is flagged: {_marked(example.text, findings)}"
        return None
    spans = [(f.start, f.end) for f in findings]
    if spans != [example.span]:
        expected = _marked(example.text, [example.span])
        if not findings:
            return f"{example.label} is not flagged: expected {expected}"
        return f"{example.label}: expected {expected} but the rule flags {_marked(example.text, findings)}"
    if example.correction is not None:
        suggestions = findings[0].suggestions
        if not suggestions:
            return f"{example.label} has a correction but the rule makes no suggestion"
        start, end = example.span
        corrected = example.text[:start] + suggestions[0] + example.text[end:]
        if corrected != example.correction:
            return f"{example.label}: the first suggestion gives {_quote(corrected)}, not the correction {_quote(example.correction)}"
    return None


def _marked(text: str, spans: list[Finding] | list[tuple[int, int]]) -> str:
    """`text` with every span wrapped in markers, as an author would write it."""
    pairs = sorted((s.start, s.end) if isinstance(s, Finding) else s for s in spans)
    pieces, at = [], 0
    for start, end in pairs:
        pieces += [text[at:start], OPEN, text[start:end], CLOSE]
        at = end
    pieces.append(text[at:])
    return _quote("".join(pieces))


def _quote(text: str) -> str:
    """Quoted on one line, newlines shown as \\n, so a failure stays one line."""
    return repr(text)
