"""Every example of every shipped rule pack, one test each, so a failure names its rule.

The packs in the repository's `rules/` directory are what users run; a rule that does
not flag its bad examples exactly, or flags its ok ones, is a bug in the pack. An empty
or missing `rules/` directory is a defect too, so it fails rather than skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.rules import Example, Rule, check_example, load_packs

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
LOAD = load_packs([RULES_DIR])
TESTED = [rule for file in LOAD.files for rule in file.tested]
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.id}-{example.kind}{example.number}")
    for rule in TESTED
    for example in rule.examples
]


def test_rule_directory_has_rules() -> None:
    assert LOAD.rules, f"no rules load from {RULES_DIR}"


def test_packs_load_without_errors() -> None:
    assert not LOAD.errors, "\n".join(str(error) for error in LOAD.errors)


@pytest.mark.parametrize("rule", TESTED, ids=[rule.id for rule in TESTED])
def test_rule_has_bad_and_ok_examples(rule: Rule) -> None:
    kinds = {example.kind for example in rule.examples}
    assert kinds == {"bad", "ok"}, (
        f"{rule.path}:{rule.line}: [{rule.id}] needs bad and ok examples, has {sorted(kinds)}"
    )


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_example(rule: Rule, example: Example) -> None:
    problem = check_example(rule, example)
    assert problem is None, f"{rule.path}:{example.line}: [{rule.id}] {problem}"
