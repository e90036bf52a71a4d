"""Correct a must-report (更正必报事项): the report form filled with it, and the reason."""

from __future__ import annotations

from app import visits
from app.accounts import Session
from app.ui.dialogs.correction_parts import add_reason, correcting
from app.ui.dialogs.report import ReportDialog


class ReportCorrectionDialog(ReportDialog):
    """A must-report's correction: who, what kind, what happened, when the club learnt of it, with the reason."""

    def __init__(self, db, by: Session, report: dict, parent=None):
        super().__init__(db, by.name, parent, person_id=report["person_id"])
        self._by = by
        self.report_id = report["id"]
        self.kind.setCurrentIndex(self.kind.findData(report["kind"]))
        self.summary.setPlainText(report["summary"])
        self.learnt_on.setText(report["learnt_on"])
        self.notes.setPlainText(report["notes"])
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a must-report"))

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: visits.correct_report(db, self.report_id, raw, reason=reason, by=by),
                      said=lambda _changed: visits.describe_report(self._db, self.report_id), verb="correct"):
            self.accept()
