"""What one run of the review app was asked to do, as the command line gave it."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.review_session import Clock, utc_now
from reviewer.workspace import LanguageToolFactory


@dataclass(frozen=True)
class Settings:
    paths: tuple[str, ...] = ("corpora",)
    """Article files and directories to review (directories are walked)."""

    reviewer: str = "reviewer"
    """Who is reviewing; recorded with every edit and decision, shown in the header."""

    rules: tuple[str, ...] | None = None
    """Rule pack files or directories; None means the default rule directories."""

    lang: str | None = None
    """Target language of every article, overriding what the files say."""

    system: str | None = None
    """Which MT system's output to review in a WMT test set."""

    languagetool: LanguageToolFactory | None = None
    """How to reach LanguageTool; None reviews with the rule packs only."""

    recheck_delay: float = 0.4
    """Seconds of quiet in the editor before the segment is checked again."""

    clock: Clock = utc_now
    """Where the review reads the time (the seconds spent on a segment); tests move a
    clock of their own by hand."""
