"""One run's configuration, built once at the edge from options, the environment and reviewer.yaml.

Front ends (the CLI commands, the TUI's entry) call `RunConfig.build` with the options the
user gave and the environment they ran in; everything is read and validated there (a
language nobody can check, a cache size that is not a number, a bad reviewer.yaml: one
ConfigError naming where), and the resulting frozen object is passed down. No module below
reads an environment variable or reviewer.yaml on its own.

Where each setting comes from, first that applies:
- target language of plain text: `--lang`, else `lang:` in reviewer.yaml, else en-US
- LanguageTool: `--languagetool-url` (repeatable), else `$REVIEWER_LANGUAGETOOL_URL`, else
  the background server, else one started for the run; its profile and level from the
  `languagetool:` block of reviewer.yaml, the level overridden by `--languagetool-level`
- LanguageTool's home: `$REVIEWER_LT_HOME`, else `languagetool/` in the per-user cache root
- cache: `$REVIEWER_CACHE_DIR`, else `$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`;
  bounded by `$REVIEWER_CACHE_MAX_MB` (default 256); `--no-cache` turns it off
- review database: `--db`, else `$REVIEWER_DB`, else `.reviewer/reviews.db` here
- reviewer name: `--reviewer`, else `$REVIEWER_NAME`, else the OS user
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reviewer.cache import DEFAULT_MAX_MB
from reviewer.errors import ConfigError
from reviewer.gates import Gates
from reviewer.language import LanguageError, LanguageTag
from reviewer.languagetool.settings import LanguageToolSettings, ProjectFile, settings_of
from reviewer.mqm import DEFAULT_WEIGHTS, Weights
from reviewer.rule_tuning import Tuning, load_tuning
from reviewer.store.location import ServerUrl, parse_location

Environment = Mapping[str, str]

CACHE_DIR_VARIABLE = "REVIEWER_CACHE_DIR"
CACHE_SIZE_VARIABLE = "REVIEWER_CACHE_MAX_MB"
DEFAULT_CACHE_MB = DEFAULT_MAX_MB
DB_VARIABLE = "REVIEWER_DB"
DEFAULT_DB = Path(".reviewer") / "reviews.db"
LT_HOME_VARIABLE = "REVIEWER_LT_HOME"
LT_URL_VARIABLE = "REVIEWER_LANGUAGETOOL_URL"
NAME_VARIABLE = "REVIEWER_NAME"


@dataclass(frozen=True)
class CacheConfig:
    """Where reviewer's one cache lives and how big it may grow; `enabled` False
    (`--no-cache`) checks everything again."""

    directory: Path
    max_bytes: int = DEFAULT_CACHE_MB * 1_000_000
    enabled: bool = True


@dataclass(frozen=True)
class LanguageToolConfig:
    """How to reach LanguageTool and what to ask of it."""

    home: Path
    """Where LanguageTool is installed, and where its background server's state lives."""
    settings: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    urls: tuple[str, ...] = ()
    """Servers to use; none: the background server, else one started for the run."""
    off: str | None = None
    """Why LanguageTool is not used in this run (e.g. `--no-languagetool`); None: it is."""
    require: bool = False
    """Fail at once (exit 2) when LanguageTool cannot run; without it the run goes on and
    the articles LanguageTool could not check make it incomplete (exit 4)."""


