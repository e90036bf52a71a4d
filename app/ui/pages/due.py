"""The due page (待办): what the duty volunteer should do today and in the coming days, and the visit sheet to print."""

from __future__ import annotations

import datetime
import html
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from app import meetings, visits
from app.db.settings import get_setting
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.dialogs.report_progress import ReportProgressDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.models.dates import month_day
from app.ui.models.due import COLUMNS, DueModel
from app.db.changes import Register
from app.ui.signals import follow
from app.ui.text import fill
from app.ui.widgets import ColumnFitter, list_table
from app.visits import DueItem

DEFAULT_DAYS = 14


def _key(item) -> tuple:
    return (item.person_id, item.kind, item.report_id, item.due)


class DuePage(QWidget):
    listed = Signal(int)  # rows shown after the list was computed (tests wait on it)
    sheet_written = Signal(str)  # the path of a visit sheet just written

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor
        self._selected = None
        self._today = datetime.date.today()
        self._writing = False  # a visit sheet is being written

        self.heading = QLabel()
        self.heading.setObjectName("dueHeading")
        self._size_heading()
        self.days = QSpinBox()
        self.days.setRange(0, 90)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 4)
        days_label = QLabel(self.tr("Days ahead"))
        days_label.setBuddy(self.days)

        self.model = DueModel(self)
        self.table = list_table(self.model, "dueTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The selected item in full, with the phone number to call first: nothing is lost to a narrow column.
        self.details = QLabel()
        self.details.setObjectName("dueDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        # The club's own duties (the quarterly joint meeting) stand above the people to visit.
        self.meeting_due = QLabel()
        self.meeting_due.setObjectName("meetingDue")
        self.meeting_due.setWordWrap(True)
        self.meeting_button = QPushButton(self.tr("Record the joint meeting…"))
        meeting_row = QWidget()
        meeting_row.setStyleSheet("QWidget#meetingRow { background: #fff3cd; border: 1px solid #e0c36c; }")
        meeting_row.setObjectName("meetingRow")
        meeting_layout = QHBoxLayout(meeting_row)
        meeting_layout.addWidget(self.meeting_due, 1)
        meeting_layout.addWidget(self.meeting_button)
        self.meeting_row = meeting_row
        meeting_row.hide()

        self.act_button = QPushButton(self.tr("Log a visit…"))
        self.print_button = QPushButton(self.tr("Print the visit sheet…"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(days_label)
        top.addWidget(self.days)
        buttons = QHBoxLayout()
        buttons.addWidget(self.act_button)
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.meeting_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        # The free text takes the width the other columns leave.
        keys = [k for k, _ in COLUMNS]
        self.columns = ColumnFitter(self.table, keys.index("reason"),
                                    {keys.index(k) for k in {"address", "what", "reason"}})
        self._size_columns()

        self.days.valueChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self.act)  # double-click, or Enter on the row
        self.act_button.clicked.connect(self.act)
        self.print_button.clicked.connect(self.print_sheet)
        self.meeting_button.clicked.connect(self.record_joint_meeting)
        self._reader.done.connect(self._done)
        self._reader.error.connect(self._failed)
        follow(self, (Register.VISIT, Register.MUST_REPORT, Register.PERSON, Register.MEETING, Register.SETTING), lambda _changes: self.refresh())
        # Left open overnight, the page moves on to the new day by itself.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self._update_buttons()
        self.heading.setText(self.tr("Working out what is due…"))
        self.refresh()

    def _size_columns(self) -> None:
        """Widths from typical contents in the current font and language, and from the rows listed: dates,
        names and states are never cut short; the address, the item and the reason give way when narrow."""
        metrics = self.table.fontMetrics()
        on = self.model.on
        sample = DueItem(0, "欧阳秀英", "report_overdue", on.replace(month=12, day=28), "10月13日报到，应在30天内走访",
                         "46号楼 6单元 604室", "", None)
        rows = [sample, replace(sample, due=on - datetime.timedelta(days=30)), replace(sample, due=on)]
        rows += self.model.items()
        wanted = []
        for column, (key, _) in enumerate(COLUMNS):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = metrics.horizontalAdvance(header)
            for item in rows[:3] if key in ("address", "reason") else rows:
                width = max(width, metrics.horizontalAdvance(self.model.text(key, item)))
            wanted.append(width + metrics.height())
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        self.columns.set_wanted(wanted)

    def _size_heading(self) -> None:
        font = QFont(self.font())  # follows the text-size setting
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_heading()
            self._size_columns()

    # -- computing the list
    def refresh(self) -> None:
        """Ask the background reader for what is due; the table updates when the answer arrives."""
        on = self._today = datetime.date.today()
        days = self.days.value()
        self._reader.submit("due", lambda db: (on, visits.due_items(db, on, days), meetings.due(db, on, days)))

    def _check_day(self) -> None:
        if datetime.date.today() != self._today:
            self.refresh()

    def _done(self, key: str, result) -> None:
        if key == "sheet":
            self._sheet_done(result)
            return
        if key != "due":
            return
        on, items, club_items = result
        self.meeting_row.setVisible(bool(club_items))
        if club_items:
            self.meeting_due.setText(fill(self.tr("%1 — due by %2."), club_items[0]["reason"],
                                          month_day(club_items[0]["due"], on)))
        keep = self._selected
        self.model.set_items(items, on)
        self._size_columns()
        overdue = self.model.overdue_count()
        if not items:
            heading = fill(self.tr("Today %1 · nothing to do"), month_day(on, on))
        elif overdue:
            heading = fill(self.tr("Today %1 · %n to do (%2 overdue)", "", len(items)), month_day(on, on), overdue)
        else:
            heading = fill(self.tr("Today %1 · %n to do", "", len(items)), month_day(on, on))
        self.heading.setText(heading)
        self.empty.setText(self.tr("Nothing is due in the next %n days. Well done!", "", self.days.value()))
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        row = next((i for i, item in enumerate(items) if _key(item) == keep), None) if keep else None
        if row is None and items:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._selected = None
        self._update_buttons()
        self.listed.emit(len(items))


    def record_joint_meeting(self) -> None:
        MeetingDialog(self._db, self._actor, parent=self, kind="joint").exec()

    # -- the selected item and what to do about it
    def selected_item(self):
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        item = self.model.item(current.row()) if current.isValid() else None
        self._selected = _key(item) if item else None
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected_item()
        self._show_details(item)
        if item is not None and item.visit_kind is None:
            self.act_button.setText(self.tr("Mark as reported…"))
        else:
            self.act_button.setText(self.tr("Log a visit…"))
        self.act_button.setEnabled(item is not None)
        self.print_button.setEnabled(not self._writing and any(i.visit_kind for i in self.model.items()))

    def _show_details(self, item) -> None:
        if item is None:
            self.details.clear()
            self.details.hide()
            return
        who = [item.name, item.address, fill(self.tr("phone %1"), item.phone) if item.phone else ""]
        line = " · ".join(html.escape(part) for part in who if part)
        what = fill(self.tr("%1: %2"), visits.DUE_KINDS[item.kind], item.reason)
        self.details.setText(f"<b>{line}</b><br>{html.escape(what)}")
        self.details.show()

    def act(self, *_args) -> None:
        """Log the visit the selected item asks for, or, for a must-report not yet passed on, mark it reported."""
        item = self.selected_item()
        if item is None:
            return
        if item.visit_kind is None:
            report = visits.get_report(self._db, item.report_id)
            ReportProgressDialog(self._db, self._actor, report, "report", parent=self).exec()
            return
        VisitDialog(self._db, self._actor, parent=self, person_id=item.person_id, kind=item.visit_kind,
                    report_id=item.report_id, reason=item.reason, due_kind=item.kind).exec()

    # -- the printed visit sheet
    def sheet_rows(self) -> list:
        from app.reports.visit_sheet import SheetRow

        on = self.model.on
        return [SheetRow(name=i.name, address=i.address, phone=i.phone, what=visits.DUE_KINDS[i.kind],
                         reason=i.reason, due=i.due, overdue_days=i.overdue_days(on))
                for i in self.model.items() if i.visit_kind]

    def print_sheet(self) -> None:
        """Write the visits on the list to a PDF (in the background), then offer to open it."""
        if self._writing:
            return
        on = self.model.on
        suggested = str(Path.home() / f"走访单-{on.isoformat()}.pdf")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the visit sheet"), suggested,
                                                self.tr("PDF files (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        from app.reports.visit_sheet import write_visit_sheet

        rows = self.sheet_rows()
        club = get_setting(self._db, "club_name", "")
        self._writing = True
        self.print_button.setEnabled(False)
        self.print_button.setText(self.tr("Writing the visit sheet…"))
        # The reader's thread does it: nothing is read from the database, but the window stays responsive.
        self._reader.submit("sheet", lambda _db: (write_visit_sheet(path, rows, club_name=club, on=on), str(path)))

    def _failed(self, key: str, _text, _exc) -> None:
        # The main window shows the error itself; here the page only stops waiting.
        if key == "sheet":
            self._restore_print_button()
        elif key == "due":
            self.heading.setText(self.tr("The list of what is due could not be worked out."))

    def _restore_print_button(self) -> None:
        self._writing = False
        self.print_button.setText(self.tr("Print the visit sheet…"))
        self._update_buttons()

    def _sheet_done(self, result) -> None:
        self._restore_print_button()
        _pages, path = result
        self.sheet_written.emit(path)
        answer = QMessageBox.question(
            self, self.tr("Visit sheet saved"),
            fill(self.tr("The visit sheet was saved to %1. Open it now to print?"), Path(path).name))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
