"""The terminal UI: the only part of reviewer that imports Textual."""

from reviewer.tui.app import ReviewerApp, make_app
from reviewer.tui.settings import Settings

__all__ = ["ReviewerApp", "Settings", "make_app"]
