"""Fixtures for the terminal UI: a small flagged article, its store, and an app built the
way the CLI builds it, made deterministic (no cursor blink, no developer settings)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea
from tui_helpers import FIXTURES, FakeLanguageTool

from reviewer.config import RunConfig
from reviewer.store import ReviewStore
from reviewer.tui import ReviewerApp, Settings, make_app


@pytest.fixture(autouse=True)
def steady_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Snapshots and key presses must not depend on a blinking cursor, the developer's
    Textual settings, name or working directory."""
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    for name in ("TEXTUAL_THEME", "TEXTUAL_ANIMATIONS", "REVIEWER_NAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    """harbour.txt (with source and reference sidecars) in the working directory."""
    for name in ("harbour.txt", "harbour.src.txt", "harbour.ref.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReviewStore]:
    with ReviewStore.open(tmp_path / "reviews.db") as opened:
        yield opened


@pytest.fixture
def fake_languagetool() -> Iterator[FakeLanguageTool]:
    checker = FakeLanguageTool()
    yield checker
    checker.released.set()  # never leave a worker thread waiting


AppFactory = Callable[..., ReviewerApp]


@pytest.fixture
def build_app(article_dir: Path, store: ReviewStore) -> AppFactory:
    """`build_app(**settings)`: the app as the CLI makes it, on harbour.txt by default."""

    def build(
        store: ReviewStore = store, fake_languagetool: FakeLanguageTool | None = None, **overrides: Any
    ) -> ReviewerApp:
        settings: dict[str, Any] = {
            "paths": ("harbour.txt",),
            "config": RunConfig.build(os.environ, Path.cwd(), reviewer="anna", rule_paths=[FIXTURES / "rules"]),
        }
        if fake_languagetool is not None:

            @contextmanager
            def start() -> Iterator[FakeLanguageTool]:
                yield fake_languagetool

            settings["languagetool"] = start
        settings.update(overrides)
        return make_app(Settings(**settings), store)

    return build
