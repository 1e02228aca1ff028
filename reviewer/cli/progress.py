"""A progress bar on stderr for long batches, only when stderr is a terminal (quiet in CI logs)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from reviewer.batch import Progress


@contextmanager
def progress_bar(total: int, label: str = "checking") -> Iterator[Progress | None]:
    """Yield a callback that advances a bar per article, or None when no one would see it."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda result: bar.advance(task)
