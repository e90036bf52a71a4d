"""Confirm attendance of a shift that has happened: attended or absent, per person, all at once."""

from __future__ import annotations



from PySide6.QtWidgets import (
    QButtonGroup, QGridLayout, QLabel, QRadioButton, QVBoxLayout,
)

from app import rota
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, save_buttons
from app.ui.dialogs.rota_parts import about_shift, note
from app.ui.models.rota import day_label
from app.ui.text import fill


class AttendanceDialog(FormDialog):
    """Who came to ``shift`` (today or a day gone by): attended or absent, per person. ``states`` gives each
    assignment's confirmation so far (assignment id -> {"confirmed": …}); one not yet confirmed starts as attended,
    one confirmed already is shown and changed only by a correction (app.ui.dialogs.shift_correction)."""

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
            if self._stored(assignment_id) is not None:  # confirmed already: changed by a correction, with why
                for button in (attended, absent):
                    button.setEnabled(False)
                    button.setToolTip(self.tr("Confirmed already. To change it, use “Correct…” beside the rota "
                                              "and give the reason."))
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
        waiting = [a for _, _, a in shift.people if self._stored(a) is None]
        if waiting:
            self.attended[waiting[0]].setFocus()
        fit_height(self, 30)

    def _stored(self, assignment_id: int) -> str | None:
        return (self._states.get(assignment_id) or {}).get("confirmed")

    def save(self) -> None:
        attendance = {}
        for assignment_id in self.choices:
            attended = self.attended[assignment_id].isChecked()
            if self._stored(assignment_id) != ("attended" if attended else "absent"):
                attendance[assignment_id] = attended
        confirmed = list(attendance)
        if not confirmed:
            self.accept()  # nothing new to confirm
            return
        came = [name for _pid, name, a in self._shift.people if attendance.get(a)]
        stayed = [name for _pid, name, a in self._shift.people if a in attendance and not attendance[a]]
        what = fill(self.tr("%1 %2 %3"), day_label(self._shift.day), self._shift.slot_name, "；".join(
            part for part in (fill(self.tr("attended: %1"), "、".join(came)) if came else "",
                              fill(self.tr("absent: %1"), "、".join(stayed)) if stayed else "") if part))
        if self.write(lambda db: rota.confirm_shift(db, attendance, actor=self._actor), said=what, verb="attendance",
                      undo=lambda _value: lambda db, why, by: rota.void_attendances(db, confirmed, reason=why, by=by)):
            self.accept()
