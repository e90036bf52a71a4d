"""One date field for every form: typed the way people write dates, read by the rules (app.ids), or chosen on a
calendar (the 日历… button beside it, or F4 / Alt+↓ from the keyboard)."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QDialog, QLineEdit, QPushButton, QVBoxLayout

from app import ids
from app.errors import ValidationError


class DateField(QLineEdit):
    """A line for a date (``text()`` as typed, ``day()`` as read); ``calendar_button`` is placed beside it by the
    form. Choosing a day on the calendar fills the line and finishes editing, as leaving the field would."""

    chosen = Signal(object)  # the datetime.date picked on the calendar

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setPlaceholderText(self.tr("e.g. 2026-12-02, 12月2日, 昨天"))
        self.calendar_button = QPushButton(self.tr("Calendar…"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab and Enter go from field to field
        self.calendar_button.setToolTip(self.tr("Choose the day on a calendar (F4)"))
        self.calendar_button.clicked.connect(self.open_calendar)

    ahead = False  # a day planned (a follow-up): a short date means the next such day, not the last

    def day(self) -> datetime.date | None:
        """The day typed, as the rules read it (ids.event_date); None when empty or not a date."""
        try:
            return ids.event_date(self.text(), ahead=self.ahead) if self.text().strip() else None
        except ValidationError:
            return None

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                             and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> datetime.date | None:
        """The calendar under the field, on the day typed (or today); Enter or a click chooses, Esc leaves it."""
        popup = QDialog(self, Qt.WindowType.Popup)
        popup.setObjectName("datePopup")
        calendar = QCalendarWidget(popup)
        calendar.setGridVisible(True)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        shown = self.day() or datetime.date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        layout = QVBoxLayout(popup)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(calendar)
        calendar.activated.connect(popup.accept)  # Enter, or a double click
        calendar.clicked.connect(popup.accept)
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus()
        self.calendar = calendar  # for the tests, which choose a day on it
        if popup.exec() != QDialog.DialogCode.Accepted:
            self.setFocus()
            return None
        picked = calendar.selectedDate().toPython()
        self.setText(picked.isoformat())
        self.setFocus()
        self.editingFinished.emit()  # the form checks and says which day it read, as when leaving the field
        self.chosen.emit(picked)
        return picked
