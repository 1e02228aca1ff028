"""What one run of the review app was asked to do, as the command line gave it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from reviewer.config import RunConfig
from reviewer.review_session import Clock, utc_now
from reviewer.store.claims import CLAIM_TTL
from reviewer.workspace import LanguageToolFactory

RECHECK_DELAY = 0.25
"""Seconds of quiet in the editor before LanguageTool re-checks the segment: with its
answer on a warm server in about 0.1 s, its flags are back within 0.4 s of the last key
(the rule packs answer sooner, after `FAST_DELAY`)."""


@dataclass(frozen=True)
class Settings:
    config: RunConfig
    """The run's configuration, built by the CLI: who is reviewing (recorded with every
    edit and decision, shown in the header), rule packs, languages, the WMT system."""

    paths: tuple[str, ...] = ("corpora",)
    """Article files and directories to review (directories are walked)."""

    languagetool: LanguageToolFactory | None = None
    """How to reach LanguageTool; None reviews with the rule packs only."""

    recheck_delay: float = RECHECK_DELAY
    """Seconds of quiet in the editor before the segment is checked again."""

    clock: Clock = utc_now
    """Where the review reads the time (the seconds spent on a segment); tests move a
    clock of their own by hand."""

    claim_ttl: timedelta = CLAIM_TTL
    """How long the claim on an open article lasts without a heartbeat; the app renews
    it every third of that, so others see it free soon after this run stops."""
