"""Credit a volunteer's hours of service to the time bank (记入时长): how many, on which day, from what, and a note."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout

from app import timebank
from app.ui.datefield import DateField
from app.ui.dialogs.forms import form_layout, save_buttons
from app.ui.dialogs.timebank_parts import _PersonForm, hours_box


class DepositDialog(_PersonForm):
    """Credit hours of service (存入): how many, on which day, from what, and a note."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Credit hours"))
        self.hours = hours_box()
        self.on_date = DateField(datetime.date.today().isoformat())
        self.source = QComboBox()
        for code in ("activity", "manual"):
            self.source.addItem(timebank.SOURCES[code], code)
        self.note = QLineEdit()
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        # The national recording rules count the actual time of service, without the journey there and back.
        self.add_row(form, self.tr("Actual hours of service (travel excluded)"), self.hours, "hours")
        self.add_row(form, self.tr("Date"), self.on_date, "on_date")
        self.add_row(form, self.tr("Source"), self.source, "source")
        self.add_row(form, self.tr("Note"), self.note, "note")
        self.watch_date(self.on_date, "on_date")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Credit (Ctrl+Enter)"), self.tr("Cancel")))
        (self.hours if person_id is not None else self.person).setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def save(self) -> None:
        hours, on, source, note = self.hours.value(), self.on_date.text(), self.source.currentData(), self.note.text()
        self._save(lambda db, person_id: timebank.deposit(db, person_id, hours, on=on, source=source, note=note,
                                                          actor=self._actor))
