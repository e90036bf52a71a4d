"""Bad input through the forms: hostile text pasted into the main dialogs' fields, then Save. Each save either shows
a reason beside a field (and stores nothing) or stores exactly what the field held, after the documented rules, and
the table on the page shows what was stored. No exception reaches Qt (pytest-qt fails a test on one)."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import example, given, settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from app import activities, meetings, people, settings_rules, timebank, visits
from app.ui.application import make_application
from app.ui.dialogs.activity import ActivityDialog
from app.ui.dialogs.note_feedback import FeedbackDialog
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.dialogs.person import PersonDialog
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.report_progress import ReportProgressDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.dialogs.credit_hours import DepositDialog
from app.ui.dialogs.withdraw_hours import WithdrawDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.models.activities import ActivityModel
from app.ui.models.meetings import MeetingModel
from app.ui.models.roster import COLUMNS as ROSTER_COLUMNS, RosterModel
from test_bad_input import SETTINGS, Club, club, club_template, hostile, person_name, typed  # noqa: F401 (fixtures)

TODAY = datetime.date.today()
UI_SETTINGS = settings(SETTINGS, max_examples=12)


@pytest.fixture(autouse=True)
def app():
    return make_application()


def shown_errors(dialog) -> list[str]:
    return [label.text() for label in dialog._errors.values() if label.isVisibleTo(dialog) and label.text()]


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


def saved_or_explained(qtbot, dialog, db, table: str) -> int | None:
    """Press Save; returns the new row's id, or None when a reason is shown beside a field and nothing was stored."""
    qtbot.addWidget(dialog)
    before = count(db, table)
    dialog.save_button.click() if hasattr(dialog, "save_button") else dialog.save()
    if dialog.result() == QDialog.DialogCode.Accepted:
        assert count(db, table) == before + 1
        return db.execute(f"SELECT max(id) FROM [{table}]").fetchone()[0]
    errors = shown_errors(dialog)
    assert errors and all(re.search(r"[\u4e00-\u9fff]", e) for e in errors), errors
    assert count(db, table) == before
    return None


def model_text(model, row: int, key: str, columns) -> str:
    column = [c[0] for c in columns].index(key)
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


@UI_SETTINGS
@given(name=hostile, notes=hostile, building=hostile)
@example(name="\x00", notes="\x00", building="\x07")
@example(name="👵🏻 王\u200d奶奶 '; DROP TABLE person;--", notes="=SUM(A1)\n+86\t@cmd", building="１２号楼")
def test_person_form(qtbot, club, name, notes, building):
    dialog = PersonDialog(club.db, "主任")
    dialog.name.setText(name)
    dialog.notes.setPlainText(notes)
    dialog.building.setText(building)
    typed_name, typed_notes = dialog.name.text(), dialog.notes.toPlainText()
    qtbot.addWidget(dialog)
    before = count(club.db, "person")
    dialog.save()
    if dialog.result() != QDialog.DialogCode.Accepted:
        assert shown_errors(dialog) and count(club.db, "person") == before
        assert not 0 < len(person_name(typed_name)) <= 30
        return
    stored = people.get_person(club.db, dialog.person_id)
    assert stored["name"] == person_name(typed_name) and stored["notes"] == typed(typed_notes)
    model = RosterModel(club.db)
    model.set_ids([dialog.person_id])
    assert model_text(model, 0, "name", ROSTER_COLUMNS) == stored["name"]


@UI_SETTINGS
@given(done=hostile, notes=hostile, day=hostile)
@example(done="\x00", notes=" \x1b[31m ", day="２０２４年１月１日")
def test_visit_form(qtbot, club, done, notes, day):
    dialog = VisitDialog(club.db, "值班员", person_id=club.b, kind="special")
    dialog.visitors.set_ids([club.a])
    dialog.what_done.setText(done)
    dialog.notes.setPlainText(notes)
    dialog.visit_date.setText(day)
    held = dialog.what_done.text(), dialog.notes.toPlainText()
    visit_id = saved_or_explained(qtbot, dialog, club.db, "visit")
    if visit_id is not None:
        stored = visits.get_visit(club.db, visit_id)
        assert (stored["done"], stored["notes"]) == (typed(held[0]), typed(held[1]))


@UI_SETTINGS
@given(summary=hostile, reported_to=hostile)
@example(summary="\x00", reported_to="\x00")
def test_must_report_forms(qtbot, club, summary, reported_to):
    dialog = ReportDialog(club.db, "值班员", person_id=club.b)
    dialog.kind.setCurrentIndex(dialog.kind.findData("concern"))
    dialog.summary.setPlainText(summary)
    held = dialog.summary.toPlainText()
    report_id = saved_or_explained(qtbot, dialog, club.db, "must_report")
    if report_id is None:
        assert not typed(held)
        return
    assert visits.get_report(club.db, report_id)["summary"] == typed(held)
    progress = ReportProgressDialog(club.db, "主任", visits.get_report(club.db, report_id))
    qtbot.addWidget(progress)
    progress.reported_to.setText(reported_to)
    held_to = progress.reported_to.text()
    progress.save_button.click()
    stored = visits.get_report(club.db, report_id)
    if progress.result() == QDialog.DialogCode.Accepted:
        assert stored["reported_to"] == typed(held_to) and stored["status"] == "reported"
    else:
        assert shown_errors(progress) and stored["status"] == "open" and not typed(held_to)


