"""Move a must-report on (必报事项): mark it reported upward (to whom, when) or close it (结案), its history shown
above; and that history as the reports page shows it too."""

from __future__ import annotations

import datetime
import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout

from app import people, settings_rules, visits
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons, small_text_box
from app.ui.models.dates import month_day
from app.ui.text import fill


class ReportProgressDialog(FormDialog):
    """Move a must-report on: ``mode`` "report" (passed upward: to whom, when) or "close" (结案)."""

    def __init__(self, db, actor: str, report: dict, mode: str = "report", parent=None):
        super().__init__(parent)
        if mode not in ("report", "close"):
            raise ValueError(mode)
        self._db = db
        self._actor = actor
        self._report = report
        self.mode = mode
        self.setWindowTitle(self.tr("Mark as reported") if mode == "report" else self.tr("Close the must-report"))

        person = people.get_person(db, report["person_id"])
        about = QLabel(fill(self.tr("%1 · %2: %3"), person["name"], visits.REPORT_KINDS[report["kind"]],
                            report["summary"]))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        about.setStyleSheet("font-weight: bold;")
        history_title = QLabel(self.tr("History"))
        self.history = QLabel(history_html(visits.report_history(db, report["id"])))
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.history.setStyleSheet("background: #f4f4f4; padding: 6px;")

        form = form_layout()
        self.note = small_text_box(2)
        if mode == "report":
            branch = settings_rules.branch_name(db)  # the club's branch, as set in the first-run wizard
            self.reported_to = QLineEdit(branch)
            earlier = sorted({r["reported_to"] for r in visits.list_reports(db) if r.get("reported_to")} | {branch})
            self.reported_to.setCompleter(QCompleter(earlier, self.reported_to))
            self.reported_on = DateField(datetime.date.today().isoformat())
            self.add_row(form, self.tr("Reported to"), self.reported_to, "reported_to")
            self.add_row(form, self.tr("Reported on"), self.reported_on, "reported_on")
            self.watch_date(self.reported_on, "reported_on")
            save_text = self.tr("Mark as reported (Ctrl+Enter)")
            self.reported_to.setFocus()
            self.reported_to.selectAll()
        else:
            self.closed_on = DateField(datetime.date.today().isoformat())
            self.add_row(form, self.tr("Closed on"), self.closed_on, "closed_on")
            self.watch_date(self.closed_on, "closed_on")
            save_text = self.tr("Close it (Ctrl+Enter)")
            self.closed_on.setFocus()
        self.add_row(form, self.tr("Explanation"), self.note, None)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(history_title)
        layout.addWidget(self.history)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, save_text, self.tr("Cancel")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 40)

    def save(self) -> None:
        note = self.note.toPlainText().strip()
        if self.mode == "report":
            to, on = self.reported_to.text(), self.reported_on.text()
            done = self.write(lambda db: visits.mark_reported(db, self._report["id"], reported_to=to, reported_on=on,
                                                              note=note, actor=self._actor))
        else:
            on = self.closed_on.text()
            done = self.write(lambda db: visits.close_report(db, self._report["id"], closed_on=on, note=note,
                                                             actor=self._actor))
        if done:
            self.accept()


def history_lines(events: list[dict]) -> list[str]:
    """"11月18日 待上报 · 值班员张三：已电话告知家属" for each dated step of a report, oldest first."""
    lines = []
    for event in events:
        status = visits.REPORT_STATUSES.get(event["status"], event["status"])
        template = (QCoreApplication.translate("ReportHistory", "%1 %2 · %3: %4") if event["note"]
                    else QCoreApplication.translate("ReportHistory", "%1 %2 · %3"))
        lines.append(fill(template, month_day(event["on_date"]), status, event["actor"] or "", event["note"]))
    return lines


def history_html(events: list[dict]) -> str:
    return "<br>".join(html.escape(line) for line in history_lines(events))
