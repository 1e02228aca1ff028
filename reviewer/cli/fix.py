"""`reviewer fix`: apply the safe fixes (rules marked `fix: safe`) to plain-text articles."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from statistics import fmean

from reviewer.autofix import AUTOFIX_REVIEWER, ArticleFix, fix_article, record_fix, safe_rules
from reviewer.checkers.rules import default_rule_dirs
from reviewer.cli import tell
from reviewer.cli.arguments import database_option, rules_option
from reviewer.config import RunConfig
from reviewer.errors import ConfigError, ExitCode, InputError
from reviewer.loaders import LoadResult, load_paths
from reviewer.model import Article
from reviewer.output import existing_mode, write_text
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
atomically and keep their mode. A directory's files that are not plain text are skipped
(and counted); one named on the command line is an error. With --db (and only then) each
fixed segment is recorded as an edit by `autofix`, scored (HTER, chrF, BLEU) like any
edit; the database is opened before any file is written.
exit codes: 0 done (fixed, or nothing to fix), 2 usage or input error, a read-only
file, or a database that cannot be opened (then nothing is written)
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
    parser.add_argument("--lang", help="target language of the articles (default: lang in reviewer.yaml, else en-US)")
    database_option(parser, "record each fixed segment as an edit by autofix in this database", default=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = RunConfig.build(
        os.environ, Path.cwd(), lang=args.lang, rule_paths=args.rules or default_rule_dirs(), db=args.db
    )
    packs = load_packs(config.rule_paths)
    for error in packs.errors:
        tell("error", error)
    articles, failures, skipped = _plain_text(load_paths(args.paths, lang=config.lang), args.paths)
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
    with ExitStack() as stack:
        store = None if args.dry_run else _ready_to_write(args, config, changed, stack)
        sys.stdout.write("".join(f.diff() for f in changed))
        sys.stdout.flush()
        if not args.dry_run:
            for f in changed if not args.output else fixed:
                write_text(f.text, args.output or f.article.path)
        fixes = sum(len(f.fixes) for f in changed)
        verb = "would fix" if args.dry_run else "fixed"
        passed_over = f"; skipped {skipped} file(s) that are not plain text" if skipped else ""
        tell("fix", f"{verb} {fixes} span(s) in {len(changed)} of {len(fixed)} article(s){passed_over}")
        if store is not None:
            _record(store, args.db, changed)
    return ExitCode.USAGE if failures or packs.errors else ExitCode.OK


def _ready_to_write(
    args: argparse.Namespace, config: RunConfig, changed: list[ArticleFix], stack: ExitStack
) -> ReviewStore | None:
    """Refuse a read-only article and open the `--db` store (None without one) before any
    file is written: a fix written but never recorded would leave a re-run nothing to
    record, and a half-fixed batch is worse than none."""
    for fixed in changed if not args.output else ():
        existing_mode(fixed.article.path)
    if not args.db or not changed:
        return None
    return stack.enter_context(ReviewStore.open(config.db_path))


def _plain_text(loaded: LoadResult, named: Sequence[str]) -> tuple[list[Article], list[InputError], int]:
    """The plain-text articles to fix, the errors, and how many files met while walking a
    directory were passed over for not being plain text (one named on the command line
    is an error instead: the user asked for it)."""
    given = {os.path.normpath(path) for path in named}

    def walked_past(path: str) -> bool:
        return not path.endswith(".txt") and os.path.normpath(path) not in given

    passed_over = {failure.path for failure in loaded.failures if walked_past(failure.path)}
    failures = [failure for failure in loaded.failures if failure.path not in passed_over]
    articles = []
    for article in loaded.articles:
        if article.path.endswith(".txt") and article.path == article.label:
            articles.append(article)
        elif walked_past(article.path):
            passed_over.add(article.path)
        else:
            failures.append(InputError(article.label, "only plain-text articles (*.txt) can be fixed in place"))
    return articles, failures, len(passed_over)


def _record(store: ReviewStore, db: str, changed: list[ArticleFix]) -> None:
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
