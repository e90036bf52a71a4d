"""The must-report table model (必报事项): rows from ``app.visits.list_reports``, the latest learnt of first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel

OPEN_COLOR = "#8b0000"  # not yet passed upward

COLUMNS = (
    ("learnt_on", QT_TRANSLATE_NOOP("ReportModel", "Learnt of on")),
    ("name", QT_TRANSLATE_NOOP("ReportModel", "Person concerned")),
    ("kind", QT_TRANSLATE_NOOP("ReportModel", "Kind")),
    ("summary", QT_TRANSLATE_NOOP("ReportModel", "What happened")),
    ("status", QT_TRANSLATE_NOOP("ReportModel", "Status")),
    ("reported_to", QT_TRANSLATE_NOOP("ReportModel", "Reported to")),
    ("reported_on", QT_TRANSLATE_NOOP("ReportModel", "Reported on")),
)


class ReportModel(ListModel):
    COLUMNS = COLUMNS
    STATE_COLUMN = "status"

    def report(self, row: int) -> dict | None:
        return self.row_at(row)

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and row["status"] == "open":
            return QBrush(QColor(OPEN_COLOR))
        return super().cell(key, row, role)

    def text(self, key: str, row: dict) -> str:
        """What the column ``key`` shows for ``row`` (the page sizes its columns by it)."""
        if key in ("learnt_on", "reported_on"):
            return month_day(row.get(key), self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "status":
            return row["status_label"]
        return row.get(key) or ""
