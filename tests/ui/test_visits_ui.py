"""Visits and must-reports as a volunteer uses them: quick entry from the keyboard, the due list, the report steps."""

from __future__ import annotations

import datetime
import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import visits
from app.db import people as people_db
from app.people import clean_person
from app.ui.application import make_application
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.report_progress import ReportProgressDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.models.due import DueModel
from app.ui.models.reports import ReportModel
from app.ui.models.visits import VisitModel
from app.ui.operations import BackgroundReader
from app.ui.pages.due import DuePage
from app.ui.pages.reports import ReportsPage
from app.ui.pages.visits import VisitsPage
from app.ui.widgets import PersonPicker, VisitorList

TODAY = datetime.date.today()


def type_into(qtbot, widget, text: str) -> None:
    """Type as a user would: key by key for ASCII; Chinese arrives from the input method as committed text."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            widget.insert(chunk)


def add(db, **values) -> int:
    """A person straight into the roster (the way an import would), with the columns the due list reads."""
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def club(fresh_db):
    """A tiny club: two people to visit and two volunteers; 李秀英 (a volunteer) shares her initials lxy with 刘晓燕."""
    make_application()
    ids = {
        "zsf": add(fresh_db, name="张三丰", birth_date="1940-05-01", building="12", unit="3", room="201",
                   is_member=True),
        "lxy": add(fresh_db, name="李秀英", birth_date="1950-02-03", building="7", is_member=True, is_volunteer=True),
        "wjg": add(fresh_db, name="王建国", birth_date="1955-08-09", building="8", is_volunteer=True),
        "lxy2": add(fresh_db, name="刘晓燕", birth_date="1948-01-01", building="9"),  # lxy too, not a volunteer
    }
    return fresh_db, ids


def pick(qtbot, picker: PersonPicker, initials: str, down: int = 1) -> None:
    """Type initials, wait for the popup, go Down to the match and press Enter, as from the keyboard."""
    picker.setFocus()
    type_into(qtbot, picker, initials)
    popup = picker.completer_popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    for _ in range(down):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def when_open(qtbot, parent, dialog_class, act) -> list:
    """Run ``act(dialog)`` once the modal dialog the next call opens is showing; a failure closes it and is kept."""
    failures: list[BaseException] = []
    tries = []

    def run():
        dialog = parent.findChild(dialog_class)
        # Wait until the window is active too: its activation arriving later would close the completer's popup.
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


def shown(model) -> list[list[str]]:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


# ---------------------------------------------------------------- the picker

def test_picker_offers_matches_by_initials_with_age_and_address(qtbot, club):
    db, ids = club
    picker = PersonPicker(db)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    type_into(qtbot, picker, "zsf")
    qtbot.waitUntil(picker.completer_popup().isVisible, timeout=3000)
    offered = [picker.matches.item(row).text() for row in range(picker.matches.rowCount())]
    assert len(offered) == 1 and offered[0].startswith("张三丰 · ") and "12号楼 3单元 201室" in offered[0]
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.keyClick(picker.completer_popup(), Qt.Key.Key_Down)
        qtbot.keyClick(picker.completer_popup(), Qt.Key.Key_Return)
    assert picked.args == [ids["zsf"]]
    assert picker.person_id() == ids["zsf"]
    qtbot.keyClick(picker, Qt.Key.Key_End)
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)  # typing again forgets the choice
    assert picker.person_id() is None


def test_volunteer_picker_offers_only_volunteers(qtbot, club):
    db, ids = club
    plain, volunteers = PersonPicker(db), PersonPicker(db, volunteers=True)
    for picker in (plain, volunteers):
        qtbot.addWidget(picker)
        picker.show()
        picker.setFocus()
        type_into(qtbot, picker, "lxy")
        qtbot.waitUntil(picker.completer_popup().isVisible, timeout=3000)
    assert plain.matches.rowCount() == 2
    assert volunteers.matches.rowCount() == 1 and volunteers.matches.item(0).text().startswith("李秀英")


def test_enter_chooses_the_only_match_and_set_person_shows_a_chosen_one(qtbot, club):
    db, ids = club
    picker = PersonPicker(db)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    type_into(qtbot, picker, "wjg")
    qtbot.waitUntil(picker.completer_popup().isVisible, timeout=3000)
    qtbot.keyClick(picker.completer_popup(), Qt.Key.Key_Return)
    assert picker.person_id() == ids["wjg"]
    picker.set_person(ids["zsf"])
    assert picker.person_id() == ids["zsf"] and picker.text().startswith("张三丰")


def test_a_row_lit_by_the_resting_mouse_is_never_chosen_by_enter(qtbot, club):
    """lxy matches two people; the mouse pointer resting over the list lights the second. Enter (or Ctrl+Enter,
    meaning "save") must not put that person in the box: the first Enter highlights the first row from the
    keyboard, and only then does Enter choose."""
    db, ids = club
    dialog = VisitDialog(db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.person
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus, timeout=3000)
    type_into(qtbot, picker, "lxy")
    popup = picker.completer_popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert popup.model().rowCount() == 2
    popup.setCurrentIndex(popup.model().index(1, 0))  # what hovering does
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.person_id() is None and popup.currentIndex().row() == 0  # highlighted, not chosen
    second = popup.model().index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Down and Enter: the keyboard's choice
    assert picker.person_id() == second

    picker.clear()
    type_into(qtbot, picker, "lxy")
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    popup.setCurrentIndex(popup.model().index(1, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # "save", the mouse resting
    assert picker.person_id() is None


def test_visitor_list_adds_removes_and_keeps_order(qtbot, club):
    db, ids = club
    box = VisitorList(db)
    qtbot.addWidget(box)
    box.show()
    pick(qtbot, box.picker, "wjg")
    pick(qtbot, box.picker, "lxy")
    pick(qtbot, box.picker, "wjg")  # chosen twice, listed once
    assert box.ids() == [ids["wjg"], ids["lxy"]]
    assert box.picker.text() == ""  # ready for the next one
    box.list.setCurrentRow(0)
    qtbot.keyClick(box.list, Qt.Key.Key_Delete)
    assert box.ids() == [ids["lxy"]]
    box.list.setCurrentRow(0)
    box.remove_button.click()
    assert box.ids() == [] and not box.remove_button.isEnabled()


# ---------------------------------------------------------------- logging a visit

def test_quick_entry_from_the_keyboard_logs_the_visit(qtbot, club):
    db, ids = club
    dialog = VisitDialog(db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.person
    pick(qtbot, dialog.person, "zsf")
    assert dialog.person.person_id() == ids["zsf"]
    assert dialog.focusWidget() is dialog.kind  # choosing the person moves on to the kind
    qtbot.keyClick(dialog.kind, Qt.Key.Key_2)
    assert dialog.kind.currentData() == "hospital"
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return)  # Enter moves on, as Tab does
    assert dialog.focusWidget() is dialog.visit_date
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_Tab)
    pick(qtbot, dialog.visitors.picker, "lxy")
    assert dialog.visitors.ids() == [ids["lxy"]]
    dialog.what_done.setFocus()
    type_into(qtbot, dialog.what_done, "带去牛奶一箱")
    qtbot.keyClick(dialog.what_done, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == VisitDialog.DialogCode.Accepted
    [visit] = visits.list_visits(db)
    assert (visit["id"], visit["person_id"], visit["kind"], visit["visit_date"], visit["visitors"], visit["done"]) == (
        dialog.visit_id, ids["zsf"], "hospital", TODAY.isoformat(), ["李秀英"], "带去牛奶一箱")


def test_a_visit_without_visitors_is_explained_beside_the_field_and_not_stored(qtbot, club):
    db, ids = club
    dialog = VisitDialog(db, "值班员", person_id=ids["zsf"], kind="special")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.what_done, "聊天")
    dialog.follow_up_on.setText("2001-01-01")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.result() != VisitDialog.DialogCode.Accepted
    reason = dialog._errors["visitor_ids"]
    assert reason.isVisible() and reason.text() == "请至少填一位走访的志愿者"
    assert dialog._errors["follow_up_on"].text() == "回访日期应在走访日期之后"
    assert dialog.focusWidget() is dialog.visitors.picker  # the first wrong field, in the form's order
    assert dialog.what_done.text() == "聊天" and dialog.person.person_id() == ids["zsf"]  # nothing typed is lost
    assert visits.list_visits(db) == []


def test_a_bad_date_is_explained_when_leaving_the_field(qtbot, club):
    db, _ = club
    dialog = VisitDialog(db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.visit_date.setFocus()
    dialog.visit_date.selectAll()
    type_into(qtbot, dialog.visit_date, "2025-13-40")
    dialog.visit_date.editingFinished.emit()
    assert dialog._errors["visit_date"].text()


def test_the_date_field_reads_what_the_visit_will_store_and_refuses_a_bare_number(qtbot, club):
    """The field's own check is the domain's (ids.event_date): 昨天 is read as yesterday, a bare 4 is refused."""
    import datetime

    db, _ = club
    dialog = VisitDialog(db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    for typed, expected in (("昨天", f"✓ 识别为 {yesterday.isoformat()}"),
                            ("4", "只写了数字“4”，看不出是哪一天，请写成 ")):
        dialog.visit_date.setFocus()
        dialog.visit_date.selectAll()
        type_into(qtbot, dialog.visit_date, typed)
        dialog.visit_date.editingFinished.emit()
        assert dialog._errors["visit_date"].text().startswith(expected)


# ---------------------------------------------------------------- the due page

@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def test_due_page_lists_a_registration_and_logging_the_visit_clears_it(qtbot, club, reader):
    db, ids = club
    registered = TODAY - datetime.timedelta(days=40)
    people_db.update_person(db, ids["zsf"], {"registered_on": registered.isoformat()}, actor="test")
    page = DuePage(db, reader, "值班员")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    row = shown(page.model)[0]
    assert row[1:4] == ["张三丰", "12号楼 3单元 201室", "报到走访"]
    assert row[5] == "已逾期 10 天" or row[5] == "10 days overdue"
    assert page.model.data(page.model.index(0, 5), Qt.ItemDataRole.ForegroundRole).color().name() == "#8b0000"
    assert page.model.overdue_count() == 1 and page.heading.text()
    assert page.act_button.isEnabled()

    def fill_and_save(dialog):
        assert dialog.person.person_id() == ids["zsf"] and dialog.kind.currentData() == "registration"
        assert dialog.focusWidget() is dialog.visitors.picker  # person and kind are filled in: on to who went
        pick(qtbot, dialog.visitors.picker, "wjg")
        qtbot.keyClick(dialog.visitors.picker, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, page, VisitDialog, fill_and_save)
    with qtbot.waitSignal(page.listed, timeout=5000, raising=False):
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on the row, as a double-click
    assert not failures, failures
    assert page.model.rowCount() == 0
    assert [v["kind"] for v in visits.list_visits(db, person_id=ids["zsf"])] == ["registration"]
    assert not page.act_button.isEnabled() and page.empty.isVisible()


def test_an_overdue_report_offers_mark_as_reported(qtbot, club, reader):
    db, ids = club
    report_id = visits.open_report(db, {"person_id": ids["zsf"], "kind": "concern", "summary": "反映楼道灯坏了",
                                        "learnt_on": (TODAY - datetime.timedelta(days=5)).isoformat()}, actor="test")
    page = DuePage(db, reader, "值班员")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.item(0).kind == "report_overdue"
    assert page.act_button.text() == page.tr("Mark as reported…")

    def mark(dialog):
        assert dialog.reported_to.text() == "老年服务部党支部"
        dialog.save_button.click()

    failures = when_open(qtbot, page, ReportProgressDialog, mark)
    with qtbot.waitSignal(page.listed, timeout=5000, raising=False):
        page.act_button.click()
    assert not failures, failures
    assert visits.get_report(db, report_id)["status"] == "reported"
    assert page.model.rowCount() == 0


def test_print_writes_the_visit_sheet(qtbot, club, reader, tmp_path, monkeypatch):
    db, ids = club
    people_db.update_person(db, ids["zsf"], {"registered_on": (TODAY - datetime.timedelta(days=20)).isoformat()},
                            actor="test")
    page = DuePage(db, reader, "值班员")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    target = tmp_path / "sheet"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (asked.append(a[2]) or str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(page.sheet_written, timeout=20000) as written:
        page.print_button.click()
    assert asked[0].endswith(f"走访单-{TODAY.isoformat()}.pdf")
    assert written.args == [str(target) + ".pdf"]
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    assert page.print_button.isEnabled()
    [row] = page.sheet_rows()
    assert (row.name, row.what, row.overdue_days) == ("张三丰", "报到走访", 0)


# ---------------------------------------------------------------- must-reports

def test_a_must_report_opened_reported_and_closed_through_the_dialogs_shows_its_history(qtbot, club, reader):
    db, ids = club
    dialog = ReportDialog(db, "值班员张三")
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.person, "zsf")
    qtbot.keyClick(dialog.kind, Qt.Key.Key_5)
    assert dialog.kind.currentData() == "serious_illness"
    dialog.summary.setFocus()
    dialog.summary.insertPlainText("住院做心脏搭桥手术")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == ReportDialog.DialogCode.Accepted
    report = visits.get_report(db, dialog.report_id)
    assert (report["status"], report["learnt_on"], report["summary"]) == ("open", TODAY.isoformat(), "住院做心脏搭桥手术")

    marking = ReportProgressDialog(db, "值班员张三", report, "report")
    qtbot.addWidget(marking)
    marking.show()
    marking.reported_to.setText("")
    marking.save_button.click()
    assert marking._errors["reported_to"].text() and "报给了谁" in marking._errors["reported_to"].text()
    marking.reported_to.setText("老年服务部党支部")
    marking.note.setPlainText("电话报告支部书记")
    marking.save_button.click()
    assert marking.result() == ReportProgressDialog.DialogCode.Accepted

    closing = ReportProgressDialog(db, "主任", visits.get_report(db, report["id"]), "close")
    qtbot.addWidget(closing)
    assert "电话报告支部书记" in closing.history.text()
    closing.note.setPlainText("已康复出院")
    closing.save_button.click()
    assert visits.get_report(db, report["id"])["status"] == "closed"

    page = ReportsPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert not page.report_button.isEnabled() and not page.close_button.isEnabled()
    page.table.selectRow(0)
    assert page.model.data(page.model.index(0, 4)) == "已结案"
    assert not page.report_button.isEnabled() and not page.close_button.isEnabled()
    text = page.history.text()
    assert "值班员张三" in text and "电话报告支部书记" in text and "已康复出院" in text
    assert text.index("待上报") < text.index("已上报") < text.index("已结案")


def test_reports_page_buttons_follow_the_selected_status(qtbot, club, reader):
    db, ids = club
    first = visits.open_report(db, {"person_id": ids["zsf"], "kind": "concern", "summary": "楼道灯坏了"}, actor="t")
    second = visits.open_report(db, {"person_id": ids["lxy"], "kind": "cadre_event", "summary": "金婚"}, actor="t")
    visits.mark_reported(db, second, reported_to="老年服务部党支部", reported_on=TODAY.isoformat(), actor="t")
    page = ReportsPage(db, reader, "主任")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    rows = {page.model.report(r)["id"]: r for r in range(2)}
    page.table.selectRow(rows[first])
    assert page.report_button.isEnabled() and page.close_button.isEnabled()
    page.table.selectRow(rows[second])
    assert not page.report_button.isEnabled() and page.close_button.isEnabled()
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.status.setCurrentIndex(page.status.findData("open"))
    assert [page.model.report(r)["id"] for r in range(page.model.rowCount())] == [first]


def test_visits_page_lists_the_log_newest_first(qtbot, club, reader):
    db, ids = club
    for days, done in ((3, "较早"), (1, "较晚")):
        visits.log_visit(db, {"person_id": ids["zsf"], "kind": "special", "visitor_ids": [ids["lxy"]], "done": done,
                              "visit_date": (TODAY - datetime.timedelta(days=days)).isoformat()}, actor="t")
    page = VisitsPage(db, reader, "值班员")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert [row[4] for row in shown(page.model)] == ["较晚", "较早"]
    assert shown(page.model)[0][1:4] == ["张三丰", "特殊情况走访", "李秀英"]


# ---------------------------------------------------------------- the models

def test_models_pass_the_qt_model_tester(qtmodeltester, demo_db):
    make_application()
    due = DueModel()
    due.set_items(visits.due_items(demo_db, TODAY, 30), TODAY)
    assert due.rowCount() > 0
    qtmodeltester.check(due)
    visit_model = VisitModel()
    visit_model.set_rows(visits.list_visits(demo_db))
    assert visit_model.rowCount() > 0
    qtmodeltester.check(visit_model)
    report_model = ReportModel()
    report_model.set_rows(visits.list_reports(demo_db))
    qtmodeltester.check(report_model)
    for model in (DueModel(), VisitModel(), ReportModel()):
        qtmodeltester.check(model)


def test_enter_on_several_matches_highlights_the_first_and_a_second_enter_chooses_it(qtbot, club):
    db, ids = club
    zhang = add(db, name="张三", building="1")
    picker = PersonPicker(db)
    qtbot.addWidget(picker)
    with qtbot.waitActive(picker):
        picker.show()
        picker.activateWindow()
    picker.setFocus()
    type_into(qtbot, picker, "zs")
    popup = picker.completer_popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert picker.matches.rowCount() == 2 and not popup.currentIndex().isValid()  # nothing chosen for the user
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.person_id() is None and popup.isVisible() and popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.person_id() == zhang  # "张三" sorts before "张三丰"


def test_enter_moves_through_the_form_and_never_saves_by_accident(qtbot, club):
    db, ids = club
    dialog = VisitDialog(db, "值班员", person_id=ids["zsf"], kind="special")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.visit_date.setFocus()
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.visitors.picker
    qtbot.keyClick(dialog.visitors.picker, Qt.Key.Key_Return)  # nothing typed: on to the next field
    assert dialog.focusWidget() is dialog.what_done
    qtbot.keyClick(dialog.what_done, Qt.Key.Key_Return)
    assert dialog.isVisible() and visits.list_visits(db) == []


def test_a_narrow_due_page_keeps_dates_and_states_whole(qtbot, club, reader):
    db, ids = club
    people_db.update_person(db, ids["zsf"], {"registered_on": (TODAY - datetime.timedelta(days=40)).isoformat()},
                            actor="test")
    page = DuePage(db, reader, "值班员")
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    table, metrics = page.table, page.table.fontMetrics()
    widths = [table.columnWidth(c) for c in range(page.model.columnCount())]
    assert sum(widths) <= table.viewport().width()  # no column pushed out of sight
    for column in (0, 1, 5):  # due date, name, state
        assert widths[column] >= metrics.horizontalAdvance(page.model.data(page.model.index(0, column)))
    assert "张三丰" in page.details.text() and "30天内走访" in page.details.text()  # the full reason, below


def test_a_report_already_moved_on_elsewhere_is_explained_in_the_dialog(qtbot, club):
    db, ids = club
    report_id = visits.open_report(db, {"person_id": ids["zsf"], "kind": "concern", "summary": "楼道灯坏了"}, actor="t")
    dialog = ReportProgressDialog(db, "值班员", visits.get_report(db, report_id), "report")
    qtbot.addWidget(dialog)
    dialog.show()
    visits.mark_reported(db, report_id, reported_to="老年服务部党支部", reported_on=TODAY.isoformat(), actor="主任")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.general_error.isVisible()
    assert dialog.general_error.text() == "这件事已经是“已上报”了"


def test_the_due_page_shows_a_missing_joint_meeting_and_records_it(qtbot, club, reader, monkeypatch):
    from app import meetings
    from app.ui.dialogs.meeting import MeetingDialog

    db, ids = club
    page = DuePage(db, reader, "值班员")
    qtbot.addWidget(page)
    page.show()
    page.days.setValue(90)  # the quarter's end is always within 90 days
    qtbot.waitUntil(lambda: page.meeting_row.isVisible(), timeout=5000)
    assert "还没有召开党建联席会" in page.meeting_due.text()

    def fill_and_save(dialog):
        assert dialog.kind.currentData() == "joint"
        dialog.topics.setPlainText("共驻共建联席")
        dialog.save_button.click()

    failures = when_open(qtbot, page, MeetingDialog, fill_and_save)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.meeting_button.click()
    assert not failures, failures
    assert [m["kind"] for m in meetings.list_meetings(db)] == ["joint"]
    assert not page.meeting_row.isVisible()


def test_at_large_text_the_visit_form_opens_with_the_cursor_in_the_person_box(qtbot, club):
    """At 150 % the form scrolls on the office screen; the cursor must still start where typing a name goes."""
    from PySide6.QtWidgets import QApplication

    from app.ui.look import apply_text_scale

    db, _ = club
    app = QApplication.instance()
    apply_text_scale(app, 1.5)
    try:
        dialog = VisitDialog(db, "值班员")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.property("scrolled")  # the case the office screen meets
        assert dialog.focusWidget() is dialog.person
        dialog.done(0)
    finally:
        apply_text_scale(app, 1.0)
