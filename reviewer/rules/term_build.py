"""Turn one `terms:` entry of a pack into a `Term`, naming the line of every problem.

    - id: DE.EVENTUELL
      source: eventuell                  # or a list of expressions (any one will do)
      target: [eventually]               # the renderings that betray the source
      meaning: possibly                  # what the source means, for the message
      suggestions: [possibly, perhaps]
      examples:
        bad:
          - source: Das Treffen wird eventuell verschoben.
            text: The meeting will <m>eventually</m> be postponed.
        ok:
          - source: Das Treffen wird eventuell verschoben.
            text: The meeting may be postponed.

Optional: `message` (default: built from the source and `meaning`), `category` (default
Accuracy/Mistranslation), `severity` (default major), `unless_source` and `unless_target`
(expressions that excuse a match: the source has one, or one covers the rendering).
"""

from __future__ import annotations

from typing import Any

from reviewer.language import primary
from reviewer.model import Severity
from reviewer.rules.examples import parse_examples
from reviewer.rules.fields import Fields, duplicate_keys, shown
from reviewer.rules.source import LineDict, line_of
from reviewer.rules.terms import Expression, Phrase, Term
from reviewer.rules.validate import RuleBuild, category_field, check_id, run_examples, severity_field

REQUIRED = ("id", "source", "target", "examples")
OPTIONAL = ("message", "meaning", "category", "severity", "suggestions", "unless_source", "unless_target")
DEFAULT_CATEGORY = "Accuracy/Mistranslation"
LANGUAGE_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "en": "English"}


def build_term(raw: Any, path: str, default_line: int, source_lang: str, target_lang: str) -> RuleBuild[Term]:
    """Validate and compile one entry of a pack's `terms`, then run its examples."""
    line = line_of(raw, default_line)
    if not isinstance(raw, LineDict):
        return RuleBuild(
            None, line, problems=[(line, f"a term must be a mapping (id, source, target, ...), not {shown(raw)}")]
        )
    term_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    build: RuleBuild[Term] = RuleBuild(term_id, line)
    fields = Fields(raw, build.problems)
    duplicate_keys(raw, build.problems, recurse=True)
    fields.check_keys((*REQUIRED, *OPTIONAL), REQUIRED, {})
    check_id(fields, term_id)
    category = category_field(fields, DEFAULT_CATEGORY)
    severity = severity_field(fields, Severity.MAJOR)
    source = _phrases(fields, "source", source_lang, Expression.parse) if "source" in raw else None
    target = _phrases(fields, "target", target_lang, Phrase.parse) if "target" in raw else None
    unless_source = _phrases(fields, "unless_source", source_lang, Expression.parse) if "unless_source" in raw else ()
    unless_target = _phrases(fields, "unless_target", target_lang, Phrase.parse) if "unless_target" in raw else ()
    suggestions = fields.texts("suggestions") if "suggestions" in raw else ()
    meaning = fields.text("meaning", required=False)
    examples = parse_examples(fields, with_source=True) if "examples" in raw else None
    message = fields.text("message") if "message" in raw else _message(source, source_lang, meaning, suggestions)
    if (
        build.problems
        or term_id is None
        or source is None
        or target is None
        or unless_source is None
        or unless_target is None
        or suggestions is None
        or category is None
        or severity is None
        or examples is None
        or message is None
    ):
        return build
    build.rule = Term(
        id=term_id,
        source=source,
        target=target,
        message=message,
        category=category,
        severity=severity,
        path=path,
        line=line,
        source_lang=source_lang,
        target_lang=target_lang,
        suggestions=suggestions,
        unless_source=unless_source,
        unless_target=unless_target,
        examples=examples,
    )
    run_examples(build, build.rule)
    return build


def _phrases(fields: Fields, name: str, lang: str, parse: Any) -> tuple[Any, ...] | None:
    texts = fields.texts(name)
    if texts is None:
        return None
    try:
        return tuple(parse(text, lang) for text in texts)
    except ValueError as error:
        fields.problem(name, f"{name}: {error}")
        return None


def _message(
    source: tuple[Expression, ...] | None, lang: str, meaning: str | None, suggestions: tuple[str, ...] | None
) -> str | None:
    if source is None:
        return None
    shown_source = " … ".join(part.text for part in source[0].parts)
    shown_source = " ".join(word.lstrip("=").replace("*", "…").split("|")[0] for word in shown_source.split())
    language = LANGUAGE_NAMES.get(primary(lang), lang)
    gloss = f" ({meaning})" if meaning else ""
    advice = '; English: "{suggestion}"' if suggestions else ""
    return f'"{{match}}" renders {language} "{shown_source}"{gloss}{advice}'
