"""Reverse a mistaken time-bank entry (冲正一笔记录) with the reason: the balance is never edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from app import timebank
from app.ui import session as ui_session
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons
from app.ui.models.timebank import kind_label, signed
from app.ui.text import fill


class CorrectDialog(FormDialog):
    """Void a mistaken entry by reversing it (冲正) with the reason; the balance is never edited."""

    def __init__(self, db, actor: str, entry: dict, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._entry = entry
        self.entry_id: int | None = None
        self.setWindowTitle(self.tr("Reverse an entry"))
        about = QLabel(fill(self.tr("%1 %2 %3 hours: %4"), entry["date"], kind_label(entry["kind"]),
                            signed(entry["hours"]), entry["note"] or timebank.SOURCES.get(entry["source"], "")))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        about.setStyleSheet("font-weight: bold;")
        self.reason = QLineEdit()
        form = form_layout()
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Reverse (Ctrl+Enter)"), self.tr("Cancel")))
        self.reason.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def save(self) -> None:
        reason, by = self.reason.text(), ui_session.current()
        done = self.write(lambda db: timebank.correct(db, self._entry["id"], reason=reason, actor=self._actor, by=by),
                          said=timebank.describe_entry(self._db, self._entry["id"]), verb="void")
        if done:
            self.entry_id = done.value
            self.accept()
