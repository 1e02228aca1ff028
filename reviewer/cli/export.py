"""`reviewer export`: the review record, one line per reviewed segment, for analysis."""

from __future__ import annotations

import argparse

from reviewer import mqm_tsv
from reviewer.cli.arguments import database, database_option
from reviewer.errors import ExitCode
from reviewer.export import FORMATS, export_record, render
from reviewer.output import write_text
from reviewer.store import ReviewStore

EPILOG = """\
examples:
  reviewer export > reviews.jsonl
  reviewer export --format csv --output reviews.csv
  reviewer export --db team/reviews.db --format jsonl --output week-12.jsonl
  reviewer export --format mqm --output annotations.tsv   # WMT MQM layout, one row per annotation

One record per segment that has a saved edit, a decision on a flag or an annotation:
article (path as first typed, id, MT system), segment (`segment` is the index from 0,
`segment_number` counts from 1 as the review screen does), MT, post-edit (the MT for a
segment never saved), reviewer, timestamps and seconds spent, HTER/chrF/BLEU against
the MT (and against the reference when there is one) with their sacrebleu signatures,
issues before and after the edit, accepted and dismissed issues, and MQM annotations.
The database is --db, else $REVIEWER_DB, else .reviewer/reviews.db (a file, or a
postgresql:// URL); it is opened read-only and never written, so it may sit on a
read-only mount.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the recorded reviews as JSONL or CSV",
        description="Export recorded post-edits, decisions and scores from the review database.",
        epilog=EPILOG,
    )
    database_option(parser)
    parser.add_argument(
        "--format",
        choices=(*FORMATS, "mqm"),
        default="jsonl",
        help="output format (default: %(default)s; mqm: the WMT MQM TSV of the annotations)",
    )
    parser.add_argument("--output", metavar="FILE", help="write here (atomically) instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with ReviewStore.open(database(args), readonly=True) as store:
        reviewed = store.reviewed_segments()
    if args.format == "mqm":
        write_text(mqm_tsv.render(mqm_tsv.export_rows(reviewed)), args.output)
    else:
        write_text(render([export_record(segment) for segment in reviewed], args.format), args.output)
    return ExitCode.OK
