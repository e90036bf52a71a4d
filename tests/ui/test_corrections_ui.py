"""Forgiving slips in the window, by real clicks and keys: a visit logged to the wrong person corrected to the right
one, a save undone within its minute, a void with its reason, and what a duty volunteer is not offered."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import rota, timebank, visits
from app.accounts import Session
from app.db import people as people_db
from app.people import clean_person
from app.db.changes import Changes, Register
from app.ui import session as ui_session
from app.ui.signals import announce
from app.ui.application import make_application
from app.ui.dialogs.visit_correction import VisitCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.dialogs.shift_correction import ShiftCorrectionDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.main_window import MainWindow
from app.ui.operations import BackgroundReader
from app.ui.pages.rota import RotaPage
from app.ui.pages.visits import VisitsPage

from test_visits_ui import pick, type_into, when_open

TODAY = datetime.date.today()
DUTY = Session(2, "值班员甲", "duty")


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def club(fresh_db):
    """Two members who registered with the club 40 days ago (a registration visit due for each), two volunteers."""
    make_application()
    registered = (TODAY - datetime.timedelta(days=40)).isoformat()
    ids = {
        "wfy": add(fresh_db, name="韦芳玉", birth_date="1950-01-01", is_member=True, registered_on=registered),
        "zsf": add(fresh_db, name="张三丰", birth_date="1940-05-01", is_member=True, registered_on=registered),
        "lxy": add(fresh_db, name="李秀英", birth_date="1950-02-03", is_volunteer=True, on_rota=True),
        "wjg": add(fresh_db, name="王建国", birth_date="1955-08-09", is_volunteer=True, on_rota=True),
    }
    return fresh_db, ids


@pytest.fixture
def window(qtbot, club, db_path):
    ui_session.set_current(DUTY)
    made = MainWindow(club[0], db_path, session=DUTY)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()


def recorded_elsewhere() -> None:
    """What a test wrote straight through the rules, announced as the window's write path would."""
    announce(Changes.of(Register.VISIT, Register.TIMEBANK))


def due_page_names(window) -> list[str]:
    model = window.due.model
    return sorted(model.data(model.index(row, 1)) for row in range(model.rowCount()))


def test_a_visit_logged_to_the_wrong_person_is_corrected_to_the_right_one(qtbot, club, window):
    db, ids = club
    wrong = visits.log_visit(db, {"person_id": ids["wfy"], "kind": "registration", "visitor_ids": [ids["lxy"]],
                                  "done": "送慰问信"}, actor=DUTY.name)  # meant for 张三丰
    recorded_elsewhere()
    qtbot.waitUntil(lambda: due_page_names(window) == ["张三丰"], timeout=5000)
    page = window.visits
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    assert page.correct_button.isEnabled() and page.void_button.isEnabled()

    def correct(dialog: VisitCorrectionDialog):
        assert dialog.person.person_id() == ids["wfy"] and dialog.what_done.text() == "送慰问信"
        dialog.person.setFocus()
        dialog.person.selectAll()
        qtbot.keyClick(dialog.person, Qt.Key.Key_Delete)
        pick(qtbot, dialog.person, "zsf")
        dialog.reason.setFocus()
        type_into(qtbot, dialog.reason, "记错了人，去的是张三丰家")
        dialog.save_button.click()

    failures = when_open(qtbot, page, VisitCorrectionDialog, correct)
    qtbot.mouseClick(page.correct_button, Qt.MouseButton.LeftButton)
    assert not failures, failures
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 1)) == "张三丰", timeout=5000)
    assert page.model.data(page.model.index(0, 2)) == "报到走访 · 已更正"
    page.table.selectRow(0)
    assert "更正记录" in page.details.text() and "被走访人：韦芳玉 → 张三丰" in page.details.text()
    assert "记错了人，去的是张三丰家" in page.details.text()
    qtbot.waitUntil(lambda: due_page_names(window) == ["韦芳玉"], timeout=5000)  # the first person's item is back
    assert window.saved_notice.text.text() == "✓ 已更正：" + visits.describe_visit(db, wrong)
    assert not window.saved_notice.undo_button.isVisible()  # a correction is not undone by 撤销


