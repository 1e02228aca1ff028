"""What goes wrong with LanguageTool, in words a user can act on."""

from __future__ import annotations

from pathlib import Path

from reviewer.errors import ReviewerError


class LanguageToolError(ReviewerError):
    """LanguageTool cannot be installed, started or asked; the message says what to do."""


class ServerUnavailable(LanguageToolError):
    """The server did not answer (refused, reset, timed out): worth a restart and one retry."""


def unusable_directory(directory: Path, error: OSError) -> LanguageToolError:
    """A directory under the LanguageTool home that cannot be made or written (a file in
    the way, no permission, disk full): the home is the user's to fix or move."""
    return LanguageToolError(
        f"{directory}: cannot keep LanguageTool's files here ({error.strerror or error}); set REVIEWER_LT_HOME to a usable directory"
    )
