"""Correct hours typed in by hand (更正时长): the right hours, date and note, with the reason; the entry is reversed
and the right one recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from app import timebank
from app.accounts import Session
from app.ui.dialogs.correction_parts import reason_box
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.dialogs.timebank_parts import hours_box


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
