"""The activities table model (活动): rows from ``app.activities.list_activities``, the latest first."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel

COLUMNS = (
    ("held_on", QT_TRANSLATE_NOOP("ActivityModel", "Held on")),
    ("kind", QT_TRANSLATE_NOOP("ActivityModel", "Kind")),
    ("title", QT_TRANSLATE_NOOP("ActivityModel", "Activity")),
    ("place", QT_TRANSLATE_NOOP("ActivityModel", "Place")),
    ("people", QT_TRANSLATE_NOOP("ActivityModel", "Participants")),
    ("hours", QT_TRANSLATE_NOOP("ActivityModel", "Hours each")),
    ("served", QT_TRANSLATE_NOOP("ActivityModel", "Served")),
    ("state", QT_TRANSLATE_NOOP("ActivityModel", "State")),
)


class ActivityModel(ListModel):
    COLUMNS = COLUMNS
    STATE_COLUMN = "state"

    def text(self, key: str, row: dict) -> str:
        if key == "held_on":
            return month_day(datetime.date.fromisoformat(row["held_on"]), self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "people":
            return str(len(row["participants"]))
        if key == "hours":
            return f"{row['hours']:g}"
        if key == "served":
            return str(row["served_count"]) if row["served_count"] else ""
        if key == "state":
            if row["confirmed_at"]:
                return QCoreApplication.translate("ActivityModel", "Credited")
            return QCoreApplication.translate("ActivityModel", "To confirm")
        return row[key] or ""

    def cell(self, key: str, row: dict, role: int):
        if key == "state" and role == Qt.ItemDataRole.ForegroundRole and not row["confirmed_at"]:
            return QColor("#9a5b00")
        if key in ("people", "hours", "served") and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().cell(key, row, role)
