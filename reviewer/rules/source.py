"""Read a rule pack's YAML so that every value remembers the line it came from.

Rule authors fix errors by line number, so each mapping, list and string the loader
builds carries its 1-based start line. The loader subclasses `yaml.CSafeLoader` (libyaml,
about 8x faster), else `yaml.SafeLoader`: it builds only plain data, never objects.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml


class LineStr(str):
    """A YAML string and the line it starts on."""

    line: int


class LineDict(dict):
    """A YAML mapping, its start line, and keys it gave more than once (YAML keeps the last)."""

    line: int
    duplicates: list[tuple[str, int]]


class LineList(list):
    """A YAML sequence and its start line."""

    line: int


if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:  # libyaml's loader when PyYAML was built with it: several times faster
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):
    """A safe loader whose strings, mappings and sequences carry their line."""


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> LineStr:
    value = LineStr(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.duplicates = []
    yield data
    seen: set[str] = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
            if key_node.value in seen:
                data.duplicates.append((key_node.value, key_node.start_mark.line + 1))
            seen.add(key_node.value)
    data.update(loader.construct_mapping(node))


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node))


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    """An integer, or a YAML error at its line when it is longer than Python converts
    (int() raises ValueError past the digit limit: a hostile file, not a bug)."""
    try:
        return int(loader.construct_yaml_int(node))
    except ValueError:
        problem = f"a number of more than {sys.get_int_max_str_digits()} digits"
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def parse_yaml(text: str) -> Any:
    """The document in `text`, with lines attached; raises `yaml.YAMLError` on bad YAML,
    also on nesting too deep for the pure-Python parser (libyaml refuses it itself)."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None


def line_of(value: Any, default: int) -> int:
    """The line `value` came from, or `default` for values YAML gives no line (numbers, null)."""
    return getattr(value, "line", default)
