"""A table model over a plain list of rows from the domain: the columns, the header, the bounds, once."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class ListModel(QAbstractTableModel):
    """Subclasses give ``COLUMNS`` ((key, header marked with QT_TRANSLATE_NOOP in the subclass's context), …),
    ``text(key, row)``, and, for colours or tooltips, ``cell(key, row, role)``. A row is known by its ``ID`` field
    (``row_of``, and the UserRole of every cell)."""

    COLUMNS: tuple[tuple[str, str], ...] = ()
    ID = "id"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._today = datetime.date.today()

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = datetime.date.today()
        self.endResetModel()

    def row_at(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row[self.ID] == row_id), None)

    def rows(self) -> list[dict]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.COLUMNS):
            return None
        return self.cell(self.COLUMNS[index.column()][0], self._rows[index.row()], role)

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(key, row)
        if role == Qt.ItemDataRole.UserRole:
            return row[self.ID]
        return None

    def text(self, key: str, row: dict) -> str:  # pragma: no cover - every subclass defines it
        raise NotImplementedError
