"""Log a visit (走访) from the keyboard: who was visited, what kind, when, who went, what was done; Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app import people, visits
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, numbered_combo, small_text_box
from app.ui.text import fill
from app.ui.widgets import PersonPicker, VisitorList


class VisitDialog(FormDialog):
    """A new visit; ``person_id``, ``kind`` and ``report_id`` prefill it (from the due list, say).

    After a successful save ``visit_id`` holds the new visit's id.
    """

    def __init__(self, db, actor: str, parent=None, person_id: int | None = None, kind: str | None = None,
                 report_id: int | None = None, reason: str | None = None, due_kind: str | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._report_id = report_id
        self.visit_id: int | None = None
        self.setWindowTitle(self.tr("Log a visit"))

        self.person = PersonPicker(db)
        self.kind = numbered_combo(visits.VISIT_KINDS, self.tr("Press 1–5 or choose"), self)
        self.visit_date = DateField(datetime.date.today().isoformat())
        self.visit_date.setPlaceholderText(self.tr("e.g. 2025-11-20"))
        self.visitors = VisitorList(db)
        self.what_done = QLineEdit()
        self.what_done.setPlaceholderText(self.tr("e.g. took a box of milk; helped fill in the hospital form"))
        self.notes = small_text_box(2)
        self.follow_up_on = DateField()
        self.follow_up_on.setPlaceholderText(self.tr("Leave empty if no follow-up visit is needed"))

        self.context = QLabel()
        self.context.setWordWrap(True)
        self.context.setStyleSheet("color: #555555;")
        context_lines = []
        if reason:
            context_lines.append(self.tr("Why it is due: %1").replace("%1", reason))
        due_label = visits.DUE_KINDS.get(due_kind or "")
        if due_label and kind in visits.VISIT_KINDS and due_label != visits.VISIT_KINDS[kind]:
            # 生日慰问 is not one of the five must-visits: it is logged as the elderly members' greeting (4).
            number = list(visits.VISIT_KINDS).index(kind) + 1
            context_lines.append(fill(self.tr("%1 is logged as kind %2, %3."), due_label, number,
                                      visits.VISIT_KINDS[kind]))
        if report_id is not None:
            report = visits.get_report(db, report_id)
            context_lines.append(self.tr("For the must-report: %1").replace("%1", report["summary"]))
        self.context.setText("\n".join(context_lines))
        self.context.setVisible(bool(context_lines))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.add_row(form, self.tr("Person visited"), self.person, "person_id")
        self.add_row(form, self.tr("Kind of visit"), self.kind, "kind")
        self.add_row(form, self.tr("Date"), self.visit_date, "visit_date")
        self.add_row(form, self.tr("Visited by"), self.visitors, "visitor_ids")
        self.add_row(form, self.tr("What was brought or done"), self.what_done, "done")
        self.add_row(form, self.tr("Notes"), self.notes, "notes")
        self.add_row(form, self.tr("Follow-up visit on"), self.follow_up_on, "follow_up_on")
        self.watch_date(self.visit_date, "visit_date")
        self.watch_date(self.follow_up_on, "follow_up_on", ahead=True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save (Ctrl+Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.setTabOrder(self.person, self.kind)
        self.setTabOrder(self.kind, self.visit_date)
        self.setTabOrder(self.visit_date, self.visitors.picker)
        self.setTabOrder(self.visitors.picker, self.visitors.list)
        self.setTabOrder(self.visitors.list, self.visitors.remove_button)
        self.setTabOrder(self.visitors.remove_button, self.what_done)
        self.setTabOrder(self.what_done, self.notes)
        self.setTabOrder(self.notes, self.follow_up_on)

        self.person.picked.connect(self._person_picked)
        self.person.textEdited.connect(lambda: self.show_error("person_id", None))
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        self.visitors.changed.connect(lambda: self.show_error("visitor_ids", None))

        # The volunteer at the desk usually went: put them down as a visitor when their account names one volunteer.
        at_desk = people.volunteer_named(db, actor) if actor else None
        if at_desk is not None:
            self.visitors.set_ids([at_desk])
        if person_id is not None:
            self.person.set_person(person_id)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        first = self.person if person_id is None else (self.kind if kind is None else self.visitors.picker)
        first.setFocus()
        em = self.fontMetrics().horizontalAdvance("国")
        self.setMinimumWidth(em * 44)

    def _person_picked(self, _person_id: int) -> None:
        self.show_error("person_id", None)
        self.kind.setFocus()

    def raw_values(self) -> dict:
        return {
            "person_id": self.person.person_id(), "kind": self.kind.currentData(),
            "visit_date": self.visit_date.text(), "visitor_ids": self.visitors.ids(), "done": self.what_done.text(),
            "notes": self.notes.toPlainText(), "follow_up_on": self.follow_up_on.text(), "report_id": self._report_id,
        }

    def explain(self, errors: dict[str, str]) -> dict[str, str]:
        errors = super().explain(errors)
        if self.visitors.picker.text().strip() and "visitor_ids" in errors:
            errors["visitor_ids"] += "\n" + self.tr("Choose the volunteer from the list that appears as you type.")
        return errors

    def save(self) -> None:
        """Check and store; on errors show each reason beside its field and keep everything typed."""
        raw = self.raw_values()
        done = self.write(lambda db: visits.log_visit(db, raw, actor=self._actor),
                          said=lambda visit_id: visits.describe_visit(self._db, visit_id), undo=True)
        if done:
            self.visit_id = done.value
            self.accept()
