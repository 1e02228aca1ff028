"""The review screen's keys: one table, so the footer, the help and the palette agree.

The contract's keys (j/k, n/p, e/enter, ctrl+s, escape, a, d, m) come first; every other
key is the app's own. Flag actions are small methods of the screen named `action_<id>`,
so a new one is one row here and one method.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

SEGMENT = Binding.Group("segment", compact=True)
FLAG = Binding.Group("flag", compact=True)
UNCONFIRMED = Binding.Group("unconfirmed", compact=True)
MATCH = Binding.Group("match", compact=True)


# Actions whose keys type text in the editor, or that make no sense while it is open.
NOT_WHILE_EDITING = frozenset(
    {"segment", "flag", "edit", "apply", "dismiss_flag", "annotate", "export", "confirm_next", "unconfirmed"}
    | {"search", "match", "replace", "go_to", "filter", "fix_all", "ignore_all", "add_word", "undo", "revert"}
    | {"undismiss", "confirm_flag", "severity", "fix_safe", "beside"}
)


def _key(keys: str, action: str, description: str, tooltip: str, **options: object) -> Binding:
    return Binding(keys, action, description, id=f"review.{action.partition('(')[0]}", tooltip=tooltip, **options)  # type: ignore[arg-type]


# The app's help and quit, first on the screens' own tables so the footer keeps them at
# any width (the app's own table comes last there). Help and palette list each key once.
HELP_AND_QUIT: list[BindingType] = [
    Binding("question_mark", "app.help", "Help", key_display="?", tooltip="Show every key"),
    Binding("q", "app.quit_review", "Quit", tooltip="Quit (also ctrl+q, ctrl+c; asks about unsaved edits)"),
]

REVIEW_KEYS: list[BindingType] = [
    *HELP_AND_QUIT,
    _key("j,down", "segment(1)", "Next segment", "Go to the next segment (j or ↓)", key_display="j", group=SEGMENT),
    _key(
        "k,up", "segment(-1)", "Previous segment", "Go to the previous segment (k or ↑)", key_display="k", group=SEGMENT
    ),
    _key("n", "flag(1)", "Next flag", "Go to the next flag in the article", group=FLAG),
    _key("p", "flag(-1)", "Previous flag", "Go to the previous flag in the article", group=FLAG),
    _key("e,enter", "edit", "Edit", "Edit the segment in place (e or enter)", key_display="e"),
    _key("ctrl+s", "save", "Save", "Save the segment's edit (or confirm the MT as it is)", priority=True),
    _key(
        "c",
        "confirm_next",
        "Confirm+next",
        "Save or confirm the segment and go to the next unconfirmed one (ctrl+n in the editor)",
    ),
    _key("ctrl+n", "save_next", "", "", show=False, priority=True),
    _key(
        "escape",
        "leave",
        "Leave",
        "Leave the editor (keeps the draft); outside it, back to the article list",
        key_display="esc",
    ),
    _key("a", "apply", "Apply", "Apply the focused flag's suggestion and save (asks which when there are several)"),
    _key("d", "dismiss_flag", "Dismiss", "Dismiss the focused flag as a false alarm (remembered)"),
    _key(
        "y",
        "confirm_flag",
        "Confirm flag",
        "Confirm the focused flag as your MQM annotation, severity as shown (d rejects it)",
        show=False,
    ),
    _key(
        "s",
        "severity",
        "Severity",
        "Change the focused flag's proposed MQM severity (minor → major → critical)",
        show=False,
    ),
    _key("m", "annotate", "Annotate", "Add a manual MQM annotation to the segment"),
    _key(
        "right_square_bracket",
        "unconfirmed(1)",
        "Next unconfirmed",
        "Go to the next segment not confirmed yet",
        key_display="]",
        group=UNCONFIRMED,
    ),
    _key(
        "left_square_bracket",
        "unconfirmed(-1)",
        "Previous unconfirmed",
        "Go to the previous segment not confirmed yet",
        key_display="[",
        group=UNCONFIRMED,
    ),
    _key("slash,ctrl+f", "search", "Search", "Search the article (/ or ctrl+f; ignores case)", key_display="/"),
    _key("full_stop", "match(1)", "Next match", "Go to the next match of the search", key_display=".", group=MATCH),
    _key(
        "comma", "match(-1)", "Previous match", "Go to the previous match of the search", key_display=",", group=MATCH
    ),
    _key("r", "replace", "Replace", "Find and replace across the article, each replacement previewed"),
    _key("g", "go_to", "Go to", "Go to a segment by its number"),
    _key("f", "filter", "Filter", "Show segments by status, flags by severity and category"),
    _key(
        "A",
        "fix_all",
        "Fix all",
        "Apply the focused flag's fix to every flag like it (same rule, same words)",
        show=False,
    ),
    _key(
        "D", "ignore_all", "Ignore all", "Dismiss every flag like the focused one (same rule, same words)", show=False
    ),
    _key(
        "F",
        "fix_safe",
        "Fix all safe",
        "Apply every safe fix (quotes, dates, numbers) in the article; u undoes",
        show=False,
    ),
    _key("b", "beside", "Source beside", "Show or hide each segment's source beside its MT", show=False),
    _key("w", "add_word", "Add word", "Add the flagged word to the project's accepted words", show=False),
    _key("u", "undo", "Undo", "Undo the last save, apply or dismissal (recorded as new history)"),
    _key("o", "revert", "Revert to MT", "Put the MT back in the segment (saved as an edit)", show=False),
    _key("U", "undismiss", "Un-dismiss", "Bring back a flag dismissed in this segment", show=False),
    _key("x", "export", "Export", "Export the post-edited article to a file", show=False),
]
