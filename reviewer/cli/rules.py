"""`reviewer rules test | list | mine`: prove the rule packs work, show what they contain,
and find candidates for new rules in real MT."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from reviewer.checkers.rules import default_rule_dirs
from reviewer.cli import tell
from reviewer.cli.arguments import database, database_option, positive_int, rules_option
from reviewer.errors import ConfigError, ExitCode, RuleError
from reviewer.mining.candidates import candidates_yaml
from reviewer.mining.corpus import post_edits, read_corpus
from reviewer.mining.keyness import key_ngrams
from reviewer.output import write_text
from reviewer.rule_stats import render_json, render_text, rule_stats
from reviewer.rules import FileLoad, PackLoad, load_packs
from reviewer.store import ReviewStore
from reviewer.store.flags import recorded_flags
from reviewer.terminal import printable

RULES_EXAMPLES = """\
examples:
  reviewer rules test
  reviewer rules list --rules my-pack.yaml
  reviewer rules mine wmt21.jsonl --output candidates.yaml
"""

MINE_EXAMPLES = """\
examples:
  reviewer rules mine units.jsonl --output candidates.yaml         # WMT release JSONL: every system, both references
  reviewer rules mine hyp.*.en --human ref.A.en ref.B.en --limit 50 # line files, aligned line by line
  reviewer rules mine batch.jsonl --db team/reviews.db               # MT against reviewers' post-edits

Ranks word n-grams (1 to --max-n words) that recur in the MT but are rare or absent in
the human text (log-likelihood keyness) and writes each as a candidate rule with real
examples: MT sentences that use it (bad) and human sentences of the same sources (ok).
exit codes: 0 candidates written, 2 unreadable input or no human text to compare with
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
        rules_option(action)
        action.set_defaults(run=run)
    _register_mine(actions)
    _register_stats(actions)


def _register_mine(actions: argparse._SubParsersAction) -> None:
    mine = actions.add_parser(
        "mine",
        help="find candidate rules: n-grams MT uses and people do not",
        description="Rank n-grams that recur in MT output but are rare in human text, and write them as candidate rules.",
        epilog=MINE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mine.add_argument(
        "mt", nargs="+", metavar="MT", help="MT files: JSONL (bundle or WMT release), WMT XML, XLIFF, or line files"
    )
    mine.add_argument(
        "--human",
        action="append",
        default=[],
        metavar="FILE",
        help="human line file (reference or post-edit; repeatable)",
    )
    database_option(mine, "also compare MT with the post-edits in this review database", default=False)
    mine.add_argument("--output", "-o", metavar="FILE", help="write the candidates here instead of stdout")
    mine.add_argument("--limit", type=positive_int, default=100, metavar="N", help="candidates to write (default: 100)")
    mine.add_argument("--max-n", type=positive_int, default=4, metavar="N", help="longest n-gram in words (default: 4)")
    mine.add_argument(
        "--min-segments",
        type=positive_int,
        default=3,
        metavar="N",
        help="source segments an n-gram must recur in (default: 3)",
    )
    mine.add_argument(
        "--min-systems", type=positive_int, default=2, metavar="N", help="MT systems that must use it (default: 2)"
    )
    mine.set_defaults(run=run_mine)


STATS_EXAMPLES = """\
examples:
  reviewer rules stats                              # the default database
  reviewer rules stats --db team/reviews.db --format json --output rule-stats.json

For every rule that flagged a reviewed segment: how often its flag was applied, its
words changed by the post-edit, dismissed, or left standing in a saved or confirmed
segment; precision ((applied + changed) / flags) with a 95% Wilson interval, and
examples. Flags on segments nobody has saved or decided on yet are not counted.
Feed it back with `reviewer check --min-rule-precision P --db ...`.
exit codes: 0 done, 2 the database cannot be read
"""


def _register_stats(actions: argparse._SubParsersAction) -> None:
    stats = actions.add_parser(
        "stats",
        help="per-rule precision from what reviewers did with the flags",
        description="Per-rule precision learned from the review record.",
        epilog=STATS_EXAMPLES,
    )
    database_option(stats)
    stats.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    stats.add_argument("--output", "-o", metavar="FILE", help="write here (atomically) instead of stdout")
    stats.set_defaults(run=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    with ReviewStore.open(database(args), readonly=True) as store:
        stats = rule_stats(recorded_flags(store))
        db = str(store.path)
    write_text(render_json(stats, db) if args.format == "json" else render_text(stats), args.output)
    return ExitCode.OK


def run_mine(args: argparse.Namespace) -> int:
    corpus = read_corpus(args.mt, args.human)
    if args.db:
        corpus.units += post_edits(args.db)
    if not corpus.human_segments:
        raise ConfigError("no human text to compare the MT with: give --human files, --db, or a file with references")
    ranked = key_ngrams(corpus, args.limit, args.min_segments, args.min_systems, args.max_n)
    write_text(candidates_yaml(ranked, corpus), args.output)
    tell("mined", f"{len(ranked)} candidates from {corpus.mt_segments} MT and {corpus.human_segments} human segments")
    return ExitCode.OK


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
    terms = len(file.pack.terms) if file.pack else 0
    counted = _count(loaded, "rule") + (f", {_count(terms, 'source term')}" if terms else "")
    left_out = f", {file.rules_left_out} left out" if file.rules_left_out else ""
    examples = file.examples_passed + file.examples_failed
    status = "ok" if file.pack and not file.rules_left_out and not file.examples_failed else "FAILED"
    return (
        f"{file.path} ({name}): {counted}{left_out}, {_count(examples, 'example')}: "
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
    terms = sum(len(pack.terms) for pack in load.packs)
    counted = _count(len(load.rules), "rule") + (f", {_count(terms, 'source term')}" if terms else "")
    return (
        f"{counted} in {_count(len(load.packs), 'pack')}"
        f"{f' ({broken_text})' if broken_text else ''}, "
        f"{_count(passed + failed, 'example')}: {passed} passed, {failed} failed"
    )


def run_list(args: argparse.Namespace) -> int:
    load = _load(args)
    for error in load.errors:
        tell("error", error)
    rows = [(r.id, r.kind, r.severity.label, r.category, printable(" ".join(r.message.split()))) for r in load.rules]
    rows += [
        (t.id, t.kind, t.severity.label, t.category, printable(" ".join(t.message.split())))
        for pack in load.packs
        for t in pack.terms
    ]
    print(_table(rows))
    return ExitCode.USAGE if load.errors else ExitCode.OK


def _table(listed: Sequence[tuple[str, str, str, str, str]]) -> str:
    rows = [("ID", "KIND", "SEVERITY", "CATEGORY", "MESSAGE"), *listed]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4] for row in rows)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
