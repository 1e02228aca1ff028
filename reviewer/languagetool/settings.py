"""A project's LanguageTool settings: the `languagetool:` block of `reviewer.yaml`.

    languagetool:
      profile: mt-review                         # default | mt-review | one of `profiles` below
      level: picky                               # default | picky; overrides the profile's level
      disabled_rules: [JONG_UN, EN_QUOTES]       # LanguageTool rule ids, on top of the profile
      disabled_categories: [STYLE]               # LanguageTool category ids
      enabled_rules: [PASSIVE_VOICE]             # rules LanguageTool leaves off unless asked
      enabled_categories: [CREATIVE_WRITING]
      accepted_words: [Morgulov, Biegun]         # never flagged as misspelt
      accepted_words_file: names.txt             # one word or name a line, '#' comments
      profiles:                                  # a desk's own profiles
        my-desk:
          extends: mt-review                     # optional: start from another profile
          disabled_rules: [SENT_START_CONJUNCTION]

The file is looked for in the working directory (`reviewer.yaml`, else `.reviewer.yaml`);
relative paths in it are relative to it. Without a file, or without `profile`, the shipped
`mt-review` profile applies: LanguageTool tuned on MQM-rated MT (see `PROFILES` and the
README for what it turns on and off, and the figures behind each choice). Names a news desk
meets every day ship with reviewer (news-names.txt beside this module) and are always
accepted. Accepted words stay in the project, never in LanguageTool's own dictionary files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from reviewer.errors import ConfigError

CONFIG_NAMES = ("reviewer.yaml", ".reviewer.yaml")
NEWS_NAMES = Path(__file__).with_name("news-names.txt")
LEVELS = ("default", "picky")
_SWITCHES = ("enabled_rules", "disabled_rules", "enabled_categories", "disabled_categories")
_LISTS = (*_SWITCHES, "accepted_words")
_KEYS = ("profile", "level", *_LISTS, "accepted_words_file", "profiles")
_PROFILE_KEYS = ("extends", "level", *_SWITCHES)
_OPPOSITE = {
    "enabled_rules": "disabled_rules",
    "disabled_rules": "enabled_rules",
    "enabled_categories": "disabled_categories",
    "disabled_categories": "enabled_categories",
}


@dataclass(frozen=True)
class Profile:
    """A named way of asking LanguageTool: its level and which rules and categories it
    switches on (beyond LanguageTool's defaults) and off."""

    name: str
    level: str = "default"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()


PLAIN = Profile("default")
"""LanguageTool as it comes: its default level, nothing switched on or off."""

MT_REVIEW = Profile(
    "mt-review",
    level="picky",
    # Off even at picky: straight apostrophes in MT, 53 of 80 on a rated error (11 error
    # spans no other rule finds) and 1 flag on 23,670 words of human news references.
    enabled_rules=("TYPOGRAPHICAL_APOSTROPHE",),
    disabled_rules=(
        "TOO_LONG_SENTENCE",  # a whole-sentence flag: it points at no error an editor can fix (0 local hits)
        "DASH_RULE",  # " - " for a dash: house style, never a rated error (0 of 46 on MQM dev)
        "SERIAL_COMMA_ON",  # the Oxford comma is house style (AP and Reuters omit it): 10 of 26 on a rated error
        "EN_REPEATEDWORDS_IMPORTANT",  # thesaurus nudges: 1 of 8 on a rated error
        "SO_AS_TO",  # wordiness nudges and a possessive guess: none on a rated error
        "POSSESSIVE_APOSTROPHE",
        "IN_A_X_MANNER",
        "JONG_UN",  # AP, Reuters and the wire services write "Kim Jong Un"
    ),
)
"""The shipped default: LanguageTool configured for reviewing machine-translated news."""

PROFILES = {profile.name: profile for profile in (PLAIN, MT_REVIEW)}
DEFAULT_PROFILE = MT_REVIEW.name


@dataclass(frozen=True)
class LanguageToolSettings:
    """What is asked of LanguageTool (profile, level, rules and categories switched on or
    off) and which words it may not flag. The bare value is plain LanguageTool; projects get
    theirs from `load_settings`, which starts from the `mt-review` profile."""

    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    accepted_words: frozenset[str] = frozenset()
    source: str | None = None
    """The config file these came from, None for the defaults."""
    profile: str = PLAIN.name
    level: str = "default"
    enabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    words_file: Path | None = None
    """The project's `accepted_words_file`, where the review app adds words."""

    @classmethod
    def of_profile(cls, profile: Profile, accepted_words: frozenset[str] = frozenset()) -> LanguageToolSettings:
        return cls(
            disabled_rules=profile.disabled_rules,
            disabled_categories=profile.disabled_categories,
            accepted_words=accepted_words,
            profile=profile.name,
            level=profile.level,
            enabled_rules=profile.enabled_rules,
            enabled_categories=profile.enabled_categories,
        )

    def with_level(self, level: str | None) -> LanguageToolSettings:
        """These settings at `level` (e.g. from `--languagetool-level`); None keeps them."""
        if level is None:
            return self
        if level not in LEVELS:
            raise ConfigError(f"unknown LanguageTool level {level!r} (expected one of: {', '.join(LEVELS)})")
        return replace(self, level=level)

    def fingerprint(self) -> str:
        """Changes whenever the settings could change a report (for result caches)."""
        blob = json.dumps(
            [
                self.profile,
                self.level,
                *(sorted(getattr(self, name)) for name in _SWITCHES),
                sorted(self.accepted_words),
            ]
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def compose_file(path: Path) -> yaml.Node | None:
    """A project file as YAML nodes (which keep their line numbers, for errors); any
    problem reading it is a ConfigError naming the file."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid YAML (nested too deeply)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read (not UTF-8 at byte {error.start})") from None


def find_config(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (directory / name).is_file():
            return directory / name
    return None


@dataclass(frozen=True)
class ProjectFile:
    """The project's reviewer.yaml, found and parsed once per run: each of its blocks (the
    language, LanguageTool's settings, rule tuning) is read from the same nodes."""

    path: Path | None = None
    root: yaml.Node | None = None

    @classmethod
    def find(cls, directory: Path) -> ProjectFile:
        path = find_config(directory)
        return cls(path, compose_file(path) if path is not None else None)

    def block(self, key: str) -> yaml.Node | None:
        return child(self.root, key)


def news_names() -> frozenset[str]:
    """Names common in news that LanguageTool's speller does not know (always accepted)."""
    return frozenset(read_word_list(NEWS_NAMES))


def load_settings(directory: Path) -> LanguageToolSettings:
    """The settings of the project in `directory` (its reviewer.yaml; else the defaults)."""
    return settings_of(ProjectFile.find(directory))


def settings_of(project: ProjectFile) -> LanguageToolSettings:
    """The settings the project file gives (the defaults when there is none)."""
    builtin = news_names()
    path = project.path
    if path is None:
        return LanguageToolSettings.of_profile(PROFILES[DEFAULT_PROFILE], builtin)
    block = _Block.read(path, project.root)
    profile = block.profile()
    accepted = set(builtin) | set(block.lists.get("accepted_words", ()))
    if block.words_file is not None:
        accepted |= set(read_word_list(block.words_file))
    effective = _apply(profile, block.lists, block.level)
    settings = LanguageToolSettings.of_profile(effective, frozenset(accepted))
    return replace(settings, source=str(path), words_file=block.words_file)


def _apply(base: Profile, lists: dict[str, list[str]], level: str | None, name: str | None = None) -> Profile:
    """`base` with a config's level and switches on top of its own."""
    return Profile(
        name or base.name,
        level=level or base.level,
        enabled_rules=_switched(base.enabled_rules, lists, "enabled_rules"),
        disabled_rules=_switched(base.disabled_rules, lists, "disabled_rules"),
        enabled_categories=_switched(base.enabled_categories, lists, "enabled_categories"),
        disabled_categories=_switched(base.disabled_categories, lists, "disabled_categories"),
    )


def _switched(base: tuple[str, ...], lists: dict[str, list[str]], name: str) -> tuple[str, ...]:
    """The profile's list with the project's additions, less what the project switches the
    other way (a project's `enabled_rules: [X]` undoes a profile's `disabled_rules: [X]`)."""
    undone = set(lists.get(_OPPOSITE[name], ()))
    return tuple(dict.fromkeys([*(item for item in base if item not in undone), *lists.get(name, ())]))


def read_word_list(path: Path) -> list[str]:
    """Words or names, one a line; blank lines and '#' comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the accepted words ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read the accepted words (not UTF-8 at byte {error.start})") from None
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


@dataclass
class _Block:
    """The `languagetool:` block of one config file, checked field by field."""

    path: Path
    lists: dict[str, list[str]]
    words_file: Path | None = None
    profile_name: tuple[str, int] | None = None
    level: str | None = None
    profiles: dict[str, tuple[yaml.MappingNode, int]] | None = None

    @classmethod
    def read(cls, path: Path, root: yaml.Node | None) -> _Block:
        block = cls(path, {})
        node = child(root, "languagetool")
        if node is None:
            return block
        if not isinstance(node, yaml.MappingNode):
            raise ConfigError(f"{path}:{node.start_mark.line + 1}: `languagetool` must be a mapping of settings")
        for key_node, value in node.value:
            block._field(key_node.value, key_node.start_mark.line + 1, value)
        return block

    def _field(self, key: str, line: int, value: yaml.Node) -> None:
        where = f"{self.path}:{line}"
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown languagetool setting {key!r} (expected one of: {', '.join(_KEYS)})")
        if key == "accepted_words_file":
            name = _scalar(value, f"{where}: accepted_words_file must be a file name")
            self.words_file = self.path.parent / name
            if not self.words_file.is_file():
                raise ConfigError(f"{where}: accepted_words_file {name!r} not found")
        elif key == "profile":
            self.profile_name = (_scalar(value, f"{where}: profile must be a profile name"), line)
        elif key == "level":
            self.level = _level(value, where)
        elif key == "profiles":
            if not isinstance(value, yaml.MappingNode):
                raise ConfigError(f"{where}: profiles must map profile names to their settings")
            self.profiles = {}
            for name_node, body in value.value:
                name_line = name_node.start_mark.line + 1
                if not isinstance(body, yaml.MappingNode):
                    raise ConfigError(f"{self.path}:{name_line}: profile {name_node.value!r} must be a mapping")
                self.profiles[name_node.value] = (body, name_line)
        else:
            self.lists[key] = _strings(value, f"{where}: {key} must be a list of strings")

    def profile(self) -> Profile:
        """The profile the block names (default: mt-review), its `extends` chain resolved."""
        name, line = self.profile_name or (DEFAULT_PROFILE, 0)
        return self._resolve(name, line, ())

    def _resolve(self, name: str, line: int, chain: tuple[str, ...]) -> Profile:
        own = (self.profiles or {}).get(name)
        if own is None:
            if name in PROFILES:
                return PROFILES[name]
            known = ", ".join([*PROFILES, *(self.profiles or {})])
            raise ConfigError(f"{self.path}:{line}: unknown LanguageTool profile {name!r} (known: {known})")
        if name in chain:
            raise ConfigError(f"{self.path}:{line}: profile {name!r} extends itself ({' -> '.join([*chain, name])})")
        body, body_line = own
        fields: dict[str, yaml.Node] = {}
        for key_node, value in body.value:
            if key_node.value not in _PROFILE_KEYS:
                raise ConfigError(
                    f"{self.path}:{key_node.start_mark.line + 1}: unknown profile setting {key_node.value!r} "
                    f"(expected one of: {', '.join(_PROFILE_KEYS)})"
                )
            fields[key_node.value] = value
        base = PLAIN
        if "extends" in fields:
            parent = _scalar(fields["extends"], f"{self.path}:{body_line}: extends must be a profile name")
            base = self._resolve(parent, fields["extends"].start_mark.line + 1, (*chain, name))
        lists = {
            key: _strings(
                fields[key], f"{self.path}:{fields[key].start_mark.line + 1}: {key} must be a list of strings"
            )
            for key in _SWITCHES
            if key in fields
        }
        level = (
            _level(fields["level"], f"{self.path}:{fields['level'].start_mark.line + 1}") if "level" in fields else None
        )
        return _apply(base, lists, level, name)


def _scalar(node: yaml.Node, problem: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not node.value:
        raise ConfigError(problem)
    return str(node.value)


def _strings(node: yaml.Node, problem: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(item, yaml.ScalarNode) for item in node.value):
        raise ConfigError(problem)
    return [item.value for item in node.value]


def _level(node: yaml.Node, where: str) -> str:
    level = _scalar(node, f"{where}: level must be one of: {', '.join(LEVELS)}")
    if level not in LEVELS:
        raise ConfigError(f"{where}: unknown level {level!r} (expected one of: {', '.join(LEVELS)})")
    return level


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of `key` in a YAML mapping node; None when absent or not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None
