"""The must-report table model (必报事项): rows from ``app.visits.list_reports``, the latest learnt of first."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.ui.models.dates import month_day

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


class ReportModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._today = datetime.date.today()

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = datetime.date.today()
        self.endResetModel()

    def report(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, report_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row["id"] == report_id), None)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(key, row)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and row["status"] == "open":
            return QBrush(QColor(OPEN_COLOR))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def rows(self) -> list[dict]:
        return list(self._rows)

    def text(self, key: str, row: dict) -> str:
        """What the column ``key`` shows for ``row`` (the page sizes its columns by it)."""
        if key in ("learnt_on", "reported_on"):
            return month_day(row.get(key), self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "status":
            return row["status_label"]
        return row.get(key) or ""
