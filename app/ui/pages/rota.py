"""The duty rota page (值班表): a month of days by shifts, who is on each and which places are short; swaps, placing
someone by hand, attendance, absences, holidays and the shifts themselves; generating or repairing the month;
printing and export."""

from __future__ import annotations

import datetime
import html
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView, QBoxLayout, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from app import rota
from app.reports.rota import save_rota_pdf, save_rota_xlsx
from app.ui import session as ui_session
from app.ui import messages
from app.ui.messages import show_failure
from app.ui.dialogs.absence import AbsenceDialog
from app.ui.dialogs.assign import AssignDialog
from app.ui.dialogs.attendance import AttendanceDialog
from app.ui.dialogs.holidays import HolidaysDialog
from app.ui.dialogs.rota_parts import MonthChooser, shift_title
from app.ui.dialogs.shift_correction import ShiftCorrectionDialog
from app.ui.dialogs.slots import SlotsDialog
from app.ui.dialogs.swap import SwapDialog
from app.ui.models.rota import SHORT_COLOR, RotaModel, RotaMonth, day_label, holiday_note
from app.ui.operations import BackgroundJob
from app.db.changes import Changes, Register
from app.ui.signals import follow
from app.ui.write import write
from app.ui.text import fill
from app.ui.flow import FlowRow

KEY = "rota_month"
FILE_KEY = "rota_file"
PANEL_EMS = 15  # the width of the side panel, in characters, when it stands beside the grid
LISTED_GAPS = 12  # unfilled places listed in the message after generating; the rest are red in the grid
WARNING_STYLE = "QLabel { background: #fff4ce; border: 1px solid #d8b84a; padding: 6px; }"
NOTICE_STYLE = "QLabel { background: #eaf2fb; border: 1px solid #9bbbe0; padding: 6px; }"
SAMPLE_NAME = "李秀英"  # a name of the usual length: columns keep their width from month to month


def read_month(db, first: datetime.date) -> RotaMonth:
    """Everything the page shows for the month of ``first`` (run by the background reader)."""
    month = first.strftime("%Y-%m")
    first_day, last_day = rota.month_bounds(month)
    return RotaMonth(first, rota.month_rota(db, month), rota.slots(db),
                     {row["day"]: row for row in rota.month_holidays(db, month)},
                     rota.assignment_states(db, month), rota.holiday_warning(db), datetime.date.today(),
                     swaps=rota.swaps(db, first_day.isoformat(), last_day.isoformat()))


