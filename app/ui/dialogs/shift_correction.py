"""Correct what was recorded about a shift (更正值班记录): a volunteer's attendance (出勤 ↔ 缺勤, or the confirmation
voided), or a swap of the place (who really took it, or the swap voided so the place goes back), with the reason.
The shift's hours in the time bank follow (app.rota)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QComboBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from app import rota
from app.accounts import Session
from app.rota import Shift
from app.ui.dialogs.correction_parts import history_html, reason_box
from app.ui.dialogs.forms import ERROR_STYLE, FormDialog, fit_height, form_layout, save_buttons
from app.ui.dialogs.rota_parts import about_shift
from app.ui.text import fill
from app.ui.widgets import PersonPicker


class ShiftCorrectionDialog(FormDialog):
    """``states``: assignment id -> {"confirmed": …} (the page's); ``swaps``: the swaps of the shift's place."""

    def __init__(self, db, by: Session, shift: Shift, states: dict[int, dict], swaps: list[dict], parent=None):
        super().__init__(parent)
        self._db = db
        self._by = by
        self._shift = shift
        self.setWindowTitle(self.tr("Correct the shift's records"))

        self.entry = QComboBox()
        for _pid, name, assignment_id in shift.people:
            confirmed = (states.get(assignment_id) or {}).get("confirmed")
            if confirmed:
                self.entry.addItem(fill(self.tr("Attendance of %1: %2"), name, rota.ATTENDANCE[confirmed]),
                                   ("attendance", assignment_id))
        for swap in swaps:
            if swap["state"] != "void":
                self.entry.addItem(fill(self.tr("Swap: %1 took the place of %2"), swap["to_name"], swap["from_name"]),
                                   ("swap", swap["id"]))
        self.refused = QLabel()
        self.refused.setWordWrap(True)
        self.refused.setStyleSheet(ERROR_STYLE)

        # What the attendance really was.
        self.attended = QRadioButton(self.tr("Attended"))
        self.absent = QRadioButton(self.tr("Absent"))
        self.unconfirmed = QRadioButton(self.tr("Not known yet: void the confirmation"))
        # Who really took the place, or the swap undone.
        self.other = QRadioButton(self.tr("Someone else took the place:"))
        self.replacement = PersonPicker(db, volunteers=True)
        self.undo_swap = QRadioButton()
        self.choice = QButtonGroup(self)
        for button in (self.attended, self.absent, self.unconfirmed, self.other, self.undo_swap):
            self.choice.addButton(button)
        self.attendance_box = QWidget()
        column = QVBoxLayout(self.attendance_box)
        column.setContentsMargins(0, 0, 0, 0)
        for button in (self.attended, self.absent, self.unconfirmed):
            column.addWidget(button)
        self.swap_box = QWidget()
        column = QVBoxLayout(self.swap_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.other)
        column.addWidget(self.replacement)
        column.addWidget(self.undo_swap)
        self.reason = reason_box()
        self.history = QLabel()
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)

        form = form_layout()
        self.add_row(form, self.tr("What to correct"), self.entry, "assignment")
        self.add_row(form, self.tr("What it really was"), self._both(), "person_id")
        self.add_row(form, self.tr("Reason for the correction"), self.reason, "reason")
        layout = QVBoxLayout(self)
        layout.addWidget(about_shift(shift))
        layout.addLayout(form)
        layout.addWidget(self.refused)
        layout.addWidget(self.history)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save the correction (Ctrl+Enter)"), self.tr("Cancel")))
        self.entry.currentIndexChanged.connect(self._entry_changed)
        self.replacement.picked.connect(lambda _id: (self.other.setChecked(True), self.show_error("person_id", None)))
        self.reason.textEdited.connect(lambda: self.show_error("reason", None))
        self._entry_changed()
        fit_height(self, 40)

    def _both(self) -> QWidget:
        both = QWidget()
        column = QVBoxLayout(both)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.attendance_box)
        column.addWidget(self.swap_box)
        return both

    def chosen(self) -> tuple[str, int] | None:
        return self.entry.currentData()

    def _entry_changed(self) -> None:
        self.clear_errors()
        chosen = self.chosen()
        kind = chosen[0] if chosen else None
        self.attendance_box.setVisible(kind == "attendance")
        self.swap_box.setVisible(kind == "swap")
        refusal, steps = None, []
        if kind == "attendance":
            state = rota.assignment_states(self._db, self._shift.day.strftime("%Y-%m")).get(chosen[1], {})
            (self.absent if state.get("confirmed") == "attended" else self.attended).setChecked(True)
            refusal = rota.attendance_refusal(self._db, chosen[1], self._by)
            steps = rota.attendance_history(self._db, chosen[1])
        elif kind == "swap":
            swap = next(w for w in rota.swaps(self._db, self._shift.day.isoformat(), self._shift.day.isoformat())
                        if w["id"] == chosen[1])
            self.undo_swap.setText(fill(self.tr("Void the swap: %1 is back on the shift"), swap["from_name"]))
            self.undo_swap.setChecked(True)
            self.replacement.clear()
            refusal = rota.swap_refusal(self._db, swap, self._by)
            steps = rota.swap_history(self._db, chosen[1])
        else:
            refusal = self.tr("Nothing on this shift has been recorded that could be corrected.")
        self.refused.setText(refusal or "")
        self.refused.setVisible(bool(refusal))
        self.save_button.setEnabled(not refusal)
        self.history.setText(history_html(steps))
        self.history.setVisible(bool(self.history.text()))

    def save(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        kind, row_id = chosen
        reason, by = self.reason.text(), self._by
        if kind == "attendance":
            what = rota.describe_place(self._db, row_id)
            if self.unconfirmed.isChecked():
                done = self.write(lambda db: rota.void_attendance(db, row_id, reason=reason, by=by), said=what,
                                  verb="void")
            else:
                attended = self.attended.isChecked()
                done = self.write(lambda db: rota.correct_attendance(db, row_id, attended, reason=reason, by=by),
                                  said=what, verb="correct")
        else:
            what = rota.describe_swap(self._db, row_id)
            if self.undo_swap.isChecked():
                done = self.write(lambda db: rota.void_swap(db, row_id, reason=reason, by=by), said=what, verb="void")
            else:
                person_id = self.replacement.person_id()
                if person_id is None:
                    self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you "
                                                           "type.")})
                    return
                done = self.write(lambda db: rota.correct_swap(db, row_id, person_id, reason=reason, by=by),
                                  said=lambda _new: rota.describe_swap(self._db, row_id), verb="correct")
        if done:
            self.accept()
