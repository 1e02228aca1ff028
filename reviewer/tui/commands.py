"""The command palette offers every key binding of the screen it is opened from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from reviewer.tui.screens.help import key_label


class BindingCommands(Provider):
    """One command per described binding of the screen and the app, named as in the
    footer and help, and offered only when the screen would run it now."""

    def _commands(self) -> Iterator[tuple[str, str, Binding]]:
        screen, app = self.screen, self.app
        for node, bindings in ((screen, screen.BINDINGS), (app, app.BINDINGS)):
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                action = binding.action
                name, _, _ = action.partition("(")
                if node.check_action(name, ()) is False:
                    continue
                title = binding.tooltip or binding.description
                yield title, f"{binding.description} · key {key_label(binding)}", binding

    def _run(self, binding: Binding) -> Callable[[], Awaitable[object]]:
        node = self.screen if binding in self.screen.BINDINGS else self.app
        return partial(node.run_action, binding.action)

    async def discover(self) -> Hits:
        for title, help_text, binding in self._commands():
            yield DiscoveryHit(title, self._run(binding), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, binding in self._commands():
            score = max(matcher.match(title), matcher.match(binding.description))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._run(binding), text=title, help=help_text)
