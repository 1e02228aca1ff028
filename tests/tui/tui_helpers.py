"""What the terminal UI tests share besides fixtures: driving the app, a fake LanguageTool."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from reviewer.checkers import Signature
from reviewer.language import ANY_PAIR
from reviewer.model import Article, CheckOutcome, Finding, Severity
from reviewer.tui import ReviewerApp
from reviewer.tui.screens.review import ReviewScreen

FIXTURES = Path(__file__).parent / "fixtures"
SIZE = (120, 35)  # the terminal the screens are designed for


class FakeLanguageTool:
    """Flags "walkout" like a spelling checker would; holds its answers until released,
    as a LanguageTool server that is still starting does."""

    id = "languagetool"

    def __init__(self) -> None:
        self.released = threading.Event()

    def check(self, article: Article) -> CheckOutcome:
        self.released.wait()
        findings = [
            Finding(
                "FAKE_SPELLING",
                "Fluency/Spelling",
                Severity.MINOR,
                "Possible spelling mistake",
                m.start(),
                m.end(),
                ("walk-out", "strike"),
            )
            for m in re.finditer(r"\bwalkout\b", article.text)
        ]
        return CheckOutcome(findings=findings)

    pairs = ANY_PAIR

    def signature(self) -> Signature:
        return Signature(label="fake", about={"version": "fake"})


def review_screen(pilot: Pilot[None]) -> ReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen), f"expected the review screen, got {type(screen).__name__}"
    return screen


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages land (loading, checking, saving)."""
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers) and not app.workspace.saves:
            await pilot.pause()
            return
    raise AssertionError("the app kept working: workers or saves never finished")


Scenario = Callable[[Pilot[None]], Awaitable[None]]


def run(app: ReviewerApp, scenario: Scenario, settled: bool = True) -> list[str]:
    """Run `scenario` against the app in a headless terminal (once it has settled, unless
    told not to wait); returns the notifications shown, as "title: message" lines."""
    notes: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notes.append(f"{message.notification.title}: {message.notification.message}")

    async def main() -> None:
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            if settled:
                await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())
    return notes
