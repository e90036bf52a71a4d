"""A new must-report (新建必报事项): the person concerned, what kind, what happened, when the club learnt of it."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout

from app import visits
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo, save_buttons, small_text_box
from app.ui.widgets import PersonPicker


class ReportDialog(FormDialog):
    """A new must-report, status 待上报; ``report_id`` holds its id after saving."""

    def __init__(self, db, actor: str, parent=None, person_id: int | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.report_id: int | None = None
        self.setWindowTitle(self.tr("New must-report"))

        self.person = PersonPicker(db)
        self.kind = numbered_combo(visits.REPORT_KINDS, self.tr("Press 1–5 or choose"), self)
        self.summary = small_text_box(3)
        self.summary.setPlaceholderText(self.tr("What happened, in a sentence or two"))
        self.learnt_on = DateField(datetime.date.today().isoformat())
        self.notes = small_text_box(2)

        form = form_layout()
        self.add_row(form, self.tr("Person concerned"), self.person, "person_id")
        self.add_row(form, self.tr("Kind"), self.kind, "kind")
        self.add_row(form, self.tr("What happened"), self.summary, "summary")
        self.add_row(form, self.tr("Learnt of it on"), self.learnt_on, "learnt_on")
        self.add_row(form, self.tr("Notes"), self.notes, "notes")
        self.watch_date(self.learnt_on, "learnt_on")
        limit = int(visits.setting(db, "report_overdue_days"))
        # Translated in this class's context, so that the correction form made from it reads it too.
        explain = QLabel(QCoreApplication.translate(
            "ReportDialog", "A must-report is to be passed to the party branch within %n days of learning of it.", "",
            limit))
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))

        self.person.picked.connect(lambda _id: (self.show_error("person_id", None), self.kind.setFocus()))
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        if person_id is not None:
            self.person.set_person(person_id)
            self.kind.setFocus()
        else:
            self.person.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 44)

    def raw_values(self) -> dict:
        return {"person_id": self.person.person_id(), "kind": self.kind.currentData(),
                "summary": self.summary.toPlainText(), "learnt_on": self.learnt_on.text(),
                "notes": self.notes.toPlainText()}

    def save(self) -> None:
        raw = self.raw_values()
        done = self.write(lambda db: visits.open_report(db, raw, actor=self._actor),
                          said=lambda report_id: visits.describe_report(self._db, report_id), undo=True)
        if done:
            self.report_id = done.value
            self.accept()
