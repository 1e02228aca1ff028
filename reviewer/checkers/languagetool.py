"""The `languagetool` checker: the real LanguageTool server, asked about each article.

An article is cut into pieces (its segments); pieces LanguageTool has seen before, with
the same version and parameters, come from the cache, and the rest go to the server in
as few requests as the size limit allows. When the article was translated from German,
`motherTongue=de` is sent so that LanguageTool's false-friend rules can apply.

`languagetool_checker()` is what front ends call: it finds the server for the length of
the command (or gets ready to start one when an article first needs it) and yields a
checker, enabled or disabled with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reviewer.checkers import Signature
from reviewer.language import CHECKED_VARIANTS, LANGUAGETOOL_PAIRS, primary
from reviewer.languagetool.cache import MatchCache, cache_key
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.home import Home
from reviewer.languagetool.matches import split_matches, to_finding
from reviewer.languagetool.session import LanguageToolSession, languagetool_session
from reviewer.languagetool.settings import LanguageToolSettings
from reviewer.languagetool.text import MAX_CHARS, Joined, batches, pieces
from reviewer.model import Article, CheckOutcome, Finding, Gap


class LanguageToolChecker:
    """Checks articles with a LanguageTool session.

    The session's own server starts with the first article that needs it (an article
    whose result came from the result cache never gets here). An article LanguageTool
    could not check (no server, a start that failed, a server lost mid-batch and not
    recovered, a language the server lacks) gets a gap, not a warning: its result is
    incomplete, so it neither passes a batch nor goes into the result cache. The reason
    never names the article, so a front end counts each kind once. With `require`, any
    of these is an error instead. A match cache that cannot be used is only a warning:
    LanguageTool still checked the article.
    """

    id = "languagetool"
    pairs = LANGUAGETOOL_PAIRS

    def __init__(
        self,
        session: LanguageToolSession,
        settings: LanguageToolSettings | None = None,
        cache: MatchCache | None = None,
        require: bool = False,
        max_chars: int = MAX_CHARS,
    ) -> None:
        self.session = session
        self.settings = settings or LanguageToolSettings()
        self.cache = cache or MatchCache()
        self.require = require
        self.max_chars = max_chars

    @property
    def reason(self) -> str | None:
        """Why LanguageTool is off; None when it is on."""
        return None if self.session.available else self.session.reason

    def signature(self) -> Signature:
        """The report's `languagetool` block: version and settings; the URL (`None`: no
        server was needed) is where it ran, not what it is."""
        session = self.session
        if not session.available:
            return Signature.off(session.reason or "not started")
        settings = self.settings
        about = {"version": session.version, "profile": settings.profile, "level": settings.level}
        return Signature(
            label=str(session.version),
            about={**about, "settings": settings.fingerprint()},
            where={"url": session.url},
        )

    def check(self, article: Article) -> CheckOutcome:
        if not self.session.lost and not self.session.start():  # the first article to need it starts it
            if self.require:
                raise LanguageToolError(self.session.reason or "LanguageTool is not available")
            return CheckOutcome(gaps=[Gap(self.id, self.session.reason or "LanguageTool is not available")])
        try:
            findings = self._findings(article)
        except LanguageToolError as error:
            if self.require:
                raise
            return CheckOutcome(gaps=[Gap(self.id, str(error))])
        return CheckOutcome(findings=findings, warnings=[self.cache.warning] if self.cache.warning else [])

    def params(self, article: Article) -> dict[str, str]:
        """The request parameters for `article`, besides its text."""
        known = self.session.languages()
        language = CHECKED_VARIANTS.get(article.lang, article.lang)
        if language not in known:
            raise LanguageToolError(f"LanguageTool at {self.session.url} has no language {article.lang!r}")
        params = {"language": language}
        mother = primary(article.source_lang)
        if mother and mother != primary(language) and mother in known:
            params["motherTongue"] = mother
        settings = self.settings
        if settings.level != "default":
            params["level"] = settings.level
        for name, listed in (
            ("enabledRules", settings.enabled_rules),
            ("disabledRules", settings.disabled_rules),
            ("enabledCategories", settings.enabled_categories),
            ("disabledCategories", settings.disabled_categories),
        ):
            if listed:
                params[name] = ",".join(sorted(listed))
        return params

    def _findings(self, article: Article) -> list[Finding]:
        params = self.params(article)
        version = self.session.version or "unknown"
        spans = [(segment.start, segment.end) for segment in article.segments]
        found = pieces(article.text, spans, self.max_chars)
        keys = [cache_key(piece.text, version, params) for piece in found]
        known = self.cache.get_many({key: len(piece.text) for piece, key in zip(found, keys)})
        pending = {key: piece for piece, key in zip(found, keys) if key not in known}  # a repeated piece once
        key_of = {piece: key for key, piece in pending.items()}
        for batch in batches(pending.values(), self.max_chars):
            joined = Joined.of(batch)
            answer = self.session.check({**params, "text": joined.text})
            fresh = {key_of[piece]: records for piece, records in zip(batch, split_matches(answer, joined))}
            self.cache.put_many(fresh)
            known.update(fresh)
        accepted = self.settings.accepted_words
        findings = (to_finding(record, piece, accepted) for piece, key in zip(found, keys) for record in known[key])
        return [finding for finding in findings if finding is not None]


@contextmanager
def languagetool_checker(
    url: str | None = None,
    *,
    home: Home,
    settings: LanguageToolSettings,
    cache: MatchCache,
    require: bool = False,
) -> Iterator[LanguageToolChecker]:
    """A LanguageTool checker for the length of a command (see `languagetool_session`);
    what it is given comes from the run configuration (`reviewer.registry` builds it)."""
    with languagetool_session(url, require=require, home=home) as session:
        yield LanguageToolChecker(session, settings, cache, require)
