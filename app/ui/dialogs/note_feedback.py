"""Note what a resident said about a volunteer's service (记录群众评价): praise or a complaint, who said it, when; the
yearly ranking draws on it."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from app import awards
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo, save_buttons, small_text_box
from app.ui.widgets import PersonPicker


class FeedbackDialog(FormDialog):
    """Note what a resident said about a volunteer's service: praise or a complaint, who said it, when."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.feedback_id: int | None = None
        self.setWindowTitle(self.tr("Note feedback on a volunteer"))
        self.person = PersonPicker(db, volunteers=True)
        if person_id is not None:
            self.person.set_person(person_id)
        self.kind = numbered_combo(awards.FEEDBACK_KINDS, self.tr("Press 1–2 or choose"), self)
        self.given_by = QLineEdit()
        self.given_by.setPlaceholderText(self.tr("For example: resident 张大妈, building 12"))
        self.on = DateField(datetime.date.today().isoformat())
        self.note = small_text_box(3)
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Kind"), self.kind, "kind")
        self.add_row(form, self.tr("From"), self.given_by, "given_by")
        self.add_row(form, self.tr("Date"), self.on, "on_date")
        self.add_row(form, self.tr("What was said"), self.note, "note")
        self.watch_date(self.on, "on_date")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        self.person.picked.connect(lambda _id: self.show_error("person_id", None))
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 40)

    def save(self) -> None:
        if self.person.person_id() is None:
            self.show_errors({"person_id": self.tr("Choose a volunteer from the list.")})
            return
        person_id, kind, note = self.person.person_id(), self.kind.currentData(), self.note.toPlainText()
        given_by, on = self.given_by.text(), self.on.text()
        done = self.write(lambda db: awards.record_feedback(db, person_id, kind, note, given_by=given_by, on=on,
                                                            actor=self._actor),
                          said=lambda feedback_id: awards.describe_feedback(self._db, feedback_id), undo=True)
        if done:
            self.feedback_id = done.value
            self.accept()
