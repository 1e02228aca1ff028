"""YAML rule packs: data-driven checks that prove themselves with examples.

The format is described in docs/rule-format.md. `load_packs` is the way in; the
`rules` checker (reviewer.checkers.rules) runs the loaded packs over articles.
"""

from reviewer.rules.examples import check_example
from reviewer.rules.loader import FileLoad, PackLoad, load_packs, pack_files
from reviewer.rules.model import KINDS, Example, Pack, Rule

__all__ = [
    "KINDS",
    "Example",
    "FileLoad",
    "Pack",
    "PackLoad",
    "Rule",
    "check_example",
    "load_packs",
    "pack_files",
]
