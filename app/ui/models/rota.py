"""The duty rota's tables (值班表): the month as a grid of days by shifts, and the month's holidays."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.rota import PARTS, Shift
from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel
from app.ui.text import fill

SHORT_COLOR = "#8b0000"  # dark red: a place still to fill, as the due list marks what is late
NONE_COLOR = "#777777"  # the "—" of a shift that does not run that day
OFF_SHADE = "#fbe9e7"  # official days off
WEEKEND_SHADE = "#eeeeee"  # Saturdays and Sundays that are not make-up workdays
NAME_JOIN = "、"
NONE_TEXT = "—"

WEEKDAYS = (
    QT_TRANSLATE_NOOP("RotaModel", "Mon"), QT_TRANSLATE_NOOP("RotaModel", "Tue"),
    QT_TRANSLATE_NOOP("RotaModel", "Wed"), QT_TRANSLATE_NOOP("RotaModel", "Thu"),
    QT_TRANSLATE_NOOP("RotaModel", "Fri"), QT_TRANSLATE_NOOP("RotaModel", "Sat"),
    QT_TRANSLATE_NOOP("RotaModel", "Sun"),
)


def _tr(text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP in the RotaModel context (lupdate sees only literal calls)."""
    return QCoreApplication.translate("RotaModel", text)


def day_label(day: datetime.date) -> str:
    """"12月1日 周二": the month and day (no year: the page says which month) and the weekday."""
    return f"{month_day(day, day)} {_tr(WEEKDAYS[day.weekday()])}"


def holiday_note(holiday: dict | None) -> str:
    """"元旦 放假" or "国庆节 调休上班" for a row of the holiday table; "" for an ordinary day."""
    if not holiday:
        return ""
    name = holiday.get("name") or ""
    if holiday["kind"] == "off":
        if name:
            return QCoreApplication.translate("RotaModel", "%1 day off").replace("%1", name)
        return QCoreApplication.translate("RotaModel", "Day off")
    if name:
        return QCoreApplication.translate("RotaModel", "%1 make-up workday").replace("%1", name)
    return QCoreApplication.translate("RotaModel", "Make-up workday")


def short_text(shift: Shift) -> str:
    """"缺 2 人" for an empty place; "李秀英（缺 1 人）" for a place only partly filled; "" when full."""
    missing = shift.need - len(shift.people)
    if missing <= 0:
        return ""
    short = QCoreApplication.translate("RotaModel", "%n short", "", missing)
    if not shift.people:
        return short
    return fill(QCoreApplication.translate("RotaModel", "%1 (%2)"), names_text(shift), short)


def names_text(shift: Shift) -> str:
    return NAME_JOIN.join(name for _, name, _ in shift.people)


def shift_text(shift: Shift | None) -> str:
    """What a cell shows: the names, the gap, or "—" where the shift does not run that day."""
    if shift is None:
        return NONE_TEXT
    return short_text(shift) or names_text(shift)


def time_text(slot: dict) -> str:
    if slot.get("start_time"):
        return f"{slot['start_time']}–{slot['end_time']}"
    return PARTS.get(slot.get("part", ""), "")


@dataclass(frozen=True)
class RotaMonth:
    """A month as the page reads it in the background: the shifts and what the grid needs around them."""

    first: datetime.date
    shifts: list[Shift]
    slots: list[dict]  # the active shift slots, in their order: key, name, start_time, end_time, need, …
    holidays: dict[str, dict] = field(default_factory=dict)  # ISO day -> the holiday row
    states: dict[int, dict] = field(default_factory=dict)  # assignment id -> {"fixed", "confirmed", "corrected"}
    warning: str | None = None
    today: datetime.date = field(default_factory=datetime.date.today)
    swaps: list[dict] = field(default_factory=list)  # the month's swaps, with their state (app.rota.swaps)

    @property
    def month(self) -> str:
        return self.first.strftime("%Y-%m")

    def swaps_of(self, shift: Shift) -> list[dict]:
        """The swaps of the shift's place, oldest first."""
        return [w for w in self.swaps if w["day"] == shift.day.isoformat() and w["slot_key"] == shift.slot_key]


