"""Turn a pack's parsed YAML into compiled rules, naming the line of every problem.

A problem never stops validation: every field is checked so that an author sees all of
a rule's problems at once, and a rule with any problem is left out of its pack.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from reviewer.model import Severity
from reviewer.mqm import CATEGORIES
from reviewer.rules.examples import check_example, parse_marked
from reviewer.rules.matchers import Matcher, PatternMatcher, check_template, compile_pattern, compile_phrases
from reviewer.rules.model import KINDS, PLACEHOLDERS, Example, Rule
from reviewer.rules.source import LineDict, line_of

Problem = tuple[int, str]

ID_FORMAT = regex.compile(r"[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*")
LANGUAGE_FORMAT = regex.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_ANY_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

REQUIRED = ("id", "kind", "message", "category", "severity", "examples")
OPTIONAL = ("ignore_case", "suggestions")
KIND_REQUIRED = {"pattern": ("pattern",), "substitution": ("swap",), "existence": ("tokens",)}
KIND_OPTIONAL = {"pattern": ("replacement",), "substitution": (), "existence": ()}
PACK_REQUIRED = ("pack", "languages", "rules")
PACK_OPTIONAL = ("description", "source_languages")


@dataclass
class PackHeader:
    name: str
    description: str
    languages: tuple[str, ...]
    source_languages: tuple[str, ...] | None


@dataclass
class RuleBuild:
    """What became of one rule: its id and line (for duplicate checks and messages), the
    compiled rule when it compiled, and its problems. Only a rule without problems loads."""

    id: str | None
    line: int
    rule: Rule | None = None
    problems: list[Problem] = field(default_factory=list)
    examples_passed: int = 0
    examples_failed: int = 0


class _Fields:
    """A YAML mapping with the line of each key, for problems about one field."""

    def __init__(self, raw: LineDict, problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = problems
        self.key_lines = {key: line_of(key, raw.line) for key in raw}

    def line(self, name: str) -> int:
        return line_of(self.raw.get(name), self.key_lines.get(name, self.raw.line))

    def problem(self, name: str, message: str) -> None:
        self.problems.append((self.line(name), message))

    def check_keys(self, allowed: Iterable[str], required: Iterable[str], misplaced: dict[str, str]) -> None:
        allowed = tuple(allowed)
        for key in self.raw:
            if not isinstance(key, str):
                self.problems.append((self.raw.line, f"field name {key!r} must be text"))
            elif key in misplaced:
                self.problem(key, f"field {key!r} {misplaced[key]}")
            elif key not in allowed:
                self.problem(key, f"unknown field {key!r}{_did_you_mean(key, allowed)}")
        for name in required:
            if name not in self.raw:
                self.problems.append((self.raw.line, f"missing field {name!r}"))

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.raw.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            if name in self.raw:
                self.problem(name, f"{name} must be text, not {_shown(value)}")
            return None
        return value

    def texts(self, name: str) -> tuple[str, ...] | None:
        """A field that takes one string or a list of them."""
        value = self.raw.get(name)
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(name, f"{name} must be text or a non-empty list of text, not {_shown(value)}")
        return None


def build_header(raw: Any, problems: list[Problem]) -> PackHeader | None:
    """The pack's name and scope, or None (with problems) when the file is not a pack."""
    if not isinstance(raw, LineDict):
        problems.append((line_of(raw, 1), f"a rule pack must be a mapping with {', '.join(PACK_REQUIRED)}, not {_shown(raw)}"))
        return None
    fields = _Fields(raw, problems)
    before = len(problems)
    _duplicate_keys(raw, problems, recurse=False)
    fields.check_keys((*PACK_REQUIRED, *PACK_OPTIONAL), PACK_REQUIRED, {})
    name = fields.text("pack")
    description = fields.text("description", required=False) or ""
    languages = _languages(fields, "languages") if "languages" in raw else None
    source = _languages(fields, "source_languages") if "source_languages" in raw else None
    if "rules" in raw and not isinstance(raw["rules"], list):
        fields.problem("rules", f"rules must be a list of rules, not {_shown(raw['rules'])}")
    if len(problems) > before or name is None or languages is None:
        return None
    return PackHeader(name, description, languages, source)


def _languages(fields: _Fields, name: str) -> tuple[str, ...] | None:
    value = fields.raw.get(name)
    if not isinstance(value, list) or not value:
        fields.problem(name, f"{name} must be a non-empty list of language codes such as [en], not {_shown(value)}")
        return None
    bad = [v for v in value if not (isinstance(v, str) and LANGUAGE_FORMAT.fullmatch(v))]
    if bad:
        fields.problem(name, f"{name}: {_shown(bad[0])} is not a language code such as en or en-US (quote codes YAML reads as something else, like 'no')")
        return None
    return tuple(value)


