"""Record an absence (请假): a volunteer away from one day to another; the rota avoids them."""

from __future__ import annotations

import datetime


from PySide6.QtWidgets import (
    QLabel, QLineEdit, QVBoxLayout,
)

from app import ids, rota
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.models.rota import day_label
from app.ui.dialogs.rota_parts import note
from app.ui.text import fill
from app.ui.widgets import PersonPicker


class AbsenceDialog(FormDialog):
    """A volunteer will be away from one day to another (请假); the rota avoids them when it is next generated.
    ``month`` (its first day) chooses which absences are listed below the form. After a successful save
    ``absence_id``, ``person_id``, ``start`` and ``end`` say what was recorded."""

    def __init__(self, db, actor: str, month: datetime.date, parent=None, start: datetime.date | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.absence_id: int | None = None
        self.person_id: int | None = None
        self.start: datetime.date | None = None
        self.end: datetime.date | None = None
        self.setWindowTitle(self.tr("Record an absence"))

        self.person = PersonPicker(db, volunteers=True)
        day = (start or datetime.date.today()).isoformat()
        self.start_on = DateField(day)
        self.start_on.setPlaceholderText(self.tr("e.g. 2025-11-20"))
        self.end_on = DateField(day)
        self.end_on.setPlaceholderText(self.tr("The same day if only one day"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. hospital check-up; visiting family"))

        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Away from"), self.start_on, "start_on")
        self.add_row(form, self.tr("Away until"), self.end_on, "end_on")
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        self.watch_date(self.start_on, "start_on", ahead=True)
        self.watch_date(self.end_on, "end_on", ahead=True)

        listed = rota.month_absences(db, month.strftime("%Y-%m"))
        self.listed_title = QLabel(fill(self.tr("Absences already recorded for %1"),
                                        fill(self.tr("%2/%1"), month.year, month.month)))
        self.listed_title.setStyleSheet("font-weight: bold;")
        lines = [fill(self.tr("%1: %2 to %3 %4"), row["name"],
                      day_label(datetime.date.fromisoformat(row["start_on"])),
                      day_label(datetime.date.fromisoformat(row["end_on"])), row["reason"] or "").strip()
                 for row in listed]
        self.listed = note("\n".join(lines) if lines else self.tr("None."))

        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr("After recording an absence, press “Generate or repair” on the rota page: "
                                       "the volunteer's shifts on those days go to others.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Record (Ctrl+Enter)"), self.tr("Cancel")))
        layout.addWidget(self.listed_title)
        layout.addWidget(self.listed)

        self.setTabOrder(self.person, self.start_on)
        self.setTabOrder(self.start_on, self.end_on)
        self.setTabOrder(self.end_on, self.reason)
        self.person.picked.connect(self._picked)
        self.person.textEdited.connect(lambda: self.show_error("person_id", None))
        self.person.setFocus()
        fit_height(self, 36)

    def _picked(self, _person_id: int) -> None:
        self.show_error("person_id", None)
        self.start_on.setFocus()
        self.start_on.selectAll()

    def save(self) -> None:
        person_id = self.person.person_id()
        if person_id is None:
            self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you type.")})
            return
        start, end, reason = self.start_on.text(), self.end_on.text().strip() or self.start_on.text(), self.reason.text()
        done = self.write(lambda db: rota.add_absence(db, person_id, start, end, reason, actor=self._actor))
        if not done:
            return
        self.absence_id = done.value
        self.person_id = person_id
        self.start = ids.event_date(start, "start_on", ahead=True)  # as rota.add_absence read them
        self.end = ids.event_date(end, "end_on", ahead=True)
        self.accept()
