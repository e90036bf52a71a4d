"""The visit log's table model (走访记录): rows from ``app.visits.list_visits``, newest first."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt

from app.ui.models.dates import month_day

COLUMNS = (
    ("visit_date", QT_TRANSLATE_NOOP("VisitModel", "Date")),
    ("name", QT_TRANSLATE_NOOP("VisitModel", "Person visited")),
    ("kind", QT_TRANSLATE_NOOP("VisitModel", "Kind")),
    ("visitors", QT_TRANSLATE_NOOP("VisitModel", "Visited by")),
    ("done", QT_TRANSLATE_NOOP("VisitModel", "What was done")),
    ("follow_up_on", QT_TRANSLATE_NOOP("VisitModel", "Follow-up on")),
)


class VisitModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._today = datetime.date.today()

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = datetime.date.today()
        self.endResetModel()

    def visit(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, visit_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row["id"] == visit_id), None)

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "done" and row.get("notes"):
                return "\n".join(part for part in (row["done"], row["notes"]) if part)
            return self.text(key, row)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def rows(self) -> list[dict]:
        return list(self._rows)

    def text(self, key: str, row: dict) -> str:
        """What the column ``key`` shows for ``row`` (the page sizes its columns by it)."""
        if key in ("visit_date", "follow_up_on"):
            return month_day(row[key], self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "visitors":
            return "、".join(row["visitors"])
        if key == "done":
            return row["done"] or row.get("notes") or ""
        return row[key] or ""