@dataclass(frozen=True)
class RunConfig:
    """Everything one run of `check` or `review` was configured with, validated."""

    languagetool: LanguageToolConfig
    cache: CacheConfig
    db_path: Path | ServerUrl
    reviewer: str = "reviewer"
    lang: LanguageTag | None = None
    """Target language of articles whose file declares none (plain text)."""
    system: str | None = None
    rule_paths: tuple[Path, ...] = ()
    """Rule pack files and directories (the front end fills in `default_rule_dirs()`)."""
    glossaries: tuple[str, ...] = ()
    weights: Weights = DEFAULT_WEIGHTS
    gates: Gates = field(default_factory=Gates)
    rule_tuning: Tuning = field(default_factory=Tuning)
    """Rules the project muted or demoted, and those the review record proves imprecise."""

    @classmethod
    def build(
        cls,
        environ: Environment,
        directory: Path,
        *,
        lang: str | None = None,
        system: str | None = None,
        rule_paths: Sequence[str | Path] = (),
        glossaries: Sequence[str] = (),
        weights: Weights = DEFAULT_WEIGHTS,
        gates: Gates | None = None,
        languagetool_urls: Sequence[str] = (),
        languagetool_level: str | None = None,
        languagetool_off: str | None = None,
        require_languagetool: bool = False,
        cache: bool = True,
        db: str | None = None,
        reviewer: str | None = None,
        min_rule_precision: float | None = None,
    ) -> RunConfig:
        """The run's configuration from the options given (None or empty: not given), the
        environment, and the reviewer.yaml in `directory`; ConfigError for any bad value."""
        project = ProjectFile.find(directory)
        settings = settings_of(project).with_level(languagetool_level)
        url = environ.get(LT_URL_VARIABLE, "").strip()
        database = db_path(db, environ, directory)
        return cls(
            languagetool=LanguageToolConfig(
                home=languagetool_home(environ),
                settings=settings,
                urls=tuple(languagetool_urls) or ((url,) if url else ()),
                off=languagetool_off,
                require=require_languagetool,
            ),
            cache=cache_config(environ, enabled=cache),
            db_path=database,
            reviewer=reviewer_name(reviewer, environ),
            lang=_project_lang(lang, project),
            system=system,
            rule_paths=tuple(Path(p) for p in rule_paths),
            glossaries=tuple(glossaries),
            weights=weights,
            gates=gates or Gates(),
            rule_tuning=load_tuning(min_rule_precision, database, db_origin(db, environ), project),
        )


def _project_lang(given: str | None, project: ProjectFile) -> LanguageTag | None:
    """`--lang`, else `lang:` in the project's reviewer.yaml; a language nobody can check
    is refused (ConfigError). None: neither says."""
    if given is not None:
        try:
            return LanguageTag.parse(given)
        except LanguageError as error:
            raise ConfigError(f"--lang: {error}") from None
    node = project.block("lang")
    if node is None:
        return None
    where = f"{project.path}:{node.start_mark.line + 1}"
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ConfigError(f"{where}: lang must be a language tag such as en-GB")
    try:
        return LanguageTag.parse(str(node.value))
    except LanguageError as error:
        raise ConfigError(f"{where}: {error}") from None


def user_cache_root(environ: Environment) -> Path:
    """`$XDG_CACHE_HOME/reviewer`, else `~/.cache/reviewer`: where reviewer's per-user files go."""
    base = environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "reviewer"


def cache_config(environ: Environment, enabled: bool = True) -> CacheConfig:
    """The cache in `$REVIEWER_CACHE_DIR` (else the per-user cache root), bounded by
    `$REVIEWER_CACHE_MAX_MB` megabytes."""
    directory = Path(explicit) if (explicit := environ.get(CACHE_DIR_VARIABLE)) else user_cache_root(environ)
    value = environ.get(CACHE_SIZE_VARIABLE, "").strip()
    if not value:
        return CacheConfig(directory, DEFAULT_CACHE_MB * 1_000_000, enabled)
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes < float("inf"):
        raise ConfigError(f"{CACHE_SIZE_VARIABLE}={value!r}: expected a size in megabytes greater than 0")
    return CacheConfig(directory, int(megabytes * 1_000_000), enabled)


def languagetool_home(environ: Environment) -> Path:
    """`$REVIEWER_LT_HOME`, else `languagetool` in the per-user cache root (which
    `$REVIEWER_CACHE_DIR` does not move: tests and CI point that at scratch directories)."""
    if explicit := environ.get(LT_HOME_VARIABLE):
        return Path(explicit).expanduser()
    return user_cache_root(environ) / "languagetool"


def db_origin(given: str | Path | None, environ: Environment) -> str:
    """How `db_path` chose the database, for messages about it."""
    if given:
        return "given with --db"
    if environ.get(DB_VARIABLE):
        return f"from ${DB_VARIABLE}"
    return f"the default place, {DEFAULT_DB} in the working directory"


def db_path(given: str | Path | None, environ: Environment, directory: Path) -> Path | ServerUrl:
    """`--db PATH|URL`, else `$REVIEWER_DB`, else `.reviewer/reviews.db` under `directory`;
    a `postgresql://` URL names a server."""
    if given:
        return parse_location(given)
    if from_env := environ.get(DB_VARIABLE):
        return parse_location(from_env)
    return directory / DEFAULT_DB


def reviewer_name(given: str | None, environ: Environment) -> str:
    """Who is reviewing: `--reviewer`, else `$REVIEWER_NAME`, else the OS user."""
    for name in (given, environ.get(NAME_VARIABLE)):
        if name and name.strip():
            return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
