"""The roster table model: the ids come from an SQL search, the rows are read in blocks as the view shows them."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.people import people_by_ids
from app.ids import age_on, mask_id

_BLOCK = 100

# (key, header, sort key in app.db.people.SORTS or None when the column does not sort)
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("RosterModel", "Name"), "name"),
    ("sex", QT_TRANSLATE_NOOP("RosterModel", "Sex"), "sex"),
    ("age", QT_TRANSLATE_NOOP("RosterModel", "Age"), "birth_date"),
    ("address", QT_TRANSLATE_NOOP("RosterModel", "Address"), "building"),
    ("phone", QT_TRANSLATE_NOOP("RosterModel", "Phone"), "phone"),
    ("id_number", QT_TRANSLATE_NOOP("RosterModel", "ID number"), None),
    ("roles", QT_TRANSLATE_NOOP("RosterModel", "Member / volunteer"), None),
    ("situations", QT_TRANSLATE_NOOP("RosterModel", "Hardship"), None),
    ("talent", QT_TRANSLATE_NOOP("RosterModel", "Talent pool / post"), None),
    ("status", QT_TRANSLATE_NOOP("RosterModel", "Status"), "status"),
)


def address_text(row: dict) -> str:
    parts = []
    if row["building"]:
        parts.append(QCoreApplication.translate("RosterModel", "Bldg %1").replace("%1", row["building"]))
    if row["unit"]:
        parts.append(QCoreApplication.translate("RosterModel", "Unit %1").replace("%1", row["unit"]))
    if row["room"]:
        parts.append(QCoreApplication.translate("RosterModel", "Room %1").replace("%1", row["room"]))
    return " ".join(parts)


def status_text(row: dict) -> str:
    if row["status"] == "moved_away":
        return QCoreApplication.translate("RosterModel", "Moved away %1").replace("%1", row["status_date"] or "").strip()
    if row["status"] == "deceased":
        return QCoreApplication.translate("RosterModel", "Deceased %1").replace("%1", row["status_date"] or "").strip()
    return QCoreApplication.translate("RosterModel", "Active")


def roles_text(row: dict) -> str:
    roles = []
    if row["is_member"]:
        roles.append(QCoreApplication.translate("RosterModel", "Party member"))
    if row["is_volunteer"]:
        roles.append(QCoreApplication.translate("RosterModel", "Volunteer"))
    if not roles and row["is_resident"]:
        roles.append(QCoreApplication.translate("RosterModel", "Resident"))
    return "·".join(roles)


def age_text(row: dict, today: datetime.date | None = None) -> str:
    if not row["birth_date"]:
        return ""
    return str(age_on(datetime.date.fromisoformat(row["birth_date"]), today or datetime.date.today()))


class RosterModel(QAbstractTableModel):
    """Rows are the ids of a search; a row's data is read from the database the first time it is shown."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._rows: dict[int, dict] = {}
        self._today = datetime.date.today()

    # -- feeding
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows.clear()
        self._today = datetime.date.today()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Re-read the rows on screen (after an edit) without changing which people are listed."""
        self._rows.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def person_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: int) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    def _row(self, row: int) -> dict | None:
        person_id = self._ids[row]
        if person_id not in self._rows:
            start = row - row % _BLOCK
            for person in people_by_ids(self._db, self._ids[start:start + _BLOCK]):
                self._rows[person["id"]] = person
        return self._rows.get(person_id)

    # -- Qt model interface
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(key, row)
        if role == Qt.ItemDataRole.ForegroundRole and row["status"] != "active":
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ForegroundRole and key == "situations" and row["situations"]:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def _display(self, key: str, row: dict) -> str:
        if key == "name":
            return row["name"]
        if key == "sex":
            return row["sex"] or ""
        if key == "age":
            return age_text(row, self._today)
        if key == "address":
            return address_text(row)
        if key == "phone":
            return row["phone"]
        if key == "id_number":
            return mask_id(row["id_number"])
        if key == "roles":
            return roles_text(row)
        if key == "situations":
            return "、".join(row["situations"])
        if key == "talent":
            return "、".join(row["tags"] + row["posts"])
        return status_text(row)
