"""The duty rota's dialogs (值班表): swap a shift, put someone on a place by hand, confirm attendance, record an
absence, and the month's holidays; with the month chooser they share with the page. Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QRadioButton, QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from app import ids, rota
from app.errors import InvalidRecord
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, large_indicators, numbered_combo, save_buttons
from app.ui.models.rota import HOLIDAY_COLUMNS, HolidayModel, day_label, holiday_note
from app.ui.signals import bus
from app.ui.text import fill
from app.ui.widgets import PersonPicker

NOTE_STYLE = "color: #555555;"


def add_months(first: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after (or before) the month of ``first``."""
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class MonthChooser(QWidget):
    """◀ 上个月  2026年12月  下个月 ▶: the month shown; ``changed`` carries the first day of the newly chosen
    month. The buttons say what they do in words: an arrow alone is easily missed."""

    changed = Signal(object)

    def __init__(self, first: datetime.date | None = None, parent=None):
        super().__init__(parent)
        self._first = (first or datetime.date.today()).replace(day=1)
        self.previous_button = QPushButton(self.tr("◀ Previous month"))
        self.next_button = QPushButton(self.tr("Next month ▶"))
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("font-weight: bold;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self.set_month(add_months(self._first, -1)))
        self.next_button.clicked.connect(lambda: self.set_month(add_months(self._first, 1)))
        self._size()
        self._show()

    def month(self) -> datetime.date:
        return self._first

    def month_text(self) -> str:
        return self.label.text()

    def set_month(self, first: datetime.date) -> None:
        first = first.replace(day=1)
        if first == self._first:
            return
        self._first = first
        self._show()
        self.changed.emit(first)

    def _show(self) -> None:
        self.label.setText(fill(self.tr("%2/%1"), self._first.year, self._first.month))

    def _size(self) -> None:
        # The widest month label, so the buttons do not move as the months go by.
        metrics = self.label.fontMetrics()
        self.label.setMinimumWidth(metrics.horizontalAdvance(fill(self.tr("%2/%1"), 2026, 12)) + metrics.height())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size()


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def shift_title(shift: Shift) -> str:
    """"12月1日 周二 · 上午值班 · 08:30–11:30 · 服务社值班室"."""
    return " · ".join(p for p in (day_label(shift.day), shift.slot_name, shift.time, shift.place) if p)


def _about(shift: Shift) -> QLabel:
    label = QLabel(shift_title(shift))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label


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
        layout.addWidget(_about(shift))
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
        try:
            self.assignment_id = rota.swap(self._db, self.replaced.currentData(), to_person,
                                           reason=self.reason.text(), actor=self._actor)
        except InvalidRecord as exc:
            self.show_errors(exc.errors)
            return
        bus().changed.emit("rota", [self.assignment_id])
        self.accept()


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
        self.state = _note(state)
        self.person = PersonPicker(db, volunteers=True)

        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")

        layout = QVBoxLayout(self)
        layout.addWidget(_about(shift))
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(_note(self.tr("A volunteer put here by hand stays here when the rota is generated again.")))
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
        try:
            self.assignment_id = rota.assign(self._db, self._shift.day, self._shift.slot_key, person_id,
                                             actor=self._actor)
        except InvalidRecord as exc:
            self.show_errors(exc.errors)
            return
        bus().changed.emit("rota", [self.assignment_id])
        self.accept()


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
        layout.addWidget(_about(shift))
        if unconfirmed:
            layout.addWidget(_note(self.tr("Not confirmed yet: marked as attended. Change whoever did not come.")))
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        if shift.people:
            first = shift.people[0][2]
            (self.absent if self._stored(first) == "absent" else self.attended)[first].setFocus()
        large_indicators(self)
        fit_height(self, 30)

    def _stored(self, assignment_id: int) -> str | None:
        return (self._states.get(assignment_id) or {}).get("confirmed")

    def save(self) -> None:
        changed = []
        try:
            for assignment_id in self.choices:
                attended = self.attended[assignment_id].isChecked()
                if self._stored(assignment_id) != ("attended" if attended else "absent"):
                    rota.confirm(self._db, assignment_id, attended, actor=self._actor)
                    changed.append(assignment_id)
        except InvalidRecord as exc:
            self.show_errors(exc.errors)
            return
        finally:
            if changed:
                bus().changed.emit("rota", changed)
        self.accept()


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
        self.start_on = QLineEdit(day)
        self.start_on.setPlaceholderText(self.tr("e.g. 2025-11-20"))
        self.end_on = QLineEdit(day)
        self.end_on.setPlaceholderText(self.tr("The same day if only one day"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. hospital check-up; visiting family"))

        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Away from"), self.start_on, "start_on")
        self.add_row(form, self.tr("Away until"), self.end_on, "end_on")
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        self.watch_date(self.start_on, "start_on")
        self.watch_date(self.end_on, "end_on")

        listed = rota.month_absences(db, month.strftime("%Y-%m"))
        self.listed_title = QLabel(fill(self.tr("Absences already recorded for %1"),
                                        fill(self.tr("%2/%1"), month.year, month.month)))
        self.listed_title.setStyleSheet("font-weight: bold;")
        lines = [fill(self.tr("%1: %2 to %3 %4"), row["name"],
                      day_label(datetime.date.fromisoformat(row["start_on"])),
                      day_label(datetime.date.fromisoformat(row["end_on"])), row["reason"] or "").strip()
                 for row in listed]
        self.listed = _note("\n".join(lines) if lines else self.tr("None."))

        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr("After recording an absence, press “Generate or repair” on the rota page: "
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
        end = self.end_on.text().strip() or self.start_on.text()
        try:
            self.absence_id = rota.add_absence(self._db, person_id, self.start_on.text(), end, self.reason.text(),
                                               actor=self._actor)
        except InvalidRecord as exc:
            self.show_errors(exc.errors)
            return
        self.person_id = person_id
        self.start = ids.parse_date(self.start_on.text())
        self.end = ids.parse_date(end)
        bus().changed.emit("rota", None)
        self.accept()


class HolidaysDialog(FormDialog):
    """The month's official days off and make-up workdays, where each came from; the director adds or corrects a
    day (a new year's State Council notice, say), and says whether the desk opens on days off."""

    def __init__(self, db, actor: str, month: datetime.date, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Holidays and make-up workdays"))

        self.chooser = MonthChooser(month)
        self.model = HolidayModel(self)
        self.table = QTableView()
        self.table.setObjectName("holidayTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty = _note("")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.day = QLineEdit()
        self.day.setPlaceholderText(self.tr("e.g. 2027-02-20"))
        self.kind = numbered_combo({"off": self.tr("Day off"), "workday": self.tr("Make-up workday")},
                                   self.tr("Press 1–2 or choose"), self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Spring Festival"))
        form = form_layout()
        self.add_row(form, self.tr("Date"), self.day, "day")
        self.add_row(form, self.tr("Day off or workday"), self.kind, "kind")
        self.add_row(form, self.tr("Holiday"), self.name, "name")
        self.watch_date(self.day, "day")
        self.saved = QLabel()
        self.saved.setStyleSheet("color: #1b5e20;")
        self.saved.setWordWrap(True)
        self.saved.hide()

        self.desk_open = QCheckBox(self.tr("The duty desk opens as usual on days off"))
        self.desk_open.setChecked(rota.desk_open_on_holidays(db))

        self.save_button = QPushButton(self.tr("Save this day (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved, 1)
        save_row.addStretch()  # the button stays at the left while the label is hidden

        self.form_title = QLabel(self.tr("Add or change a day"))
        self.form_title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.form_title)
        layout.addWidget(_note(self.tr("Choose a day in the list to change it. After a change, generate or repair "
                                       "the rota so the shifts follow.")))
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.general_error)
        layout.addWidget(self.desk_open)
        layout.addWidget(buttons)

        self.chooser.changed.connect(lambda _first: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.desk_open.toggled.connect(self._desk_open_toggled)
        self.day.textEdited.connect(lambda: self.saved.hide())
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        large_indicators(self)
        self.refresh()
        em = self.fontMetrics().horizontalAdvance("国")
        screen = self.screen().availableGeometry()
        self.resize(min(em * 40, int(screen.width() * 0.95)), min(em * 36, int(screen.height() * 0.9)))
        self.day.setFocus()

    def refresh(self) -> None:
        month = self.chooser.month()
        rows = rota.month_holidays(self._db, month.strftime("%Y-%m"))
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setText(fill(self.tr("No days off or make-up workdays in %1."), self.chooser.month_text()))
        self.empty.setVisible(not rows)
        metrics = self.table.fontMetrics()
        for column, (key, _) in enumerate(HOLIDAY_COLUMNS[:-1]):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            texts = [self.model.text(key, row) for row in rows] + [header]
            if key == "day":
                texts.append(day_label(datetime.date(2026, 12, 30)))
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in texts) + metrics.height())
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))

    def _chosen(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        self.clear_errors()
        self.saved.hide()
        self.day.setText(row["day"])
        self.kind.setCurrentIndex(self.kind.findData(row["kind"]))
        self.name.setText(row["name"] or "")

    def _desk_open_toggled(self, value: bool) -> None:
        rota.set_desk_open_on_holidays(self._db, value, actor=self._actor)
        bus().changed.emit("rota", None)

    def save(self) -> None:
        kind = self.kind.currentData()
        try:
            rota.set_holiday(self._db, self.day.text(), kind or "", self.name.text(), actor=self._actor)
        except InvalidRecord as exc:
            self.saved.hide()
            self.show_errors(exc.errors)
            return
        day = ids.parse_date(self.day.text())
        note = holiday_note({"kind": kind, "name": self.name.text().strip()})
        bus().changed.emit("rota", None)
        if day.replace(day=1) != self.chooser.month():
            self.chooser.set_month(day)  # show the month of the day just saved
        else:
            self.refresh()
        row = self.model.row_of(day.isoformat())
        if row is not None:
            self.table.selectRow(row)
        self.clear_errors()
        self.saved.setText(fill(self.tr("Saved: %1 %2"), day.isoformat(), note))
        self.saved.show()
