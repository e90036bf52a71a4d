"""Void an entry (作废记录) with the reason, in every register: it stays in the register marked 已作废 and counts no
more."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.ui.dialogs.correction_parts import NOTE_STYLE, reason_box
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.text import fill


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