def build_rule(raw: Any, path: str, default_line: int) -> RuleBuild:
    """Validate and compile one rule, then run its examples."""
    line = line_of(raw, default_line)
    if not isinstance(raw, LineDict):
        return RuleBuild(None, line, problems=[(line, f"a rule must be a mapping of fields (id, kind, message, ...), not {_shown(raw)}")])
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    build = RuleBuild(rule_id, line)
    problems = build.problems
    fields = _Fields(raw, problems)
    _duplicate_keys(raw, problems, recurse=True)

    kind = raw.get("kind")
    if kind in KINDS:
        misplaced = {f: f"belongs to {k} rules, not {kind} rules" for k in KINDS if k != kind for f in KIND_REQUIRED[k] + KIND_OPTIONAL[k]}
        allowed = (*REQUIRED, *OPTIONAL, *KIND_REQUIRED[kind], *KIND_OPTIONAL[kind])
        fields.check_keys(allowed, (*REQUIRED, *KIND_REQUIRED[kind]), misplaced)
    else:
        every = (*REQUIRED, *OPTIONAL, *(f for k in KINDS for f in KIND_REQUIRED[k] + KIND_OPTIONAL[k]))
        fields.check_keys(every, REQUIRED, {})
        if "kind" in raw:
            fields.problem("kind", f"unknown kind {_shown(kind)} (expected one of: {', '.join(KINDS)})")

    if "id" in raw and not (rule_id and ID_FORMAT.fullmatch(rule_id)):
        fields.problem("id", f"id {_shown(raw['id'])} must be capital letters, digits and _, in dotted parts (e.g. GERMAN_QUOTES, DATES.ORDINAL)")
    category = fields.text("category")
    if category is not None and category not in CATEGORIES:
        fields.problem("category", f"unknown MQM category {category!r}{_did_you_mean(category, CATEGORIES)}; see reviewer/mqm.py")
    severity = _severity(fields)
    ignore_case = raw.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        fields.problem("ignore_case", f"ignore_case must be true or false, not {_shown(ignore_case)}")
    suggestions = fields.texts("suggestions") if "suggestions" in raw else ()
    matcher = _matcher(fields, kind, ignore_case is True) if kind in KINDS else None
    message = _message(fields, kind, bool(suggestions))
    examples = _examples(fields) if "examples" in raw else None

    if problems or None in (matcher, message, category, severity, examples, suggestions):
        return build
    build.rule = Rule(
        id=rule_id,
        kind=kind,
        message=message,
        category=category,
        severity=severity,
        matcher=matcher,
        path=path,
        line=line,
        suggestions=suggestions,
        keep_capital=ignore_case is True and kind != "pattern",
        examples=examples,
    )
    for example in examples:
        failure = check_example(build.rule, example)
        if failure is None:
            build.examples_passed += 1
        else:
            build.examples_failed += 1
            problems.append((example.line, failure))
    return build


def _severity(fields: _Fields) -> Severity | None:
    value = fields.text("severity")
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except ValueError as error:
        fields.problem("severity", str(error))
        return None


def _message(fields: _Fields, kind: Any, has_fixed_suggestions: bool) -> str | None:
    message = fields.text("message")
    if message is None:
        return None
    unknown = [m[0] for m in _ANY_PLACEHOLDER.finditer(message) if m[1] not in PLACEHOLDERS]
    if unknown:
        fields.problem("message", f"message has unknown placeholder {unknown[0]} (use {{match}} or {{suggestion}})")
        return None
    makes_suggestions = has_fixed_suggestions or kind == "substitution" or "replacement" in fields.raw
    if "{suggestion}" in message and not makes_suggestions:
        fields.problem("message", "message uses {suggestion} but the rule makes no suggestions")
        return None
    return message


def _matcher(fields: _Fields, kind: str, ignore_case: bool) -> Matcher | None:
    if kind == "pattern":
        return _pattern_matcher(fields, ignore_case)
    name = "swap" if kind == "substitution" else "tokens"
    phrases = _swap(fields) if kind == "substitution" else _tokens(fields)
    if phrases is None:
        return None
    try:
        return compile_phrases(phrases, ignore_case)
    except ValueError as error:
        fields.problem(name, f"{name}: {error}")
        return None


