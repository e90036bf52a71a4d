"""Withdraw hours from the time bank for help the volunteer needs (支取时长), best linked to the visit it was given
in; a short balance is refused beside the hours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout

from app import timebank, visits
from app.ui.dialogs.forms import form_layout, save_buttons
from app.ui.dialogs.timebank_parts import _PersonForm, hours_box
from app.ui.text import fill


class WithdrawDialog(_PersonForm):
    """Draw on the hours for help the volunteer needs (支取); a short balance is refused beside the hours."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Withdraw hours"))
        self.hours = hours_box()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("The help the hours are for"))
        self.balance = QLabel()
        # The help is best linked to the visit in which it was given, when it was a recorded visit to them.
        self.visit = QComboBox()
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Balance"), self.balance, None)
        self.add_row(form, self.tr("Hours"), self.hours, "hours")
        self.add_row(form, self.tr("Given in the visit"), self.visit, "visit_id")
        self.add_row(form, self.tr("Help received"), self.note, "note")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Withdraw (Ctrl+Enter)"), self.tr("Cancel")))
        self.person.picked.connect(lambda _id: self._show_balance())
        self.visit.currentIndexChanged.connect(self._visit_chosen)
        self._show_balance()
        (self.hours if person_id is not None else self.person).setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def _show_balance(self) -> None:
        person_id = self.person.person_id()
        self.visit.clear()
        self.visit.addItem(self.tr("Not a recorded visit"), None)
        if person_id is None:
            self.balance.setText("—")
            return
        self.balance.setText(fill(self.tr("%1 hours"), timebank.fmt(timebank.statement(self._db, person_id).balance)))
        for visit in visits.list_visits(self._db, person_id=person_id, limit=20):
            self.visit.addItem(f"{visit['visit_date']} {visit['kind_label']}（{'、'.join(visit['visitors'])}）",
                               visit["id"])
            self.visit.setItemData(self.visit.count() - 1, visit["notes"] or visit["kind_label"],
                                   Qt.ItemDataRole.ToolTipRole)

    def _visit_chosen(self) -> None:
        if self.visit.currentData() is not None and not self.note.text().strip():
            self.note.setText(self.visit.itemData(self.visit.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")

    def save(self) -> None:
        hours, note, visit_id = self.hours.value(), self.note.text(), self.visit.currentData()
        self._save(lambda db, person_id: timebank.withdraw(db, person_id, hours, note=note, actor=self._actor,
                                                           visit_id=visit_id))
