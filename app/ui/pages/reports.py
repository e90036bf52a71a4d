"""The must-report page (必报事项): the reports by status, what to do next with the chosen one, and its history."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSplitter,
    QVBoxLayout, QWidget,
)

from app import visits
from app.ui.dialogs.report import ReportDialog, ReportProgressDialog, history_html
from app.ui.models.dates import month_day
from app.ui.models.reports import COLUMNS, ReportModel
from app.db.changes import Register
from app.ui.signals import follow
from app.ui.widgets import ColumnFitter, KeptRow, list_table
from app.ui.text import fill


class ReportsPage(QWidget):
    listed = Signal(int)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor

        self.status = QComboBox()
        self.status.addItem(self.tr("All"), None)
        for code, label in visits.REPORT_STATUSES.items():
            self.status.addItem(label, code)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_label = QLabel(self.tr("Show"))
        status_label.setBuddy(self.status)
        self.count = QLabel()
        self.new_button = QPushButton(self.tr("New must-report…"))
        self.report_button = QPushButton(self.tr("Mark as reported…"))
        self.close_button = QPushButton(self.tr("Close…"))

        self.model = ReportModel(self)
        self.table = list_table(self.model, "reportTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.history_title = QLabel()
        self.history_title.setStyleSheet("font-weight: bold;")
        self.history = QLabel()
        self.history.setObjectName("reportHistory")
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setWordWrap(True)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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

        top = QHBoxLayout()
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.count)
        top.addStretch()
        top.addWidget(self.new_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        # The free text takes the width the other columns leave.
        keys = [k for k, _ in COLUMNS]
        self._shrinkable = {keys.index(k) for k in {"kind", "summary", "reported_to"}}
        self.columns = ColumnFitter(self.table, keys.index("summary"), self._shrinkable)
        self._size_columns()

        self.status.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_report)
        self.report_button.clicked.connect(lambda: self.progress("report"))
        self.close_button.clicked.connect(lambda: self.progress("close"))
        self.chosen = KeptRow(self.table)
        self.chosen.chosen.connect(self._show_selected)
        self.table.activated.connect(self._activated)  # double-click, or Enter on the row
        self._reader.done.connect(self._done)
        follow(self, (Register.MUST_REPORT, Register.PERSON, Register.SETTING), lambda _changes: self.refresh())
        self._show_selected(None)
        self.refresh()

    def _size_columns(self) -> None:
        today = datetime.date.today()
        a_date = month_day(datetime.date(today.year, 12, 28), today)
        samples = {"learnt_on": a_date, "name": "欧阳秀英", "kind": max(visits.REPORT_KINDS.values(), key=len),
                   "summary": "住院做心脏搭桥手术，家属已告知", "status": max(visits.REPORT_STATUSES.values(), key=len),
                   "reported_to": "老年服务部党支部", "reported_on": a_date}
        # The first 500 rows are enough to see whether dates of other years are listed.
        self.columns.size_from(self.model, [key for key, _ in COLUMNS], samples, self.model.rows()[:500])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_columns()

    def refresh(self) -> None:
        status = self.status.currentData()
        self._reader.submit("reports", lambda db: visits.list_reports(db, status=status))

    def _done(self, key: str, rows) -> None:
        if key != "reports":
            return
        self.chosen.set_rows(rows)
        self._size_columns()
        self.count.setText(self.tr("%n must-reports", "", len(rows)))
        self._show_selected(self.chosen.row())
        self.listed.emit(len(rows))

    def _show_selected(self, report: dict | None) -> None:
        self.report_button.setEnabled(report is not None and report["status"] == "open")
        self.close_button.setEnabled(report is not None and report["status"] != "closed")
        if report is None:
            self.history_title.setText(self.tr("History"))
            self.history.setText(self.tr("Choose a must-report in the list to see its history here."))
            return
        self.history_title.setText(fill(self.tr("History of %1: %2"), report["name"], report["summary"]))
        self.history.setText(history_html(visits.report_history(self._db, report["id"])))

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
        if report is not None and report["status"] != "closed":
            self.progress("report" if report["status"] == "open" else "close")

