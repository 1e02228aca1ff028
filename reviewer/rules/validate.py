"""Turn a pack's parsed YAML into compiled rules, naming the line of every problem.

A problem never stops validation: every field is checked so that an author sees all of
a rule's problems at once, and a rule with any problem is left out of its pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import regex

from reviewer.language import LanguageError, LanguageTag
from reviewer.model import Severity
from reviewer.mqm import CATEGORIES
from reviewer.rules.examples import check_example, check_safe_fix, parse_examples
from reviewer.rules.fields import Fields, Problem, did_you_mean, duplicate_keys, shown
from reviewer.rules.fixing import FIX_VALUES
from reviewer.rules.matchers import Matcher, PatternMatcher, check_template, compile_pattern, compile_phrases
from reviewer.rules.model import KINDS, PLACEHOLDERS, Rule, Tested
from reviewer.rules.source import LineDict, line_of

ID_FORMAT = regex.compile(r"[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*")
_ANY_PLACEHOLDER = regex.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

REQUIRED = ("id", "kind", "message", "category", "severity", "examples")
OPTIONAL = ("ignore_case", "suggestions", "fix")
KIND_REQUIRED = {"pattern": ("pattern",), "substitution": ("swap",), "existence": ("tokens",)}
KIND_OPTIONAL = {"pattern": ("replacement",), "substitution": (), "existence": ()}
PACK_REQUIRED = ("pack", "languages")
PACK_OPTIONAL = ("description", "source_languages", "rules", "terms")


@dataclass
class PackHeader:
    name: str
    description: str
    languages: tuple[str, ...]
    source_languages: tuple[str, ...] | None


T = TypeVar("T")


@dataclass
class RuleBuild(Generic[T]):
    """What became of one rule (or term): its id and line (for duplicate checks and
    messages), the compiled rule when it compiled, and its problems. Only a rule without
    problems loads."""

    id: str | None
    line: int
    rule: T | None = None
    problems: list[Problem] = field(default_factory=list)
    examples_passed: int = 0
    examples_failed: int = 0


def build_header(raw: Any, problems: list[Problem]) -> PackHeader | None:
    """The pack's name and scope, or None (with problems) when the file is not a pack."""
    if not isinstance(raw, LineDict):
        problems.append(
            (line_of(raw, 1), f"a rule pack must be a mapping with {', '.join(PACK_REQUIRED)}, rules, not {shown(raw)}")
        )
        return None
    fields = Fields(raw, problems)
    before = len(problems)
    duplicate_keys(raw, problems, recurse=False)
    fields.check_keys((*PACK_REQUIRED, *PACK_OPTIONAL), PACK_REQUIRED, {})
    name = fields.text("pack")
    description = fields.text("description", required=False) or ""
    languages = _languages(fields, "languages") if "languages" in raw else None
    source = _languages(fields, "source_languages") if "source_languages" in raw else None
    for key in ("rules", "terms"):
        if key in raw and not isinstance(raw[key], list):
            fields.problem(key, f"{key} must be a list of {key}, not {shown(raw[key])}")
    if "rules" not in raw and "terms" not in raw:
        problems.append((raw.line, "missing field 'rules' (or 'terms', for source-aware entries)"))
    if "terms" in raw and "source_languages" not in raw:
        fields.problem("terms", "a pack with terms needs source_languages (the language its source expressions are in)")
    if len(problems) > before or name is None or languages is None:
        return None
    return PackHeader(name, description, languages, source)


def _languages(fields: Fields, name: str) -> tuple[str, ...] | None:
    value = fields.raw.get(name)
    if not isinstance(value, list) or not value:
        fields.problem(name, f"{name} must be a non-empty list of language codes such as [en], not {shown(value)}")
        return None
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        fields.problem(
            name,
            f"{name}: {shown(bad[0])} is not a language code such as en or en-US (quote codes YAML reads as something else, like 'no')",
        )
        return None
    read = LanguageTag.parse if name == "languages" else LanguageTag.of  # sources need only be tags
    try:
        return tuple(str(read(tag)) for tag in value)
    except LanguageError as error:
        fields.problem(name, f"{name}: {error}")
        return None


