"""The duty rota's dialogs (值班表): swap a shift, put someone on a place by hand, confirm attendance, record an
absence, the month's holidays, and the shifts themselves; with the month chooser they share with the page.
Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QRadioButton, QSizePolicy, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from app import ids, people, rota
from app.rota import Shift
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, large_indicators, numbered_combo, save_buttons
from app.ui.models.rota import HOLIDAY_COLUMNS, HolidayModel, day_label, holiday_note
from app.ui.write import write
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
        replaced, reason = self.replaced.currentData(), self.reason.text()
        done = self.write(lambda db: rota.swap(db, replaced, to_person, reason=reason, actor=self._actor))
        if done:
            self.assignment_id = done.value
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
        done = self.write(lambda db: rota.assign(db, self._shift.day, self._shift.slot_key, person_id,
                                                 actor=self._actor))
        if done:
            self.assignment_id = done.value
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
        attendance = {}
        for assignment_id in self.choices:
            attended = self.attended[assignment_id].isChecked()
            if self._stored(assignment_id) != ("attended" if attended else "absent"):
                attendance[assignment_id] = attended
        if self.write(lambda db: rota.confirm_shift(db, attendance, actor=self._actor)):
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
        start, end, reason = self.start_on.text(), self.end_on.text().strip() or self.start_on.text(), self.reason.text()
        done = self.write(lambda db: rota.add_absence(db, person_id, start, end, reason, actor=self._actor))
        if not done:
            return
        self.absence_id = done.value
        self.person_id = person_id
        self.start = ids.parse_date(start)
        self.end = ids.parse_date(end)
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
        write(self, self._db, lambda db: rota.set_desk_open_on_holidays(db, value, actor=self._actor))

    def save(self) -> None:
        kind, typed_day, name = self.kind.currentData(), self.day.text(), self.name.text()
        self.saved.hide()
        if not self.write(lambda db: rota.set_holiday(db, typed_day, kind or "", name, actor=self._actor)):
            return
        day = ids.parse_date(typed_day)
        note = holiday_note({"kind": kind, "name": name.strip()})
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


INACTIVE_COLOR = "#777777"  # a shift switched off: still listed, greyed
SLOT_COLUMNS = ("name", "repeat", "part", "time", "need", "place", "skill", "state")


class SlotModel(QAbstractTableModel):
    """The shift templates (班次), one row each as ``app.rota.slots(db, active_only=False)``, those switched off
    included and marked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, slot_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row["id"] == slot_id), None)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(SLOT_COLUMNS)

    def header(self, key: str) -> str:
        return {"name": self.tr("Shift"), "repeat": self.tr("Repeats"), "part": self.tr("Part of day"),
                "time": self.tr("Time"), "need": self.tr("People"), "place": self.tr("Place"),
                "skill": self.tr("Skill needed"), "state": self.tr("State")}[key]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(SLOT_COLUMNS):
            return self.header(SLOT_COLUMNS[section])
        return None

    def weekday_names(self) -> tuple[str, ...]:
        return (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                self.tr("Sun"))

    def repeat_text(self, row: dict) -> str:
        """"每月15号", "每天", "周一至周五" or "每周二、周四"."""
        if row.get("monthly_day"):
            return fill(self.tr("Day %1 of every month"), row["monthly_day"])
        days = sorted(row.get("weekdays") or [])
        if days == [1, 2, 3, 4, 5, 6, 7]:
            return self.tr("Every day")
        if days == [1, 2, 3, 4, 5]:
            return self.tr("Monday to Friday")
        names = self.weekday_names()
        return fill(self.tr("Every %1"), "、".join(names[d - 1] for d in days if 1 <= d <= 7))

    def text(self, key: str, row: dict) -> str:
        if key == "repeat":
            return self.repeat_text(row)
        if key == "part":
            return {"morning": self.tr("Morning"), "afternoon": self.tr("Afternoon"),
                    "evening": self.tr("Evening")}.get(row.get("part"), "")
        if key == "time":
            return f"{row['start_time']}–{row['end_time']}" if row.get("start_time") and row.get("end_time") \
                else row.get("start_time") or ""
        if key == "need":
            return str(row.get("need") or "")
        if key == "state":
            return "" if row.get("active") else self.tr("Switched off")
        return str(row.get(key) or "")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(SLOT_COLUMNS):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(SLOT_COLUMNS[index.column()], row)
        if role == Qt.ItemDataRole.ForegroundRole and not row.get("active"):
            return QBrush(QColor(INACTIVE_COLOR))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None


