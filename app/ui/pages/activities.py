"""The activities page (活动): service sessions, events and classes of a year, the chosen one's details and history,
confirming an activity, which credits its participants' hours to the time bank, and correcting or voiding one (its
credited hours follow)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app import activities
from app.accounts import Session
from app.ui import session as ui_session
from app.ui.dialogs.activity import ActivityDialog
from app.ui.dialogs.activity_correction import ActivityCorrectionDialog
from app.ui.dialogs.correction_parts import history_html
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.models.activities import COLUMNS, ActivityModel
from app.db.changes import Register
from app.ui.pages.register import RegisterPage, detail_label
from app.ui.write import write
from app.ui.text import fill
from app.ui.widgets import year_combo


class ActivitiesPage(RegisterPage):
    KEY = "activities"
    FOLLOWS = (Register.ACTIVITY, Register.PERSON)
    TABLE_NAME = "activityTable"
    COLUMNS = COLUMNS
    STRETCH, SHRINKABLE = "title", ("place",)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(db, reader, actor, ActivityModel(), parent)
        self.year = year_combo()
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year)
        self.new_button = QPushButton(self.tr("Record an activity…"))
        self.confirm_button = QPushButton(self.tr("Confirm and credit hours"))
        self.detail = detail_label("activityDetail")
        self.arrange([year_label, self.year, self.count, None, self.new_button], self.detail,
                     [*self.correction_buttons(), self.confirm_button, None])
        self.year.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_activity)
        self.confirm_button.clicked.connect(self.confirm_activity)
        self.table.activated.connect(lambda _index: self.correct_chosen())
        self.start()

    def samples(self) -> dict[str, str]:
        return {"held_on": "12月28日", "kind": "课堂", "title": "重阳节义诊进社区", "place": "老年活动中心二楼",
                "people": "12", "hours": "2.5", "served": "120", "state": self.marked(self.tr("To confirm"))}

    def query(self):
        year = self.year.currentData()
        return lambda db: activities.list_activities(db, year)

    def count_text(self, rows, _result) -> str:
        waiting = sum(1 for row in rows if not row["confirmed_at"] and row["state"] != "void")
        return fill(self.tr("%1 activities, %2 to confirm"), len(rows), waiting)

    def _show_selected(self, activity: dict | None) -> None:
        open_one = activity is not None and not activity["confirmed_at"] and activity["state"] != "void"
        may_confirm = ui_session.current().can("confirm")  # a duty volunteer records; the director credits
        self.confirm_button.setEnabled(open_one and may_confirm)
        self.confirm_button.setToolTip("" if may_confirm else self.tr("Only the director may do this."))
        if activity is None:
            self.detail.setText(html.escape(self.tr("Choose an activity in the list to see its details here.")))
            return
        parts = [f"<b>{html.escape(activity['kind_label'])} · {html.escape(activity['title'])} · "
                 f"{html.escape(activity['held_on'])}</b>"]
        names = [f"{name}（{hours:g}）" for name, (_, hours) in zip(activity["names"], activity["participants"])]
        state = (fill(self.tr("Confirmed on %1 by %2; the hours are in the time bank."),
                      activity["confirmed_at"][:10], activity["confirmed_by"])
                 if activity["confirmed_at"] else self.tr("Not confirmed yet: confirm it to credit the hours."))
        for label, value in ((self.tr("Project"), activity["project"]), (self.tr("Place"), activity["place"]),
                             (self.tr("Participants (hours)"), "、".join(names)),
                             (self.tr("People served"), str(activity["served_count"] or "")),
                             (self.tr("Notes"), activity["notes"]), (self.tr("State"), state)):
            if value:
                parts.append(f"<b>{html.escape(label)}</b>：{html.escape(value)}")
        history = history_html(activities.activity_history(self._db, activity["id"]))
        if history:
            parts.append(history)
        self.detail.setText("<br>".join(parts))

    def refusal(self, activity: dict, by: Session) -> str | None:
        return activities.may_change_activity(self._db, activity, by)

    def correction_dialog(self, activity: dict, by: Session) -> ActivityCorrectionDialog:
        return ActivityCorrectionDialog(self._db, by, activities.get_activity(self._db, activity["id"]), parent=self)

    def void_dialog(self, activity: dict, by: Session) -> VoidDialog:
        activity_id = activity["id"]
        consequence = (self.tr("The hours credited for it are reversed.") if activity["confirmed_at"]
                       else self.tr("It will not be credited."))
        return VoidDialog(self._db, activities.describe_activity(self._db, activity_id), consequence,
                          lambda db, reason: activities.void_activity(db, activity_id, reason=reason, by=by),
                          parent=self)

    def new_activity(self) -> None:
        dialog = ActivityDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self.chosen.row_id = dialog.activity_id

    def confirm_activity(self) -> None:
        activity = self.chosen.row()
        if activity is None or activity["confirmed_at"] or activity["state"] == "void" \
                or not ui_session.current().can("confirm"):
            return
        answer = QMessageBox.question(
            self, self.tr("Confirm the activity"),
            fill(self.tr("Credit %1 hours to each of the %2 participants of “%3”? After that the activity cannot be "
                         "changed; a mistake is put right in the time bank."),
                 f"{activity['hours']:g}", len(activity["participants"]), activity["title"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = write(self, self._db, lambda db: activities.confirm_activity(db, activity["id"], actor=self._actor),
                     title=self.tr("Confirm the activity"), verb="credit",
                     said=activities.describe_activity(self._db, activity["id"]))
        if done:
            self.last_credited = done.value

