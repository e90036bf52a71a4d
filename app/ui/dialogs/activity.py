"""Record an activity (活动): kind, name, project, date, place, actual hours, participants, people served (its
correction is app.ui.dialogs.activity_correction's)."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QVBoxLayout

from app import activities
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo, save_buttons, small_text_box
from app.ui.widgets import VisitorList


class ActivityDialog(FormDialog):
    """A new activity (``activity`` fills the form with one recorded, for its correction); ``activity_id`` holds its id
    after saving."""

    def __init__(self, db, actor: str, parent=None, activity: dict | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.activity_id: int | None = activity["id"] if activity else None
        self.setWindowTitle(self.tr("Record an activity"))

        self.kind = numbered_combo(activities.ACTIVITY_KINDS, self.tr("Press 1–3 or choose"), self)
        self.project = QComboBox()
        self.project.setEditable(True)
        self.project.addItem("")
        self.project.addItems(activities.projects(db))
        self.title_box = QLineEdit()
        self.title_box.setPlaceholderText(self.tr("Leave empty to use the project's name"))
        self.held_on = DateField(datetime.date.today().isoformat())
        self.place = QLineEdit()
        self.hours = QDoubleSpinBox()
        self.hours.setDecimals(1)
        self.hours.setRange(0, 24)
        self.hours.setSingleStep(0.5)
        self.hours.setValue(2)
        self.hours.setSuffix(self.tr(" hours"))
        self.participants = VisitorList(db)
        self.served = QSpinBox()
        self.served.setRange(0, 100000)
        self.notes = small_text_box(2)

        form = form_layout()
        self.add_row(form, self.tr("Kind"), self.kind, "kind")
        self.add_row(form, self.tr("Project"), self.project, "project")
        self.add_row(form, self.tr("Name"), self.title_box, "title")
        self.add_row(form, self.tr("Held on"), self.held_on, "held_on")
        self.add_row(form, self.tr("Place"), self.place, "place")
        self.add_row(form, self.tr("Actual hours of service each, travel excluded"), self.hours, "hours")
        self.add_row(form, self.tr("Participants"), self.participants, "participants")
        self.add_row(form, self.tr("People served"), self.served, "served_count")
        self.add_row(form, self.tr("Notes"), self.notes, "notes")
        self.watch_date(self.held_on, "held_on")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))

        if activity is not None:
            self.kind.setCurrentIndex(self.kind.findData(activity["kind"]))
            self.project.setCurrentText(activity["project"])
            self.title_box.setText(activity["title"] if activity["title"] != activity["project"] else "")
            self.held_on.setText(activity["held_on"])
            self.place.setText(activity["place"])
            self.hours.setValue(activity["hours"])
            self.participants.set_ids([pid for pid, _ in activity["participants"]])
            self.served.setValue(activity["served_count"])
            self.notes.setPlainText(activity["notes"])
        else:
            self.kind.setCurrentIndex(self.kind.findData("service"))
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        self.participants.changed.connect(lambda: self.show_error("participants", None))
        self.kind.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 44)

    def raw_values(self) -> dict:
        return {"kind": self.kind.currentData(), "project": self.project.currentText(),
                "title": self.title_box.text(), "held_on": self.held_on.text(), "place": self.place.text(),
                "hours": self.hours.value(), "participants": self.participants.ids(),
                "served_count": self.served.value(), "notes": self.notes.toPlainText()}

    def save(self) -> None:
        raw = self.raw_values()
        done = self.write(lambda db: activities.record_activity(db, raw, actor=self._actor),
                          said=lambda activity_id: activities.describe_activity(self._db, activity_id), undo=True)
        if done:
            self.activity_id = done.value
            self.accept()
