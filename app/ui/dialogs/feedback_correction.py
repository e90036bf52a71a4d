"""Correct feedback on a volunteer (更正群众评价): the feedback form filled with it, and the reason."""

from __future__ import annotations

from app import awards
from app.accounts import Session
from app.ui.dialogs.correction_parts import add_reason, correcting
from app.ui.dialogs.note_feedback import FeedbackDialog


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
