"""The `languagetool` checker: the real LanguageTool server, asked about each article.

An article is cut into pieces (its segments); pieces LanguageTool has seen before, with
the same version and parameters, come from the cache, and the rest go to the server in
as few requests as the size limit allows. When the article was translated from German,
`motherTongue=de` is sent so that LanguageTool's false-friend rules can apply.

`languagetool_checker()` is what front ends call: it finds or starts the server for the
length of the command and yields a checker, enabled or disabled with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reviewer.languagetool.cache import MatchCache, cache_key
from reviewer.languagetool.errors import LanguageToolError
from reviewer.languagetool.home import Home
from reviewer.languagetool.matches import split_matches, to_finding
from reviewer.languagetool.session import LanguageToolSession, languagetool_session
from reviewer.languagetool.settings import LanguageToolSettings, load_settings
from reviewer.languagetool.text import MAX_CHARS, Joined, batches, pieces
from reviewer.loaders.base import DEFAULT_VARIANTS
from reviewer.model import Article, CheckOutcome, Finding
from reviewer.result_cache import default_cache_dir


class LanguageToolChecker:
    """Checks articles with a LanguageTool session.

    When the session never had a server, every article gets the same warning (so a front
    end that prints each distinct warning says it once, and a result cache that keeps only
    results without warnings does not remember "no LanguageTool issues"). With `require`,
    a server lost mid-batch (and not recovered) is an error; without it, the article gets
    a warning and the batch goes on with the other checkers.
    """

    id = "languagetool"

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

    def describe(self) -> dict[str, Any]:
        described = self.session.describe()
        if described["enabled"]:
            described["profile"] = self.settings.profile
            described["level"] = self.settings.level
            described["settings"] = self.settings.fingerprint()
        return described

    def check(self, article: Article) -> CheckOutcome:
        if not self.session.available and not self.session.lost:
            return CheckOutcome(warnings=[f"checking without LanguageTool: {self.session.reason}"])
        try:
            findings = self._findings(article)
        except LanguageToolError as error:
            if self.require:
                raise
            return CheckOutcome(warnings=[f"{article.path}: not checked by LanguageTool: {error}"])
        return CheckOutcome(findings=findings, warnings=[self.cache.warning] if self.cache.warning else [])

    def params(self, article: Article) -> dict[str, str]:
        """The request parameters for `article`, besides its text."""
        known = self.session.languages()
        language = DEFAULT_VARIANTS.get(article.lang, article.lang)
        if language not in known:
            raise LanguageToolError(f"LanguageTool at {self.session.url} has no language {article.lang!r}")
        params = {"language": language}
        mother = (article.source_lang or "").split("-")[0].lower()
        if mother and mother != language.split("-")[0].lower() and mother in known:
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
        known = self.cache.get_many(keys)
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
    require: bool = False,
    settings: LanguageToolSettings | None = None,
    cache: MatchCache | None = None,
    home: Home | None = None,
) -> Iterator[LanguageToolChecker]:
    """A LanguageTool checker for the length of a command (see `languagetool_session`).

    Settings come from the working directory's reviewer.yaml unless given; the cache is
    `languagetool.db` in reviewer's cache directory unless given.
    """
    settings = settings if settings is not None else load_settings()
    owned_cache = cache is None
    cache = cache if cache is not None else MatchCache(default_cache_dir() / "languagetool.db")
    try:
        with languagetool_session(url, require=require, home=home) as session:
            yield LanguageToolChecker(session, settings, cache, require)
    finally:
        if owned_cache:
            cache.close()
