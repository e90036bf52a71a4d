"""Swap a shift (换班): one volunteer takes another's place; who, and why, are recorded."""

from __future__ import annotations



from PySide6.QtWidgets import (
    QComboBox, QLineEdit, QVBoxLayout,
)

from app import rota
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.dialogs.rota_parts import about_shift
from app.ui.widgets import PersonPicker


class SwapDialog(FormDialog):
    """One volunteer takes another's place on ``shift``; who, and why, are recorded. ``person_id`` preselects the
    one who is replaced. After a successful save ``assignment_id`` holds the new assignment's id."""

    def __init__(self, db, actor: str, shift: Shift, parent=None, person_id: int | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._shift = shift
        self.assignment_id: int | None = None
        self.setWindowTitle(self.tr("Swap a shift"))

        self.replaced = QComboBox()
        for pid, name, assignment_id in shift.people:
            self.replaced.addItem(name, assignment_id)
            if pid == person_id:
                self.replaced.setCurrentIndex(self.replaced.count() - 1)
        self.replacement = PersonPicker(db, volunteers=True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. in hospital; Li Xiuying takes the shift"))

        form = form_layout()
        self.add_row(form, self.tr("Who is replaced"), self.replaced, "assignment")
        self.add_row(form, self.tr("Who takes the place"), self.replacement, "person_id")
        self.add_row(form, self.tr("Reason for the swap"), self.reason, "reason")

        layout = QVBoxLayout(self)
        layout.addWidget(about_shift(shift))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Swap (Ctrl+Enter)"), self.tr("Cancel")))

        self.setTabOrder(self.replaced, self.replacement)
        self.setTabOrder(self.replacement, self.reason)
        self.replacement.picked.connect(self._picked)
        self.replacement.textEdited.connect(lambda: self.show_error("person_id", None))
        self.reason.textEdited.connect(lambda: self.show_error("reason", None))
        (self.replacement if self.replaced.count() == 1 or person_id is not None else self.replaced).setFocus()
        fit_height(self, 36)

    def _picked(self, _person_id: int) -> None:
        self.show_error("person_id", None)
        self.reason.setFocus()

    def save(self) -> None:
        """Check and store; on errors show each reason beside its field and keep everything typed."""
        to_person = self.replacement.person_id()
        if to_person is None:
            self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you type.")})
            return
        replaced, reason = self.replaced.currentData(), self.reason.text()
        done = self.write(lambda db: rota.swap(db, replaced, to_person, reason=reason, actor=self._actor),
                          said=lambda new: rota.describe_swap(self._db, rota.swap_of(self._db, new)), verb="swap",
                          undo=lambda new: lambda db, why, by: rota.void_swap(db, rota.swap_of(db, new), reason=why,
                                                                              by=by))
        if done:
            self.assignment_id = done.value
            self.accept()
