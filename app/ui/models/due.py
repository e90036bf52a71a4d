"""The due list's table model (待办): one row per thing to do, from ``app.visits.due_items``, with how late it is."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.visits import DUE_KINDS, DueItem
from app.ui.models.dates import month_day

OVERDUE_COLOR = "#8b0000"  # dark red: readable on white, unmistakably "late"

COLUMNS = (
    ("due", QT_TRANSLATE_NOOP("DueModel", "Due on")),
    ("name", QT_TRANSLATE_NOOP("DueModel", "Name")),
    ("address", QT_TRANSLATE_NOOP("DueModel", "Address")),
    ("what", QT_TRANSLATE_NOOP("DueModel", "To do")),
    ("reason", QT_TRANSLATE_NOOP("DueModel", "Why")),
    ("status", QT_TRANSLATE_NOOP("DueModel", "When")),
)


def status_text(item: DueItem, on: datetime.date) -> str:
    days = (item.due - on).days
    if days < 0:
        return QCoreApplication.translate("DueModel", "%n days overdue", "", -days)
    if days == 0:
        return QCoreApplication.translate("DueModel", "Today")
    return QCoreApplication.translate("DueModel", "In %n days", "", days)


class DueModel(QAbstractTableModel):
    """Rows are DueItems as computed for the reference date ``on``; nothing is read from the database here."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[DueItem] = []
        self._on = datetime.date.today()

    def set_items(self, items: list[DueItem], on: datetime.date) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._on = on
        self.endResetModel()

    def item(self, row: int) -> DueItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[DueItem]:
        return list(self._items)

    @property
    def on(self) -> datetime.date:
        return self._on

    def overdue_count(self) -> int:
        return sum(1 for item in self._items if item.due < self._on)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) or not 0 <= index.column() < len(COLUMNS):
            return None
        item = self._items[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(key, item)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("due", "status") and item.due < self._on:
            return QBrush(QColor(OVERDUE_COLOR))
        if role == Qt.ItemDataRole.UserRole:
            return item.person_id
        return None

    def text(self, key: str, item: DueItem) -> str:
        """What the column ``key`` shows for ``item`` (the page sizes its columns by it)."""
        if key == "due":
            return month_day(item.due, self._on)
        if key == "name":
            return item.name
        if key == "address":
            return item.address
        if key == "what":
            return DUE_KINDS.get(item.kind, item.kind)
        if key == "reason":
            return item.reason
        return status_text(item, self._on)
