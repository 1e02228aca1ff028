"""The review screen's keys that decide on flags: apply, fix, dismiss, confirm as an MQM
annotation, undo. What each records is `Decisions`' (UI-free); this draws the outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewer.checkers.rules import RulesChecker
from reviewer.decisions import Step
from reviewer.model import Issue
from reviewer.review_session import MANUAL, NewAnnotation, PendingSave
from reviewer.tui.dialogs.annotate import AnnotationDialog
from reviewer.tui.dialogs.ask import ChooseDialog
from reviewer.tui.printable import one_line
from reviewer.tui.screens.review_view import ReviewView


class FlagActions(ReviewView):
    """Verdicts on the focused flag (or every flag like it), and undoing them."""

    def _focused_issue(self, with_suggestion: bool = False) -> Issue | None:
        issue = self.nav.focused_issue()
        if issue is None:
            self._say("No flag is focused in this segment: n / p go to the next or previous flag.", warning=True)
        elif with_suggestion and not issue.suggestions:
            self._say(f"{issue.rule_id} has no suggestion to apply.", warning=True)
            return None
        return issue

    def action_apply(self) -> None:
        issue = self._focused_issue(with_suggestion=True)
        if issue is None:
            return
        if len(issue.suggestions) == 1:
            self._apply(issue, issue.suggestions[0])
            return
        choices = [(one_line(s) if s else "(delete)", s) for s in issue.suggestions[:9]]

        def chosen(suggestion: str | None) -> None:
            if suggestion is not None:
                self._apply(issue, suggestion)

        title = f"Replace “{one_line(issue.text)}” with"
        self.app.push_screen(ChooseDialog(title, choices, "enter or 1–9 picks; esc cancels"), chosen)

    def _apply(self, issue: Issue, suggestion: str) -> None:
        saves: list[PendingSave] = []
        if self._record(lambda: saves.extend(self.decisions.apply(issue, suggestion))):
            self.nav.flag = self.nav.flag_after(issue)
            self._take(saves)

    def action_fix_all(self) -> None:
        """The focused flag's first suggestion, put in place of every flag like it."""
        issue = self._focused_issue(with_suggestion=True)
        if issue is not None:
            saves, fixed = self.decisions.fix_all(self.nav.like(issue), issue.suggestions[0])
            self._changed(saves, f"Fixed {fixed} flag(s) like this in {len(saves)} segment(s).")

    def action_fix_safe(self) -> None:
        """Every `fix: safe` rule's fix in the whole article, as one step (u undoes it)."""
        packs = [pack for checker in self.checkers if isinstance(checker, RulesChecker) for pack in checker.packs]
        saves, fixed = self.decisions.fix_safe(packs)
        self._changed(saves, f"Made {fixed} safe fix(es) in {len(saves)} segment(s) (u undoes)." if saves else "")

    def _changed(self, saves: list[PendingSave], said: str) -> None:
        if self.editing and any(pending.index == self.index for pending in saves):
            self._close_editor()
        self._take(saves)
        self.refresh_all()
        self._say(said or "Nothing to fix.")

    def action_dismiss_flag(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            self._dismissed(lambda: self.decisions.dismiss([issue]), issue, f"Dismissed {issue.rule_id}.")

    def action_ignore_all(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            alike = self.nav.like(issue)
            said = f"Dismissed {len(alike)} flag(s) like this ({issue.rule_id} on “{one_line(issue.text)}”)."
            self._dismissed(lambda: self.decisions.dismiss(alike), issue, said)

    def action_add_word(self) -> None:
        issue = self._focused_issue()
        if issue is not None:
            added: list[Path] = []
            if self._record(lambda: added.append(self.decisions.add_word(issue, self.words_file)[0])):
                self._dismissed(lambda: None, issue, f"Added “{issue.text}” to {added[0]}; its flags are dismissed.")

    def _dismissed(self, step: Callable[[], object], focused: Issue, said: str) -> None:
        if self._record(step):
            self.nav.flag = self.nav.flag_after(focused)
            self.refresh_all()
            self._say(said)

    def action_undismiss(self) -> None:
        dismissed = self.session.dismissed_in(self.index)
        if not dismissed:
            self._say("No dismissed flag in this segment.")
            return

        def chosen(issue: Issue | None) -> None:
            if issue is not None and self._record(lambda: self.decisions.undismiss(issue.id)):
                self.nav.flag = issue.id
                self.refresh_all()

        choices = [(f"{i.rule_id}: “{one_line(i.text)}” {one_line(i.message)}", i) for i in dismissed]
        self.app.push_screen(ChooseDialog(f"Bring back a flag of segment {self.index + 1}", choices), chosen)

    # flags as proposed MQM annotations: d rejects one (a dismissal)

    def _proposal(self) -> Issue | None:
        """The focused flag, unless it is an annotation already."""
        issue = self._focused_issue()
        if issue is not None and issue.checker == MANUAL:
            self._say("This is your annotation already.")
            return None
        return issue

    def action_severity(self) -> None:
        issue = self._proposal()
        if issue is not None:
            severity = self.decisions.next_severity(issue)
            self.refresh_segment(self.index)
            self._say(f"Proposed as {severity.label}: y confirms it as your MQM annotation.")

    def action_confirm_flag(self) -> None:
        issue = self._proposal()
        if issue is None:
            return
        confirmed: list[Issue] = []
        if self._record(lambda: confirmed.append(self.decisions.confirm(issue))):
            self.nav.flag = confirmed[0].id
            self.refresh_segment(self.index)
            self._say(f"Confirmed {issue.rule_id} as {confirmed[0].severity.label} {confirmed[0].category}.")

    def action_annotate(self) -> None:
        def annotated(annotation: NewAnnotation | None) -> None:
            issue: list[Issue] = []
            if annotation is not None and self._record(lambda: issue.append(self.session.annotate(annotation))):
                self.nav.flag = issue[0].id
                self.refresh_segment(self.index)

        self.app.push_screen(AnnotationDialog(self.index, self.session.text(self.index)), annotated)

    # undoing

    def action_undo(self) -> None:
        result: list[tuple[Step | None, list[PendingSave]]] = []
        if not self._record(lambda: result.append(self.decisions.undo())):
            return
        step, saves = result[0]
        if step is None:
            self._say("Nothing to undo in this visit.")
            return
        self._changed(saves, f"Undone: {step.what}.")

    def action_revert(self) -> None:
        if self.editing:
            self._close_editor()
        saves = self.decisions.revert(self.index)
        self._take(saves)
        self._say(
            f"Segment {self.index + 1} is the MT again (u undoes)." if saves else "The segment is the MT already."
        )
