"""Spread one checker's work over several instances (e.g. LanguageTool servers on
several machines), article by article, so a big batch scales past one server."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from dataclasses import replace

from reviewer.checkers import Checker, Signature
from reviewer.model import Article, CheckOutcome


class SpreadChecker:
    """Hands each article to the next instance in turn; they must be interchangeable
    (same tool, version and settings), which `describe` reports from the first."""

    def __init__(self, instances: Sequence[Checker]) -> None:
        if not instances:
            raise ValueError("SpreadChecker needs at least one checker")
        self.instances = tuple(instances)
        self.id = self.instances[0].id
        self.pairs = self.instances[0].pairs
        self._turn = itertools.cycle(self.instances)
        self._lock = threading.Lock()

    def signature(self) -> Signature:
        first = self.instances[0].signature()
        instances = [instance.signature().where.get("url") for instance in self.instances]
        return replace(first, where={**first.where, "instances": instances})

    def check(self, article: Article) -> CheckOutcome:
        with self._lock:
            instance = next(self._turn)
        return instance.check(article)
