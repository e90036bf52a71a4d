"""The window's one write path: refusals beside their fields, known problems in one message, bugs to the error
dialog, and what a write changed announced once, as a typed value, to the pages that show it."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app import meetings, visits
from app.db.changes import Register
from app.errors import NotFound
from app.ui import signals
from app.ui.dialogs.visit import VisitDialog
from app.ui.operations import BackgroundJob, BackgroundReader
from app.ui.pages.visits import VisitsPage
from app.ui.write import write

from test_visits_ui import club, pick  # noqa: F401  (the tiny club and the picker's keys)

TODAY = datetime.date.today()


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def test_a_refused_form_shows_the_reason_beside_the_field_stores_nothing_and_announces_nothing(qtbot, club):
    db, ids = club
    dialog = VisitDialog(db, "值班员", person_id=ids["zsf"], kind="special")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(signals.bus().changed):
        dialog.save()  # nobody chosen as the visitor
    assert dialog._errors["visitor_ids"].text() and dialog._errors["visitor_ids"].text() == "请至少填一位走访的志愿者"
    assert dialog.isVisible() and dialog.visit_id is None and visits.list_visits(db) == []


def test_a_saved_form_announces_its_register_and_the_page_that_shows_it_follows(qtbot, club, reader):
    db, ids = club
    page = VisitsPage(db, reader, "值班员")
    qtbot.addWidget(page)
    qtbot.wait(200)
    assert page.model.rowCount() == 0
    dialog = VisitDialog(db, "值班员", person_id=ids["zsf"], kind="special")
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.visitors.picker, "wjg")
    with qtbot.waitSignal(signals.bus().changed) as announced:
        dialog.save()
    assert announced.args[0].registers == {Register.VISIT}
    assert announced.args[0].ids(Register.VISIT) == {dialog.visit_id}
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)  # the page followed, nobody told it by hand


def test_a_page_does_not_follow_a_register_it_does_not_show(qtbot, club):
    db, _ = club
    heard = []
    owner = QWidget()
    qtbot.addWidget(owner)
    signals.follow(owner, (Register.VISIT,), heard.append)
    write(owner, db, lambda d: meetings.record_meeting(d, {"kind": "council", "held_on": TODAY.isoformat(),
                                                           "topics": "楼道照明"}, actor="主任"))
    assert heard == []


def test_a_known_problem_is_one_plain_message_and_nothing_is_announced(qtbot, club, monkeypatch):
    db, _ = club
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))

    def gone(_db):
        raise NotFound("没有编号为 99 的记录")

    with qtbot.assertNotEmitted(signals.bus().changed):
        done = write(None, db, gone, title="走访")
    assert not done and said == [("走访", "没有编号为 99 的记录")]


def test_a_bug_goes_on_to_the_error_dialog_and_its_write_is_rolled_back(qtbot, club):
    db, ids = club

    def half_then_bug(d):
        meetings.record_meeting(d, {"kind": "council", "held_on": TODAY.isoformat(), "topics": "一半"}, actor="主任")
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        write(None, db, lambda d: _in_one_transaction(d, half_then_bug))
    assert meetings.list_meetings(db) == []


def _in_one_transaction(db, work):
    from app.db.connection import transaction

    with transaction(db):
        work(db)


def test_a_background_job_announces_what_it_wrote(qtbot, club, db_path):
    db, ids = club
    job = BackgroundJob(db_path, lambda d, progress, cancelled: meetings.record_meeting(
        d, {"kind": "affairs", "held_on": TODAY.isoformat(), "topics": "社务"}, actor="主任"))
    with qtbot.waitSignal(signals.bus().changed, timeout=5000) as announced:
        job.start()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=5000)
    assert announced.args[0].registers == {Register.MEETING}
