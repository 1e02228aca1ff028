"""The command palette offers every key binding of the screen it is opened from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from reviewer.tui.screens.help import key_label


def described_bindings(screen: Screen) -> list[tuple[DOMNode, Binding]]:
    """The described bindings of the screen, then the app's, each key once (a screen's
    binding shadows the app's for the same key)."""
    found: list[tuple[DOMNode, Binding]] = []
    keys: set[str] = set()
    for node, bindings in ((screen, screen.BINDINGS), (screen.app, screen.app.BINDINGS)):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description and binding.key not in keys:
                keys.add(binding.key)
                found.append((node, binding))
    return found


class BindingCommands(Provider):
    """One command per described binding of the screen and the app, named as in the
    footer and help, and offered only when the screen would run it now."""

    def _commands(self) -> Iterator[tuple[str, str, Binding, DOMNode]]:
        for node, binding in described_bindings(self.screen):
            name = binding.action.partition("(")[0]
            if node.check_action(name, ()) is False:
                continue
            title = binding.tooltip or binding.description
            yield title, f"{binding.description} · key {key_label(binding)}", binding, node

    def _run(self, binding: Binding, node: DOMNode) -> Callable[[], Awaitable[object]]:
        return partial(self.app.run_action, binding.action, node)

    async def discover(self) -> Hits:
        for title, help_text, binding, node in self._commands():
            yield DiscoveryHit(title, self._run(binding, node), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, binding, node in self._commands():
            score = max(matcher.match(title), matcher.match(binding.description))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(binding, node), text=title, help=help_text)
