"""The duty volunteer's five tasks of the user guide (docs/guide.zh.md, 值班的五件常用事), walked as a volunteer
walks them: real key presses and clicks on the real widgets of the main window, ending in the stored record, with
every action counted. An action is a key press (a shortcut such as Ctrl+N is one), a click, or typing one field's
text. docs/benchmarks.md lists the counts; the targets are 6 actions to log a visit from the due list and 10 to
find a person and log a visit to them."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app import activities, people, visits
from app.accounts import Session
from app.db import people as people_db
from app.people import clean_person
from app.ui.application import make_application
from app.ui.main_window import MainWindow

from test_visits_ui import type_into

TODAY = datetime.date.today()


class Desk:
    """The volunteer's hands: each call is one action, counted."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.actions = 0

    def key(self, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.actions += 1
        self.qtbot.keyClick(widget, key, modifiers)

    def type(self, widget, text: str) -> None:
        self.actions += 1
        if hasattr(widget, "insertPlainText"):  # a box of a few lines: Chinese arrives from the input method
            widget.insertPlainText(text)
        else:
            type_into(self.qtbot, widget, text)

    def click(self, widget, pos: QPoint | None = None) -> None:
        self.actions += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos if pos is not None else widget.rect().center())

    def focused(self):
        """Where the keys go: the focus of the dialog in front, or of the window."""
        front = QApplication.activeModalWidget() or QApplication.activeWindow()
        return (front.focusWidget() if front is not None else None) or QApplication.focusWidget()