def test_a_visit_saved_is_confirmed_and_undone_within_the_minute(qtbot, club, window):
    db, ids = club
    notice = window.saved_notice
    assert notice._timer.interval() == 60_000 and notice.text.text() == ""
    height = notice.height()

    def log(dialog: VisitDialog):
        pick(qtbot, dialog.person, "zsf")
        qtbot.keyClick(dialog.kind, Qt.Key.Key_1)
        pick(qtbot, dialog.visitors.picker, "wjg")
        qtbot.keyClick(dialog.visitors.picker, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, window, VisitDialog, log)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: log a visit
    assert not failures, failures
    [visit] = visits.list_visits(db)
    said = f"{TODAY.month}月{TODAY.day}日 报到走访 张三丰"
    assert notice.text.text() == f"✓ 已记录：{said}"
    assert notice.undo_button.isVisible() and notice.undo_button.text() == "撤销"
    assert notice.height() == height  # the line was there already: nothing moved
    qtbot.waitUntil(lambda: due_page_names(window) == ["韦芳玉"], timeout=5000)

    qtbot.mouseClick(notice.undo_button, Qt.MouseButton.LeftButton)
    assert visits.get_visit(db, visit["id"])["state"] == "void"
    assert visits.visit_history(db, visit["id"])[-1].reason == "撤销"
    assert notice.text.text() == f"✓ 已撤销：{said}" and not notice.undo_button.isVisible()
    qtbot.waitUntil(lambda: due_page_names(window) == ["张三丰", "韦芳玉"], timeout=5000)


def test_the_undo_goes_when_its_minute_is_over_or_the_desk_changes_hands(qtbot, club, window):
    db, ids = club
    notice = window.saved_notice
    dialog = VisitDialog(db, DUTY.name, parent=window, person_id=ids["zsf"], kind="registration")
    dialog.visitors.set_ids([ids["lxy"]])
    dialog.save_button.click()
    assert notice.undo_button.isVisible()
    notice._timer.setInterval(50)  # the minute, shortened
    notice._timer.start()
    qtbot.waitUntil(lambda: not notice.undo_button.isVisible(), timeout=2000)
    assert notice.text.text().startswith("✓ 已记录：")  # the sentence stays; only 撤销 goes
    dialog = VisitDialog(db, DUTY.name, parent=window, person_id=ids["wfy"], kind="registration")
    dialog.visitors.set_ids([ids["lxy"]])
    dialog.save_button.click()
    assert notice.undo_button.isVisible()
    window.set_session(Session(3, "值班员乙", "duty"))
    assert not notice.undo_button.isVisible()


def test_a_duty_volunteer_is_not_offered_someone_elses_entry(qtbot, club, window):
    db, ids = club
    visits.log_visit(db, {"person_id": ids["wfy"], "kind": "registration", "visitor_ids": [ids["lxy"]]},
                     actor="值班员乙")
    recorded_elsewhere()
    page = window.visits
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    assert not page.correct_button.isEnabled() and not page.void_button.isEnabled()
    assert page.void_button.toolTip() == ("值班志愿者只能更正或作废自己当天记录的条目；这条是值班员乙记录的，"
                                          "请主任来更正或作废")
    window.set_session(Session(1, "主任", "director"))
    assert page.correct_button.isEnabled() and page.void_button.isEnabled() and not page.void_button.toolTip()


