"""A volunteer's feedback (群众评价): the praise and complaints noted about them, each with its history, where a new one
is noted and a wrong one corrected or voided (the yearly ranking counts only those not void)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app import awards, people
from app.db.changes import Register
from app.ui import session as ui_session
from app.ui.dialogs.note_feedback import FeedbackDialog
from app.ui.dialogs.correction_parts import history_html
from app.ui.dialogs.feedback_correction import FeedbackCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.models.feedback import FeedbackModel
from app.ui.signals import follow
from app.ui.text import fill
from app.ui.widgets import KeptRow, list_table


class FeedbackListDialog(QDialog):
    def __init__(self, db, actor: str, person_id: int, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._person_id = person_id
        self.setWindowTitle(fill(self.tr("Feedback on %1"), people.get_person(db, person_id)["name"]))
        self.model = FeedbackModel(self)
        self.table = list_table(self.model, "feedbackTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chosen = KeptRow(self.table)
        self.detail = QLabel()
        self.detail.setObjectName("feedbackDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.new_button = QPushButton(self.tr("Note feedback…"))
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.void_button = QPushButton(self.tr("Void…"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.correct_button, self.void_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.chosen.chosen.connect(self._show)
        self.new_button.clicked.connect(self.note)
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        self.table.activated.connect(lambda _index: self.correct())
        follow(self, (Register.FEEDBACK,), lambda _changes: self.refresh())
        em = self.fontMetrics().horizontalAdvance("国")
        self.resize(em * 50, em * 26)
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        self.chosen.set_rows(awards.feedback_of(self._db, self._person_id))
        self._show(self.chosen.row())

    def _show(self, row: dict | None) -> None:
        why = None if row is None else awards.may_change_feedback(self._db, row, ui_session.current())
        for button in (self.correct_button, self.void_button):
            button.setEnabled(row is not None and why is None)
            button.setToolTip(why or "")
        if row is None:
            self.detail.setText(html.escape(self.tr("No feedback has been noted about this volunteer.")
                                            if not self.model.rowCount() else ""))
            return
        self.detail.setText("<br>".join(part for part in (html.escape(row["note"]),
                                                          history_html(awards.feedback_history(self._db, row["id"])))
                                        if part))

    def note(self) -> None:
        FeedbackDialog(self._db, self._actor, self._person_id, parent=self).exec()

    def correct(self) -> None:
        row = self.chosen.row()
        if row is not None and self.correct_button.isEnabled():
            FeedbackCorrectionDialog(self._db, ui_session.current(), row, parent=self).exec()

    def void(self) -> None:
        row = self.chosen.row()
        if row is None or not self.void_button.isEnabled():
            return
        by, feedback_id = ui_session.current(), row["id"]
        VoidDialog(self._db, awards.describe_feedback(self._db, feedback_id),
                   self.tr("The yearly ranking no longer counts it."),
                   lambda db, reason: awards.void_feedback(db, feedback_id, reason=reason, by=by), parent=self).exec()
