"""The duty rota page as the director uses it: generating a month, the gaps and why, swaps, holidays, the shifts
themselves, printing."""

from __future__ import annotations

import datetime
import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import people, rota
from app.db import rota as rota_db
from app.db.changes import Register
from app.ui import signals
from app.ui.application import make_application
from app.ui.dialogs.assign import AssignDialog
from app.ui.dialogs.attendance import AttendanceDialog
from app.ui.dialogs.holidays import HolidaysDialog
from app.calendar_cn import add_months
from app.ui.dialogs.slots import SlotsDialog
from app.ui.dialogs.swap import SwapDialog
from app.ui.models.rota import HolidayModel, RotaModel, SlotModel
from app.ui.operations import BackgroundReader
from app.ui.pages.rota import RotaPage, read_month

TODAY = datetime.date.today()
NEXT = add_months(TODAY.replace(day=1), 1)  # every day of it still to come, whatever day the tests run
NEXT_MONTH = NEXT.strftime("%Y-%m")
SHORT = re.compile(r"缺 \d+ 人|\d+ short")


def add(db, name: str, **values) -> int:
    return people.add_person(db, {"name": name, "is_volunteer": True, "on_rota": True, **values}, actor="主任")[0]


@pytest.fixture(autouse=True)
def fresh_bus(monkeypatch):
    """A data bus of this test's own: windows of earlier tests may still listen on the shared one."""
    monkeypatch.setattr(signals, "data_bus", None)


