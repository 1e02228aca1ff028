"""Every article of one `reviewer review` run, without a user interface.

The terminal UI draws and asks; this module decides: which reviews are open, which
checkers are in use (the fast ones first, LanguageTool once it is up), which check
result a review takes, and in which order saves are recorded. Keeping it free of
Textual (a test enforces that) means the lifecycle is tested without a terminal.

Threads: `open_articles`, `start_languagetool` and `record` may run in worker threads
(they only read the files, start the server, or talk to the thread-safe store); every
other method changes the workspace and is called from one thread, the UI's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import timedelta

from reviewer.checkers import Checker
from reviewer.claim_keeper import ClaimKeeper, who
from reviewer.errors import ReviewerError
from reviewer.language import LanguageTag
from reviewer.loaders import load_paths
from reviewer.review_session import ArticleSummary, Clock, PendingSave, ReviewSession, utc_now
from reviewer.segment_checks import TextsChecked
from reviewer.store import EditConflict, EditRecord, ReviewStore
from reviewer.store.claims import CLAIM_TTL

Save = tuple[ReviewSession, PendingSave]
# Finds a running LanguageTool or starts one, yields its checker, stops what it started.
LanguageToolFactory = Callable[[], AbstractContextManager[Checker]]


def session_key(session: ReviewSession) -> str:
    """A session's key in the workspace and the article list: its review's key in the
    store, which tells apart the systems of a test set and merges two paths to one file."""
    return str(session.review.article_key)


@dataclass(frozen=True)
class Opened:
    """What loading the run's paths gave: the reviews opened, and what could not be."""

    sessions: list[ReviewSession]
    failures: list[ReviewerError]


class SaveQueue:
    """Saves are recorded one at a time, in the order taken, each finished before the
    next starts (so each knows the text the previous one left). While the reviewer
    settles a conflict, saves wait; a quit waits for the queue to empty."""

    def __init__(self) -> None:
        self._queue: deque[Save] = deque()
        self.recording = False
        self.resolving = False  # a conflict is shown: saves wait for the reviewer's choice
        self.quitting = False

    def __len__(self) -> int:
        return len(self._queue)

    def add(self, session: ReviewSession, pending: PendingSave) -> None:
        self._queue.append((session, pending))

    def start_next(self) -> Save | None:
        """The save to record now, or None while one is recorded, a conflict is open or
        nothing waits."""
        if self.recording or self.resolving or not self._queue:
            return None
        self.recording = True
        return self._queue[0]

    def may_quit(self) -> bool:
        """A quit was asked for and every save is recorded."""
        return self.quitting and not self._queue and not self.recording and not self.resolving

    def finished(self, record: EditRecord | None) -> Save:
        """The save in flight is done: recorded (with `record`), or refused (None), in which
        case its text stays a draft and a quit waits for the reviewer."""
        session, pending = self._queue.popleft()
        self.recording = False
        if record is None:
            session.failed_save(pending)
            self.quitting = False
        else:
            session.finish_save(pending)
        return session, pending

    def withdraw(self, conflict: EditConflict, session: ReviewSession) -> None:
        """Another reviewer saved the segment first: the later saves of it, queued behind
        the refused one, go back to its draft (it holds their text already); they would
        only conflict too. Saves wait until `resolved`."""
        for queued in [q for q in self._queue if q[0] is session and q[1].index == conflict.segment]:
            self._queue.remove(queued)
            session.failed_save(queued[1])
        self.resolving = True

    def resolved(self) -> None:
        self.resolving = False