class RotaModel(QAbstractTableModel):
    """Rows are the days of the month, columns the shift slots; each cell is the Shift of that day and slot
    (Qt.UserRole), or nothing where the slot does not run that day. Nothing is read from the database here."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._month: RotaMonth | None = None
        self._days: list[datetime.date] = []
        self._cells: dict[tuple[int, int], Shift] = {}

    def set_month(self, month: RotaMonth | None) -> None:
        self.beginResetModel()
        self._month = month
        self._days = []
        self._cells = {}
        if month is not None:
            day = month.first
            while day.month == month.first.month:
                self._days.append(day)
                day += datetime.timedelta(days=1)
            column_of = {slot["key"]: column for column, slot in enumerate(month.slots)}
            for shift in month.shifts:
                column = column_of.get(shift.slot_key)
                if column is not None:
                    self._cells[(shift.day.day - 1, column)] = shift
        self.endResetModel()

    # -- what the page asks
    @property
    def month(self) -> RotaMonth | None:
        return self._month

    def slots(self) -> list[dict]:
        return list(self._month.slots) if self._month else []

    def day(self, row: int) -> datetime.date | None:
        return self._days[row] if 0 <= row < len(self._days) else None

    def shift(self, row: int, column: int) -> Shift | None:
        return self._cells.get((row, column))

    def shifts(self) -> list[Shift]:
        return [self._cells[key] for key in sorted(self._cells)]

    def index_of(self, day: datetime.date, slot_key: str) -> QModelIndex:
        """The cell of ``slot_key`` on ``day``, or an invalid index when neither is shown."""
        keys = [slot["key"] for slot in self.slots()]
        if day not in self._days or slot_key not in keys:
            return QModelIndex()
        return self.index(self._days.index(day), keys.index(slot_key))

    def holiday(self, day: datetime.date) -> dict | None:
        return self._month.holidays.get(day.isoformat()) if self._month else None

    def is_rest_day(self, day: datetime.date) -> bool:
        """A day off, or a weekend that is not a make-up workday."""
        holiday = self.holiday(day)
        if holiday is not None:
            return holiday["kind"] == "off"
        return day.isoweekday() >= 6

    def short_count(self) -> int:
        """People still missing across the month's places."""
        return sum(max(0, s.need - len(s.people)) for s in self._cells.values())

    def text(self, row: int, column: int) -> str:
        return shift_text(self.shift(row, column))

    # -- the model
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._days)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._month is None else len(self._month.slots)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < self.columnCount():
                return None
            slot = self._month.slots[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{slot['name']}\n{time_text(slot)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return " · ".join(p for p in (slot["name"], time_text(slot), slot.get("place") or "") if p)
            return None
        day = self.day(section)
        if day is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return day_label(day)
        if role == Qt.ItemDataRole.ToolTipRole:
            return holiday_note(self.holiday(day)) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._shade(day)
        if role == Qt.ItemDataRole.FontRole and self._month is not None and day == self._month.today:
            return self._bold()
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or not 0 <= index.column() < self.columnCount():
            return None
        shift = self.shift(index.row(), index.column())
        day = self._days[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shift_text(shift)
        if role == Qt.ItemDataRole.ToolTipRole:
            if shift is None:
                return holiday_note(self.holiday(day)) or None
            if shift.unfilled_reason:
                return shift.unfilled_reason
            return names_text(shift) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if shift is None:
                return QBrush(QColor(NONE_COLOR))
            if len(shift.people) < shift.need:
                return QBrush(QColor(SHORT_COLOR))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._shade(day)
        if role == Qt.ItemDataRole.TextAlignmentRole and shift is None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and day == self._month.today:
            return self._bold()
        if role == Qt.ItemDataRole.UserRole:
            return shift
        return None

    def _shade(self, day: datetime.date) -> QBrush | None:
        holiday = self.holiday(day)
        if holiday is not None and holiday["kind"] == "off":
            return QBrush(QColor(OFF_SHADE))
        if self.is_rest_day(day):
            return QBrush(QColor(WEEKEND_SHADE))
        return None

    @staticmethod
    def _bold() -> QFont:
        font = QFont()
        font.setBold(True)
        return font


HOLIDAY_COLUMNS = (
    ("day", QT_TRANSLATE_NOOP("HolidayModel", "Date")),
    ("kind", QT_TRANSLATE_NOOP("HolidayModel", "Kind")),
    ("name", QT_TRANSLATE_NOOP("HolidayModel", "Holiday")),
    ("source", QT_TRANSLATE_NOOP("HolidayModel", "Source")),
)
HOLIDAY_KINDS = {"off": QT_TRANSLATE_NOOP("HolidayModel", "Day off"),
                 "workday": QT_TRANSLATE_NOOP("HolidayModel", "Make-up workday")}
SOURCES = {"lunar-python": QT_TRANSLATE_NOOP("HolidayModel", "Official (built in)"),
           "director": QT_TRANSLATE_NOOP("HolidayModel", "Entered here")}


class HolidayModel(ListModel):
    """The month's official days off and make-up workdays, one row each, as ``app.rota.month_holidays``."""

    COLUMNS = HOLIDAY_COLUMNS
    ID = "day"

    def text(self, key: str, row: dict) -> str:
        if key == "day":
            return day_label(datetime.date.fromisoformat(row["day"]))
        if key == "kind":
            return self.tr(HOLIDAY_KINDS.get(row["kind"], row["kind"]))
        if key == "source":
            source = SOURCES.get(row["source"])
            return self.tr(source) if source else row["source"]
        return row.get(key) or ""

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row["kind"] == "off":
            return QBrush(QColor(OFF_SHADE))
        return super().cell(key, row, role)


INACTIVE_COLOR = "#777777"  # a shift switched off: still listed, greyed
SLOT_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SlotModel", "Shift")),
    ("repeat", QT_TRANSLATE_NOOP("SlotModel", "Repeats")),
    ("part", QT_TRANSLATE_NOOP("SlotModel", "Part of day")),
    ("time", QT_TRANSLATE_NOOP("SlotModel", "Time")),
    ("need", QT_TRANSLATE_NOOP("SlotModel", "People")),
    ("place", QT_TRANSLATE_NOOP("SlotModel", "Place")),
    ("skill", QT_TRANSLATE_NOOP("SlotModel", "Skill needed")),
    ("state", QT_TRANSLATE_NOOP("SlotModel", "State")),
)


class SlotModel(ListModel):
    """The shift templates (班次), one row each as ``app.rota.slots(db, active_only=False)``, those switched off
    included and marked."""

    COLUMNS = SLOT_COLUMNS

    def header(self, key: str) -> str:
        return self.tr(dict(SLOT_COLUMNS)[key])

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

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not row.get("active"):
            return QBrush(QColor(INACTIVE_COLOR))
        return super().cell(key, row, role)