def build_rule(raw: Any, path: str, default_line: int) -> RuleBuild[Rule]:
    """Validate and compile one rule, then run its examples."""
    line = line_of(raw, default_line)
    if not isinstance(raw, LineDict):
        return RuleBuild(
            None,
            line,
            problems=[(line, f"a rule must be a mapping of fields (id, kind, message, ...), not {shown(raw)}")],
        )
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    build: RuleBuild[Rule] = RuleBuild(rule_id, line)
    problems = build.problems
    fields = Fields(raw, problems)
    duplicate_keys(raw, problems, recurse=True)

    kind = raw.get("kind")
    if kind in KINDS:
        misplaced = {
            f: f"belongs to {k} rules, not {kind} rules"
            for k in KINDS
            if k != kind
            for f in KIND_REQUIRED[k] + KIND_OPTIONAL[k]
        }
        allowed = (*REQUIRED, *OPTIONAL, *KIND_REQUIRED[kind], *KIND_OPTIONAL[kind])
        fields.check_keys(allowed, (*REQUIRED, *KIND_REQUIRED[kind]), misplaced)
    else:
        every = (*REQUIRED, *OPTIONAL, *(f for k in KINDS for f in KIND_REQUIRED[k] + KIND_OPTIONAL[k]))
        fields.check_keys(every, REQUIRED, {})
        if "kind" in raw:
            fields.problem("kind", f"unknown kind {shown(kind)} (expected one of: {', '.join(KINDS)})")

    check_id(fields, rule_id)
    category = category_field(fields)
    severity = severity_field(fields)
    ignore_case = raw.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        fields.problem("ignore_case", f"ignore_case must be true or false, not {shown(ignore_case)}")
    suggestions = fields.texts("suggestions") if "suggestions" in raw else ()
    fix = raw.get("fix")
    if "fix" in raw and fix not in FIX_VALUES:
        fields.problem("fix", f"fix must be one of: {', '.join(FIX_VALUES)}; not {shown(fix)}")
    matcher = _matcher(fields, kind, ignore_case is True) if kind in KINDS else None
    message = _message(fields, kind, bool(suggestions))
    examples = parse_examples(fields) if "examples" in raw else None

    if (
        problems
        or rule_id is None
        or kind is None
        or matcher is None
        or message is None
        or category is None
        or severity is None
        or examples is None
        or suggestions is None
    ):
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
        fix=fix,
    )
    run_examples(build, build.rule)
    if fix is not None:
        build.problems.extend(check_safe_fix(build.rule))
    return build


def run_examples(build: RuleBuild[Any], rule: Tested) -> None:
    """Run the examples of a compiled rule or term, counting and reporting each failure."""
    for example in rule.examples:
        failure = check_example(rule, example)
        if failure is None:
            build.examples_passed += 1
        else:
            build.examples_failed += 1
            build.problems.append((example.line, failure))


def check_id(fields: Fields, rule_id: str | None) -> None:
    if "id" in fields.raw and not (rule_id and ID_FORMAT.fullmatch(rule_id)):
        fields.problem(
            "id",
            f"id {shown(fields.raw['id'])} must be capital letters, digits and _, in dotted parts (e.g. GERMAN_QUOTES, DATES.ORDINAL)",
        )


def category_field(fields: Fields, default: str | None = None) -> str | None:
    """The `category` field, an MQM category (or `default` when it is absent and has one)."""
    if default is not None and "category" not in fields.raw:
        return default
    category = fields.text("category")
    if category is not None and category not in CATEGORIES:
        fields.problem(
            "category", f"unknown MQM category {category!r}{did_you_mean(category, CATEGORIES)}; see reviewer/mqm.py"
        )
        return None
    return category


def severity_field(fields: Fields, default: Severity | None = None) -> Severity | None:
    if default is not None and "severity" not in fields.raw:
        return default
    value = fields.text("severity")
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except ValueError as error:
        fields.problem("severity", str(error))
        return None


def _message(fields: Fields, kind: Any, has_fixed_suggestions: bool) -> str | None:
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


def _matcher(fields: Fields, kind: str, ignore_case: bool) -> Matcher | None:
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


def _pattern_matcher(fields: Fields, ignore_case: bool) -> PatternMatcher | None:
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


def _swap(fields: Fields) -> dict[str, tuple[str, ...]] | None:
    swap = fields.raw.get("swap")
    if not isinstance(swap, dict) or not swap:
        fields.problem("swap", f"swap must map phrases to their replacements, not {shown(swap)}")
        return None
    phrases: dict[str, tuple[str, ...]] = {}
    for phrase, replacement in swap.items():
        line = line_of(phrase, fields.line("swap"))
        if not isinstance(phrase, str):
            fields.problems.append(
                (line, f"swap: phrase {phrase!r} must be quoted text (YAML read it as {type(phrase).__name__})")
            )
        elif isinstance(replacement, str):
            phrases[phrase] = (replacement,)
        elif isinstance(replacement, list) and replacement and all(isinstance(r, str) for r in replacement):
            phrases[phrase] = tuple(replacement)
        else:
            fields.problems.append(
                (line, f"swap: {phrase!r} needs a replacement (text or a list of text), not {shown(replacement)}")
            )
    return phrases if len(phrases) == len(swap) else None


def _tokens(fields: Fields) -> dict[str, tuple[str, ...]] | None:
    tokens = fields.raw.get("tokens")
    if not isinstance(tokens, list) or not tokens:
        fields.problem("tokens", f"tokens must be a non-empty list of words or phrases, not {shown(tokens)}")
        return None
    wrong = [t for t in tokens if not isinstance(t, str)]
    if wrong:
        fields.problem(
            "tokens", f"tokens: {shown(wrong[0])} must be quoted text (YAML read it as {type(wrong[0]).__name__})"
        )
        return None
    return {token: () for token in tokens}
