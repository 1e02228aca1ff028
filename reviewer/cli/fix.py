"""`reviewer fix`: apply the safe fixes (rules marked `fix: safe`) to plain-text articles."""

from __future__ import annotations

import argparse
import sys
from statistics import fmean

from reviewer.autofix import AUTOFIX_REVIEWER, fix_article, record_fix, safe_rules
from reviewer.checkers.rules import default_rule_dirs
from reviewer.cli import tell
from reviewer.cli.arguments import database_option, rules_option
from reviewer.errors import ConfigError, ExitCode, InputError
from reviewer.loaders import load_paths
from reviewer.output import write_text
from reviewer.rules import load_packs
from reviewer.store import ReviewStore

EXAMPLES = """\
examples:
  reviewer fix corpora/harbour-strike.txt --dry-run        # show the diff, change nothing
  reviewer fix corpora/                                     # fix every plain-text article in place
  reviewer fix article.txt --output article.fixed.txt
  reviewer fix article.txt --only GERMAN_QUOTES --only DECIMAL_COMMA --db team/reviews.db

Applies only rules marked `fix: safe` (German quotation marks, decimal commas,
thousands dots, German time and ordinal date formats, doubled spaces, breadcrumb and
image-credit lines): each proves with its examples that its fix is exact and that
fixing twice changes nothing. Prints a unified diff of every change; files are written
atomically. With --db each fixed segment is recorded as an edit by `autofix`, scored
(HTER, chrF, BLEU) like any edit.
exit codes: 0 done (fixed, or nothing to fix), 2 usage or input error
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "fix",
        help="apply the safe fixes to plain-text articles and show the diff",
        description="Apply the rules marked `fix: safe` to plain-text articles.",
        epilog=EXAMPLES,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="plain-text articles or directories to walk")
    parser.add_argument("--dry-run", "-n", action="store_true", help="print the diff and write nothing")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the fixed article here (one article only)")
    rules_option(parser)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="RULE_ID",
        help="apply only this rule (or dotted prefix; repeatable)",
    )
    parser.add_argument("--lang", help="target language of the articles (default: en-US)")
    database_option(parser, "record each fixed segment as an edit by autofix in this database")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    packs = load_packs(args.rules or default_rule_dirs())
    for error in packs.errors:
        tell("error", error)
    loaded = load_paths(args.paths, lang=args.lang)
    failures = list(loaded.failures)
    articles = []
    for article in loaded.articles:
        if not article.path.endswith(".txt") or article.path != article.label:
            failures.append(InputError(article.label, "only plain-text articles (*.txt) can be fixed in place"))
        else:
            articles.append(article)
    for failure in failures:
        tell("error", failure)
    if args.output and len(articles) != 1:
        raise ConfigError(f"--output takes one article; {len(articles)} were given")
    known = {rule.id for rule in packs.rules}
    for wanted in args.only:
        if wanted not in known and not any(rule_id.startswith(wanted.rstrip(".") + ".") for rule_id in known):
            raise ConfigError(f"--only {wanted}: no such rule")
    fixed = [fix_article(article, safe_rules(packs.packs, article, args.only)) for article in articles]
    changed = [f for f in fixed if f.changed]
    sys.stdout.write("".join(f.diff() for f in changed))
    sys.stdout.flush()
    if not args.dry_run:
        for f in changed if not args.output else fixed:
            write_text(f.text, args.output or f.article.path)
    fixes = sum(len(f.fixes) for f in changed)
    verb = "would fix" if args.dry_run else "fixed"
    tell("fix", f"{verb} {fixes} span(s) in {len(changed)} of {len(fixed)} article(s)")
    if args.db and not args.dry_run and changed:
        _record(args.db, changed)
    return ExitCode.USAGE if failures or packs.errors else ExitCode.OK


def _record(db: str, changed: list) -> None:
    with ReviewStore.open(db) as store:
        recorded, skipped = [], []
        for fixed in changed:
            edits, conflicts = record_fix(store, fixed)
            recorded += edits
            skipped += conflicts
    for conflict in skipped:
        tell("warning", f"not recorded: {conflict}")
    hter = [edit.scores["hter"].score for edit in recorded if "hter" in edit.scores]
    mean = f" (mean HTER {fmean(hter):.2f})" if hter else ""
    tell("recorded", f"{len(recorded)} edit(s) by {AUTOFIX_REVIEWER} in {db}{mean}")