class Workspace:
    """The reviews of one run, the checkers they share, and the queue of their saves."""

    def __init__(
        self, store: ReviewStore, reviewer: str, clock: Clock = utc_now, claim_ttl: timedelta = CLAIM_TTL
    ) -> None:
        self.store = store
        self.reviewer = reviewer
        self.clock = clock
        self.sessions: dict[str, ReviewSession] = {}
        self.checked: set[str] = set()  # sessions whose issues came in at least once
        self.languagetool_checked: set[str] = set()  # ... with LanguageTool's among them
        self.warned: set[str] = set()  # checker warnings already shown
        self.fast: list[Checker] = []  # rule packs and pair checks: milliseconds
        self.slow: list[Checker] = []  # LanguageTool, once it is up
        self.saves = SaveQueue()
        self.claims = ClaimKeeper(store, reviewer, clock, claim_ttl)
        self._resources = ExitStack()

    # loading

    def open_articles(self, paths: Sequence[str], system: str | None, lang: LanguageTag | None) -> Opened:
        """Read the articles and open (or resume) their reviews; thread-safe. One file
        named by two paths is one review."""
        loaded = load_paths(list(paths), system=system, lang=lang)
        failures: list[ReviewerError] = list(loaded.failures)
        opened: dict[str, ReviewSession] = {}
        for article in loaded.articles:
            try:
                session = ReviewSession.open(self.store, article, self.reviewer, self.clock)
            except ReviewerError as error:
                failures.append(error)
                continue
            opened.setdefault(session_key(session), session)
        return Opened(list(opened.values()), failures)

    def add(self, sessions: Sequence[ReviewSession]) -> list[str]:
        """Take the opened reviews; returns their keys, in order."""
        for session in sessions:
            self.sessions[session_key(session)] = session
        return [session_key(session) for session in sessions]

    def unlisted(self, sessions: Sequence[ReviewSession]) -> list[ReviewSession]:
        """The opened reviews not in the workspace yet: a path opened again adds only
        the articles it holds that are not listed."""
        return [session for session in sessions if session_key(session) not in self.sessions]

    def summaries(self) -> list[ArticleSummary]:
        return [session.summary() for session in self.sessions.values()]

    def who(self) -> dict[str, str]:
        """Who is working on each article (the list's column): this reviewer as "you",
        others by name; reads the store, so thread-safe."""
        others = self.claims.others()
        return {
            key: who(others.get(key, []), key in self.claims.held, len(session.article.segments))
            for key, session in list(self.sessions.items())  # the UI thread may add meanwhile
        }

    # checkers: the fast ones first, then LanguageTool

    @property
    def checkers(self) -> list[Checker]:
        return [*self.fast, *self.slow]

    def start_languagetool(self, factory: LanguageToolFactory) -> Checker:
        """Enter LanguageTool's context (find or start the server) for the workspace's
        lifetime; thread-safe. Raises `ReviewerError` when it cannot be used."""
        return self._resources.enter_context(factory())

    def full_check_due(self) -> bool:
        """Every article is checked with LanguageTool once both kinds of checker are in."""
        return bool(self.fast and self.slow and self.sessions)

    def by_priority(self, current: ReviewSession | None) -> list[str]:
        """Session keys, the article on screen first: its LanguageTool flags matter most."""
        keys = list(self.sessions)
        keys.sort(key=lambda k: self.sessions[k] is not current)
        return keys

    def take_check(
        self, key: str, texts: dict[int, str], checked: TextsChecked, languagetool: bool
    ) -> list[str] | None:
        """A whole-article check came in: the review takes it (segments edited since keep
        their issues). Returns the warnings not shown yet, or None when the check is
        stale (the rule packs' answer after LanguageTool's, which had the rules in it)."""
        if not languagetool and key in self.languagetool_checked:
            return None
        if languagetool:
            self.languagetool_checked.add(key)
        self.sessions[key].set_all_issues(texts, checked)
        self.checked.add(key)
        fresh = [warning for warning in dict.fromkeys(checked.warnings) if warning not in self.warned]
        self.warned.update(fresh)
        return fresh

    # saving

    def record(self, session: ReviewSession, pending: PendingSave) -> EditRecord | ReviewerError:
        """Record a save with the checkers in use (thread-safe): the record, or why not."""
        try:
            return session.record(pending, self.checkers)
        except ReviewerError as error:
            return error

    def settle(self, session: ReviewSession, conflict: EditConflict, theirs: bool) -> None:
        """The reviewer chose how a conflict ends: their text, or the reviewer's own kept
        as a draft to save over it. The saves held meanwhile go on."""
        self.saves.resolved()
        if theirs:
            session.take_theirs(conflict)
        else:
            session.keep_mine(conflict)

    def unsaved(self) -> list[ReviewSession]:
        return [session for session in self.sessions.values() if session.unsaved()]

    def close(self) -> None:
        """Give up this reviewer's claims and stop what the workspace started (LanguageTool)."""
        try:
            self.claims.release_all()
        finally:  # a store gone away must not leave LanguageTool running
            self._resources.close()