@pytest.fixture
def club(fresh_db):
    """Six volunteers for the desk, two barbers (one never works Fridays, the haircut day), no one for the clinic."""
    make_application()
    db = fresh_db
    rota.ensure_defaults(db, actor="主任")
    desk = (("zsf", "张三丰"), ("lxy", "李秀英"), ("wjg", "王建国"), ("zlh", "赵丽华"), ("czm", "陈志明"), ("lhy", "刘海燕"))
    crew = {initials: add(db, name) for initials, name in desk}
    crew["smf"] = add(db, "孙美发", skills=["理发"])
    crew["qjd"] = add(db, "钱剪刀", skills=["理发"], rota_weekdays_off=[5])
    return db, crew


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def type_into(qtbot, widget, text: str) -> None:
    """Key by key for ASCII; Chinese arrives from the input method as committed text."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            widget.insert(chunk)


def pick(qtbot, picker, initials: str) -> None:
    """Type initials, wait for the popup, go Down to the match and press Enter, as from the keyboard."""
    picker.setFocus()
    type_into(qtbot, picker, initials)
    popup = picker.completer_popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def when_open(qtbot, parent, dialog_class, act) -> list:
    """Run ``act(dialog)`` once the modal dialog the next call opens is showing; a failure closes it and is kept."""
    failures: list[BaseException] = []
    tries = []

    def run():
        dialog = parent.findChild(dialog_class)
        if dialog is None or not dialog.isVisible() or (not dialog.isActiveWindow() and len(tries) < 100):
            tries.append(1)
            QTimer.singleShot(10, run)
            return
        try:
            act(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test after the dialog closed
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(0, run)
    return failures


def open_page(qtbot, db, reader, month: datetime.date = NEXT) -> RotaPage:
    page = RotaPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.show()
    if month.replace(day=1) != page.month():
        with qtbot.waitSignal(page.listed, timeout=5000):
            page.chooser.set_month(month)
    return page


def cell(page: RotaPage, day: datetime.date, slot_key: str):
    index = page.model.index_of(day, slot_key)
    assert index.isValid(), (day, slot_key)
    return index


def text(page: RotaPage, day: datetime.date, slot_key: str) -> str:
    return page.model.data(cell(page, day, slot_key))


def free_volunteer(db, crew, shift) -> int:
    """A desk volunteer with nothing else in the same part of that day, to take the shift."""
    busy = {pid for s in rota.month_rota(db, shift.day.strftime("%Y-%m")) if s.day == shift.day and s.part == shift.part
            for pid, _, _ in s.people}
    return next(crew[k] for k in ("zsf", "lxy", "wjg", "zlh", "czm", "lhy") if crew[k] not in busy)


# ---------------------------------------------------------------- generating

def test_generating_through_the_page_fills_the_grid_and_explains_the_gaps(qtbot, club, reader, monkeypatch):
    db, crew = club
    page = open_page(qtbot, db, reader)
    first_desk = next(s for s in page.model.shifts() if s.slot_key == "desk_am")
    assert SHORT.fullmatch(text(page, first_desk.day, "desk_am"))  # nothing planned yet: the place is empty
    messages = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: messages.append(args[2]))
    with qtbot.waitSignal(page.generated, timeout=30000):
        page.generate_button.click()
    qtbot.waitUntil(lambda: "、" in text(page, first_desk.day, "desk_am"), timeout=5000)

    names = {people.get_person(db, pid)["name"] for pid in crew.values()}
    desk = [s for s in page.model.shifts() if s.slot_key in ("desk_am", "desk_pm")]
    assert desk and all(len(s.people) == 2 for s in desk)
    for shift in desk:
        shown = text(page, shift.day, shift.slot_key).split("、")
        assert len(shown) == 2 and set(shown) <= names
    # Haircuts on Fridays: only one barber works Fridays, so each has one place short, in dark red, with why.
    haircut = [s for s in page.model.shifts() if s.slot_key == "haircut"]
    assert haircut
    for shift in haircut:
        index = cell(page, shift.day, "haircut")
        assert page.model.data(index).startswith("孙美发") and SHORT.search(page.model.data(index))
        assert page.model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#8b0000"
        reason = page.model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert reason == shift.unfilled_reason and "理发" in reason
        assert page.model.data(index, Qt.ItemDataRole.UserRole) == shift
    # A day without a haircut shows the dash.
    not_friday = next(s.day for s in desk if s.day.isoweekday() != 5)
    assert text(page, not_friday, "haircut") == "—"
    # The message says how it went and lists the places still to fill.
    missing = page.model.short_count()
    assert len(messages) == 1 and re.search(rf"缺 {missing} 人次|{missing} short", messages[0]), messages
    assert "理发" in messages[0]  # the reasons, in the domain's words
    clinic = next((s for s in page.model.shifts() if s.slot_key == "clinic"), None)
    if clinic is not None:
        assert "医护" in clinic.unfilled_reason
    assert page.generate_button.isEnabled()
    # The red figure at the top goes to each place still short, one click after another.
    page.summary.linkActivated.emit("gap")
    first_gap = page.selected_shift()
    assert first_gap is not None and len(first_gap.people) < first_gap.need
    page.summary.linkActivated.emit("gap")
    assert page.selected_shift() != first_gap and len(page.selected_shift().people) < page.selected_shift().need


# ---------------------------------------------------------------- swaps

def test_a_swap_through_the_dialog_is_recorded_and_shown(qtbot, club, reader):
    db, crew = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    page = open_page(qtbot, db, reader)
    shift = next(s for s in page.model.shifts() if s.slot_key == "desk_am" and s.day.day >= 3)
    replaced_id, replaced_name, _ = shift.people[0]
    newcomer = free_volunteer(db, crew, shift)
    initials = next(k for k, v in crew.items() if v == newcomer)
    newcomer_name = people.get_person(db, newcomer)["name"]
    page.table.setCurrentIndex(cell(page, shift.day, "desk_am"))
    assert page.swap_button.isEnabled() and replaced_name in page.cell_info.text()

    def swap(dialog):
        assert dialog.replaced.currentText() == replaced_name
        pick(qtbot, dialog.replacement, initials)
        assert dialog.replacement.person_id() == newcomer
        assert dialog.focusWidget() is dialog.reason  # chosen: on to why
        type_into(qtbot, dialog.reason, "住院")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, page, SwapDialog, swap)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.swap_button.click()
    assert not failures, failures
    [recorded] = rota.swaps(db, NEXT.isoformat(), add_months(NEXT, 1).isoformat())
    assert (recorded["from_person"], recorded["to_person"], recorded["reason"]) == (replaced_id, newcomer, "住院")
    shown = text(page, shift.day, "desk_am")
    assert newcomer_name in shown.split("、") and replaced_name not in shown.split("、")
    assert page.selected_shift().day == shift.day  # the same cell stays chosen
    assert newcomer_name in page.cell_info.text()


def test_a_swap_without_a_reason_is_explained_beside_the_field(qtbot, club):
    db, crew = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    shift = next(s for s in rota.month_rota(db, NEXT_MONTH) if s.slot_key == "desk_pm")
    dialog = SwapDialog(db, "主任", shift)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.replacement.set_person(free_volunteer(db, crew, shift))
    dialog.save_button.click()
    reason = dialog._errors["reason"]
    assert dialog.isVisible() and dialog.result() != SwapDialog.DialogCode.Accepted
    assert reason.isVisible() and reason.text() == "请写明换班的原因"
    assert dialog.focusWidget() is dialog.reason
    assert rota.swaps(db, NEXT.isoformat(), add_months(NEXT, 1).isoformat()) == []


def test_a_swap_to_someone_not_chosen_from_the_list_says_so(qtbot, club):
    db, _ = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    shift = next(s for s in rota.month_rota(db, NEXT_MONTH) if s.slot_key == "desk_pm")
    dialog = SwapDialog(db, "主任", shift)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.replacement.setText("张")
    dialog.reason.setText("外出")
    dialog.save_button.click()
    assert dialog._errors["person_id"].text() and dialog.isVisible()


# ---------------------------------------------------------------- placing by hand

def test_enter_on_a_short_place_puts_a_volunteer_on_it_by_hand(qtbot, club, reader):
    db, crew = club
    page = open_page(qtbot, db, reader)  # nothing generated: every place is short
    shift = next(s for s in page.model.shifts() if s.slot_key == "desk_pm")
    page.table.setCurrentIndex(cell(page, shift.day, "desk_pm"))

    def put_on(dialog):
        pick(qtbot, dialog.person, "zsf")
        qtbot.keyClick(dialog.person, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, page, AssignDialog, put_on)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert not failures, failures
    shown = text(page, shift.day, "desk_pm")
    assert shown.startswith("张三丰") and SHORT.search(shown)  # one of two
    [(_, _, assignment_id)] = page.selected_shift().people
    assert rota.assignment_states(db, NEXT_MONTH)[assignment_id]["fixed"] is True


def test_a_volunteer_who_cannot_take_the_place_is_explained_in_the_dialog(qtbot, club):
    db, crew = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    haircut = next(s for s in rota.month_rota(db, NEXT_MONTH) if s.slot_key == "haircut")
    dialog = AssignDialog(db, "主任", haircut)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_person(crew["qjd"])  # never works Fridays
    dialog.save_button.click()
    assert dialog.isVisible() and "钱剪刀" in dialog._errors["person_id"].text()
    assert [s for s in rota.month_rota(db, NEXT_MONTH) if s.day == haircut.day and s.slot_key == "haircut"][0].people \
        == haircut.people


# ---------------------------------------------------------------- holidays

def test_a_make_up_workday_added_in_the_holidays_dialog_opens_the_desk_that_day(qtbot, club, reader):
    db, _ = club
    # A desk open on weekdays only, so that a Saturday made a workday makes a difference.
    for slot in rota.slots(db):
        if slot["kind"] == "desk":
            rota_db.update_slot(db, slot["id"], {"weekdays": [1, 2, 3, 4, 5]}, actor="主任")
    known = {row["day"] for row in rota.month_holidays(db, NEXT_MONTH)}
    saturday = next(NEXT + datetime.timedelta(days=d) for d in range(28)
                    if (NEXT + datetime.timedelta(days=d)).isoweekday() == 6
                    and (NEXT + datetime.timedelta(days=d)).isoformat() not in known)
    page = open_page(qtbot, db, reader)
    saturday_row = saturday.day - 1
    desk_column = [s["key"] for s in page.model.slots()].index("desk_am")
    assert page.model.data(page.model.index(saturday_row, desk_column)) == "—"

    def add_workday(dialog):
        assert dialog.chooser.month() == NEXT and dialog.desk_open.isChecked() is False
        dialog.day.setFocus()
        type_into(qtbot, dialog.day, saturday.isoformat())
        dialog.kind.setFocus()
        qtbot.keyClick(dialog.kind, Qt.Key.Key_2)
        dialog.name.setFocus()
        type_into(qtbot, dialog.name, "测试调休")
        dialog.save_button.click()
        assert dialog.saved.isVisible(), dialog.general_error.text()
        row = dialog.model.row_of(saturday.isoformat())
        assert row is not None and dialog.model.data(dialog.model.index(row, 3)) in ("本社录入", "Entered here")
        dialog.accept()

    failures = when_open(qtbot, page, HolidaysDialog, add_workday)
    page.holidays_button.click()
    assert not failures, failures
    qtbot.waitUntil(lambda: page.model.data(page.model.index(saturday_row, desk_column)) != "—", timeout=5000)
    index = page.model.index(saturday_row, desk_column)
    assert SHORT.fullmatch(page.model.data(index))  # the desk runs that day, nobody on it yet
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == "还没有排班"
    assert "测试调休" in page.model.headerData(saturday_row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    added = {row["day"]: row for row in rota.month_holidays(db, NEXT_MONTH)}[saturday.isoformat()]
    assert (added["kind"], added["name"], added["source"]) == ("workday", "测试调休", "director")


def test_the_holidays_dialog_checkbox_opens_the_desk_on_days_off(qtbot, club):
    db, _ = club
    dialog = HolidaysDialog(db, "主任", NEXT)
    qtbot.addWidget(dialog)
    dialog.desk_open.setChecked(True)
    assert rota.desk_open_on_holidays(db) is True
    dialog.day.setText("2099-13-01")
    dialog.kind.setCurrentIndex(0)
    dialog.save_button.click()
    assert dialog._errors["day"].text() and not dialog.saved.isVisible()


# ---------------------------------------------------------------- the shifts themselves

DECEMBER_WEDNESDAYS = [datetime.date(2026, 12, d) for d in (2, 9, 16, 23, 30)]


def slot_days(db, slot_id: int, month: str = "2026-12") -> list[datetime.date]:
    return [p.slot.day for p in rota.month_slots(db, month) if p.slot_id == slot_id]


def open_slots(qtbot, db) -> SlotsDialog:
    dialog = SlotsDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_weekly_project_added_in_the_shifts_dialog_runs_on_its_weekday(qtbot, club, reader):
    db, _ = club
    page = open_page(qtbot, db, reader)
    assert page.slots_button.isEnabled()
    before = len(rota.slots(db, active_only=False))

    def add_project(dialog):
        assert dialog.model.rowCount() == before
        dialog.new_button.click()
        assert dialog.slot_id() is None and dialog.focusWidget() is dialog.name
        type_into(qtbot, dialog.name, "剪指甲")
        assert dialog.weekdays[3].text() in ("周三", "Wed")
        dialog.weekdays[3].click()
        dialog.need.setValue(1)
        with qtbot.waitSignal(signals.bus().changed, timeout=1000) as changed:
            qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert changed.args[0].registers == {Register.ROTA}  # the typed notice: the rota changed
        assert dialog.saved.isVisible(), dialog.general_error.text()
        assert dialog.slot_id() is not None  # the new shift stays chosen, ready for another change
        row = dialog.model.row_of(dialog.slot_id())
        assert row is not None and dialog.model.data(dialog.model.index(row, 0)) == "剪指甲"
        dialog.accept()

    failures = when_open(qtbot, page, SlotsDialog, add_project)
    page.slots_button.click()
    assert not failures, failures
    [added] = [s for s in rota.slots(db) if s["name"] == "剪指甲"]
    assert (added["kind"], added["part"], added["weekdays"], added["monthly_day"], added["need"], added["active"]) \
        == ("project", "morning", [3], None, 1, 1)
    assert slot_days(db, added["id"]) == DECEMBER_WEDNESDAYS
    # The page follows: a column for the new project.
    qtbot.waitUntil(lambda: added["key"] in [s["key"] for s in page.model.slots()], timeout=5000)


def test_a_wrong_time_in_the_shifts_dialog_is_explained_beside_it_and_nothing_is_saved(qtbot, club):
    db, _ = club
    before = rota.slots(db, active_only=False)
    dialog = open_slots(qtbot, db)
    dialog.name.setFocus()
    type_into(qtbot, dialog.name, "剪指甲")
    dialog.start_time.setFocus()
    type_into(qtbot, dialog.start_time, "9点")
    dialog.weekdays[3].click()
    dialog.save_button.click()
    reason = dialog._errors["start_time"]
    assert reason.isVisible() and reason.text() == "时间应写成 08:30 这样"
    assert reason.parent() is dialog.start_time.parent()  # beside the field it is about
    assert dialog.focusWidget() is dialog.start_time
    assert rota.slots(db, active_only=False) == before
    # Nothing typed is lost; put right, it saves.
    assert (dialog.name.text(), dialog.start_time.text(), dialog.weekdays[3].isChecked()) == ("剪指甲", "9点", True)
    assert dialog.isVisible() and not dialog.saved.isVisible()
    dialog.start_time.clear()
    type_into(qtbot, dialog.start_time, "9:00")
    assert not reason.text()  # the reason goes once the field is changed
    dialog.save_button.click()
    assert dialog.saved.isVisible() and not reason.text()
    [added] = [s for s in rota.slots(db) if s["name"] == "剪指甲"]
    assert added["start_time"] == "09:00" and dialog.start_time.text() == "09:00"  # shown as stored


def test_no_day_chosen_is_explained_beside_the_days(qtbot, club):
    db, _ = club
    dialog = open_slots(qtbot, db)
    dialog.name.insert("剪指甲")
    dialog.save_button.click()
    assert dialog._errors["weekdays"].text() and "每周" in dialog._errors["weekdays"].text()
    dialog.monthly_day.setValue(20)  # a day of the month instead: every month
    assert dialog.monthly.isChecked() and not dialog._errors["weekdays"].text()
    dialog.save_button.click()
    [added] = [s for s in rota.slots(db) if s["name"] == "剪指甲"]
    assert (added["weekdays"], added["monthly_day"]) == ([], 20)
    assert slot_days(db, added["id"]) == [datetime.date(2026, 12, 20)]


def test_a_shift_switched_off_in_the_dialog_is_no_longer_planned(qtbot, club):
    db, _ = club
    haircut = next(s for s in rota.slots(db) if s["key"] == "haircut")
    assert slot_days(db, haircut["id"])
    dialog = open_slots(qtbot, db)
    dialog.table.selectRow(dialog.model.row_of(haircut["id"]))
    assert dialog.slot_id() == haircut["id"] and dialog.name.text() == "义务理发"
    assert dialog.weekdays[5].isChecked() and dialog.skill.currentData() == "理发" and dialog.active.isChecked()
    dialog.active.click()
    with qtbot.waitSignal(signals.bus().changed, timeout=1000):
        dialog.save_button.click()
    assert dialog.saved.isVisible(), dialog.general_error.text()
    assert slot_days(db, haircut["id"]) == []
    assert haircut["key"] not in [s["key"] for s in rota.slots(db)]
    stored = next(s for s in rota.slots(db, active_only=False) if s["id"] == haircut["id"])
    assert stored["active"] == 0 and stored["name"] == "义务理发"  # kept, only switched off
    row = dialog.model.row_of(haircut["id"])
    assert dialog.model.data(dialog.model.index(row, dialog.model.columnCount() - 1)) in ("已停用", "Switched off")
    assert dialog.model.rowCount() == len(rota.slots(db, active_only=False))  # still listed, to switch back on


# ---------------------------------------------------------------- attendance

def test_attendance_of_a_day_gone_by_is_confirmed_per_person(qtbot, club):
    db, _ = club
    month = TODAY.strftime("%Y-%m")
    rota.generate(db, month, actor="主任", today=TODAY.replace(day=1))
    shift = next((s for s in rota.month_rota(db, month) if s.people and s.day <= TODAY), None)
    if shift is None:
        pytest.skip("no shift has happened yet this month")
    dialog = AttendanceDialog(db, "主任", shift, rota.assignment_states(db, month))
    qtbot.addWidget(dialog)
    dialog.show()
    first, second = shift.people[0][2], shift.people[-1][2]
    assert dialog.attended[first].isChecked()  # not confirmed yet: attended unless changed
    dialog.absent[second].setChecked(True)
    dialog.save_button.click()
    assert dialog.result() == AttendanceDialog.DialogCode.Accepted
    states = rota.assignment_states(db, month)
    assert states[second]["confirmed"] == "absent"
    if first != second:
        assert states[first]["confirmed"] == "attended"


# ---------------------------------------------------------------- printing

def test_print_writes_the_month_as_pdf(qtbot, club, reader, tmp_path, monkeypatch):
    db, _ = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    page = open_page(qtbot, db, reader)
    target = tmp_path / "rota"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]) or str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(page.file_written, timeout=20000) as written:
        page.print_button.click()
    assert asked[0].endswith(f"值班表-{NEXT_MONTH}.pdf")
    assert written.args == [str(target) + ".pdf"]
    assert (tmp_path / "rota.pdf").read_bytes().startswith(b"%PDF")
    assert page.print_button.isEnabled() and page.export_button.isEnabled()


# ---------------------------------------------------------------- the models

def test_rota_models_pass_the_qt_model_tester(qtmodeltester, club):
    db, _ = club
    rota.generate(db, NEXT_MONTH, actor="主任")
    model = RotaModel()
    month = read_month(db, NEXT)
    model.set_month(month)
    assert model.rowCount() >= 28 and model.columnCount() == len(rota.slots(db))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "上午值班\n08:30–11:30"
    weekday = QCoreApplication.translate("RotaModel", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[NEXT.weekday()])
    assert model.headerData(0, Qt.Orientation.Vertical).endswith(weekday)
    qtmodeltester.check(model)
    qtmodeltester.check(RotaModel())
    holidays = HolidayModel()
    holidays.set_rows(rota.month_holidays(db, "2026-10"))
    assert holidays.rowCount() > 0
    qtmodeltester.check(holidays)
    qtmodeltester.check(HolidayModel())
    slots = SlotModel()
    slots.set_rows(rota.slots(db, active_only=False))
    assert slots.rowCount() == 6
    qtmodeltester.check(slots)
    qtmodeltester.check(SlotModel())


def test_planning_the_rota_is_the_directors_a_duty_volunteer_records_swaps(qtbot, club, reader):
    from app.accounts import Session
    from app.ui import session as ui_session

    db, _ = club
    ui_session.set_current(Session(2, "王秀英", "duty"))
    page = open_page(qtbot, db, reader)
    for button in (page.generate_button, page.slots_button, page.holidays_button, page.assign_button):
        assert not button.isEnabled() and button.toolTip() in ("只有主任可以做这件事。", "Only the director may do this.")
    assert page.absence_button.isEnabled()  # an absence is recorded at the desk
    before = rota.month_rota(db, NEXT.strftime("%Y-%m"))
    page.generate()  # a key or a script reaching it does nothing
    assert page._job is None and rota.month_rota(db, NEXT.strftime("%Y-%m")) == before


def test_generating_a_month_of_a_year_without_its_holidays_asks_first(qtbot, club, reader, monkeypatch):
    from app.ui import messages

    db, _ = club
    far = datetime.date(datetime.date.today().year + 3, 1, 1)
    assert rota.missing_holidays(db, far.strftime("%Y-%m")).startswith(f"{far.year} 年的放假安排还没有录入")
    page = open_page(qtbot, db, reader, far)
    asked, opened = [], []
    monkeypatch.setattr(messages, "ask", lambda parent, title, text, go, stop: asked.append(text) or False)
    monkeypatch.setattr(page, "edit_holidays", lambda: opened.append(True))
    page.generate()
    assert asked and "元旦" in asked[0] and opened == [True] and page._job is None  # nothing planned, the holidays offered
