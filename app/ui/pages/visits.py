"""The visit log page (走访记录): every visit, newest first, for this month, the last three months, or all time."""

from __future__ import annotations

import datetime
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget,
)

from app import visits
from app.ui.dialogs.visit import VisitDialog
from app.ui.models.dates import month_day
from app.ui.models.visits import COLUMNS, VisitModel
from app.db.changes import Register
from app.ui.signals import follow
from app.ui.text import fill
from app.ui.widgets import ColumnFitter, KeptRow, list_table


def months_back(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day when it has no such day)."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def period_start(period: str, today: datetime.date) -> str | None:
    if period == "month":
        return today.replace(day=1).isoformat()
    if period == "three_months":
        return months_back(today, 3).isoformat()
    return None


class VisitsPage(QWidget):
    listed = Signal(int)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor

        self.period = QComboBox()
        for code, label in (("month", self.tr("This month")), ("three_months", self.tr("Last three months")),
                            ("all", self.tr("All"))):
            self.period.addItem(label, code)
        self.period.setCurrentIndex(1)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        period_label = QLabel(self.tr("Show"))
        period_label.setBuddy(self.period)
        self.count = QLabel()
        self.add_button = QPushButton(self.tr("Log a visit…"))
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.model = VisitModel(self)
        self.table = list_table(self.model, "visitTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        # The selected visit in full: a narrow column never hides what was done.
        self.details = QLabel()
        self.details.setObjectName("visitDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()

        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.count)
        top.addStretch()
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        # The free text takes the width the other columns leave.
        keys = [k for k, _ in COLUMNS]
        self._shrinkable = {keys.index(k) for k in {"kind", "visitors", "done"}}
        self.columns = ColumnFitter(self.table, keys.index("done"), self._shrinkable)
        self._size_columns()

        self.period.currentIndexChanged.connect(self.refresh)
        self.add_button.clicked.connect(self.add_visit)
        self.chosen = KeptRow(self.table)
        self.chosen.chosen.connect(self._show_details)
        self._reader.done.connect(self._done)
        follow(self, (Register.VISIT, Register.PERSON), lambda _changes: self.refresh())
        self.refresh()

    def _size_columns(self) -> None:
        today = datetime.date.today()
        a_date = month_day(datetime.date(today.year, 12, 28), today)
        samples = {"visit_date": a_date, "name": "欧阳秀英", "kind": max(visits.VISIT_KINDS.values(), key=len),
                   "visitors": "张三丰、李秀英", "done": "带去牛奶一箱，帮忙填写住院报销单据", "follow_up_on": a_date}
        # The first 500 rows are enough to see whether dates of other years are listed.
        self.columns.size_from(self.model, [key for key, _ in COLUMNS], samples, self.model.rows()[:500])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_columns()

    def refresh(self) -> None:
        start = period_start(self.period.currentData(), datetime.date.today())
        self._reader.submit("visits", lambda db: visits.list_visits(db, start=start))

    def _done(self, key: str, rows) -> None:
        if key != "visits":
            return
        self._show_details(None)
        self.chosen.set_rows(rows)
        self._size_columns()
        self.count.setText(self.tr("%n visits", "", len(rows)))
        self.listed.emit(len(rows))

    def _show_details(self, visit: dict | None) -> None:
        if visit is None:
            self.details.hide()
            return
        title = fill(self.tr("%1 · %2 · %3"), visit["visit_date"], visit["name"], visit["kind_label"])
        lines = [f"<b>{html.escape(title)}</b>",
                 html.escape(fill(self.tr("Visited by: %1"), "、".join(visit["visitors"])))]
        lines += [html.escape(text) for text in (visit["done"], visit["notes"]) if text]
        if visit["follow_up_on"]:
            lines.append(html.escape(fill(self.tr("Follow-up visit on %1"), visit["follow_up_on"])))
        self.details.setText("<br>".join(lines))
        self.details.show()

    def add_visit(self) -> None:
        dialog = VisitDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.visit_id

