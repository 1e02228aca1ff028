"""At 80x24, with source and reference shown: the flags panel keeps room for a flag, the
footer keeps ? and q, and the article list keeps its key columns on screen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey
from tui_helpers import review_screen, settle

from reviewer.tui.widgets.panels import IssueItem, IssuePanel

SMALL = (80, 24)


def run_small(app, scenario) -> None:
    import asyncio

    async def main() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


def test_flags_and_footer_keep_their_room(build_app) -> None:
    seen: dict[str, object] = {}

    async def look(pilot: Pilot[None]) -> None:
        await pilot.press("j")  # segment 2: a flag, a source and a reference
        await settle(pilot)
        screen = review_screen(pilot)
        panel = screen.query_one(IssuePanel)
        item = panel.query(IssueItem).first()
        seen["flag rows shown"] = item.region.intersection(panel.content_region).height
        width = pilot.app.size.width
        seen["footer"] = {key.key for key in screen.query(FooterKey) if key.region.right <= width and key.region.width}

    run_small(build_app(), look)
    assert seen["flag rows shown"] >= 2, seen
    assert {"question_mark", "q"} <= seen["footer"], seen  # type: ignore[operator]


def test_article_list_keeps_its_key_columns(build_app, article_dir) -> None:
    (article_dir / "other.txt").write_text("Other title\n\nThe Ruler spoke to 1.200 people.\n", encoding="utf-8")
    seen: list[str] = []

    async def look(pilot: Pilot[None]) -> None:
        table = pilot.app.screen.query_one(DataTable)
        right = table.scrollable_content_region.width
        x = 0
        for column in table.ordered_columns:
            x += column.get_render_width(table)
            if x <= right:
                seen.append(str(column.label))

    run_small(build_app(paths=(".",)), look)
    assert {"Article", "Critical", "Major", "Minor", "Reviewed", "MQM/100w", "Who"} <= set(seen), seen
