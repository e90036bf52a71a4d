"""A table model over a plain list of rows from the domain: the columns, the header, the bounds, once; and how an
entry that was corrected or voided looks in every list (marked 已更正 / 已作废, a void one greyed and struck out)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

VOID_COLOR = "#8a8a8a"
STATE_MARKS = {"corrected": QT_TRANSLATE_NOOP("ListModel", "corrected"),
               "void": QT_TRANSLATE_NOOP("ListModel", "void")}


class ListModel(QAbstractTableModel):
    """Subclasses give ``COLUMNS`` ((key, header marked with QT_TRANSLATE_NOOP in the subclass's context), …),
    ``text(key, row)``, and, for colours or tooltips, ``cell(key, row, role)``. A row is known by its ``ID`` field
    (``row_of``, and the UserRole of every cell). A row with a ``state`` of ``corrected`` or ``void`` is marked so in
    the ``STATE_COLUMN``."""

    COLUMNS: tuple[tuple[str, str], ...] = ()
    ID = "id"
    STATE_COLUMN: str | None = None

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
        row = self._rows[index.row()]
        if row.get("state") == "void":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(VOID_COLOR))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(True)
                return font
        return self.cell(self.COLUMNS[index.column()][0], row, role)

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.marked(key, row)
        if role == Qt.ItemDataRole.UserRole:
            return row[self.ID]
        return None

    def text(self, key: str, row: dict) -> str:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def marked(self, key: str, row: dict) -> str:
        """The cell's text, with 已更正 / 已作废 in the state column of an entry corrected or voided."""
        text = self.text(key, row)
        mark = STATE_MARKS.get(row.get("state")) if key == self.STATE_COLUMN else None
        return " · ".join((text, self.tr(mark))) if mark else text