@UI_SETTINGS
@given(topics=hostile, decisions=hostile, place=hostile)
@example(topics="\x00", decisions="<b>&amp;</b>", place="'; DROP TABLE meeting;--")
def test_meeting_form(qtbot, club, topics, decisions, place):
    dialog = MeetingDialog(club.db, "主任", kind="council")
    dialog.topics.setPlainText(topics)
    dialog.decisions.setPlainText(decisions)
    dialog.place.setText(place)
    held = dialog.topics.toPlainText(), dialog.decisions.toPlainText(), dialog.place.text()
    meeting_id = saved_or_explained(qtbot, dialog, club.db, "meeting")
    if meeting_id is None:
        assert not typed(held[0])
        return
    stored = meetings.get_meeting(club.db, meeting_id)
    assert (stored["topics"], stored["decisions"], stored["place"]) == tuple(typed(h) for h in held)
    model = MeetingModel()
    model.set_rows(meetings.list_meetings(club.db))
    row = model.row_of(meeting_id)
    assert model_text(model, row, "topics", model.COLUMNS) == stored["topics"]


@UI_SETTINGS
@given(title=hostile, project=hostile, place=hostile)
@example(title='"义诊" & \'磨刀\' 👵🏻', project="\x00", place="=1+1")
def test_activity_form(qtbot, club, title, project, place):
    dialog = ActivityDialog(club.db, "主任")
    dialog.title_box.setText(title)
    dialog.project.setCurrentText(project)
    dialog.place.setText(place)
    dialog.participants.set_ids([club.a])
    held = dialog.title_box.text(), dialog.project.currentText(), dialog.place.text()
    activity_id = saved_or_explained(qtbot, dialog, club.db, "activity")
    if activity_id is None:
        assert not typed(held[0]) and not typed(held[1])
        return
    stored = activities.get_activity(club.db, activity_id)
    assert stored["title"] == (typed(held[0]) or typed(held[1]))
    assert (stored["project"], stored["place"]) == (typed(held[1]), typed(held[2]))
    model = ActivityModel()
    model.set_rows(activities.list_activities(club.db))
    assert model_text(model, model.row_of(activity_id), "title", model.COLUMNS) == stored["title"]


@UI_SETTINGS
@given(note=hostile, day=hostile)
@example(note="\x00", day="2024-02-30")
def test_time_bank_deposit_and_withdrawal_forms(qtbot, club, note, day):
    deposit = DepositDialog(club.db, "主任", person_id=club.a)
    deposit.note.setText(note)
    deposit.on_date.setText(day)
    held = deposit.note.text()
    entry_id = saved_or_explained(qtbot, deposit, club.db, "hours_entry")
    if entry_id is not None:
        assert club.db.execute("SELECT note FROM hours_entry WHERE id = ?", [entry_id]).fetchone()[0] == typed(held)
    withdraw = WithdrawDialog(club.db, "主任", person_id=club.a)
    withdraw.hours.setValue(0.5)
    withdraw.note.setText(note)
    entry_id = saved_or_explained(qtbot, withdraw, club.db, "hours_entry")
    if entry_id is None:
        assert not typed(withdraw.note.text())
    else:
        assert club.db.execute("SELECT note FROM hours_entry WHERE id = ?", [entry_id]).fetchone()[0] == typed(held)


@UI_SETTINGS
@given(note=hostile, given_by=hostile)
@example(note="\x00", given_by="\x1b[31m")
def test_feedback_form(qtbot, club, note, given_by):
    dialog = FeedbackDialog(club.db, "主任", person_id=club.a)
    dialog.kind.setCurrentIndex(dialog.kind.findData("praise"))
    dialog.note.setPlainText(note)
    dialog.given_by.setText(given_by)
    held = dialog.note.toPlainText(), dialog.given_by.text()
    feedback_id = saved_or_explained(qtbot, dialog, club.db, "feedback")
    if feedback_id is None:
        assert not typed(held[0])
        return
    row = club.db.execute("SELECT note, given_by FROM feedback WHERE id = ?", [feedback_id]).fetchone()
    assert tuple(row) == (typed(held[0]), typed(held[1]))


@UI_SETTINGS
@given(club_name=hostile, folder=hostile)
@example(club_name="\x00", folder="\x00")  # a NUL in the folder was a ValueError out of the field's own check
def test_settings_form(qtbot, club, club_name, folder):
    dialog = SettingsDialog(club.db, club.path, "主任")
    qtbot.addWidget(dialog)
    dialog.club_name.setText(club_name)
    dialog.backup.line.setText(str(club.path.parent / "备份" / re.sub(r"[/\\]", "_", folder[:100])))
    dialog._check_folder(dialog.backup.line.text())  # what leaving the field does
    held = dialog.club_name.text()
    dialog.save()
    stored = settings_rules.current(club.db, club.path)["club_name"]
    if dialog.result() == QDialog.DialogCode.Accepted:
        assert stored == " ".join(typed(held).split())
    else:
        assert shown_errors(dialog)


def test_a_pasted_lone_surrogate_never_reaches_the_rules(qtbot):
    box = QLineEdit()
    qtbot.addWidget(box)
    box.setText("备注\ud800\udc80")
    assert box.text().encode("utf-8")  # Qt's UTF-16 strings come back as valid text
