"""Correcting and voiding entries (更正、作废): the void dialog every register shares, each register's correction form
(its own form, filled with the entry, with the reason beneath it), and the entry's history as the pages show it.

The rules are app.corrections' and each register's (who may, what follows); these dialogs only gather the new values
and the reason and say what was done (app.ui.write: "已更正：…", "已作废：…").
"""

from __future__ import annotations

import html
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from app import activities, awards, corrections, meetings, timebank, visits
from app.accounts import Session
from app.ui.dialogs.activity import ActivityDialog
from app.ui.dialogs.note_feedback import FeedbackDialog
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.timebank_parts import hours_box
from app.ui.dialogs.visit import VisitDialog
from app.ui.text import fill

NOTE_STYLE = "color: #555555;"


def history_lines(steps: list[corrections.Step]) -> list[str]:
    """The entry's history as lines of rich text: who recorded it when, then each correction with the earlier and
    the new values, and a void, each with its reason."""
    lines = []
    for step in steps:
        when = step.at[:16].replace("T", " ")
        if step.action == "record":
            line = fill(QCoreApplication.translate("Corrections", "%1 recorded by %2"), when, step.actor)
        elif step.action == "correct":
            changed = "；".join(fill(QCoreApplication.translate("Corrections", "%1: %2 → %3"), c.label, c.before,
                                    c.after) for c in step.changes)
            line = fill(QCoreApplication.translate("Corrections", "%1 corrected by %2: %3 (reason: %4)"), when,
                        step.actor, changed, step.reason)
        else:
            line = fill(QCoreApplication.translate("Corrections", "%1 voided by %2 (reason: %3)"), when, step.actor,
                        step.reason)
        lines.append(html.escape(line))
    return lines


def history_html(steps: list[corrections.Step]) -> str:
    """The history under a heading, for a details panel; empty when the entry was never corrected or voided."""
    if not any(step.action != "record" for step in steps):
        return ""
    title = QCoreApplication.translate("Corrections", "History of corrections")
    return f"<b>{html.escape(title)}</b><br>" + "<br>".join(history_lines(steps))


def reason_box() -> QLineEdit:
    box = QLineEdit()
    box.setMaxLength(200)
    box.setPlaceholderText(QCoreApplication.translate("Corrections",
                                                      "Why, in a few words: e.g. logged to the wrong person"))
    return box


class VoidDialog(FormDialog):
    """Void one entry, with the reason: ``what`` names it, ``work(db, reason)`` voids it. The entry stays in the
    register marked 已作废; ``consequence`` says what follows (the due item comes back, the hours are reversed)."""

    def __init__(self, db, what: str, consequence: str, work: Callable[[Any, str], Any], parent=None):
        super().__init__(parent)
        self._db = db
        self._what = what
        self._work = work
        self.setWindowTitle(self.tr("Void an entry"))
        about = QLabel(what)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        about.setStyleSheet("font-weight: bold;")
        explain = QLabel(fill(self.tr("The entry stays in the records, marked “void”, and counts no more. %1"),
                              consequence))
        explain.setWordWrap(True)
        explain.setStyleSheet(NOTE_STYLE)
        self.reason = reason_box()
        form = form_layout()
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Void (Ctrl+Enter)"), self.tr("Cancel")))
        self.reason.textEdited.connect(lambda: self.show_error("reason", None))
        self.reason.setFocus()
        fit_height(self, 36)

    def save(self) -> None:
        reason = self.reason.text()
        if self.write(lambda db: self._work(db, reason), said=self._what, verb="void"):
            self.accept()


def add_reason(dialog: FormDialog) -> QLineEdit:
    """The reason row of a correction form, beneath the form's own fields (above its general error)."""
    box = reason_box()
    form = form_layout()
    dialog.add_row(form, QCoreApplication.translate("Corrections", "Reason for the correction"), box, "reason")
    layout = dialog.layout()
    layout.insertLayout(layout.indexOf(dialog.general_error), form)
    box.textEdited.connect(lambda: dialog.show_error("reason", None))
    return box


def correcting(dialog: FormDialog, title: str) -> None:
    dialog.setWindowTitle(title)
    dialog.save_button.setText(QCoreApplication.translate("Corrections", "Save the correction (Ctrl+Enter)"))


class VisitCorrectionDialog(VisitDialog):
    """A visit's correction: the visit form filled with it, and the reason."""

    def __init__(self, db, by: Session, visit: dict, parent=None):
        super().__init__(db, by.name, parent, person_id=visit["person_id"], kind=visit["kind"],
                         report_id=visit["report_id"])
        self._by = by
        self._visit = visit
        self.visit_id = visit["id"]
        self.visit_date.setText(visit["visit_date"])
        self.visitors.set_ids(list(visit["visitor_ids"]))
        self.what_done.setText(visit["done"])
        self.notes.setPlainText(visit["notes"])
        self.follow_up_on.setText(visit["follow_up_on"] or "")
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a visit"))
        self.person.setFocus()

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: visits.correct_visit(db, self.visit_id, raw, reason=reason, by=by),
                      said=lambda _changed: visits.describe_visit(self._db, self.visit_id), verb="correct"):
            self.accept()


