"""Rule examples: the marked span a rule must hit, and the text it must leave alone."""

from __future__ import annotations

from typing import Any

from reviewer.model import Finding
from reviewer.rules.fields import Fields, Problem, shown
from reviewer.rules.fixing import SAFE, apply_safe_fixes, tidy_edit
from reviewer.rules.model import Example, Rule, Tested
from reviewer.rules.source import LineDict, line_of

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


def parse_examples(fields: Fields, with_source: bool = False) -> tuple[Example, ...] | None:
    """A rule's `examples` field, or None (with problems) unless it has sound bad and ok lists.
    With `with_source` (a source term's examples) each example is a mapping with `source`."""
    raw = fields.raw["examples"]
    if not isinstance(raw, LineDict):
        fields.problem("examples", f"examples must be a mapping with bad and ok lists, not {shown(raw)}")
        return None
    examples_fields = Fields(raw, fields.problems)
    before = len(fields.problems)
    examples_fields.check_keys(("bad", "ok"), (), {})
    examples: list[Example] = []
    for kind in ("bad", "ok"):
        items = raw.get(kind)
        if not isinstance(items, list) or not items:
            fields.problems.append(
                (examples_fields.line(kind), f"needs at least one {kind} example (a non-empty list)")
            )
            continue
        for number, item in enumerate(items, start=1):
            example = _parse_example(kind, number, item, line_of(items, raw.line), fields.problems, with_source)
            if example is not None:
                examples.append(example)
    return tuple(examples) if len(fields.problems) == before else None


def _parse_example(
    kind: str, number: int, item: Any, default_line: int, problems: list[Problem], with_source: bool
) -> Example | None:
    label = f"{kind} example {number}"
    line = line_of(item, default_line)
    correction = source = None
    if isinstance(item, LineDict):
        allowed = ("text", "correction") if kind == "bad" else ("text",)
        required = ("source", "text") if with_source else ("text",)
        item_fields = Fields(item, problems)
        before = len(problems)
        item_fields.check_keys((*allowed, "source") if with_source else allowed, required, {})
        text = item_fields.text("text")
        correction = item_fields.text("correction", required=False)
        source = item_fields.text("source") if with_source else None
        if len(problems) > before or text is None:
            return None
    elif isinstance(item, str) and not with_source:
        text = item
    else:
        wanted = "a mapping with source and text" if with_source else "text or a mapping with text"
        problems.append((line, f"{label} must be {wanted}, not {shown(item)}"))
        return None
    if kind == "ok":
        if OPEN in text or CLOSE in text:
            problems.append((line, f"{label} has a {OPEN} marker; ok examples mark nothing"))
            return None
        return Example(kind, number, text, line, source=source)
    try:
        plain, span = parse_marked(text)
    except ValueError as error:
        problems.append((line, f"{label} {error}"))
        return None
    return Example(kind, number, plain, line, span, correction, source)


def check_example(rule: Tested, example: Example, timeout: float = EXAMPLE_TIMEOUT) -> str | None:
    """What is wrong with `rule` (or term) on `example`, or None when it does what it claims."""
    try:
        findings = rule.find_example(example, timeout=timeout)
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
        if getattr(rule, "fix", None) == SAFE:  # a safe rule's correction is what the fixer makes
            corrected = tidy_edit(example.text, start, end, suggestions[0]).apply(example.text)
        else:
            corrected = example.text[:start] + suggestions[0] + example.text[end:]
        if corrected != example.correction:
            return f"{example.label}: the first suggestion gives {_quote(corrected)}, not the correction {_quote(example.correction)}"
    return None


def check_safe_fix(rule: Rule) -> list[Problem]:
    """What keeps a `fix: safe` rule from being applied unseen: a bad example without a
    correction, a fix that does not give the correction exactly, or a fix that would
    change its own output again (an ok example the fixer would touch is caught by the
    ok examples themselves, which must not be flagged)."""
    problems: list[Problem] = []
    for example in rule.examples:
        if example.span is None:
            continue
        if example.correction is None:
            problems.append(
                (example.line, f"{example.label} needs a correction: a fix: safe rule proves its fix exactly")
            )
            continue
        fixed = apply_safe_fixes(example.text, [rule], passes=1).text
        if fixed != example.correction:
            problems.append(
                (
                    example.line,
                    f"{example.label}: fix: safe gives {_quote(fixed)}, not the correction {_quote(example.correction)}",
                )
            )
        elif again := apply_safe_fixes(fixed, [rule], passes=1).fixes:
            problems.append(
                (
                    example.line,
                    f"{example.label}: fixing the correction again changes {_quote(again[0].before)}; a safe fix must settle",
                )
            )
    return problems


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
