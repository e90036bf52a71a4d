"""Correct a visit (更正走访记录): the visit form filled with it, and the reason."""

from __future__ import annotations

from app import visits
from app.accounts import Session
from app.ui.dialogs.correction_parts import add_reason, correcting
from app.ui.dialogs.visit import VisitDialog


class VisitCorrectionDialog(VisitDialog):
    """A visit's correction: the visit form filled with it, and the reason."""

    def __init__(self, db, by: Session, visit: dict, parent=None):
        super().__init__(db, by.name, parent, person_id=visit["person_id"], kind=visit["kind"],
                         report_id=visit["report_id"])
        self._by = by
        self._visit = visit
        self.visit_id = visit["id"]
        self.visit_date.setText(visit["visit_date"])
        self.visitors.set_ids(list(visit["visitor_ids"]))
        self.what_done.setText(visit["done"])
        self.notes.setPlainText(visit["notes"])
        self.follow_up_on.setText(visit["follow_up_on"] or "")
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a visit"))
        self.person.setFocus()

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: visits.correct_visit(db, self.visit_id, raw, reason=reason, by=by),
                      said=lambda _changed: visits.describe_visit(self._db, self.visit_id), verb="correct"):
            self.accept()
