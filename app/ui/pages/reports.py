"""The must-report page (必报事项): the reports by status, what to do next with the chosen one, and its history (its
steps upward and its corrections); a report recorded wrongly is corrected or voided here."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app import visits
from app.accounts import Session
from app.ui.dialogs.report_correction import ReportCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.dialogs.correction_parts import history_html as corrections_html
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.report_progress import ReportProgressDialog, history_html
from app.ui.models.dates import month_day
from app.ui.models.reports import COLUMNS, ReportModel
from app.db.changes import Register
from app.ui.pages.register import RegisterPage, detail_label
from app.ui.text import fill


class ReportsPage(RegisterPage):
    KEY = "reports"
    FOLLOWS = (Register.MUST_REPORT, Register.PERSON, Register.SETTING)
    TABLE_NAME = "reportTable"
    COLUMNS = COLUMNS
    # The free text takes the width the other columns leave.
    STRETCH, SHRINKABLE = "summary", ("kind", "summary", "reported_to")
    SAMPLE_ROWS = 500  # enough to see whether dates of other years are listed

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(db, reader, actor, ReportModel(), parent)
        self.status = QComboBox()
        self.status.addItem(self.tr("All"), None)
        for code, label in visits.REPORT_STATUSES.items():
            self.status.addItem(label, code)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_label = QLabel(self.tr("Show"))
        status_label.setBuddy(self.status)
        self.new_button = QPushButton(self.tr("New must-report…"))
        self.report_button = QPushButton(self.tr("Mark as reported…"))
        self.close_button = QPushButton(self.tr("Close…"))

        self.history_title = QLabel()
        self.history_title.setStyleSheet("font-weight: bold;")
        self.history = detail_label("reportHistory")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.history)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.history_title)
        panel_layout.addWidget(scroll, 1)
        # Room for the three steps of a report's history without scrolling.
        scroll.setMinimumHeight(int(self.history.fontMetrics().lineSpacing() * 3.5))
        self.arrange([status_label, self.status, self.count, None, self.new_button], panel,
                     [self.report_button, self.close_button, *self.correction_buttons(), None], wrap=True)
        self._size_columns()

        self.status.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_report)
        self.report_button.clicked.connect(lambda: self.progress("report"))
        self.close_button.clicked.connect(lambda: self.progress("close"))
        self.table.activated.connect(self._activated)  # double-click, or Enter on the row
        self.start()

    def samples(self) -> dict[str, str]:
        today = datetime.date.today()
        a_date = month_day(datetime.date(today.year, 12, 28), today)
        return {"learnt_on": a_date, "name": "欧阳秀英", "kind": max(visits.REPORT_KINDS.values(), key=len),
                "summary": "住院做心脏搭桥手术，家属已告知", "status": self.marked(max(visits.REPORT_STATUSES.values(), key=len)),
                "reported_to": "老年服务部党支部", "reported_on": a_date}

    def query(self):
        status = self.status.currentData()
        return lambda db: visits.list_reports(db, status=status)

    def count_text(self, rows, _result) -> str:
        return self.tr("%n must-reports", "", len(rows))

    def _show_selected(self, report: dict | None) -> None:
        live = report is not None and report["state"] != "void"
        self.report_button.setEnabled(live and report["status"] == "open")
        self.close_button.setEnabled(live and report["status"] != "closed")
        if report is None:
            self.history_title.setText(self.tr("History"))
            self.history.setText(self.tr("Choose a must-report in the list to see its history here."))
            return
        self.history_title.setText(fill(self.tr("History of %1: %2"), report["name"], report["summary"]))
        corrected = corrections_html(visits.report_corrections(self._db, report["id"]))
        self.history.setText("<br>".join(part for part in (history_html(visits.report_history(self._db, report["id"])),
                                                          corrected) if part))

    def refusal(self, report: dict, by: Session) -> str | None:
        return visits.may_change_report(self._db, report, by)

    def correction_dialog(self, report: dict, by: Session) -> ReportCorrectionDialog:
        return ReportCorrectionDialog(self._db, by, visits.get_report(self._db, report["id"]), parent=self)

    def void_dialog(self, report: dict, by: Session) -> VoidDialog:
        report_id = report["id"]
        return VoidDialog(self._db, visits.describe_report(self._db, report_id),
                          self.tr("It is no longer due to be reported, and the visit it asked for is no longer due."),
                          lambda db, reason: visits.void_report(db, report_id, reason=reason, by=by), parent=self)

    def new_report(self) -> None:
        dialog = ReportDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.report_id

    def progress(self, mode: str) -> None:
        report = self.chosen.row()
        if report is None:
            return
        ReportProgressDialog(self._db, self._actor, visits.get_report(self._db, report["id"]), mode, parent=self).exec()

    def _activated(self, _index) -> None:
        report = self.chosen.row()
        if report is not None and report["status"] != "closed" and report["state"] != "void":
            self.progress("report" if report["status"] == "open" else "close")