class SlotsDialog(FormDialog):
    """The shifts the rota plans (班次设置): the desk's shifts and the service projects. The director adds one,
    or chooses one in the list and changes it; a shift is never deleted, only switched off, so its past shifts stay.
    Changes reach the month's places when the rota is generated or repaired again."""

    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._slot_id: int | None = None  # the shift being changed; None while adding one
        self.setWindowTitle(self.tr("Shift settings"))

        self.model = SlotModel(self)
        self.table = QTableView()
        self.table.setObjectName("slotTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        # The fields: what and when on the left, how often, where and who on the right.
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Knife sharpening"))
        self.kind = numbered_combo({"desk": self.tr("Duty desk"), "project": self.tr("Service project")},
                                   self.tr("Press 1–2 or choose"), self)
        self.part = numbered_combo({"morning": self.tr("Morning"), "afternoon": self.tr("Afternoon"),
                                    "evening": self.tr("Evening")}, self.tr("Press 1–3 or choose"), self)
        self.start_time = QLineEdit()
        self.start_time.setPlaceholderText(self.tr("e.g. 08:30"))
        self.end_time = QLineEdit()
        self.end_time.setPlaceholderText(self.tr("e.g. 11:30"))
        self.need = QSpinBox()
        self.need.setRange(1, 20)
        self.need.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self.weekly = QRadioButton(self.tr("Every week"))
        before, _, after = self.tr("Every month on day %1").partition("%1")
        self.monthly = QRadioButton(before.strip())
        self.repeat_group = QButtonGroup(self)
        self.repeat_group.addButton(self.weekly)
        self.repeat_group.addButton(self.monthly)
        self.weekdays = {day: QCheckBox(label) for day, label in enumerate(
            (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
             self.tr("Sun")), start=1)}
        self.monthly_day = QSpinBox()
        self.monthly_day.setRange(1, 31)
        self.monthly_day.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        repeat = QWidget()
        repeat_grid = QGridLayout(repeat)
        repeat_grid.setContentsMargins(0, 0, 0, 0)
        repeat_grid.addWidget(self.weekly, 0, 0)
        days = QGridLayout()  # two lines of days: the right-hand column stays narrow enough to sit beside the left
        for day, box in self.weekdays.items():
            days.addWidget(box, (day - 1) // 4, (day - 1) % 4)
        repeat_grid.addLayout(days, 0, 1)
        repeat_grid.addWidget(self.monthly, 1, 0)
        month_row = QHBoxLayout()
        month_row.addWidget(self.monthly_day)
        if after.strip():
            month_row.addWidget(QLabel(after.strip()))
        month_row.addStretch()
        repeat_grid.addLayout(month_row, 1, 1)
        repeat_grid.setColumnStretch(1, 1)
        repeat.setFocusProxy(self.weekly)

        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. Activity room"))
        self.skill = numbered_combo({"": self.tr("Not needed"), **{s: s for s in people.SKILLS}},
                                    fill(self.tr("Press 1–%1 or choose"), len(people.SKILLS) + 1), self)
        self.active = QCheckBox(self.tr("Yes, plan it on the rota"))

        left = form_layout()
        self.add_row(left, self.tr("Name"), self.name, "name")
        self.add_row(left, self.tr("Kind"), self.kind, "kind")
        self.add_row(left, self.tr("Part of day"), self.part, "part")
        self.add_row(left, self.tr("Starts at"), self.start_time, "start_time")
        self.add_row(left, self.tr("Ends at"), self.end_time, "end_time")
        self.add_row(left, self.tr("People needed"), self.need, "need")
        right = form_layout()
        repeat_error = self.add_row(right, self.tr("Repeats"), repeat, "weekdays")
        self._errors["monthly_day"] = repeat_error  # one reason line for the whole choice of days
        self._fields["monthly_day"] = self.monthly_day
        self.add_row(right, self.tr("Place"), self.place, "place")
        self.add_row(right, self.tr("Skill needed"), self.skill, "skill")
        self.add_row(right, self.tr("In use"), self.active, "active")
        fields = QHBoxLayout()
        fields.addLayout(left, 2)
        fields.addSpacing(self.fontMetrics().horizontalAdvance("国") * 2)
        fields.addLayout(right, 3)

        self.saved = QLabel()
        self.saved.setStyleSheet("color: #1b5e20;")
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton(self.tr("New shift"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.new_button)
        save_row.addWidget(self.saved, 1)
        save_row.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-weight: bold;")
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr("Choose a shift in the list to change it, or press “New shift” to add one. "
                                       "A shift is never deleted: untick “In use” to stop it, and its past shifts "
                                       "are kept.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_title)
        layout.addLayout(fields)
        layout.addWidget(self.general_error)
        layout.addLayout(save_row)
        layout.addWidget(_note(self.tr("Changes take effect when the rota is generated or repaired again.")))
        layout.addWidget(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        for key, box in (("name", self.name), ("start_time", self.start_time), ("end_time", self.end_time),
                         ("place", self.place)):
            box.textEdited.connect(lambda _text, key=key: self._edited(key))
        self.kind.currentIndexChanged.connect(lambda: self._edited("kind"))
        self.part.currentIndexChanged.connect(lambda: self._edited("part"))
        self.skill.currentIndexChanged.connect(lambda: self._edited("skill"))
        self.need.valueChanged.connect(lambda: self._edited("need"))
        # Ticking a day means every week; changing the day of the month means every month.
        for box in self.weekdays.values():
            box.clicked.connect(self._day_ticked)
        self.monthly_day.valueChanged.connect(self._month_day_changed)
        self.weekly.clicked.connect(lambda: self._edited("weekdays"))
        self.monthly.clicked.connect(lambda: self._edited("weekdays"))
        large_indicators(self)
        self.refresh()
        self.new()
        self._size()

    def _size(self) -> None:
        """Wide enough for every column of the list; tall enough for the whole list (up to eight shifts) and a
        few lines of reasons to spare, within the screen. When the reasons need more room, the list gives it up
        first, down to four shifts in sight, and scrolls."""
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        self.table.setMinimumHeight(frame + max(4, min(self.model.rowCount(), 8)) * row_height)
        columns = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())) \
            + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        margins = self.layout().contentsMargins()
        screen = self.screen().availableGeometry()
        width = min(max(self.sizeHint().width(), columns + margins.left() + margins.right()),
                    int(screen.width() * 0.95))
        height = self.heightForWidth(width) if self.layout().hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height()) + 2 * self.fontMetrics().lineSpacing()
        self.resize(width, min(height, int(screen.height() * 0.9)))
        self.table.setMinimumHeight(frame + 4 * row_height)

    # -- the list
    def refresh(self) -> None:
        """Read the shifts again (those switched off too), and fit the columns to what they show."""
        rows = rota.slots(self._db, active_only=False)
        self.model.set_rows(rows)
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        for column, key in enumerate(SLOT_COLUMNS):
            width = header.horizontalAdvance(self.model.header(key))
            for row in rows:
                width = max(width, metrics.horizontalAdvance(self.model.text(key, row)))
            if key == "state":
                width = max(width, metrics.horizontalAdvance(self.tr("Switched off")))
            self.table.setColumnWidth(column, width + metrics.height())
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))

    def slot_id(self) -> int | None:
        """The shift being changed; None while adding one."""
        return self._slot_id

    def _chosen(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        self.load(row)

    def load(self, row: dict) -> None:
        """Show ``row`` (a shift as ``rota.slots`` gives it) in the fields, to change it."""
        self._slot_id = row["id"]
        self.clear_errors()
        self.saved.hide()
        self.form_title.setText(fill(self.tr("Change the shift “%1”"), row["name"]))
        self.name.setText(row["name"] or "")
        self.kind.setCurrentIndex(self.kind.findData(row["kind"]))
        self.part.setCurrentIndex(self.part.findData(row["part"]))
        self.start_time.setText(row["start_time"] or "")
        self.end_time.setText(row["end_time"] or "")
        self.need.setValue(int(row["need"] or 1))
        for day, box in self.weekdays.items():
            box.setChecked(day in (row["weekdays"] or []))
        self.monthly_day.setValue(int(row["monthly_day"] or 1))
        (self.monthly if row["monthly_day"] else self.weekly).setChecked(True)
        self.place.setText(row["place"] or "")
        self.skill.setCurrentIndex(max(0, self.skill.findData(row["skill"] or "")))
        self.active.setChecked(bool(row["active"]))
        self.clear_errors()  # the signals of the fields just filled

    def new(self) -> None:
        """Empty fields for a new shift: a service project in the morning, weekly, one person, in use."""
        self._slot_id = None
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()
        self.form_title.setText(self.tr("Add a new shift"))
        self.name.clear()
        self.kind.setCurrentIndex(self.kind.findData("project"))
        self.part.setCurrentIndex(self.part.findData("morning"))
        self.start_time.clear()
        self.end_time.clear()
        self.need.setValue(1)
        for box in self.weekdays.values():
            box.setChecked(False)
        self.monthly_day.setValue(1)
        self.weekly.setChecked(True)
        self.place.clear()
        self.skill.setCurrentIndex(0)
        self.active.setChecked(True)
        self.clear_errors()
        self.saved.hide()
        self.name.setFocus()

    def _day_ticked(self) -> None:
        self.weekly.setChecked(True)
        self._edited("weekdays")

    def _month_day_changed(self) -> None:
        self.monthly.setChecked(True)
        self._edited("weekdays")

    def _edited(self, key: str) -> None:
        self.show_error(key, None)
        if key == "weekdays":
            self.show_error("monthly_day", None)
        self.saved.hide()

    def values(self) -> dict[str, Any]:
        """What the fields say, as ``rota.save_slot`` takes it."""
        weekly = self.weekly.isChecked()
        return {"name": self.name.text(), "kind": self.kind.currentData() or "", "part": self.part.currentData() or "",
                "start_time": self.start_time.text(), "end_time": self.end_time.text(), "need": self.need.value(),
                "weekdays": [d for d, box in self.weekdays.items() if box.isChecked()] if weekly else [],
                "monthly_day": None if weekly else self.monthly_day.value(), "place": self.place.text(),
                "skill": self.skill.currentData() or "", "active": self.active.isChecked()}

    def save(self) -> None:
        """Check and store; on errors show each reason beside its field and keep everything typed."""
        values = self.values()
        self.saved.hide()
        done = self.write(lambda db: rota.save_slot(db, values, actor=self._actor, slot_id=self._slot_id))
        if not done:
            return
        slot_id = done.value
        self.refresh()
        row = self.model.row_of(slot_id)
        if row is not None:
            self.table.selectRow(row)  # the shift just saved, as stored, ready for another change
            self.table.scrollTo(self.model.index(row, 0))
        self.clear_errors()
        self.saved.setText(fill(self.tr("Saved: %1."), self.name.text().strip()))
        self.saved.show()
