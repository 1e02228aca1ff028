"""What workers tell the screens when their work is done: small dataclass messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reviewer.checkers import Checker
from reviewer.claim_keeper import Lost
from reviewer.errors import ReviewerError
from reviewer.model import Issue
from reviewer.rechecks import CheckRun
from reviewer.review_session import PendingSave, ReviewSession
from reviewer.scoring import MetricScore
from reviewer.segment_checks import TextsChecked
from reviewer.store import EditRecord


@dataclass
class ArticlesLoaded(Message):
    """The paths are read and their reviews opened; failures are per file or review."""

    sessions: list[ReviewSession]
    failures: list[ReviewerError]


@dataclass
class LoadedNothing(Message):
    """A path opened from inside the app held no article not already in the list."""

    path: str


@dataclass
class CheckersBuilt(Message):
    """The fast checkers are ready; failures are broken rule packs or rules."""

    checkers: list[Checker]
    failures: list[ReviewerError]


@dataclass
class EditSaved(Message):
    """A save was recorded in the store (or could not be: `error`)."""

    session: ReviewSession
    pending: PendingSave
    record: EditRecord | None
    error: ReviewerError | None = None


@dataclass
class ArticleChecked(Message):
    """A whole-article check finished, for the texts it was given."""

    key: str
    texts: dict[int, str]
    checked: TextsChecked
    languagetool: bool


@dataclass
class SegmentChecked(Message):
    """A check of one segment's text finished (the text may be stale by now)."""

    index: int
    text: str
    issues: list[Issue]
    run: CheckRun
    """Which re-check it is: a result older than the one shown is dropped."""


@dataclass
class SegmentScored(Message):
    """Scores of one segment's text against its MT (and reference) are ready."""

    index: int
    text: str
    scores: dict[str, MetricScore]


@dataclass
class LanguageToolChanged(Message):
    """LanguageTool became ready (with its checker) or could not be used (with why)."""

    state: str
    detail: str = ""
    checker: Checker | None = None


@dataclass
class ClaimsRead(Message):
    """The heartbeat ran: claims it could not keep, and who works on what now."""

    lost: list[Lost]
    who: dict[str, str]
