"""`reviewer import`: bring existing annotations into the review store to review them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reviewer.checkers.rules import default_rule_dirs
from reviewer.cli import tell
from reviewer.cli.arguments import database_option, rules_option
from reviewer.config import RunConfig
from reviewer.errors import ExitCode
from reviewer.loaders.base import LoadOptions, target_lang
from reviewer.loaders.reading import decode, read_bytes
from reviewer.mqm_import import import_mqm
from reviewer.mqm_tsv import parse
from reviewer.registry import fast_checkers
from reviewer.store import ReviewStore

EXAMPLES = """\
examples:
  reviewer import --format mqm mqm_newstest2020_ende.tsv --db team/reviews.db
  reviewer export --format mqm --db team/reviews.db > again.tsv

Reads the tab-separated layout of the public WMT MQM data (system doc doc_id seg_id
rater source target category severity; the error span marked <v>…</v> in target).
Each (system, doc) becomes an article of the database, with every row's annotation
(by its rater) and our rule-pack, source-term and pair flags on the same text, so the
annotations can be reviewed (`reviewer review`) and counted (`reviewer rules stats`:
a No-error row is recorded as its rater confirming the segment). Prints how the
annotated spans compare with our flags. Rows of a severity the store does not know
(Neutral) are counted and left out; an empty span <v></v> annotates the whole segment.
A document already in the database is skipped. A malformed row is an error naming
FILE:LINE, and then nothing is imported.
exit codes: 0 imported, 2 unreadable or malformed file (nothing is imported), an unknown
  --lang or a broken rule pack
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="record existing MQM annotations (WMT TSV) in the review database",
        description="Import MQM annotations so they can be reviewed and compared with our flags.",
        epilog=EXAMPLES,
    )
    parser.add_argument("file", metavar="FILE", help="the annotations (WMT MQM TSV)")
    parser.add_argument("--format", choices=("mqm",), default="mqm", help="input format (default: mqm)")
    database_option(parser)
    parser.add_argument(
        "--lang", help="target language of the annotated text (default: lang in reviewer.yaml, else en-US)"
    )
    rules_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = RunConfig.build(
        os.environ, Path.cwd(), lang=args.lang, rule_paths=args.rules or default_rule_dirs(), db=args.db
    )
    lang = target_lang(LoadOptions(lang=config.lang), None)
    mqm = parse(decode(args.file, read_bytes(args.file)), args.file)
    built = fast_checkers(config)
    for error in built.errors:
        tell("error", error)
    with ReviewStore.open(config.db_path) as store:
        summary = import_mqm(store, mqm, args.file, lang, built.checkers)
    for label in summary.already:
        tell("skipped", f"{label}: already in the database")
    for line in summary.lines(mqm.skipped):
        tell("imported", line)
    return ExitCode.USAGE if built.errors else ExitCode.OK