def test_a_void_with_its_reason_marks_the_row_and_reverses_the_hours(qtbot, club, window):
    db, ids = club
    visits.log_visit(db, {"person_id": ids["wfy"], "kind": "registration", "visitor_ids": [ids["lxy"]]},
                     actor=DUTY.name)
    timebank.credit_visits_and_shifts(db, actor=DUTY.name)
    recorded_elsewhere()
    page = window.visits
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)

    def void(dialog: VoidDialog):
        dialog.save_button.click()  # no reason: refused beside the field
        assert dialog._errors["reason"].text() == "请写明更正或作废的原因" and dialog.isVisible()
        type_into(qtbot, dialog.reason, "记重了")
        dialog.save_button.click()

    failures = when_open(qtbot, page, VoidDialog, void)
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert not failures, failures
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 2)) == "报到走访 · 已作废", timeout=5000)
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.FontRole).strikeOut()
    assert timebank.statement(db, ids["lxy"]).balance == 0
    page.table.selectRow(0)
    assert not page.correct_button.isEnabled() and page.correct_button.toolTip() == "这条走访已经作废了"
    assert window.saved_notice.text.text().startswith("✓ 已作废：")


def test_a_shifts_attendance_is_corrected_in_its_dialog(qtbot, club, db_path):
    db, ids = club
    ui_session.set_current(DUTY)
    rota.ensure_defaults(db, actor="主任")
    day = TODAY - datetime.timedelta(days=1) if TODAY.day > 1 else TODAY
    assignment = rota.assign(db, day, "desk_am", ids["lxy"], actor="主任")
    rota.confirm(db, assignment, True, actor=DUTY.name)
    timebank.credit_visits_and_shifts(db, actor=DUTY.name)
    shift = next(s for s in rota.month_rota(db, day.strftime("%Y-%m")) if s.day == day and s.slot_key == "desk_am")
    dialog = ShiftCorrectionDialog(db, DUTY, shift, rota.assignment_states(db, day.strftime("%Y-%m")), [])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    assert dialog.entry.currentText() == "李秀英的出勤：出勤" and dialog.absent.isChecked()
    qtbot.mouseClick(dialog.absent, Qt.MouseButton.LeftButton)
    dialog.reason.setFocus()
    type_into(qtbot, dialog.reason, "那天她请假了")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == ShiftCorrectionDialog.DialogCode.Accepted
    assert rota.assignment_states(db, day.strftime("%Y-%m"))[assignment]["confirmed"] == "absent"
    assert timebank.statement(db, ids["lxy"]).balance == 0


def test_the_rota_page_offers_a_correction_only_where_there_is_something_to_correct(qtbot, club, db_path):
    db, ids = club
    rota.ensure_defaults(db, actor="主任")
    day = TODAY
    assignment = rota.assign(db, day, "desk_am", ids["lxy"], actor="主任")
    reader = BackgroundReader(db_path)
    page = RotaPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.month is not None, timeout=5000)
    page.show_today()
    qtbot.waitUntil(lambda: page.selected_shift() is not None, timeout=5000)
    assert not page.correct_button.isEnabled()
    rota.confirm(db, assignment, True, actor="主任")
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.refresh()
    page.show_today()
    qtbot.waitUntil(lambda: page.correct_button.isEnabled(), timeout=5000)
    reader.stop()
    QApplication.processEvents()


def test_a_correction_without_its_reason_scrolls_to_the_red_line_at_large_text(qtbot, club):
    """At 150 % on the office screen the correction form scrolls; saving it without a reason must bring the
    reason's red line into sight, not leave the form looking as if nothing happened."""
    from app.ui.look import apply_text_scale

    db, ids = club
    visit = visits.log_visit(db, {"person_id": ids["wfy"], "kind": "registration", "visitor_ids": [ids["lxy"]],
                                  "done": "送慰问信"}, actor=DUTY.name)
    app = QApplication.instance()
    apply_text_scale(app, 1.5)
    try:
        dialog = VisitCorrectionDialog(db, DUTY, visits.get_visit(db, visit))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        red = dialog._errors["reason"]
        dialog.what_done.setFocus()  # the top of the form in sight, the reason below it
        dialog.save()
        assert red.text() == "请写明更正或作废的原因"
        qtbot.waitUntil(lambda: not red.visibleRegion().isEmpty(), timeout=2000)
        dialog.done(0)
    finally:
        apply_text_scale(app, 1.0)
