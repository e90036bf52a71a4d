"""The mutual-aid tables (互助组): the active groups, the people left uncovered, and the proposals to accept."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from app.aid_groups import MODES, Gap
from app.aid_solver import Proposal
from app.ui.models.dates import month_day
from app.ui.models.roster import address_text

GROUP_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("GroupModel", "Person helped")),
    ("address", QT_TRANSLATE_NOOP("GroupModel", "Address")),
    ("situations", QT_TRANSLATE_NOOP("GroupModel", "Hardship")),
    ("mode", QT_TRANSLATE_NOOP("GroupModel", "Kind of group")),
    ("helpers", QT_TRANSLATE_NOOP("GroupModel", "Helpers")),
    ("started_on", QT_TRANSLATE_NOOP("GroupModel", "Formed on")),
)

GAP_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("GapModel", "Name")),
    ("reason", QT_TRANSLATE_NOOP("GapModel", "Why not covered")),
)

PROPOSAL_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("ProposalModel", "Person helped")),  # the name, and the address below it
    ("mode", QT_TRANSLATE_NOOP("ProposalModel", "Kind of group")),
    ("helpers", QT_TRANSLATE_NOOP("ProposalModel", "Proposed helpers")),
)


def situations_text(value) -> str:
    """"独居、重病" from the roster's list (or its JSON text)."""
    items = value if isinstance(value, list) else json.loads(value or "[]")
    return "、".join(items)


def lead_text(name: str) -> str:
    """"王志愿（组长）"."""
    return QCoreApplication.translate("GroupModel", "%1 (lead)").replace("%1", name)


def helpers_text(names: list[str]) -> str:
    """The helpers, lead first; the lead is marked when there are several (one helper leads no one)."""
    if len(names) > 1:
        return "、".join([lead_text(names[0]), *names[1:]])
    return "、".join(names)


class _RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows; ``text(key, row)`` says what each column shows."""

    COLUMNS: tuple = ()
    CONTEXT = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None

    def _valid(self, index: QModelIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(self.COLUMNS[index.column()][0], row)
        if role == Qt.ItemDataRole.UserRole:
            return self.person_id(row)
        return None

    def text(self, key: str, row) -> str:  # pragma: no cover - each model has its own
        raise NotImplementedError

    def person_id(self, row) -> int:  # pragma: no cover - each model has its own
        raise NotImplementedError


class GroupModel(_RowsModel):
    """Rows from ``app.aid_groups.list_groups``: who is helped, where, why, how, by whom, since when."""

    COLUMNS = GROUP_COLUMNS
    CONTEXT = "GroupModel"

    def group(self, row: int) -> dict | None:
        return self.row_at(row)

    def row_of(self, group_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row["id"] == group_id), None)

    def row_of_person(self, person_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row["person_id"] == person_id), None)

    def person_id(self, row) -> int:
        return row["person_id"]

    def text(self, key: str, row: dict) -> str:
        if key == "name":
            return row["name"]
        if key == "address":
            return address_text(row)
        if key == "situations":
            return situations_text(row["situations"])
        if key == "mode":
            return MODES.get(row["mode"], row["mode"])
        if key == "helpers":
            return helpers_text(row["helpers"])
        return month_day(row["started_on"])


class GapModel(_RowsModel):
    """People who must be covered and are not (``app.aid_groups.Gap``), each with the reason."""

    COLUMNS = GAP_COLUMNS
    CONTEXT = "GapModel"

    def gap(self, row: int) -> Gap | None:
        return self.row_at(row)

    def person_id(self, row: Gap) -> int:
        return row.person_id

    def text(self, key: str, row: Gap) -> str:
        return row.name if key == "name" else row.reason


class ProposalModel(_RowsModel):
    """Proposals from ``app.aid_groups.suggest``, each with a check box to accept it: the person helped with the
    address below, and one line per helper saying why. ``people`` maps person_id to the roster row."""

    COLUMNS = PROPOSAL_COLUMNS
    CONTEXT = "ProposalModel"
    checked_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._people: dict[int, dict] = {}
        self._with_group: frozenset[int] = frozenset()
        self._checked: set[int] = set()  # rows

    def set_proposals(self, proposals: list[Proposal], people: dict[int, dict], with_group=frozenset()) -> None:
        """``with_group``: the people who already have a group (their proposal adds helpers to it)."""
        self._people = dict(people)
        self._with_group = frozenset(with_group)
        self._checked = set()
        self.set_rows(proposals)
        self.checked_changed.emit()

    def proposal(self, row: int) -> Proposal | None:
        return self.row_at(row)

    def person_id(self, row: Proposal) -> int:
        return row.person_id

    def checked(self) -> list[Proposal]:
        return [self._rows[r] for r in sorted(self._checked)]

    def set_checked(self, row: int, checked: bool) -> None:
        if not 0 <= row < len(self._rows) or (row in self._checked) == checked:
            return
        (self._checked.add if checked else self._checked.discard)(row)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def toggle(self, row: int) -> None:
        self.set_checked(row, row not in self._checked)

    def text(self, key: str, row: Proposal) -> str:
        person = self._people.get(row.person_id)
        if key == "name":
            if person is None:
                return str(row.person_id)
            return "\n".join(part for part in (person["name"], address_text(person)) if part)
        if key == "mode":
            if row.person_id in self._with_group:
                return QCoreApplication.translate("ProposalModel", "Join the existing group")
            return MODES.get(row.mode, row.mode)
        return "\n".join(row.why)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._valid(index) and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if not self._valid(index) or index.column() != 0:
                return None
            return Qt.CheckState.Checked if index.row() in self._checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._valid(index) or index.column() != 0:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        self.set_checked(index.row(), state == Qt.CheckState.Checked.value)
        return True
