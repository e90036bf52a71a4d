"""Correct an activity (更正活动记录): the activity form filled with it, and the reason; once the activity is
confirmed, its hours in the time bank follow."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app import activities
from app.accounts import Session
from app.ui.dialogs.activity import ActivityDialog
from app.ui.dialogs.correction_parts import NOTE_STYLE, add_reason, correcting


class ActivityCorrectionDialog(ActivityDialog):
    """An activity's correction; once confirmed, its hours in the time bank follow."""

    def __init__(self, db, by: Session, activity: dict, parent=None):
        super().__init__(db, by.name, parent, activity=activity)
        self._by = by
        self._activity = activity
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct an activity"))
        if activity["confirmed_at"]:
            note = QLabel(self.tr("The hours of this activity are in the time bank: they are corrected with it."))
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE)
            self.layout().insertWidget(0, note)

    def raw_values(self) -> dict:
        """The form's values; a participant's own hours are kept unless the activity's hours were changed."""
        raw = super().raw_values()
        own = dict(self._activity["participants"])
        if raw["hours"] == self._activity["hours"]:
            raw["participants"] = [(pid, own.get(pid, raw["hours"])) for pid in raw["participants"]]
        return raw

    def save(self) -> None:
        raw, reason, by, activity_id = self.raw_values(), self.reason.text(), self._by, self._activity["id"]
        if self.write(lambda db: activities.correct_activity(db, activity_id, raw, reason=reason, by=by),
                      said=lambda _changed: activities.describe_activity(self._db, activity_id), verb="correct"):
            self.accept()
