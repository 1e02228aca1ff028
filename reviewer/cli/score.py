"""`reviewer score`: BLEU, chrF and TER (or HTER against post-edits), as sacrebleu gives them."""

from __future__ import annotations

import argparse
import json

from reviewer.errors import ConfigError, ExitCode
from reviewer.loaders import load_paths
from reviewer.output import write_text
from reviewer.scoring import POST_EDIT_MODE, REFERENCE_MODE, ScoringOptions, TestSet, build_test_set, score_test_set
from reviewer.scoring.compare import DEFAULT_RESAMPLES
from reviewer.scoring.document import scores_document, scores_text
from reviewer.scoring.lines import line_test_set
from reviewer.terminal import printable_lines

EPILOG = """\
examples:
  reviewer score --mt newstest.online-b.en --ref newstest.ref.en
  reviewer score --mt a.en --mt b.en --ref ref.en          # paired bootstrap, b against a
  reviewer score --mt mt.en --pe post-edited.en --format json --output hter.json
  reviewer score newstest2021.de-en.xml --system Facebook-AI --system Online-B

Files given with --mt/--ref/--pe hold one segment per line, as for sacrebleu. In post-edit
mode the TER is HTER: the MT scored against its own post-edit. TER counts case changes
as edits unless --case-insensitive-ter is given (tercom's behaviour).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "score",
        help="BLEU, chrF and TER against references, or HTER against post-edits",
        description="Score MT output with sacrebleu's metrics; every score carries its signature.",
        epilog=EPILOG,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="bundles with references (JSONL, WMT XML) or directories of them"
    )
    parser.add_argument(
        "--mt",
        action="append",
        default=[],
        metavar="FILE",
        help="MT output, one segment per line; repeat to compare systems",
    )
    parser.add_argument("--ref", metavar="FILE", help="reference translation, line-aligned with --mt")
    parser.add_argument("--pe", metavar="FILE", help="post-edit of --mt, line-aligned: gives HTER")
    parser.add_argument(
        "--system",
        action="append",
        default=[],
        metavar="NAME",
        help="bundle system to score; repeat to compare, the first is the baseline",
    )
    parser.add_argument(
        "--chrf++", dest="chrf_plus_plus", action="store_true", help="chrF++ (word n-grams up to 2) instead of chrF"
    )
    parser.add_argument(
        "--case-insensitive-ter",
        action="store_true",
        help="lowercase before TER, as tercom does (default: case changes count)",
    )
    parser.add_argument(
        "--resamples",
        type=int,
        default=DEFAULT_RESAMPLES,
        metavar="N",
        help="paired bootstrap resamples when comparing systems (default: %(default)s)",
    )
    parser.add_argument(
        "--width",
        type=int,
        default=1,
        metavar="N",
        help="decimals of the scores, as sacrebleu's --width (default: %(default)s)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--output", metavar="FILE", help="write here (atomically) instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    test_set, mode = _test_set(args)
    if args.resamples < 1:
        raise ConfigError(f"--resamples must be at least 1, not {args.resamples}")
    if not 0 <= args.width <= 10:
        raise ConfigError(f"--width must be between 0 and 10, not {args.width}")
    options = ScoringOptions(
        chrf_word_order=2 if args.chrf_plus_plus else 0,
        ter_case_sensitive=not args.case_insensitive_ter,
    )
    result = score_test_set(test_set, mode, options, args.resamples)
    if args.format == "json":
        text = json.dumps(scores_document(result, args.width), ensure_ascii=False, indent=2) + "\n"
    else:
        text = printable_lines(scores_text(result, args.width))  # system names and article ids come from files
    write_text(text, args.output)
    return ExitCode.OK


def _test_set(args: argparse.Namespace) -> tuple[TestSet, str]:
    if args.mt and args.paths:
        raise ConfigError("give either --mt files or bundle PATHs, not both")
    if args.ref and args.pe:
        raise ConfigError("give --ref (reference scores) or --pe (HTER), not both")
    if args.mt:
        if args.system:
            raise ConfigError("--system picks systems of a bundle; with --mt each file is a system")
        if args.pe:
            if len(args.mt) > 1:
                raise ConfigError("--pe is the post-edit of one MT file; give --mt once")
            return line_test_set(args.mt, args.pe), POST_EDIT_MODE
        if args.ref:
            return line_test_set(args.mt, args.ref), REFERENCE_MODE
        raise ConfigError("--mt needs --ref FILE (reference scores) or --pe FILE (HTER)")
    if args.ref or args.pe:
        raise ConfigError("--ref and --pe go with --mt FILE")
    if not args.paths:
        raise ConfigError("nothing to score: give --mt FILE with --ref or --pe, or bundle PATHs")
    return _bundle_test_set(args.paths, args.system), REFERENCE_MODE


def _bundle_test_set(paths: list[str], systems: list[str]) -> TestSet:
    """Load the bundles once per requested system (a WMT test set yields one system
    per load), or once when none is named."""
    articles = []
    wanted: list[str | None] = [*systems] or [None]
    for system in wanted:
        loaded = load_paths(paths, system=system)
        if loaded.failures:
            raise loaded.failures[0]
        articles.extend(loaded.articles)
    if not articles:
        raise ConfigError(f"no articles found in {', '.join(paths)}")
    return build_test_set(articles, systems)
