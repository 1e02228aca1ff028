"""The project's accepted words: "add to dictionary" from the review app writes them.

Words go to the file that `reviewer.yaml` names as `languagetool: accepted_words_file`
(one word a line), so that every later check of the project accepts them; LanguageTool's
own dictionary files are never touched.
"""

from __future__ import annotations

from pathlib import Path

from reviewer.errors import ConfigError
from reviewer.languagetool.settings import read_word_list

HOW = "add `languagetool: {accepted_words_file: words.txt}` to reviewer.yaml (and create words.txt)"


def add_accepted_word(word: str, path: Path | None) -> Path:
    """Add `word` to the project's accepted words file `path` (the run configuration's
    LanguageTool `words_file`), once; returns the file written."""
    word = word.strip()
    if not word or any(c.isspace() for c in word) or "#" in word:
        raise ConfigError(f"{word!r} cannot be an accepted word (one word, no '#')")
    if path is None:
        raise ConfigError(f"the project names no accepted-words file: {HOW}")
    if word in read_word_list(path):
        return path
    try:
        text = path.read_text(encoding="utf-8-sig")
        with path.open("a", encoding="utf-8") as out:
            out.write(("" if not text or text.endswith("\n") else "\n") + word + "\n")
    except OSError as error:
        raise ConfigError(f"{path}: cannot add {word!r} ({error.strerror or error})") from None
    return path
