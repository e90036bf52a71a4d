"""Change a person's status: active, moved away or deceased, from a date. Nobody is ever deleted."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app import ids, people
from app.ui.dialogs.forms import KeepsTyping
from app.ui.write import write


class StatusDialog(KeepsTyping, QDialog):
    def __init__(self, db, actor: str, person: dict, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._person = person
        self.setWindowTitle(self.tr("Change the status of %1").replace("%1", person["name"]))
        self.status = QComboBox()
        for code, label in (("active", self.tr("Active")), ("moved_away", self.tr("Moved away")),
                            ("deceased", self.tr("Deceased"))):
            self.status.addItem(label, code)
        self.status.setCurrentIndex(self.status.findData(person["status"]))
        self.date = QLineEdit(person["status_date"] or datetime.date.today().isoformat())
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        explain = QLabel(self.tr("People are never deleted: their visits and history stay in the ledger."))
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("From"), self.date)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(lambda: self.date.setEnabled(self.status.currentData() != "active"))
        self.date.setEnabled(self.status.currentData() != "active")
        self.setMinimumWidth(520)

    def save(self) -> None:
        code, typed = self.status.currentData(), self.date.text()

        def change(db) -> None:
            on = ids.event_date(typed, "status_date") if code != "active" else None
            people.change_status(db, self._person["id"], code, on, actor=self._actor)

        if write(self, self._db, change, form=self):
            self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error.setText("；".join(errors.values()))
        self.error.show()
        self.date.setFocus()
