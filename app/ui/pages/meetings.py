"""The meetings page (会议): meetings of a year, the chosen one's details, and the quarterly joint-meeting banner."""

from __future__ import annotations

import datetime
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout,
    QWidget,
)

from app import meetings
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.models.meetings import COLUMNS, MeetingModel
from app.db.changes import Register
from app.ui.signals import follow
from app.ui.widgets import ColumnFitter, KeptRow, list_table, year_combo
from app.ui.text import fill

BANNER_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; border: 1px solid #e0c36c;"


class MeetingsPage(QWidget):
    listed = Signal(int)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor

        self.year = year_combo()
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year)
        self.count = QLabel()
        self.new_button = QPushButton(self.tr("Record a meeting…"))
        self.banner = QLabel()
        self.banner.setObjectName("jointMeetingBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.model = MeetingModel(self)
        self.table = list_table(self.model, "meetingTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        keys = [key for key, _ in COLUMNS]
        # The topics take the spare width; the attendees and decisions give way first on a narrow screen.
        self.columns = ColumnFitter(self.table, keys.index("topics"),
                                    {keys.index(k) for k in ("decisions", "attendees")})

        self.detail = QLabel()
        self.detail.setObjectName("meetingDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.count)
        top.addStretch()
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.year.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_meeting)
        self.chosen = KeptRow(self.table)
        self.chosen.chosen.connect(self._show_selected)
        self._reader.done.connect(self._done)
        follow(self, (Register.MEETING, Register.PERSON), lambda _changes: self.refresh())
        self._show_selected(None)
        self.refresh()

    def _size_columns(self) -> None:
        samples = {"held_on": "12月28日", "kind": "党建联席会", "topics": "共驻共建：社区、物业、驻区单位联席",
                   "decisions": "联系物业，两周内答复", "attendees": "刘树峰、李强明、陆红燕、魏燕霞"}
        self.columns.size_from(self.model, [key for key, _ in COLUMNS], samples, self.model.rows()[:200])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and hasattr(self, "columns"):
            self._size_columns()

    def refresh(self) -> None:
        year = self.year.currentData()
        today = datetime.date.today()
        self._reader.submit("meetings", lambda db: (meetings.list_meetings(db, year),
                                                    meetings.joint_meeting_due(db, today)))

    def _done(self, key: str, result) -> None:
        if key != "meetings":
            return
        rows, due = result
        self.chosen.set_rows(rows)
        self._size_columns()
        self.count.setText(self.tr("%n meetings", "", len(rows)))
        self.banner.setVisible(due is not None)
        if due is not None:
            self.banner.setText(fill(self.tr("%1 — due by %2."), due["reason"], due["due"].isoformat()))
        self._show_selected(self.chosen.row())
        self.listed.emit(len(rows))

    def _show_selected(self, meeting: dict | None) -> None:
        if meeting is None:
            self.detail.setText(html.escape(self.tr("Choose a meeting in the list to see its details here.")))
            return
        parts = [f"<b>{html.escape(meeting['kind_label'])} · {html.escape(meeting['held_on'])}</b>"]
        for label, value in ((self.tr("Place"), meeting["place"]),
                             (self.tr("Attendees"), "、".join(meeting["attendees"])),
                             (self.tr("Topics"), meeting["topics"]), (self.tr("Decisions"), meeting["decisions"]),
                             (self.tr("Follow-ups"), meeting["follow_ups"])):
            if value:
                parts.append(f"<b>{html.escape(label)}</b>：{html.escape(value)}")
        self.detail.setText("<br>".join(parts))

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.meeting_id

