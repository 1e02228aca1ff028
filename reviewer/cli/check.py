"""`reviewer check`: flag the issues of a batch and report them, for people and pipelines."""

from __future__ import annotations

import argparse
import math
from contextlib import ExitStack

from reviewer import rule_tuning
from reviewer.baseline import load_baseline, new_issues_only
from reviewer.batch import apply_gates, check_batch
from reviewer.checkers import Checker, Disabled
from reviewer.checkers.glossary import ConsistencyChecker, GlossaryChecker
from reviewer.checkers.languagetool import languagetool_checker
from reviewer.checkers.pair import PairChecker
from reviewer.checkers.rules import RulesChecker, default_rule_dirs
from reviewer.checkers.source_terms import SourceTermsChecker
from reviewer.checkers.spread import SpreadChecker
from reviewer.cli import tell
from reviewer.cli.arguments import positive_int
from reviewer.cli.progress import progress_bar
from reviewer.errors import ConfigError
from reviewer.gates import Gates
from reviewer.glossary import read_glossary
from reviewer.languagetool.settings import LEVELS, LanguageToolSettings, load_settings
from reviewer.loaders import load_paths
from reviewer.model import Severity
from reviewer.mqm import DEFAULT_WEIGHTS
from reviewer.output import write_text
from reviewer.pipeline import gap_text
from reviewer.report import gap_kinds, renderers
from reviewer.result_cache import ResultCache
from reviewer.rules import load_packs
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
    parser.add_argument(
        "--rules", action="append", metavar="DIR", help="rule pack file or directory (repeatable; default: ./rules)"
    )
    parser.add_argument("--lang", help="target language of plain-text articles (default: en-US)")
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
        help="fail (exit 2) instead of going on without LanguageTool when it cannot run",
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
    rule_tuning.add_arguments(parser)  # issue 13: --min-rule-precision, --db (lead: fold into the run config)
    parser.set_defaults(run=run)


def _finite(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}")
    return number


def _severity(value: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _languagetool(stack: ExitStack, urls: list[str] | None, require: bool, settings: LanguageToolSettings) -> Checker:
    """LanguageTool for this run, spread over every server that answers. A server that
    does not is named on stderr and left out; when none answers, every article gets the
    checker's gap (its reason printed once), so it is incompletely checked and never cached."""
    given: list[str | None] = [*urls] if urls else [None]  # None: the environment's, the background or our own
    instances = [stack.enter_context(languagetool_checker(url, require=require, settings=settings)) for url in given]
    working = [instance for instance in instances if instance.reason is None]
    if working and len(working) < len(instances):
        for url, instance in zip(urls or [], instances):
            if instance.reason is not None:
                tell("warning", f"leaving out LanguageTool at {url}: {instance.reason}")
    if not working:
        return instances[0]
    return working[0] if len(working) == 1 else SpreadChecker(working)


def run(args: argparse.Namespace) -> int:
    baseline = load_baseline(args.baseline) if args.baseline else None
    weights = load_weights(args.mqm_weights) if args.mqm_weights else DEFAULT_WEIGHTS
    tuning = rule_tuning.load_tuning(args.min_rule_precision, args.db)  # issue 13 (lead: run config)
    packs = load_packs(args.rules or default_rule_dirs())
    rules, rule_errors = RulesChecker(packs.packs), packs.errors
    glossaries = [read_glossary(path) for path in args.glossary or []]
    loaded = load_paths(args.paths, system=args.system, lang=args.lang)
    failures = [*rule_errors, *loaded.failures]
    for failure in failures:
        tell("error", failure)
    if not loaded.articles and not loaded.failures:
        raise ConfigError("no articles to check")
    gates = Gates(
        fail_on=args.fail_on,
        max_penalty=args.max_penalty,
        min_chrf=args.min_chrf,
        max_ter=args.max_ter,
        allow_incomplete=args.allow_incomplete,
    )
    cache = None if args.no_cache else ResultCache.default()
    with ExitStack() as stack:
        if args.no_languagetool:
            languagetool: Checker = Disabled("languagetool", "--no-languagetool")
        elif not loaded.articles:  # nothing could be read: no server to start for it
            languagetool = Disabled("languagetool", "no article could be read")
        else:
            settings = load_settings().with_level(args.languagetool_level)
            languagetool = _languagetool(stack, args.languagetool_url, args.require_languagetool, settings)
        checkers: list[Checker] = [languagetool, rules, SourceTermsChecker(packs.packs), PairChecker()]
        if glossaries:
            checkers += [GlossaryChecker(glossaries), ConsistencyChecker(glossaries).for_batch(loaded.articles)]
        progress = stack.enter_context(progress_bar(len(loaded.articles)))
        report = check_batch(
            loaded.articles,
            checkers,
            gates=gates,
            failures=failures,
            weights=weights,
            jobs=args.jobs,
            cache=cache,
            progress=progress,
        )
    if baseline is not None:
        report = apply_gates(new_issues_only(report, baseline), gates)
    if tuning.active:  # issue 13: reviewer.yaml rule_tuning and --min-rule-precision (lead: run config)
        report = apply_gates(rule_tuning.tune_report(report, tuning, weights), gates)
    warnings = [w for a in report.articles for w in a.result.warnings]
    for warning in dict.fromkeys([*warnings, *([cache.warning] if cache and cache.warning else [])]):
        tell("warning", warning)
    write_text(renderers()[args.format](report), args.output)
    for gate in report.failed_gates:
        tell("gate failed", gate)
    for gap, count in gap_kinds(report):
        tell("incomplete", f"{count} article(s) not fully checked: {gap_text(gap)}")
    return report.exit_code
