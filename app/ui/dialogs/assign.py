"""Put a volunteer on a shift by hand (the director): the place is fixed and a rerun never moves it."""

from __future__ import annotations



from PySide6.QtWidgets import (
    QVBoxLayout,
)

from app import rota
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.dialogs.rota_parts import about_shift, note
from app.ui.text import fill
from app.ui.widgets import PersonPicker


class AssignDialog(FormDialog):
    """The director puts a volunteer on ``shift`` by hand; the place is fixed and a rerun never moves it.
    After a successful save ``assignment_id`` holds the new assignment's id."""

    def __init__(self, db, actor: str, shift: Shift, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._shift = shift
        self.assignment_id: int | None = None
        self.setWindowTitle(self.tr("Put a volunteer on this shift"))

        names = "、".join(name for _, name, _ in shift.people)
        missing = shift.need - len(shift.people)
        if names and missing > 0:
            state = fill(self.tr("On it now: %1. Still %2 short."), names, missing)
        elif names:
            state = fill(self.tr("On it now: %1. The shift is full; whoever you add is one more."), names)
        else:
            state = fill(self.tr("Nobody is on it yet; it needs %1."), shift.need)
        if missing > 0 and shift.unfilled_reason:
            state += "\n" + fill(self.tr("Why it is short: %1"), shift.unfilled_reason)
        self.state = note(state)
        self.person = PersonPicker(db, volunteers=True)

        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")

        layout = QVBoxLayout(self)
        layout.addWidget(about_shift(shift))
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(note(self.tr("A volunteer put here by hand stays here when the rota is generated again.")))
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Put on the shift (Ctrl+Enter)"), self.tr("Cancel")))
        self.person.picked.connect(lambda _pid: self.show_error("person_id", None))
        self.person.textEdited.connect(lambda: self.show_error("person_id", None))
        self.person.setFocus()
        fit_height(self, 36)

    def save(self) -> None:
        person_id = self.person.person_id()
        if person_id is None:
            self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you type.")})
            return
        done = self.write(lambda db: rota.assign(db, self._shift.day, self._shift.slot_key, person_id,
                                                 actor=self._actor))
        if done:
            self.assignment_id = done.value
            self.accept()
