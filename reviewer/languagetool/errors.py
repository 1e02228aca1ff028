"""What goes wrong with LanguageTool, in words a user can act on."""

from __future__ import annotations

from reviewer.errors import ReviewerError


class LanguageToolError(ReviewerError):
    """LanguageTool cannot be installed, started or asked; the message says what to do."""


class ServerUnavailable(LanguageToolError):
    """The server did not answer (refused, reset, timed out): worth a restart and one retry."""
