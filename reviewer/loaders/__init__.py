"""Load MT articles from the paths a user gives: files by extension, directories walked.

`load_paths` never raises for a bad input: each file (or bundle record) that cannot be
read becomes an `InputError` in `LoadResult.failures` and the rest of the batch still
loads, so the front ends can check what they can and report what they could not.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from reviewer.errors import InputError
from reviewer.language import LanguageTag
from reviewer.loaders import jsonl, plaintext, wmt, xliff
from reviewer.loaders.base import Loader, LoadOptions, LoadResult
from reviewer.loaders.reading import decode, read_bytes

__all__ = ["LOADERS", "LoadOptions", "LoadResult", "load_file", "load_paths"]

# File extension -> loader; a directory walk picks up exactly these.
LOADERS: dict[str, Loader] = {
    ".txt": plaintext.load,
    ".jsonl": jsonl.load,
    ".xml": wmt.load,
    ".xlf": xliff.load,
    ".xliff": xliff.load,
}
_KNOWN = ", ".join(LOADERS)


def load_file(path: str, options: LoadOptions) -> LoadResult:
    """Load one file by its extension; an unknown extension is tried as plain text.

    Raises InputError when the file as a whole cannot be read (its bundle's loader may
    still report single bad records in the result instead).
    """
    extension = os.path.splitext(path)[1].lower()
    data = read_bytes(path)
    loader = LOADERS.get(extension)
    if loader is not None:
        return loader(path, decode(path, data), options)
    try:
        text = decode(path, data)
    except InputError as error:
        kind = f"extension {extension}" if extension else "no extension"
        raise InputError(path, f"unknown format ({kind}; known: {_KNOWN}) and {error.problem}", error.line) from None
    return plaintext.load(path, text, options)


def _walk(directory: str) -> tuple[list[str], list[InputError]]:
    """Article files under `directory`, sorted, skipping hidden entries, sidecars and
    anything that is not a regular file (a FIFO would block the whole run); and an error
    for each directory that could not be listed (os.walk would skip it in silence, and
    a batch missing a whole folder must not pass for complete)."""
    found: list[str] = []
    errors: list[InputError] = []

    def unlisted(error: OSError) -> None:
        where = error.filename if error.filename is not None else directory
        errors.append(InputError(os.fsdecode(where), f"cannot list this directory: {error.strerror or error}"))

    for root, dirs, files in os.walk(directory, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or plaintext.is_sidecar(name):
                continue
            path = os.path.join(root, name)
            if os.path.splitext(name)[1].lower() in LOADERS and _worth_opening(path):
                found.append(path)
    return found, errors


def _worth_opening(path: str) -> bool:
    """False for a pipe, socket or device; a path that cannot be looked at (a broken
    symlink, no permission) is kept, so that reading it reports why."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _files(paths: Sequence[str], result: LoadResult) -> list[str]:
    """The files to load, each once; a sidecar named next to its article (as a shell
    glob does) rides along with the article instead of being loaded on its own."""
    files: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            found, unlisted = _walk(given)
            result.failures.extend(unlisted)
            if not found and not unlisted:
                result.failures.append(InputError(given, f"no articles found in this directory (looked for {_KNOWN})"))
            files.extend(found)
        else:
            files.append(given)
    unique: dict[str, str] = {}
    for path in files:
        unique.setdefault(os.path.normpath(path), path)
    return [
        path for key, path in unique.items() if not (plaintext.is_sidecar(key) and plaintext.main_path(key) in unique)
    ]


def load_paths(paths: Sequence[str], system: str | None = None, lang: LanguageTag | None = None) -> LoadResult:
    """Articles from every path (files and directories), and an error per failed input.

    `system` picks the MT system of WMT test sets; `lang` is the target language of
    articles whose file declares none (plain text). `Article.path` is the path as the user gave it (joined with the
    file's place under a given directory).
    """
    options = LoadOptions(system=system, lang=lang)
    result = LoadResult()
    for path in _files(paths, result):
        try:
            result.extend(load_file(path, options))
        except InputError as error:
            result.failures.append(error)
    return result
