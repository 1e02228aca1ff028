"""The review app with the real LanguageTool server (slow: the server starts for it)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import run, settle

from reviewer.cli.review import languagetool_for_review
from reviewer.tui.screens.review import ReviewScreen
from reviewer.tui.widgets.status import StatusLine

pytestmark = pytest.mark.languagetool


def test_languagetool_flags_join_the_rule_flags_and_follow_edits(build_app, article_dir: Path, make_config) -> None:
    (article_dir / "grammar.txt").write_text(
        "A short title\n\nRuler Kim said he go home on Tuesday.\n", encoding="utf-8"
    )

    async def scenario(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        for _ in range(600):  # the server may take a while to start
            await settle(pilot)
            if screen.query_one(StatusLine).languagetool in ("ready", "failed"):
                break
            await pilot.pause(0.05)
        assert screen.query_one(StatusLine).languagetool == "ready", screen.query_one(StatusLine).detail
        checkers = {issue.checker for issue in screen.session.visible(1)}
        assert {"rules", "languagetool"} <= checkers, screen.session.visible(1)
        await pilot.press("j", "e", "end", *" They goes.")
        await pilot.pause(0.5)  # past the re-check delay
        await settle(pilot)
        assert "goes" in [issue.text for issue in screen.session.visible(1) if issue.checker == "languagetool"]

    run(build_app(paths=("grammar.txt",), languagetool=partial(languagetool_for_review, make_config())), scenario)