def _pattern_matcher(fields: _Fields, ignore_case: bool) -> PatternMatcher | None:
    pattern = fields.text("pattern")
    replacements = fields.texts("replacement") if "replacement" in fields.raw else ()
    if pattern is None:
        return None
    try:
        compiled = compile_pattern(pattern, ignore_case)
    except ValueError as error:
        fields.problem("pattern", str(error))
        return None
    if replacements is None:
        return None
    for template in replacements:
        try:
            check_template(compiled, template)
        except ValueError as error:
            fields.problem("replacement", str(error))
            return None
    return PatternMatcher(compiled, replacements)


def _swap(fields: _Fields) -> dict[str, tuple[str, ...]] | None:
    swap = fields.raw.get("swap")
    if not isinstance(swap, dict) or not swap:
        fields.problem("swap", f"swap must map phrases to their replacements, not {_shown(swap)}")
        return None
    phrases: dict[str, tuple[str, ...]] = {}
    for phrase, replacement in swap.items():
        line = line_of(phrase, fields.line("swap"))
        if not isinstance(phrase, str):
            fields.problems.append((line, f"swap: phrase {phrase!r} must be quoted text (YAML read it as {type(phrase).__name__})"))
        elif isinstance(replacement, str):
            phrases[phrase] = (replacement,)
        elif isinstance(replacement, list) and replacement and all(isinstance(r, str) for r in replacement):
            phrases[phrase] = tuple(replacement)
        else:
            fields.problems.append((line, f"swap: {phrase!r} needs a replacement (text or a list of text), not {_shown(replacement)}"))
    return phrases if len(phrases) == len(swap) else None


def _tokens(fields: _Fields) -> dict[str, tuple[str, ...]] | None:
    tokens = fields.raw.get("tokens")
    if not isinstance(tokens, list) or not tokens:
        fields.problem("tokens", f"tokens must be a non-empty list of words or phrases, not {_shown(tokens)}")
        return None
    wrong = [t for t in tokens if not isinstance(t, str)]
    if wrong:
        fields.problem("tokens", f"tokens: {_shown(wrong[0])} must be quoted text (YAML read it as {type(wrong[0]).__name__})")
        return None
    return {token: () for token in tokens}


def _examples(fields: _Fields) -> tuple[Example, ...] | None:
    raw = fields.raw["examples"]
    if not isinstance(raw, LineDict):
        fields.problem("examples", f"examples must be a mapping with bad and ok lists, not {_shown(raw)}")
        return None
    examples_fields = _Fields(raw, fields.problems)
    before = len(fields.problems)
    examples_fields.check_keys(("bad", "ok"), (), {})
    examples: list[Example] = []
    for kind in ("bad", "ok"):
        items = raw.get(kind)
        if not isinstance(items, list) or not items:
            fields.problems.append((examples_fields.line(kind), f"needs at least one {kind} example (a non-empty list)"))
            continue
        for number, item in enumerate(items, start=1):
            example = _example(kind, number, item, line_of(items, raw.line), fields.problems)
            if example is not None:
                examples.append(example)
    return tuple(examples) if len(fields.problems) == before else None


def _example(kind: str, number: int, item: Any, default_line: int, problems: list[Problem]) -> Example | None:
    label = f"{kind} example {number}"
    line = line_of(item, default_line)
    correction = None
    if isinstance(item, LineDict):
        allowed = ("text", "correction") if kind == "bad" else ("text",)
        item_fields = _Fields(item, problems)
        before = len(problems)
        item_fields.check_keys(allowed, ("text",), {})
        text = item_fields.text("text")
        if "correction" in item:
            correction = item_fields.text("correction", required=False)
            if correction is None:
                problems.append((item_fields.line("correction"), f"{label}: correction must be text"))
        if len(problems) > before or text is None:
            return None
    elif isinstance(item, str):
        text = item
    else:
        problems.append((line, f"{label} must be text or a mapping with text, not {_shown(item)}"))
        return None
    if kind == "ok":
        if "<m>" in text or "</m>" in text:
            problems.append((line, f"{label} has a <m> marker; ok examples mark nothing"))
            return None
        return Example(kind, number, text, line)
    try:
        plain, span = parse_marked(text)
    except ValueError as error:
        problems.append((line, f"{label} {error}"))
        return None
    return Example(kind, number, plain, line, span, correction)


def _duplicate_keys(raw: Any, problems: list[Problem], recurse: bool) -> None:
    if isinstance(raw, LineDict):
        problems.extend((line, f"key {key!r} is given twice; YAML keeps only the last") for key, line in raw.duplicates)
    if recurse:
        children = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else ()
        for child in children:
            _duplicate_keys(child, problems, recurse=True)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shown(value: Any) -> str:
    """A value as the author wrote it in YAML, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(str(value)) if isinstance(value, str) else repr(value)
