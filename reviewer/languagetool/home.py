"""Where LanguageTool lives on this machine: one per-user directory, shared by every project.

Layout under the home (`REVIEWER_LT_HOME`, else `$XDG_CACHE_HOME/reviewer/languagetool`):

    6.8/jars/*.jar        the server and its dependencies, from Maven Central
    6.8/installed         written last by `install`; without it the install is incomplete
    run/server.json       the background server that `reviewer languagetool start` left running
    run/*.properties      server settings, run/*.log server output

The match cache is not here: it lives with reviewer's other caches (`REVIEWER_CACHE_DIR`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VERSION = "6.8"
"""The LanguageTool release the shipped pom.xml pins."""


@dataclass(frozen=True)
class Home:
    """The directories of one LanguageTool home; `run` can be moved apart (tests do)."""

    root: Path
    run: Path

    @classmethod
    def at(cls, root: Path) -> Home:
        """The home at `root` (the run configuration's `languagetool.home`)."""
        return cls(root=root, run=root / "run")

    def version_dir(self, version: str = VERSION) -> Path:
        return self.root / version

    def jars(self, version: str = VERSION) -> Path:
        return self.version_dir(version) / "jars"

    def marker(self, version: str = VERSION) -> Path:
        return self.version_dir(version) / "installed"

    @property
    def state_file(self) -> Path:
        return self.run / "server.json"