class RotaPage(QWidget):
    listed = Signal(int)  # shifts shown after the month was read (tests wait on it)
    generated = Signal(str)  # the summary shown after generating
    file_written = Signal(str)  # the path of a PDF or workbook just written

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor
        self._started = False  # the defaults are ensured the first time the page is shown
        self._job: BackgroundJob | None = None
        self._writing = False
        self._selected: tuple[datetime.date, str] | None = None
        self._wide: bool | None = None
        self._wanted: list[int] = []  # the grid's column widths its contents need

        # The month, and how it stands.
        self.chooser = MonthChooser()
        self.this_month_button = QPushButton(self.tr("Back to this month"))
        self.summary = QLabel()
        self.summary.setObjectName("rotaSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.linkActivated.connect(lambda _link: self.next_gap())
        self.warning = QLabel()
        self.warning.setObjectName("rotaWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.notice = QLabel()
        self.notice.setObjectName("rotaNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

        # The grid: days down, shifts across.
        self.model = RotaModel(self)
        self.table = QTableView()
        self.table.setObjectName("rotaTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setSectionsClickable(False)
        days = self.table.verticalHeader()
        days.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        days.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        days.setSectionsClickable(False)
        self.table.viewport().installEventFilter(self)

        # The chosen cell, and what to do about it.
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_title.setStyleSheet("font-weight: bold;")
        self.cell_title.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_info = QLabel()
        self.cell_info.setObjectName("rotaCell")
        self.cell_info.setWordWrap(True)
        self.cell_info.setTextFormat(Qt.TextFormat.RichText)
        self.cell_info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.cell_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.swap_button = QPushButton(self.tr("Swap…"))
        self.assign_button = QPushButton(self.tr("Put someone on…"))
        self.confirm_button = QPushButton(self.tr("Confirm attendance…"))
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setToolTip(self.tr("Correct a confirmed attendance or a swap of this shift."))
        self.swap_button.setToolTip(self.tr("Or double-click a full shift, or press Enter on it."))
        self.assign_button.setToolTip(self.tr("Or double-click a shift that is short, or press Enter on it."))
        self.panel = QWidget()
        self.panel.setObjectName("rotaPanel")
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.cell_title)
        text.addWidget(self.cell_info, 1)
        self._panel_buttons = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        for button in (self.swap_button, self.assign_button, self.confirm_button, self.correct_button):
            self._panel_buttons.addWidget(button)
        self._panel_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.panel)
        self._panel_layout.setContentsMargins(0, 0, 0, 0)
        self._panel_layout.addLayout(text, 1)
        self._panel_layout.addLayout(self._panel_buttons)
        self._panel_layout.addStretch(0)  # beside the grid, the buttons follow the text; the rest stays empty

        # The month as a whole.
        self.generate_button = QPushButton()
        self.absence_button = QPushButton(self.tr("Record an absence…"))
        self.holidays_button = QPushButton(self.tr("Holidays…"))
        self.slots_button = QPushButton(self.tr("Shift settings…"))
        self.print_button = QPushButton(self.tr("Print (PDF)…"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))

        top = QHBoxLayout()
        top.addWidget(self.chooser)
        top.addWidget(self.this_month_button)
        top.addSpacing(self.fontMetrics().horizontalAdvance("国"))
        top.addWidget(self.summary, 1)
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.addWidget(self.table, 1)
        self._body.addWidget(self.panel)
        buttons = FlowRow()  # wraps at large text rather than widen the window past the screen
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.absence_button)
        buttons.addWidget(self.holidays_button)
        buttons.addWidget(self.slots_button)
        buttons.addStretch()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.notice)
        layout.addLayout(self._body, 1)
        layout.addLayout(buttons)

        self.chooser.changed.connect(self._month_changed)
        self.this_month_button.clicked.connect(lambda: self.chooser.set_month(datetime.date.today()))
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)  # double-click, or Enter on the cell
        self.swap_button.clicked.connect(lambda: self.swap())
        self.assign_button.clicked.connect(self.assign)
        self.confirm_button.clicked.connect(self.confirm)
        self.correct_button.clicked.connect(self.correct)
        self.generate_button.clicked.connect(self.generate)
        self.absence_button.clicked.connect(self.record_absence)
        self.holidays_button.clicked.connect(self.edit_holidays)
        self.slots_button.clicked.connect(self.edit_slots)
        self.print_button.clicked.connect(lambda: self.save_file("pdf"))
        self.export_button.clicked.connect(lambda: self.save_file("xlsx"))
        self._reader.done.connect(self._done)
        self._reader.error.connect(self._failed)
        follow(self, (Register.ROTA, Register.PERSON, Register.SETTING, Register.SESSION), self._data_changed)

        self._size_heading()
        self._label_generate()
        self.summary.setText(html.escape(self.tr("Reading the rota…")))
        self._show_cell()

    # -- start-up and layout that follows the text size
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            # The default shifts and the official holidays, the first time the rota is opened: quick, so here.
            write(self, self._db, lambda db: rota.ensure_defaults(db, actor=self._actor))
            self.refresh()
        elif self.model.month is not None and self.model.month.today != datetime.date.today():
            self.refresh()  # left open overnight: today's row moves on

    def _em(self) -> int:
        return self.fontMetrics().horizontalAdvance("国")

    def _size_heading(self) -> None:
        font = QFont(self.font())  # follows the text-size setting
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.chooser.label.setFont(font)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_heading()
            self._wide = None
            self._size_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _wanted_widths(self) -> list[int]:
        """Each shift's column as wide as its widest cell, its header, or a long name for each place it has."""
        font = QFont(self.table.font())
        font.setBold(True)  # today's row is bold
        metrics = QFontMetrics(font)
        header = QFontMetrics(self.table.horizontalHeader().font())
        wanted = []
        for column, slot in enumerate(self.model.slots()):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = max(header.horizontalAdvance(line) for line in title.split("\n"))
            width = max(width, metrics.horizontalAdvance("、".join([SAMPLE_NAME] * max(1, slot["need"]))))
            for row in range(self.model.rowCount()):
                width = max(width, metrics.horizontalAdvance(self.model.text(row, column)))
            wanted.append(width + metrics.height())
        return wanted

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        # A little tighter than the other tables: more of the month in sight, still apart enough to point at.
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))
        self._wanted = self._wanted_widths()
        self._arrange()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns as wide as they want; any width left is shared out. When the page is too narrow, the grid
        scrolls sideways (the days stay in sight) rather than cutting a name short."""
        wanted = list(self._wanted)
        if not wanted:
            return
        spare = self.table.viewport().width() - sum(wanted)
        if spare > 0:
            share, rest = divmod(spare, len(wanted))
            wanted = [w + share + (1 if c < rest else 0) for c, w in enumerate(wanted)]
        for column, width in enumerate(wanted):
            self.table.setColumnWidth(column, width)

    def _arrange(self) -> None:
        """The cell's panel beside the grid when the page has room for both, below it when not."""
        wanted = self._wanted
        panel = PANEL_EMS * self._em()
        grid = sum(wanted) + self.table.verticalHeader().sizeHint().width() \
            + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        wide = self.width() - panel - 3 * self.layout().spacing() - 2 * self._em() >= grid
        if wide == self._wide:
            return
        self._wide = wide
        self._body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self._panel_layout.setDirection(QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight)
        self._panel_buttons.setDirection(QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight)
        self._panel_layout.setStretch(0, 0 if wide else 1)
        self._panel_layout.setStretch(2, 1 if wide else 0)
        if wide:
            self.panel.setFixedWidth(panel)
        else:
            self.panel.setMinimumWidth(0)
            self.panel.setMaximumWidth(16777215)

    # -- reading the month
    def month(self) -> datetime.date:
        return self.chooser.month()

    def show_today(self) -> None:
        """This month, with today's first shift chosen (Ctrl+D from anywhere)."""
        today = datetime.date.today()
        self._selected = None
        if self.chooser.month() != today.replace(day=1):
            self.chooser.set_month(today)  # the answer chooses today's first shift
        elif self._started:
            self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        """Ask the background reader for the month shown; the grid updates when the answer arrives."""
        first = self.chooser.month()
        self._reader.submit(KEY, lambda db: read_month(db, first))

    def _month_changed(self, _first) -> None:
        self._selected = None
        self.notice.hide()
        self._label_generate()
        self.summary.setText(html.escape(self.tr("Reading the rota…")))
        self.refresh()

    def _data_changed(self, _changes: Changes) -> None:
        if self._started:
            self.refresh()

    def _failed(self, key: str, _text, _exc) -> None:
        # The main window shows the error itself; here the page only stops waiting.
        if key == KEY:
            self.summary.setText(html.escape(self.tr("The rota could not be read.")))
        elif key == FILE_KEY:
            self._restore_file_buttons()

    def _done(self, key: str, result) -> None:
        if key == FILE_KEY:
            self._file_done(result)
            return
        if key != KEY or result.first != self.chooser.month():
            return
        keep = self._selected
        self.model.set_month(result)
        self.warning.setText(result.warning or "")
        self.warning.setVisible(bool(result.warning))
        self._show_summary(result)
        self._size_columns()
        index = self.model.index_of(*keep) if keep else None
        if (index is None or not index.isValid()) and result.first.replace(day=1) == result.today.replace(day=1):
            row = result.today.day - 1  # this month: start on today's first shift
            column = next((c for c in range(self.model.columnCount()) if self.model.shift(row, c)), 0)
            index = self.model.index(row, column)
        if index is not None and index.isValid():
            self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            # Once the grid has its final size (the panel may just have moved below it).
            QTimer.singleShot(0, self._scroll_to_current)
        else:
            self.table.scrollToTop()
        self._show_cell()
        self.listed.emit(len(result.shifts))

    def _scroll_to_current(self) -> None:
        """The chosen day near the top, the day before it just above: what is coming matters more than the past."""
        index = self.table.currentIndex()
        if index.isValid():
            above = self.model.index(max(0, index.row() - 1), index.column())
            self.table.scrollTo(above, QAbstractItemView.ScrollHint.PositionAtTop)
            self.table.scrollTo(index)

    def _show_summary(self, month: RotaMonth) -> None:
        """"本月共 73 个班次 · 还缺 1 人次", each part kept whole when the line wraps."""
        def part(text: str, color: str | None = None) -> str:
            style = "white-space: nowrap;" + (f" color: {color}; font-weight: bold;" if color else "")
            return f'<span style="{style}">{html.escape(text)}</span>'

        short = self.model.short_count()
        if not month.shifts:
            self.summary.setText(part(self.tr("No shifts run this month.")))
            self.summary.setToolTip("")
            return
        text = part(self.tr("%n shifts this month", "", len(month.shifts)))
        if short:
            # A link: each click goes to the next place still short, so none has to be hunted for.
            gap = part(self.tr("%n places still to fill", "", short), SHORT_COLOR)
            text += f' · <a href="gap" style="color: {SHORT_COLOR};">{gap}</a>'
            self.summary.setToolTip(self.tr("Click to go to the next shift that is short."))
        else:
            text += " · " + part(self.tr("every place is filled"))
            self.summary.setToolTip("")
        self.summary.setText(text)

    def next_gap(self) -> None:
        """Choose the next place still short of people, after the chosen one (round to the month's start)."""
        model = self.model
        current = self.table.currentIndex()
        start = current.row() * model.columnCount() + current.column() if current.isValid() else -1
        count = model.rowCount() * model.columnCount()
        for step in range(1, count + 1):
            row, column = divmod((start + step) % count, model.columnCount())
            shift = model.shift(row, column)
            if shift is not None and len(shift.people) < shift.need:
                self.table.setCurrentIndex(model.index(row, column))
                self.table.scrollTo(model.index(row, column))
                self.table.setFocus()
                return

    # -- the chosen cell
    def selected_shift(self) -> rota.Shift | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.shift(index.row(), index.column()) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            day = self.model.day(current.row())
            slots = self.model.slots()
            self._selected = (day, slots[current.column()]["key"]) if day and current.column() < len(slots) else None
        self._show_cell()

    def _show_cell(self) -> None:
        index = self.table.selectionModel().currentIndex()
        shift = self.selected_shift()
        month = self.model.month
        today = datetime.date.today()
        self.swap_button.setEnabled(bool(shift and shift.people))
        self.confirm_button.setEnabled(bool(shift and shift.people and shift.day <= today))
        self.correct_button.setEnabled(bool(shift and self._correctable(shift)))
        busy = self._job is not None
        # Planning is the director's: a duty volunteer records swaps, absences and attendance.
        planner = ui_session.current().can("rota")
        self.assign_button.setEnabled(shift is not None and planner)
        self.generate_button.setEnabled(month is not None and not busy and planner)
        for button in (self.print_button, self.export_button):
            button.setEnabled(month is not None and not self._writing)
        self.absence_button.setEnabled(month is not None)
        self.holidays_button.setEnabled(month is not None and planner)
        self.slots_button.setEnabled(month is not None and planner)
        only = "" if planner else self.tr("Only the director may do this.")
        for button in (self.assign_button, self.generate_button, self.holidays_button, self.slots_button):
            button.setToolTip(only)
        if not index.isValid() or month is None:
            self.cell_title.setText(self.tr("Choose a shift"))
            self.cell_info.setText(html.escape(self.tr("Choose a shift in the table to see who is on it, and to swap, "
                                                       "put someone on it, or confirm attendance.")))
            return
        day = self.model.day(index.row())
        slot = self.model.slots()[index.column()]
        note = holiday_note(self.model.holiday(day))
        if shift is None:
            self.cell_title.setText(f"{day_label(day)} · {slot['name']}")
            lines = [fill(self.tr("There is no “%1” on this day."), slot["name"])]
            if note:
                lines.append(note)
            self.cell_info.setText("<br>".join(html.escape(line) for line in lines))
            return
        self.cell_title.setText(shift_title(shift))  # the day, the shift, its hours and place: one line when wide
        lines = []
        if shift.people:
            names = "、".join(self._person_line(name, month.states.get(assignment_id) or {})
                             for _pid, name, assignment_id in shift.people)
            lines.append(html.escape(fill(self.tr("On duty: %1"), names)))
        for swap in month.swaps_of(shift):
            line = fill(self.tr("Swap: %1 took the place of %2 (%3)"), swap["to_name"], swap["from_name"], swap["reason"])
            if swap["state"] == "void":
                line = fill(self.tr("%1 — void"), line)
            elif swap["state"] == "corrected":
                line = fill(self.tr("%1 — corrected"), line)
            lines.append(html.escape(line))
        missing = shift.need - len(shift.people)
        if missing > 0:
            gap = self.tr("%n short", "", missing)
            reason = fill(self.tr("%1: %2"), gap, shift.unfilled_reason) if shift.unfilled_reason else gap
            lines.append(f'<span style="color:{SHORT_COLOR}">{html.escape(reason)}</span>')
        if note:
            lines.append(html.escape(note))
        self.cell_info.setText("<br>".join(lines))

    def _person_line(self, name: str, state: dict) -> str:
        marks = []
        if state.get("confirmed") == "attended":
            marks.append(self.tr("attended"))
        elif state.get("confirmed") == "absent":
            marks.append(self.tr("absent"))
        if state.get("corrected"):
            marks.append(self.tr("corrected"))
        if state.get("fixed"):
            marks.append(self.tr("placed by hand"))
        return fill(self.tr("%1 (%2)"), name, "，".join(marks)) if marks else name

    # -- acting on the chosen cell
    @staticmethod
    def _run(dialog) -> bool:
        """Show the dialog modally; it is deleted afterwards (the page lives as long as the window)."""
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()

    def _activated(self, _index) -> None:
        """A place short of people gets someone put on it; a full one is swapped."""
        shift = self.selected_shift()
        if shift is None:
            return
        if len(shift.people) < shift.need:
            self.assign()
        else:
            self.swap()

    def swap(self, person_id: int | None = None) -> None:
        shift = self.selected_shift()
        if shift is not None and shift.people:
            self._run(SwapDialog(self._db, self._actor, shift, parent=self, person_id=person_id))

    def assign(self) -> None:
        shift = self.selected_shift()
        if shift is not None:
            self._run(AssignDialog(self._db, self._actor, shift, parent=self))

    def confirm(self) -> None:
        shift = self.selected_shift()
        if shift is not None and shift.people:
            states = self.model.month.states if self.model.month else {}
            self._run(AttendanceDialog(self._db, self._actor, shift, states, parent=self))

    def _correctable(self, shift: rota.Shift) -> bool:
        """Something on the shift was recorded that a correction can change: an attendance or a swap."""
        month = self.model.month
        if month is None:
            return False
        confirmed = any((month.states.get(a) or {}).get("confirmed") for _, _, a in shift.people)
        return confirmed or any(w["state"] != "void" for w in month.swaps_of(shift))

    def correct(self) -> None:
        shift = self.selected_shift()
        month = self.model.month
        if shift is not None and month is not None and self._correctable(shift):
            self._run(ShiftCorrectionDialog(self._db, ui_session.current(), shift, month.states,
                                            month.swaps_of(shift), parent=self))

    def record_absence(self) -> None:
        shift = self.selected_shift()
        dialog = AbsenceDialog(self._db, self._actor, self.month(), parent=self,
                               start=shift.day if shift and shift.day >= datetime.date.today() else None)
        try:
            if not dialog.exec():
                return
            self._absence_notice(dialog.person_id, dialog.start, dialog.end)
        finally:
            dialog.deleteLater()

    def _absence_notice(self, person_id: int, start: datetime.date, end: datetime.date) -> None:
        """Say which of the volunteer's shifts now need someone else (those shown, from today on)."""
        today = datetime.date.today()
        clashes = [s for s in self.model.shifts() if max(start, today) <= s.day <= end
                   and any(pid == person_id for pid, _, _ in s.people)]
        name = next((n for s in clashes for pid, n, _ in s.people if pid == person_id), None)
        if not clashes:
            self.notice.setText(self.tr("The absence was recorded."))
        else:
            shown = "；".join(f"{day_label(s.day)} {s.slot_name}" for s in clashes[:4])
            if len(clashes) > 4:
                shown += "……"
            self.notice.setText(fill(self.tr("%1 is still on %2 shifts while away (%3). Press “%4” to give them "
                                             "to others, or swap them one by one."),
                                     name, len(clashes), shown, self.generate_button.text()))
        self.notice.show()

    def edit_holidays(self) -> None:
        self._run(HolidaysDialog(self._db, self._actor, self.month(), parent=self))

    def edit_slots(self) -> None:
        """The shifts themselves: add a service project, change hours, switch one off; then the grid follows."""
        self._run(SlotsDialog(self._db, self._actor, parent=self))
        self.refresh()

    # -- generating
    def _label_generate(self) -> None:
        self.generate_button.setText(fill(self.tr("Generate or repair the rota for month %1"),
                                          self.chooser.month().month))

    def generate(self) -> None:
        """Plan or repair the month shown in the background (the solver takes a second or so), then say how it went."""
        if self._job is not None or not ui_session.current().can("rota"):
            return
        first = self.chooser.month()
        month = first.strftime("%Y-%m")
        actor = self._actor
        missing = rota.missing_holidays(self._db, month)
        if missing is not None and not messages.ask(self, self.tr("Holidays missing"), missing,
                                                    self.tr("Generate anyway"), self.tr("Enter the holidays first")):
            self.edit_holidays()
            return

        def work(db, _progress, _cancelled):
            plan = rota.generate(db, month, actor=actor)
            return first, plan, {slot["key"]: slot["name"] for slot in rota.slots(db)}

        self._job = BackgroundJob(self._reader.db_path, work, self)
        self._job.finished.connect(self._generated)
        self._job.failed.connect(self._generate_failed)
        self.generate_button.setText(self.tr("Generating…"))
        self.notice.setText(fill(self.tr("Working out the rota for %1; this takes a few seconds…"),
                                 self.chooser.month_text()))
        self.notice.show()
        self._show_cell()
        self._job.start()

    def _end_job(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self._label_generate()
        self._show_cell()

    def _generate_failed(self, text: str, exc) -> None:
        self._end_job()
        self.notice.hide()
        show_failure(self, text, exc)

    def _generated(self, result) -> None:
        first, plan, names = result
        self._end_job()  # the job announced what it wrote
        missing = sum(count for _, count, _ in plan.unfilled)
        summary = fill(self.tr("Placed %1, %2 short, %3 changed."), len(plan.assignments), missing, plan.changed)
        self.notice.setText(fill(self.tr("Rota for %1: %2"), fill(self.tr("%2/%1"), first.year, first.month), summary))
        lines = []
        for key, count, reason in plan.unfilled[:LISTED_GAPS]:
            day, slot_key = key.split("/", 1)
            lines.append(fill(self.tr("%1 %2: %3. %4"), day_label(datetime.date.fromisoformat(day)),
                              names.get(slot_key, slot_key), self.tr("%n short", "", count), reason))
        if len(plan.unfilled) > LISTED_GAPS:
            lines.append(self.tr("…and %n more, in red in the table.", "", len(plan.unfilled) - LISTED_GAPS))
        if lines:
            message = summary + "\n\n" + self.tr("Places still to fill:") + "\n" + "\n".join(lines)
        else:
            message = summary + "\n\n" + self.tr("Every place is filled.")
        QMessageBox.information(self, self.tr("Rota generated"), message)
        self.generated.emit(message)

    def wait_for_jobs(self) -> None:
        """Let a rota being generated finish (the window is closing)."""
        if self._job is not None:
            self._job.wait()

    # -- printing and export
    def save_file(self, kind: str) -> None:
        """Write the month shown to a PDF or a workbook (in the background), then offer to open it."""
        if self._writing or self.model.month is None:
            return
        first = self.chooser.month()
        month = first.strftime("%Y-%m")
        suffix = ".pdf" if kind == "pdf" else ".xlsx"
        suggested = str(Path.home() / f"值班表-{month}{suffix}")
        if kind == "pdf":
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the rota as PDF"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the rota to Excel"), suggested,
                                                    self.tr("Excel workbooks (*.xlsx)"))
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
        writer = save_rota_pdf if kind == "pdf" else save_rota_xlsx
        self._writing = True
        button = self.print_button if kind == "pdf" else self.export_button
        button.setText(self.tr("Writing…"))
        self._show_cell()
        self._reader.submit(FILE_KEY, lambda db: (writer(db, month, path), str(path))[1])

    def _restore_file_buttons(self) -> None:
        self._writing = False
        self.print_button.setText(self.tr("Print (PDF)…"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self._show_cell()

    def _file_done(self, path: str) -> None:
        self._restore_file_buttons()
        self.file_written.emit(path)
        answer = QMessageBox.question(self, self.tr("Rota saved"),
                                      fill(self.tr("The rota was saved to %1. Open it now?"), Path(path).name))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