def in_dialog(qtbot, steps) -> list:
    """Run ``steps(dialog)`` once the next modal dialog is showing and ready; failures are kept (and close it)."""
    failures: list[BaseException] = []

    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(10, run)
            return
        try:
            steps(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            failures.append(exc)
            dialog.done(0)

    QTimer.singleShot(0, run)
    return failures


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def desk_club(fresh_db, db_path, qtbot):
    """A club with someone who registered 40 days ago and was never visited, and two volunteers; the volunteer on
    duty (值班员甲) is not on the roster, so the visitor is always chosen by hand."""
    make_application()
    db = fresh_db
    ids = {
        "zsf": add(db, name="张三丰", birth_date="1940-05-01", building="12", unit="3", room="201", is_member=True,
                   registered_on=(TODAY - datetime.timedelta(days=40)).isoformat()),
        "wjg": add(db, name="王建国", birth_date="1955-08-09", building="8", is_volunteer=True),
        "lxy": add(db, name="李秀英", birth_date="1950-02-03", building="7", is_volunteer=True),
    }
    window = MainWindow(db, db_path, session=Session(None, "值班员甲", "duty"))
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    yield window, db, ids
    window.close()


def test_1_find_a_person_in_2_actions(qtbot, desk_club):
    window, _, ids = desk_club
    desk = Desk(qtbot)
    desk.key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    desk.type(desk.focused(), "zsf")
    qtbot.waitUntil(lambda: window.roster._selected_id == ids["zsf"], timeout=5000)  # one found: shown at once
    assert "张三丰" in window.roster.details.text() and desk.actions == 2


def test_2_log_a_visit_from_the_due_list_in_at_most_6_actions(qtbot, desk_club):
    window, db, ids = desk_club
    due = window.due
    qtbot.waitUntil(lambda: due.model.rowCount() == 1, timeout=5000)
    desk = Desk(qtbot)
    desk.click(due.table.viewport(), due.table.visualRect(due.model.index(0, 1)).center())

    def form(dialog):
        assert dialog.person.person_id() == ids["zsf"] and dialog.kind.currentData() == "registration"
        assert desk.focused() is dialog.visitors.picker  # the form waits where the volunteer has to write
        desk.type(dialog.visitors.picker, "wjg")
        qtbot.waitUntil(dialog.visitors.picker.completer_popup().isVisible, timeout=3000)
        desk.key(dialog.visitors.picker, Qt.Key.Key_Return)
        desk.key(desk.focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = in_dialog(qtbot, form)
    desk.click(due.act_button)
    assert not failures, failures
    [visit] = visits.list_visits(db, person_id=ids["zsf"])
    assert visit["kind"] == "registration" and visit["visitors"] == ["王建国"]
    qtbot.waitUntil(lambda: due.model.rowCount() == 0, timeout=5000)  # the due item went
    assert desk.actions <= 6, desk.actions
    COUNTS["visit from the due list"] = desk.actions


def test_2_find_a_person_and_log_a_visit_in_at_most_10_actions(qtbot, desk_club):
    window, db, ids = desk_club
    desk = Desk(qtbot)
    desk.key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    desk.type(desk.focused(), "zsf")
    qtbot.waitUntil(lambda: window.roster._selected_id == ids["zsf"], timeout=5000)

    def form(dialog):
        assert dialog.person.person_id() == ids["zsf"]  # the person found in the roster
        assert desk.focused() is dialog.kind
        desk.key(dialog.kind, Qt.Key.Key_3)  # 3 特殊情况走访, as the guide says
        desk.click(dialog.visitors.picker)
        desk.type(dialog.visitors.picker, "lxy")
        qtbot.waitUntil(dialog.visitors.picker.completer_popup().isVisible, timeout=3000)
        desk.key(dialog.visitors.picker, Qt.Key.Key_Return)
        desk.key(desk.focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = in_dialog(qtbot, form)
    desk.key(window.roster.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not failures, failures
    [visit] = visits.list_visits(db, person_id=ids["zsf"])
    assert visit["kind"] == "special" and visit["visitors"] == ["李秀英"] and visit["visit_date"] == TODAY.isoformat()
    assert desk.actions <= 10, desk.actions
    COUNTS["find a person and log a visit"] = desk.actions


def test_3_record_a_must_report(qtbot, desk_club):
    window, db, ids = desk_club
    desk = Desk(qtbot)

    def form(dialog):
        desk.type(dialog.person, "zsf")
        qtbot.waitUntil(dialog.person.completer_popup().isVisible, timeout=3000)
        desk.key(dialog.person, Qt.Key.Key_Return)
        assert desk.focused() is dialog.kind
        desk.key(dialog.kind, Qt.Key.Key_5)  # 5 重大疾病
        desk.key(dialog.kind, Qt.Key.Key_Return)
        assert desk.focused() is dialog.summary
        desk.type(dialog.summary, "住院做心脏搭桥手术")
        desk.key(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = in_dialog(qtbot, form)
    desk.key(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not failures, failures
    [report] = visits.list_reports(db)
    assert report["kind"] == "serious_illness" and report["person_id"] == ids["zsf"]
    COUNTS["must-report"] = desk.actions


def test_4_see_who_is_on_duty_today_in_1_action(qtbot, desk_club):
    window, _, _ = desk_club
    desk = Desk(qtbot)
    desk.key(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.rota
    qtbot.waitUntil(lambda: window.duty.text().startswith("今日值班"), timeout=5000)
    assert window.duty.isVisible()
    COUNTS["today's duty"] = desk.actions


def test_5_record_a_service(qtbot, desk_club):
    window, db, ids = desk_club
    desk = Desk(qtbot)
    navigation = window.navigation
    row = next(r for r in range(navigation.count()) if navigation.item(r).text() == "活动")
    desk.click(navigation.viewport(), navigation.visualItemRect(navigation.item(row)).center())
    page = window.pages.currentWidget()

    def form(dialog):
        assert dialog.kind.currentData() == "service"  # chosen already, as the guide says
        desk.key(dialog.kind, Qt.Key.Key_Return)
        desk.type(dialog.project.lineEdit() if dialog.project.isEditable() else dialog.project, "磨刀")
        desk.click(dialog.participants.picker)
        desk.type(dialog.participants.picker, "wjg")
        qtbot.waitUntil(dialog.participants.picker.completer_popup().isVisible, timeout=3000)
        desk.key(dialog.participants.picker, Qt.Key.Key_Return)
        desk.key(desk.focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = in_dialog(qtbot, form)
    desk.click(page.new_button)
    assert not failures, failures
    [activity] = activities.list_activities(db, TODAY.year)
    assert activity["project"] == "磨刀" and activity["names"] == ["王建国"] and not activity["confirmed_at"]
    COUNTS["record a service"] = desk.actions


COUNTS: dict[str, int] = {}
