"""Where LanguageTool lives on this machine: one per-user directory, shared by every project.

Layout under the home (`REVIEWER_LT_HOME`, else `$XDG_CACHE_HOME/reviewer/languagetool`):

    6.8/jars/*.jar        the server and its dependencies, from Maven Central
    6.8/installed         written last by `install`; without it the install is incomplete
    run/server.json       the background server that `reviewer languagetool start` left running
    run/owned/PID.json    servers a command started for itself, so a later run can reap them
                          if that command was killed before it could stop them
    run/*.properties      server settings, run/*.log server output

The match cache is not here: it lives with reviewer's other caches (`REVIEWER_CACHE_DIR`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

VERSION = "6.8"
"""The LanguageTool release the shipped pom.xml pins."""


def default_home() -> Path:
    if explicit := os.environ.get("REVIEWER_LT_HOME"):
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reviewer" / "languagetool"


@dataclass(frozen=True)
class Home:
    """The directories of one LanguageTool home; `run` can be moved apart (tests do)."""

    root: Path
    run: Path

    @classmethod
    def at(cls, root: Path | None = None) -> Home:
        root = root or default_home()
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

    @property
    def owned_dir(self) -> Path:
        return self.run / "owned"
