"""What the time bank's forms share (时间银行): the hours box, the table of rewards, and the form about one volunteer
that crediting, withdrawing and exchanging are made from (``_PersonForm``: a base, never shown by itself)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDoubleSpinBox, QHeaderView, QTableView

from app import timebank
from app.ui.dialogs.forms import FormDialog
from app.ui.widgets import PersonPicker


def hours_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(0, 1000)
    box.setSingleStep(0.5)
    box.setValue(1)
    return box


def reward_table(model) -> QTableView:
    """The rewards, read only, one row chosen at a time, each column as wide as its text."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.8))
    return table


class _PersonForm(FormDialog):
    """A form about one volunteer: the picker first, already filled when the page has one chosen."""

    def __init__(self, db, actor: str, person_id: int | None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.entry_id: int | None = None
        self.person = PersonPicker(db, volunteers=True)
        if person_id is not None:
            self.person.set_person(person_id)
        self.person.picked.connect(lambda _id: self.show_error("person_id", None))

    def _save(self, work) -> None:
        """Store ``work(db, person_id)`` for the chosen volunteer, or say how to choose one."""
        person_id = self.person.person_id()
        if person_id is None:
            self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you type.")})
            return
        done = self.write(lambda db: work(db, person_id),
                          said=lambda entry_id: timebank.describe_entry(self._db, entry_id), undo=True)
        if done:
            self.entry_id = done.value
            self.accept()
