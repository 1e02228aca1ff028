"""`reviewer check`: flag the issues of a batch and report them, for people and pipelines."""

from __future__ import annotations

import argparse
import math
from contextlib import ExitStack, closing

from reviewer.baseline import load_baseline
from reviewer.batch import check_batch
from reviewer.cli import tell
from reviewer.cli.arguments import database_option, positive_int, rules_option, run_config
from reviewer.cli.progress import progress_bar
from reviewer.errors import ConfigError
from reviewer.gates import Gates
from reviewer.languagetool.settings import LEVELS
from reviewer.loaders import load_paths
from reviewer.model import Severity
from reviewer.mqm import DEFAULT_WEIGHTS
from reviewer.output import write_text
from reviewer.pipeline import gap_text
from reviewer.registry import build_checkers, open_cache
from reviewer.report import gap_kinds, renderers
from reviewer.result_cache import ResultCache
from reviewer.scoring.mqm_weights import load_weights

EXAMPLES = """\
examples:
  reviewer check corpora/harbour-strike.txt
  reviewer check corpora/ --format json --output report.json --fail-on major
  reviewer check batch.xml --system mt-a --no-languagetool --max-penalty 10
  reviewer check bundle.jsonl --glossary desk-terms.csv --languagetool-level default

exit codes: 0 passed, 1 a gate failed (--fail-on, --max-penalty, --min-chrf, --max-ter),
2 usage, input or output error, 4 incomplete: an article was not fully checked (e.g.
LanguageTool unavailable or lost; see --allow-incomplete and README: CI pipelines)
"""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="flag issues in articles and report them",
        description="Check machine-translated articles with LanguageTool and the rule packs.",
        epilog=EXAMPLES,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories to walk")
    parser.add_argument("--format", default="text", choices=sorted(renderers()), help="report format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    rules_option(parser)
    parser.add_argument(
        "--lang",
        help="target language of articles whose file declares none, i.e. plain text (default: lang in reviewer.yaml, else en-US)",
    )
    parser.add_argument("--system", help="which MT system's output to check in a WMT XML test set")
    parser.add_argument("--no-languagetool", action="store_true", help="check with the rule packs and pair checks only")
    parser.add_argument(
        "--languagetool-url",
        action="append",
        metavar="URL",
        help="use the LanguageTool server at URL (repeatable: articles are spread over the servers; default: $REVIEWER_LANGUAGETOOL_URL, a background server, else one started for this run)",
    )
    parser.add_argument(
        "--languagetool-level",
        choices=LEVELS,
        help="LanguageTool's level (default: the profile's; the shipped mt-review profile is picky)",
    )
    parser.add_argument(
        "--require-languagetool",
        action="store_true",
        help="fail at once (exit 2) when LanguageTool cannot run; without it the articles LanguageTool could "
        "not check make the run incomplete (exit 4, see --allow-incomplete)",
    )
    parser.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="let the gates alone decide the exit code when a checker could not check some articles "
        "(they are still marked in the report); without it such a run exits 4",
    )
    parser.add_argument(
        "--baseline", metavar="REPORT.json", help="report and gate only issues not in this earlier --format json report"
    )
    parser.add_argument(
        "--jobs", "-j", type=positive_int, default=1, metavar="N", help="check N articles at a time (default: 1)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="check everything again instead of reusing cached results"
    )
    parser.add_argument(
        "--fail-on",
        type=_severity,
        metavar="SEVERITY",
        help="fail (exit 1) on any issue this severe or worse: minor, major, critical",
    )
    parser.add_argument(
        "--max-penalty",
        type=_finite,
        metavar="N",
        help="fail (exit 1) when MQM penalty per 100 words exceeds N, per article or for the batch",
    )
    parser.add_argument(
        "--min-chrf",
        type=_finite,
        metavar="X",
        help="fail (exit 1) when an article's chrF against its reference is below X",
    )
    parser.add_argument(
        "--max-ter",
        type=_finite,
        metavar="X",
        help="fail (exit 1) when an article's TER against its reference is above X",
    )
    parser.add_argument("--mqm-weights", metavar="FILE", help="MQM penalty weights (YAML; see README)")
    parser.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help="terminology to enforce (CSV source,target or TBX; repeatable): flags missing and inconsistent renderings",
    )
    parser.add_argument(
        "--min-rule-precision",
        type=_fraction,
        metavar="P",
        help="leave out rules whose precision in the review record (--db) is proven below P (0-1)",
    )
    database_option(parser, "review database for --min-rule-precision")
    parser.set_defaults(run=run)


def _finite(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}")
    return number


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"expected a precision between 0 and 1, got {value!r}")
    return number


def _severity(value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    config = run_config(
        args,
        glossaries=args.glossary or (),
        weights=load_weights(args.mqm_weights) if args.mqm_weights else DEFAULT_WEIGHTS,
        gates=Gates(
            fail_on=args.fail_on,
            max_penalty=args.max_penalty,
            min_chrf=args.min_chrf,
            max_ter=args.max_ter,
            allow_incomplete=args.allow_incomplete,
        ),
        languagetool_urls=args.languagetool_url or (),
        require_languagetool=args.require_languagetool,
        cache=not args.no_cache,
        db=args.db,
        min_rule_precision=args.min_rule_precision,
    )
    baseline = load_baseline(args.baseline) if args.baseline else None
    loaded = load_paths(args.paths, system=config.system, lang=config.lang)
    if not loaded.articles and not loaded.failures:
        raise ConfigError("no articles to check")
    with ExitStack() as stack:
        built = build_checkers(config, stack, loaded.articles)
        failures = [*built.errors, *loaded.failures]
        for failure in failures:
            tell("error", failure)
        for note in built.notes:
            tell("warning", note)
        cache = ResultCache(stack.enter_context(closing(open_cache(config.cache)))) if config.cache.enabled else None
        progress = stack.enter_context(progress_bar(len(loaded.articles)))
        report = check_batch(
            loaded.articles,
            built.checkers,
            gates=config.gates,
            failures=failures,
            weights=config.weights,
            jobs=args.jobs,
            cache=cache,
            progress=progress,
            baseline=baseline,
            tuning=config.rule_tuning,
        )
        cache_warning = cache.warning if cache else None
    warnings = [w for a in report.articles for w in a.result.warnings]
    for warning in dict.fromkeys([*warnings, *([cache_warning] if cache_warning else [])]):
        tell("warning", warning)
    write_text(renderers()[args.format](report), args.output)
    for gate in report.failed_gates:
        tell("gate failed", gate)
    for gap, count in gap_kinds(report):
        tell("incomplete", f"{count} article(s) not fully checked: {gap_text(gap)}")
    return report.exit_code
