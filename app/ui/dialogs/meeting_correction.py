"""Correct a meeting (更正会议记录): the meeting form filled with it, and the reason."""

from __future__ import annotations

from app import meetings
from app.accounts import Session
from app.ui.dialogs.correction_parts import add_reason, correcting
from app.ui.dialogs.meeting import MeetingDialog


class MeetingCorrectionDialog(MeetingDialog):
    def __init__(self, db, by: Session, meeting: dict, parent=None):
        super().__init__(db, by.name, parent, kind=meeting["kind"])
        self._by = by
        self.meeting_id = meeting["id"]
        self.held_on.setText(meeting["held_on"])
        self.place.setText(meeting["place"])
        self.attendees.set_ids(list(meeting["attendee_ids"]))
        self.topics.setPlainText(meeting["topics"])
        self.decisions.setPlainText(meeting["decisions"])
        self.follow_ups.setPlainText(meeting["follow_ups"])
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a meeting"))

    def save(self) -> None:
        raw, reason, by = self.raw_values(), self.reason.text(), self._by
        if self.write(lambda db: meetings.correct_meeting(db, self.meeting_id, raw, reason=reason, by=by),
                      said=lambda _changed: meetings.describe_meeting(self._db, self.meeting_id), verb="correct"):
            self.accept()
