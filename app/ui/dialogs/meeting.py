"""Record a meeting (会议): kind, date, place, attendees, topics, decisions and follow-ups, errors inline."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from app import meetings
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo, save_buttons, small_text_box
from app.ui.widgets import VisitorList


class MeetingDialog(FormDialog):
    """A new meeting; ``meeting_id`` holds its id after saving."""

    def __init__(self, db, actor: str, parent=None, kind: str | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.meeting_id: int | None = None
        self.setWindowTitle(self.tr("Record a meeting"))

        self.kind = numbered_combo(meetings.MEETING_KINDS, self.tr("Press 1–4 or choose"), self)
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.held_on = DateField(datetime.date.today().isoformat())
        self.place = QLineEdit()
        self.attendees = VisitorList(db)
        self.topics = small_text_box(3)
        self.decisions = small_text_box(3)
        self.follow_ups = small_text_box(2)

        form = form_layout()
        self.add_row(form, self.tr("Kind"), self.kind, "kind")
        self.add_row(form, self.tr("Held on"), self.held_on, "held_on")
        self.add_row(form, self.tr("Place"), self.place, "place")
        self.add_row(form, self.tr("Attendees"), self.attendees, "attendee_ids")
        self.add_row(form, self.tr("Topics"), self.topics, "topics")
        self.add_row(form, self.tr("Decisions"), self.decisions, "decisions")
        self.add_row(form, self.tr("Follow-ups"), self.follow_ups, "follow_ups")
        self.watch_date(self.held_on, "held_on")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))

        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        self.attendees.changed.connect(lambda: self.show_error("attendee_ids", None))
        self.kind.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 44)

    def raw_values(self) -> dict:
        return {"kind": self.kind.currentData(), "held_on": self.held_on.text(), "place": self.place.text(),
                "attendee_ids": self.attendees.ids(), "topics": self.topics.toPlainText(),
                "decisions": self.decisions.toPlainText(), "follow_ups": self.follow_ups.toPlainText()}

    def save(self) -> None:
        raw = self.raw_values()
        done = self.write(lambda db: meetings.record_meeting(db, raw, actor=self._actor),
                          said=lambda meeting_id: meetings.describe_meeting(self._db, meeting_id), undo=True)
        if done:
            self.meeting_id = done.value
            self.accept()
