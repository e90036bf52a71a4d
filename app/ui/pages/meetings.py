"""The meetings page (会议): meetings of a year, the chosen one's details and history (corrected or voided from
here), and the quarterly joint-meeting banner."""

from __future__ import annotations

import datetime
import html

from PySide6.QtWidgets import QLabel, QPushButton

from app import meetings
from app.accounts import Session
from app.db.changes import Register
from app.ui.dialogs.correction_parts import history_html
from app.ui.dialogs.meeting_correction import MeetingCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.models.meetings import COLUMNS, MeetingModel
from app.ui.pages.register import RegisterPage, detail_label
from app.ui.text import fill
from app.ui.widgets import year_combo

BANNER_STYLE = "background: #fff3cd; color: #5c4400; padding: 6px; border: 1px solid #e0c36c;"


class MeetingsPage(RegisterPage):
    KEY = "meetings"
    FOLLOWS = (Register.MEETING, Register.PERSON)
    TABLE_NAME = "meetingTable"
    COLUMNS = COLUMNS
    # The topics take the spare width; the attendees and decisions give way first on a narrow screen.
    STRETCH, SHRINKABLE = "topics", ("decisions", "attendees")

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(db, reader, actor, MeetingModel(), parent)
        self.year = year_combo()
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year)
        self.new_button = QPushButton(self.tr("Record a meeting…"))
        self.banner = QLabel()
        self.banner.setObjectName("jointMeetingBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.detail = detail_label("meetingDetail")
        self.arrange([year_label, self.year, self.count, None, self.new_button], self.detail,
                     [*self.correction_buttons(), None], above=[self.banner])
        self.year.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_meeting)
        self.start()

    def samples(self) -> dict[str, str]:
        return {"held_on": "12月28日", "kind": self.marked("党建联席会"), "topics": "共驻共建：社区、物业、驻区单位联席",
                "decisions": "联系物业，两周内答复", "attendees": "刘树峰、李强明、陆红燕、魏燕霞"}

    def query(self):
        year, today = self.year.currentData(), datetime.date.today()
        return lambda db: (meetings.list_meetings(db, year), meetings.joint_meeting_due(db, today))

    def rows_of(self, result) -> list[dict]:
        return result[0]

    def count_text(self, rows, _result) -> str:
        return self.tr("%n meetings", "", len(rows))

    def read(self, result) -> None:
        due = result[1]
        self.banner.setVisible(due is not None)
        if due is not None:
            self.banner.setText(fill(self.tr("%1 — due by %2."), due["reason"], due["due"].isoformat()))

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
        history = history_html(meetings.meeting_history(self._db, meeting["id"]))
        if history:
            parts.append(history)
        self.detail.setText("<br>".join(parts))

    def refusal(self, meeting: dict, by: Session) -> str | None:
        return meetings.may_change_meeting(self._db, meeting, by)

    def correction_dialog(self, meeting: dict, by: Session) -> MeetingCorrectionDialog:
        return MeetingCorrectionDialog(self._db, by, meetings.get_meeting(self._db, meeting["id"]), parent=self)

    def void_dialog(self, meeting: dict, by: Session) -> VoidDialog:
        meeting_id = meeting["id"]
        return VoidDialog(self._db, meetings.describe_meeting(self._db, meeting_id),
                          self.tr("It no longer counts in the month's figures or for the quarter's joint meeting."),
                          lambda db, reason: meetings.void_meeting(db, meeting_id, reason=reason, by=by), parent=self)

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.meeting_id