class ReportCorrectionDialog(ReportDialog):
    """A must-report's correction: who, what kind, what happened, when the club learnt of it, with the reason."""

    def __init__(self, db, by: Session, report: dict, parent=None):
        super().__init__(db, by.name, parent, person_id=report["person_id"])
        self._by = by
        self.report_id = report["id"]
        self.kind.setCurrentIndex(self.kind.findData(report["kind"]))
        self.summary.setPlainText(report["summary"])
        self.learnt_on.setText(report["learnt_on"])
        self.notes.setPlainText(report["notes"])
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a must-report"))

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: visits.correct_report(db, self.report_id, raw, reason=reason, by=by),
                      said=lambda _changed: visits.describe_report(self._db, self.report_id), verb="correct"):
            self.accept()


class MeetingCorrectionDialog(MeetingDialog):
    def __init__(self, db, by: Session, meeting: dict, parent=None):
        super().__init__(db, by.name, parent, kind=meeting["kind"])
        self._by = by
        self.meeting_id = meeting["id"]
        self.held_on.setText(meeting["held_on"])
        self.place.setText(meeting["place"])
        self.attendees.set_ids(list(meeting["attendee_ids"]))
        self.topics.setPlainText(meeting["topics"])
        self.decisions.setPlainText(meeting["decisions"])
        self.follow_ups.setPlainText(meeting["follow_ups"])
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a meeting"))

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: meetings.correct_meeting(db, self.meeting_id, raw, reason=reason, by=by),
                      said=lambda _changed: meetings.describe_meeting(self._db, self.meeting_id), verb="correct"):
            self.accept()


class ActivityCorrectionDialog(ActivityDialog):
    """An activity's correction; once confirmed, its hours in the time bank follow."""

    def __init__(self, db, by: Session, activity: dict, parent=None):
        super().__init__(db, by.name, parent, activity=activity)
        self._by = by
        self._activity = activity
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct an activity"))
        if activity["confirmed_at"]:
            note = QLabel(self.tr("The hours of this activity are in the time bank: they are corrected with it."))
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE)
            self.layout().insertWidget(0, note)

    def raw_values(self) -> dict:
        """The form's values; a participant's own hours are kept unless the activity's hours were changed."""
        raw = super().raw_values()
        own = dict(self._activity["participants"])
        if raw["hours"] == self._activity["hours"]:
            raw["participants"] = [(pid, own.get(pid, raw["hours"])) for pid in raw["participants"]]
        return raw

    def save(self) -> None:
        raw, reason, by, activity_id = self.raw_values(), self.reason.text(), self._by, self._activity["id"]
        if self.write(lambda db: activities.correct_activity(db, activity_id, raw, reason=reason, by=by),
                      said=lambda _changed: activities.describe_activity(self._db, activity_id), verb="correct"):
            self.accept()


class FeedbackCorrectionDialog(FeedbackDialog):
    def __init__(self, db, by: Session, feedback: dict, parent=None):
        super().__init__(db, by.name, feedback["person_id"], parent)
        self._by = by
        self.feedback_id = feedback["id"]
        self.kind.setCurrentIndex(self.kind.findData(feedback["kind"]))
        self.given_by.setText(feedback["given_by"])
        self.on.setText(feedback["on_date"])
        self.note.setPlainText(feedback["note"])
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct feedback"))

    def save(self) -> None:
        if self.person.person_id() is None:
            self.show_errors({"person_id": self.tr("Choose a volunteer from the list.")})
            return
        raw = {"person_id": self.person.person_id(), "kind": self.kind.currentData(), "note": self.note.toPlainText(),
               "given_by": self.given_by.text(), "on_date": self.on.text()}
        reason, by = self.reason.text(), self._by
        if self.write(lambda db: awards.correct_feedback(db, self.feedback_id, raw, reason=reason, by=by),
                      said=lambda _changed: awards.describe_feedback(self._db, self.feedback_id), verb="correct"):
            self.accept()


class EntryCorrectionDialog(FormDialog):
    """The correction of hours typed in by hand (手工录入): the right hours, date and note, with the reason; the
    entry is reversed and the right one recorded."""

    def __init__(self, db, by: Session, entry: dict, parent=None):
        super().__init__(parent)
        self._db = db
        self._by = by
        self._entry = entry
        self.setWindowTitle(self.tr("Correct hours"))
        about = QLabel(timebank.describe_entry(db, entry["id"]))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setStyleSheet("font-weight: bold;")
        self.hours = hours_box()
        self.hours.setValue(abs(entry["hours"]))
        self.on_date = QLineEdit(entry["date"])
        self.note = QLineEdit(entry["note"])
        self.reason = reason_box()
        form = form_layout()
        self.add_row(form, self.tr("Hours"), self.hours, "hours")
        self.add_row(form, self.tr("Date"), self.on_date, "on_date")
        self.add_row(form, self.tr("Note"), self.note, "note")
        self.add_row(form, self.tr("Reason for the correction"), self.reason, "reason")
        self.watch_date(self.on_date, "on_date")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save the correction (Ctrl+Enter)"), self.tr("Cancel")))
        self.hours.setFocus()
        fit_height(self, 36)

    def save(self) -> None:
        hours, on, note, reason, by = (self.hours.value(), self.on_date.text(), self.note.text(), self.reason.text(),
                                       self._by)
        if self.write(lambda db: timebank.amend(db, self._entry["id"], hours, on=on, note=note, reason=reason, by=by),
                      said=lambda entry_id: timebank.describe_entry(self._db, entry_id), verb="correct"):
            self.accept()
