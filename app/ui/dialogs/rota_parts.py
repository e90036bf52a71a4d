"""What the rota's dialogs and page share: the month chooser, a shift's title, and a grey note."""

from __future__ import annotations

import datetime


from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QWidget,
)

from app.calendar_cn import add_months
from app.rota import Shift
from app.ui.models.rota import day_label
from app.ui.text import fill


NOTE_STYLE = "color: #555555;"

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

def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label

def shift_title(shift: Shift) -> str:
    """"12月1日 周二 · 上午值班 · 08:30–11:30 · 服务社值班室"."""
    return " · ".join(p for p in (day_label(shift.day), shift.slot_name, shift.time, shift.place) if p)

def about_shift(shift: Shift) -> QLabel:
    label = QLabel(shift_title(shift))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label
