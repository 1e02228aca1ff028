"""Every checker of a run, built from its configuration, in one place.

`reviewer check`, the review app and its segment re-checker all get their checkers here,
so a checker added to the registry runs everywhere, with the same settings, and shows
in every report. The fast checkers (rule packs, source terms, pair checks, glossaries)
answer in milliseconds and are built apart, so the review app can flag articles before
LanguageTool is up.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field

from reviewer.cache import Cache
from reviewer.checkers import Checker, Disabled
from reviewer.checkers.glossary import ConsistencyChecker, GlossaryChecker
from reviewer.checkers.languagetool import LanguageToolChecker, languagetool_checker
from reviewer.checkers.pair import RULE_IDS as PAIR_RULE_IDS
from reviewer.checkers.pair import PairChecker
from reviewer.checkers.rules import RulesChecker
from reviewer.checkers.source_terms import SourceTermsChecker
from reviewer.checkers.spread import SpreadChecker
from reviewer.config import CacheConfig, RunConfig
from reviewer.errors import ReviewerError
from reviewer.glossary import read_glossary
from reviewer.languagetool.cache import MatchCache
from reviewer.languagetool.home import Home
from reviewer.model import Article
from reviewer.rule_tuning import unknown_ids
from reviewer.rules import load_packs

LANGUAGETOOL = "languagetool"


@dataclass
class Checkers:
    """A run's checkers, what was wrong with their data (broken rule packs: the other
    packs still run) and notes for the user (a LanguageTool server left out)."""

    checkers: list[Checker]
    errors: list[ReviewerError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fast_checkers(config: RunConfig, articles: Sequence[Article] = ()) -> Checkers:
    """The checkers that need no server. `articles` is the batch, for checks that compare
    articles with each other (glossary consistency across the batch)."""
    packs = load_packs(list(config.rule_paths))
    checkers: list[Checker] = [RulesChecker(packs.packs), SourceTermsChecker(packs.packs), PairChecker()]
    if config.glossaries:
        glossaries = [read_glossary(path) for path in config.glossaries]
        checkers += [GlossaryChecker(glossaries), ConsistencyChecker(glossaries).for_batch(articles)]
    known = {rule.id for pack in packs.packs for rule in pack.rules} | set(PAIR_RULE_IDS)
    return Checkers(checkers, list(packs.errors), unknown_ids(config.rule_tuning, known))


def build_checkers(config: RunConfig, stack: ExitStack, articles: Sequence[Article]) -> Checkers:
    """Every checker of a batch run: LanguageTool first, then the fast ones. Servers and
    caches opened here are closed (and a server started here stopped) with `stack`."""
    fast = fast_checkers(config, articles)
    if config.languagetool.off is not None:
        languagetool: Checker = Disabled(LANGUAGETOOL, config.languagetool.off)
        notes: list[str] = []
    elif not articles:  # nothing could be read: no server to start for it
        languagetool, notes = Disabled(LANGUAGETOOL, "no article could be read"), []
    else:
        languagetool, notes = _spread_languagetool(config, stack)
    return Checkers([languagetool, *fast.checkers], fast.errors, [*fast.notes, *notes])


def open_languagetool(config: RunConfig, stack: ExitStack, url: str | None) -> LanguageToolChecker:
    """LanguageTool at `url` (None: the background server, else one of our own), with the
    run's settings and match cache, for as long as `stack` is open."""
    lt = config.languagetool
    cache = MatchCache(stack.enter_context(closing(open_cache(config.cache, always=True))))
    return stack.enter_context(
        languagetool_checker(url, home=Home.at(lt.home), settings=lt.settings, cache=cache, require=lt.require)
    )


def open_cache(config: CacheConfig, always: bool = False) -> Cache:
    """Reviewer's one cache as configured; with `--no-cache` (and not `always`: caches
    of answers that cannot go stale are kept) one that keeps nothing."""
    if config.enabled or always:
        return Cache.in_directory(config.directory, config.max_bytes)
    return Cache(None)


def _spread_languagetool(config: RunConfig, stack: ExitStack) -> tuple[Checker, list[str]]:
    """LanguageTool spread over every configured server that answers. A server that does
    not is noted and left out; when none answers, the checker of the first stands, so
    every article gets its gap (incompletely checked, never cached)."""
    urls = config.languagetool.urls
    given: list[str | None] = [*urls] if urls else [None]  # None: the background server or our own
    instances = [open_languagetool(config, stack, url) for url in given]
    working = [instance for instance in instances if instance.reason is None]
    if not working:
        return instances[0], []
    notes = [
        f"leaving out LanguageTool at {url}: {instance.reason}"
        for url, instance in zip(urls, instances)
        if instance.reason is not None
    ]
    return (working[0] if len(working) == 1 else SpreadChecker(working)), notes
