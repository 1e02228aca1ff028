"""A project's LanguageTool settings: the `languagetool:` block of `reviewer.yaml`.

    languagetool:
      disabled_rules: [JONG_UN, EN_QUOTES]       # LanguageTool rule ids
      disabled_categories: [STYLE]               # LanguageTool category ids
      accepted_words: [Morgulov, Biegun]         # never flagged as misspelt
      accepted_words_file: names.txt             # one word or name a line, '#' comments

The file is looked for in the working directory (`reviewer.yaml`, else `.reviewer.yaml`);
relative paths in it are relative to it. Names a news desk meets every day ship with
reviewer (news-names.txt beside this module) and are always accepted. Accepted words
stay in the project, never in LanguageTool's own dictionary files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from reviewer.errors import ConfigError

CONFIG_NAMES = ("reviewer.yaml", ".reviewer.yaml")
NEWS_NAMES = Path(__file__).with_name("news-names.txt")
_LISTS = ("disabled_rules", "disabled_categories", "accepted_words")
_KEYS = (*_LISTS, "accepted_words_file")


@dataclass(frozen=True)
class LanguageToolSettings:
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    accepted_words: frozenset[str] = frozenset()
    source: str | None = None
    """The config file these came from, None for the defaults."""

    def fingerprint(self) -> str:
        """Changes whenever the settings could change a report (for result caches)."""
        blob = json.dumps([sorted(self.disabled_rules), sorted(self.disabled_categories), sorted(self.accepted_words)])
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def find_config(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (directory / name).is_file():
            return directory / name
    return None


def load_settings(directory: Path | None = None) -> LanguageToolSettings:
    """The settings of the project in `directory` (default: the working directory)."""
    builtin = read_word_list(NEWS_NAMES)
    path = find_config(directory or Path.cwd())
    if path is None:
        return LanguageToolSettings(accepted_words=frozenset(builtin))
    lists, words_file = _parse(path)
    accepted = set(builtin) | set(lists["accepted_words"])
    if words_file is not None:
        accepted |= set(read_word_list(words_file))
    return LanguageToolSettings(
        disabled_rules=tuple(lists["disabled_rules"]),
        disabled_categories=tuple(lists["disabled_categories"]),
        accepted_words=frozenset(accepted),
        source=str(path),
    )


def read_word_list(path: Path) -> list[str]:
    """Words or names, one a line; blank lines and '#' comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the accepted words ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read the accepted words (not UTF-8 at byte {error.start})") from None
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


def _parse(path: Path) -> tuple[dict[str, list[str]], Path | None]:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
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
    lists: dict[str, list[str]] = {key: [] for key in _LISTS}
    block = _child(root, "languagetool")
    if block is None:
        return lists, None
    if not isinstance(block, yaml.MappingNode):
        raise ConfigError(f"{path}:{block.start_mark.line + 1}: `languagetool` must be a mapping of settings")
    words_file = None
    for key_node, value in block.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key not in _KEYS:
            raise ConfigError(
                f"{path}:{line}: unknown languagetool setting {key!r} (expected one of: {', '.join(_KEYS)})"
            )
        if key == "accepted_words_file":
            if not isinstance(value, yaml.ScalarNode) or not value.value:
                raise ConfigError(f"{path}:{line}: accepted_words_file must be a file name")
            words_file = path.parent / value.value
            if not words_file.is_file():
                raise ConfigError(f"{path}:{line}: accepted_words_file {value.value!r} not found")
            continue
        if not isinstance(value, yaml.SequenceNode) or not all(
            isinstance(item, yaml.ScalarNode) for item in value.value
        ):
            raise ConfigError(f"{path}:{line}: {key} must be a list of strings")
        lists[key] = [item.value for item in value.value]
    return lists, words_file


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None
