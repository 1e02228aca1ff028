"""Load rule packs from files and directories, keeping every pack and rule that is sound.

One broken file, or one broken rule, is reported and left out; it never stops the
others from loading, so a typo in one pack does not switch off the whole review.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from reviewer.errors import RuleError
from reviewer.rules.model import Pack, Rule, Tested
from reviewer.rules.source import line_of, parse_yaml
from reviewer.rules.term_build import build_term
from reviewer.rules.terms import Term
from reviewer.rules.validate import Problem, RuleBuild, build_header, build_rule

PACK_SUFFIXES = (".yaml", ".yml")
Built = TypeVar("Built", Rule, Term)


@dataclass
class FileLoad:
    """One pack file: its pack (None when the file could not be used at all), the rules
    that compiled whether or not their examples passed, and how the examples went."""

    path: str
    pack: Pack | None = None
    tested: list[Tested] = field(default_factory=list)
    rules_left_out: int = 0
    examples_passed: int = 0
    examples_failed: int = 0


@dataclass
class PackLoad:
    """Everything `load_packs` found: the usable packs and what is wrong with the rest."""

    files: list[FileLoad] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)

    @property
    def packs(self) -> list[Pack]:
        return [f.pack for f in self.files if f.pack is not None]

    @property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]


def pack_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[RuleError]]:
    """The pack files named by `paths`: files as given, directories' *.yaml and *.yml
    (not recursive, sorted). A missing path or a directory without packs is an error."""
    files: list[Path] = []
    errors: list[RuleError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
            except OSError as error:
                errors.append(RuleError(str(path), f"cannot list this directory: {error.strerror or error}"))
                continue
            if not found:
                errors.append(RuleError(str(path), "no rule packs (*.yaml, *.yml) in this directory"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(RuleError(str(path), "no such rule pack file or directory"))
    return list(dict.fromkeys(files)), errors


def load_packs(paths: Sequence[str | Path]) -> PackLoad:
    """Load, validate and compile the packs under `paths`, running every rule's examples.

    Rule ids are unique across all packs: when two rules share one, the later one (in
    path order) is the error and is left out.
    """
    files, errors = pack_files(paths)
    load = PackLoad(errors=errors)
    claimed: dict[str, str] = {}
    for path in files:
        load.files.append(_load_file(str(path), claimed, load.errors))
    return load


def _load_file(path: str, claimed: dict[str, str], errors: list[RuleError]) -> FileLoad:
    result = FileLoad(path)
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        errors.append(RuleError(path, f"cannot read: {error.strerror}"))
        return result
    except UnicodeDecodeError as error:
        errors.append(RuleError(path, f"not UTF-8 text (bad byte at offset {error.start})"))
        return result
    try:
        document = parse_yaml(text)
    except yaml.YAMLError as error:
        errors.append(_yaml_error(path, error))
        return result

    header_problems: list[Problem] = []
    header = build_header(document, header_problems)
    errors.extend(RuleError(path, problem, line) for line, problem in header_problems)
    if not isinstance(document, dict):
        return result
    raw_rules = _listed(document, "rules")
    raw_terms = _listed(document, "terms")
    rules = [
        rule
        for raw in raw_rules
        if (rule := _keep(build_rule(raw, path, line_of(raw_rules, 1)), path, claimed, errors, result)) is not None
    ]
    terms: list[Term] = []
    if header is not None and header.source_languages:
        source_lang, target_lang = header.source_languages[0], header.languages[0]
        for raw in raw_terms:
            build = build_term(raw, path, line_of(raw_terms, 1), source_lang, target_lang)
            term = _keep(build, path, claimed, errors, result)
            if term is not None:
                terms.append(term)
    if header is not None:
        result.pack = Pack(
            name=header.name,
            description=header.description,
            path=path,
            languages=header.languages,
            source_languages=header.source_languages,
            rules=tuple(rules),
            sha256=hashlib.sha256(data).hexdigest(),
            terms=tuple(terms),
        )
    return result


def _listed(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key)
    return value if isinstance(value, list) else []


def _keep(
    build: RuleBuild[Built], path: str, claimed: dict[str, str], errors: list[RuleError], result: FileLoad
) -> Built | None:
    """Count and report what became of one rule or term; the compiled one if it may load."""
    if build.id is not None:
        first = claimed.setdefault(build.id, f"{path}:{build.line}")
        if first != f"{path}:{build.line}":
            build.problems.append((build.line, f"duplicate id {build.id}: first defined at {first}"))
    errors.extend(
        RuleError(path, problem, line, build.id) for line, problem in sorted(build.problems, key=lambda p: p[0])
    )
    result.examples_passed += build.examples_passed
    result.examples_failed += build.examples_failed
    if build.rule is not None:
        result.tested.append(build.rule)
    if build.problems or build.rule is None:
        result.rules_left_out += 1
        return None
    return build.rule


def _yaml_error(path: str, error: yaml.YAMLError) -> RuleError:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return RuleError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None)
