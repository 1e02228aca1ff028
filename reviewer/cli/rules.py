"""`reviewer rules test | list`: prove the rule packs work, and show what they contain."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from reviewer.checkers.rules import default_rule_dirs
from reviewer.cli import tell
from reviewer.errors import ExitCode, RuleError
from reviewer.rules import FileLoad, PackLoad, Rule, load_packs
from reviewer.terminal import printable

RULES_EXAMPLES = """\
examples:
  reviewer rules test
  reviewer rules list --rules my-pack.yaml
"""

TEST_EXAMPLES = """\
examples:
  reviewer rules test
  reviewer rules test --rules rules/ --rules my-pack.yaml

Prints each pack's result and every failure as FILE:LINE: [RULE_ID] problem.
exit codes: 0 every rule loads and passes its examples, 2 a pack or rule is broken
"""

LIST_EXAMPLES = """\
examples:
  reviewer rules list
  reviewer rules list --rules my-pack.yaml | grep Punctuation

exit codes: 0 every pack loaded, 2 a pack or rule is broken (reported on stderr)
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "rules",
        help="test or list the YAML rule packs",
        description="Work with the YAML rule packs (see docs/rule-format.md).",
        epilog=RULES_EXAMPLES,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, run, help_text, epilog in (
        ("test", run_test, "run every example of every rule pack", TEST_EXAMPLES),
        ("list", run_list, "list the rules: id, kind, severity, category, message", LIST_EXAMPLES),
    ):
        action = actions.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".", epilog=epilog
        )
        action.add_argument(
            "--rules",
            action="append",
            metavar="PATH",
            help="rule pack file or directory (repeatable; default: ./rules, else the packs shipped with reviewer)",
        )
        action.set_defaults(run=run)


def _load(args: argparse.Namespace) -> PackLoad:
    return load_packs(args.rules or default_rule_dirs())


def run_test(args: argparse.Namespace) -> int:
    load = _load(args)
    errors_by_file: dict[str, list[RuleError]] = {}
    for error in load.errors:
        errors_by_file.setdefault(error.path, []).append(error)
    for error in load.errors:
        if error.path not in {f.path for f in load.files}:
            print(printable(str(error)))
    for file in load.files:
        print(printable(_file_line(file)))
        for error in errors_by_file.get(file.path, []):
            print(printable(str(error)))
    print(_summary(load))
    return ExitCode.USAGE if load.errors else ExitCode.OK


def _file_line(file: FileLoad) -> str:
    name = file.pack.name if file.pack else "not loaded"
    loaded = len(file.pack.rules) if file.pack else 0
    left_out = f", {file.rules_left_out} left out" if file.rules_left_out else ""
    examples = file.examples_passed + file.examples_failed
    status = "ok" if file.pack and not file.rules_left_out and not file.examples_failed else "FAILED"
    return (
        f"{file.path} ({name}): {_count(loaded, 'rule')}{left_out}, {_count(examples, 'example')}: "
        f"{file.examples_passed} passed, {file.examples_failed} failed ... {status}"
    )


def _summary(load: PackLoad) -> str:
    passed = sum(f.examples_passed for f in load.files)
    failed = sum(f.examples_failed for f in load.files)
    left_out = sum(f.rules_left_out for f in load.files)
    not_loaded = len(load.files) - len(load.packs)
    broken = [
        _count(left_out, "rule") + " left out" if left_out else "",
        _count(not_loaded, "file") + " not loaded" if not_loaded else "",
    ]
    broken_text = "; ".join(b for b in broken if b)
    return (
        f"{_count(len(load.rules), 'rule')} in {_count(len(load.packs), 'pack')}"
        f"{f' ({broken_text})' if broken_text else ''}, "
        f"{_count(passed + failed, 'example')}: {passed} passed, {failed} failed"
    )


def run_list(args: argparse.Namespace) -> int:
    load = _load(args)
    for error in load.errors:
        tell("error", error)
    print(_table(load.rules))
    return ExitCode.USAGE if load.errors else ExitCode.OK


def _table(rules: Sequence[Rule]) -> str:
    rows = [("ID", "KIND", "SEVERITY", "CATEGORY", "MESSAGE")]
    rows += [(r.id, r.kind, r.severity.label, r.category, printable(" ".join(r.message.split()))) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4] for row in rows)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
