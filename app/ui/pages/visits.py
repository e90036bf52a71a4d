"""The visit log page (走访记录): every visit, newest first, for this month, the last three months, or all time; the
chosen one in full with its history, corrected or voided from here."""

from __future__ import annotations

import datetime
import html

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSizePolicy

from app import visits
from app.accounts import Session
from app.ui.dialogs.correction_parts import history_html
from app.ui.dialogs.visit_correction import VisitCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.models.dates import month_day
from app.ui.models.visits import COLUMNS, VisitModel
from app.db.changes import Register
from app.ui.pages.register import RegisterPage, detail_label
from app.ui.text import fill


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


class VisitsPage(RegisterPage):
    KEY = "visits"
    FOLLOWS = (Register.VISIT, Register.PERSON)
    TABLE_NAME = "visitTable"
    COLUMNS = COLUMNS
    # The free text takes the width the other columns leave.
    STRETCH, SHRINKABLE = "done", ("kind", "visitors", "done")
    SAMPLE_ROWS = 500  # enough to see whether dates of other years are listed

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(db, reader, actor, VisitModel(), parent)
        self.period = QComboBox()
        for code, label in (("month", self.tr("This month")), ("three_months", self.tr("Last three months")),
                            ("all", self.tr("All"))):
            self.period.addItem(label, code)
        self.period.setCurrentIndex(1)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        period_label = QLabel(self.tr("Show"))
        period_label.setBuddy(self.period)
        self.add_button = QPushButton(self.tr("Log a visit…"))
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # The selected visit in full: a narrow column never hides what was done.
        self.details = detail_label("visitDetails")
        self.details.hide()
        self.arrange([period_label, self.period, self.count, None, self.add_button], self.details,
                     [*self.correction_buttons(), None], split=False)
        self._size_columns()
        self.period.currentIndexChanged.connect(self.refresh)
        self.add_button.clicked.connect(self.add_visit)
        self.start()

    def samples(self) -> dict[str, str]:
        today = datetime.date.today()
        a_date = month_day(datetime.date(today.year, 12, 28), today)
        return {"visit_date": a_date, "name": "欧阳秀英", "kind": self.marked(max(visits.VISIT_KINDS.values(), key=len)),
                "visitors": "张三丰、李秀英", "done": "带去牛奶一箱，帮忙填写住院报销单据", "follow_up_on": a_date}

    def query(self):
        start = period_start(self.period.currentData(), datetime.date.today())
        return lambda db: visits.list_visits(db, start=start)

    def count_text(self, rows, _result) -> str:
        return self.tr("%n visits", "", len(rows))

    def _show_selected(self, visit: dict | None) -> None:
        if visit is None:
            self.details.hide()
            return
        title = fill(self.tr("%1 · %2 · %3"), visit["visit_date"], visit["name"], visit["kind_label"])
        lines = [f"<b>{html.escape(title)}</b>",
                 html.escape(fill(self.tr("Visited by: %1"), "、".join(visit["visitors"])))]
        lines += [html.escape(text) for text in (visit["done"], visit["notes"]) if text]
        if visit["follow_up_on"]:
            lines.append(html.escape(fill(self.tr("Follow-up visit on %1"), visit["follow_up_on"])))
        history = history_html(visits.visit_history(self._db, visit["id"]))
        if history:
            lines.append(history)
        self.details.setText("<br>".join(lines))
        self.details.show()

    def refusal(self, visit: dict, by: Session) -> str | None:
        return visits.may_change_visit(self._db, visit, by)

    def correction_dialog(self, visit: dict, by: Session) -> VisitCorrectionDialog:
        return VisitCorrectionDialog(self._db, by, visits.get_visit(self._db, visit["id"]), parent=self)

    def void_dialog(self, visit: dict, by: Session) -> VoidDialog:
        visit_id = visit["id"]
        return VoidDialog(self._db, visits.describe_visit(self._db, visit_id),
                          self.tr("What it cleared from the to-do list comes back, and the hours credited for it are "
                                  "reversed."),
                          lambda db, reason: visits.void_visit(db, visit_id, reason=reason, by=by), parent=self)

    def add_visit(self) -> None:
        dialog = VisitDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.visit_id

