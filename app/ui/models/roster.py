"""The roster table model: the people of a search a page at a time, each row read and made into text once."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.people import people_by_ids, search_page
from app.ids import age_on, mask_id

_BLOCK = 100  # people read from the file at once when the table first shows one of them
_PAGE = 500  # people added to the table each time it is scrolled to its end
_GREY = QBrush(QColor("#777777"))
_RED = QBrush(QColor("#b00020"))

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


# Rows read from the file at a time when the table shows people it has not shown yet; and the most people whose
# shown text is kept between searches (typing "z", "zs", "zsf" shows many of the same people again).
_KEEP = 20_000


class RosterModel(QAbstractTableModel):
    """The people of a search, a page at a time: the first page comes with the search, the view asks for more as
    it is scrolled (``canFetchMore`` / ``fetchMore``). A row's text is read and made once, when it is first shown,
    and kept until the person changes: a repaint only looks it up."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._flt = None
        self._more = None  # where the next page starts, when there is one
        self._rows: dict[int, tuple] = {}
        self._today = datetime.date.today()

    # -- feeding
    def set_page(self, flt, page) -> None:
        """Show the first page of the search ``flt`` (an app.people.Page); more are read as the view scrolls."""
        self.beginResetModel()
        self._flt = flt
        self._ids = list(page.ids)
        self._more = None if page.complete else page.cursor
        if len(self._rows) > _KEEP:
            self._rows.clear()
        if self._today != datetime.date.today():  # ages change at midnight
            self._today = datetime.date.today()
            self._rows.clear()
        self.endResetModel()

    def set_ids(self, ids: list[int]) -> None:
        """Show exactly these people (all of them, nothing more to read)."""
        from app.people import Page

        self.set_page(None, Page(list(ids), True))

    def complete(self) -> bool:
        """Whether every person of the search is in the table (nothing more to read as it scrolls)."""
        return self._more is None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._more is None:
            return
        page = search_page(self._db, self._flt, after=self._more, limit=_PAGE)
        self._more = None if page.complete else page.cursor
        if page.ids:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(page.ids) - 1)
            self._ids.extend(page.ids)
            self.endInsertRows()

    def refresh_rows(self) -> None:
        """Read the rows on screen again (after an edit) without changing which people are listed."""
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

    def _row(self, row: int) -> tuple | None:
        person_id = self._ids[row]
        shown = self._rows.get(person_id)
        if shown is None:
            start = row - row % _BLOCK
            wanted = [pid for pid in self._ids[start:start + _BLOCK] if pid not in self._rows]
            for person in people_by_ids(self._db, wanted):
                self._rows[person["id"]] = self._shown(person)
            shown = self._rows.get(person_id)
        return shown

    def _shown(self, person: dict) -> tuple:
        """(the text of each column, inactive, in hardship): made once per person, read on every repaint."""
        return (tuple(self._display(key, person) for key, _, _ in COLUMNS), person["status"] != "active",
                bool(person["situations"]), person["id"])

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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole):
            return None
        shown = self._row(index.row())
        if shown is None:
            return None
        texts, inactive, hardship, person_id = shown
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if inactive:
                return _GREY
            if hardship and COLUMNS[index.column()][0] == "situations":
                return _RED
            return None
        return person_id

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
