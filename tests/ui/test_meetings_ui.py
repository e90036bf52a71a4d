"""The meetings page and dialog as the director uses them: record a meeting, see it listed, the joint-meeting banner."""

from __future__ import annotations

import datetime

import pytest

from app import meetings
from app.db import people as people_db
from app.people import clean_person
from app.ui.application import make_application
from app.ui.dialogs.meeting import MeetingDialog
from app.ui.models.meetings import MeetingModel
from app.ui.operations import BackgroundReader
from app.ui.pages.meetings import MeetingsPage

TODAY = datetime.date.today()


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def club(fresh_db):
    make_application()
    ids = {"lxy": add(fresh_db, name="李秀英", is_member=True, is_volunteer=True),
           "wjg": add(fresh_db, name="王建国", is_volunteer=True)}
    return fresh_db, ids


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def test_a_meeting_recorded_through_the_dialog_is_listed_and_clears_the_banner(qtbot, club, reader):
    db, ids = club
    page = MeetingsPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.banner.isVisible())
    assert "还没有召开党建联席会" in page.banner.text()

    dialog = MeetingDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()  # no kind, no topics: both explained inline
    assert dialog._errors["kind"].text() and dialog._errors["topics"].text()
    assert "会议议题" in dialog._errors["topics"].text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("joint"))
    dialog.place.setText("社区活动室")
    dialog.attendees.set_ids([ids["lxy"], ids["wjg"]])
    dialog.topics.setFocus()
    dialog.topics.insertPlainText("联合走访高龄党员")
    dialog.decisions.insertPlainText("每月第一周走访")
    dialog.save_button.click()
    assert {k: w.text() for k, w in dialog._errors.items() if w.isVisible()} == {}
    assert dialog.result() == MeetingDialog.DialogCode.Accepted
    stored = meetings.get_meeting(db, dialog.meeting_id)
    assert (stored["kind"], stored["held_on"], stored["attendee_ids"]) == ("joint", TODAY.isoformat(),
                                                                           [ids["lxy"], ids["wjg"]])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.banner.isVisible())
    page.table.selectRow(0)
    assert "联合走访高龄党员" in page.detail.text() and "李秀英、王建国" in page.detail.text()


def test_the_meeting_model_passes_the_qt_model_tester(qtmodeltester, club):
    db, ids = club
    meetings.record_meeting(db, {"kind": "council", "held_on": TODAY.isoformat(), "topics": "楼道堆物",
                                 "attendee_ids": [ids["lxy"]]}, actor="test")
    model = MeetingModel()
    model.set_rows(meetings.list_meetings(db))
    assert model.rowCount() == 1 and model.data(model.index(0, 4)) == "李秀英"
    qtmodeltester.check(model)
    qtmodeltester.check(MeetingModel())
