"""The meetings table model (会议): rows from ``app.meetings.list_meetings``, the latest first."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel

COLUMNS = (
    ("held_on", QT_TRANSLATE_NOOP("MeetingModel", "Held on")),
    ("kind", QT_TRANSLATE_NOOP("MeetingModel", "Kind")),
    ("topics", QT_TRANSLATE_NOOP("MeetingModel", "Topics")),
    ("decisions", QT_TRANSLATE_NOOP("MeetingModel", "Decisions")),
    ("attendees", QT_TRANSLATE_NOOP("MeetingModel", "Attendees")),
)


class MeetingModel(ListModel):
    COLUMNS = COLUMNS
    STATE_COLUMN = "kind"

    def meeting(self, row: int) -> dict | None:
        return self.row_at(row)

    def text(self, key: str, row: dict) -> str:
        if key == "held_on":
            return month_day(datetime.date.fromisoformat(row["held_on"]), self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "attendees":
            return "、".join(row["attendees"])
        return row[key] or ""
