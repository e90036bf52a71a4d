"""Confirm attendance of a shift that has happened: attended or absent, per person, all at once."""

from __future__ import annotations



from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QLabel, QRadioButton, QVBoxLayout,
)

from app import rota
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, save_buttons
from app.ui.dialogs.rota_parts import about_shift, note


class AttendanceDialog(FormDialog):
    """Who came to ``shift`` (today or a day gone by): attended or absent, per person. ``states`` gives each
    assignment's confirmation so far (assignment id -> {"confirmed": …}); one not yet confirmed starts as attended."""

    def __init__(self, db, actor: str, shift: Shift, states: dict[int, dict] | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._shift = shift
        self._states = states or {}
        self.setWindowTitle(self.tr("Confirm attendance"))

        grid = QGridLayout()
        grid.setColumnStretch(3, 1)  # the choices close to the names they belong to
        grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("国") * 2)
        grid.setVerticalSpacing(self.fontMetrics().height() // 2)
        self.choices: dict[int, QButtonGroup] = {}
        self.attended: dict[int, QRadioButton] = {}
        self.absent: dict[int, QRadioButton] = {}
        for row, (_pid, name, assignment_id) in enumerate(shift.people):
            attended = QRadioButton(self.tr("Attended"))
            absent = QRadioButton(self.tr("Absent"))
            group = QButtonGroup(self)
            group.addButton(attended)
            group.addButton(absent)
            (absent if self._stored(assignment_id) == "absent" else attended).setChecked(True)
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(attended, row, 1)
            grid.addWidget(absent, row, 2)
            self.choices[assignment_id] = group
            self.attended[assignment_id] = attended
            self.absent[assignment_id] = absent

        unconfirmed = [a for _, _, a in shift.people if self._stored(a) is None]
        layout = QVBoxLayout(self)
        layout.addWidget(about_shift(shift))
        if unconfirmed:
            layout.addWidget(note(self.tr("Not confirmed yet: marked as attended. Change whoever did not come.")))
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        if shift.people:
            first = shift.people[0][2]
            (self.absent if self._stored(first) == "absent" else self.attended)[first].setFocus()
        fit_height(self, 30)

    def _stored(self, assignment_id: int) -> str | None:
        return (self._states.get(assignment_id) or {}).get("confirmed")

    def save(self) -> None:
        attendance = {}
        for assignment_id in self.choices:
            attended = self.attended[assignment_id].isChecked()
            if self._stored(assignment_id) != ("attended" if attended else "absent"):
                attendance[assignment_id] = attended
        if self.write(lambda db: rota.confirm_shift(db, attendance, actor=self._actor)):
            self.accept()
