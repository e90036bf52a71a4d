"""The roster page as a volunteer uses it: type into the search box, read the rows, add and edit people."""

from __future__ import annotations

import re

import pytest

from app.ids import mask_id
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QDialogButtonBox

from app import people
from app.db import people as people_db
from app.db.connection import open_database
from app.people import clean_person
from app.ui.application import make_application
from app.ui.look import register_font
from app.ui.dialogs.person import PersonDialog
from app.ui.dialogs.status import StatusDialog
from app.ui.main_window import MainWindow
from app.ui.models.roster import RosterModel


@pytest.fixture
def window(qtbot, demo_db, demo_path):
    make_application()
    win = MainWindow(demo_db, demo_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.roster.model.rowCount() > 0, timeout=5000)
    yield win
    win.close()


def shown_names(page) -> list[str]:
    model = page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def type_into(qtbot, widget, text: str) -> None:
    """Type as a user would: key by key for ASCII; Chinese arrives from the input method as committed text."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            widget.insert(chunk)


def type_search(qtbot, page, text: str) -> list[str]:
    page.search.clear()
    type_into(qtbot, page.search, text)
    # Each keystroke queues a search; only the newest is delivered, and the table then shows its rows.
    qtbot.waitUntil(lambda: page.shown_filter is not None and page.shown_filter.text == text, timeout=5000)
    return shown_names(page)


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


def test_window_is_in_chinese_with_the_bundled_font(qtbot, window, demo_db):
    assert [window.navigation.item(r).text() for r in range(4)] == ["待办", "花名册", "走访记录", "必报事项"]
    assert window.pages.currentWidget() is window.due
    assert window.roster.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    listed = len(people.search_ids(demo_db, page_filter()))
    qtbot.waitUntil(lambda: window.roster.count.text() == f"共 {listed} 人", timeout=5000)
    assert window.font().family() == register_font() == "WenQuanYi Micro Hei"
    assert window.font().pointSizeF() >= 12
    assert "演示" in window.windowTitle()
    shown = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
    assert window.db_path.name not in shown and str(window.db_path.parent) not in shown  # no file paths for volunteers


def test_typing_initials_finds_the_person(qtbot, window, demo_db):
    add(demo_db, name="张三丰", id_number="11010519491231002X", building="12")
    names = type_search(qtbot, window.roster, "zsf")
    assert "张三丰" in names
    assert all(people.search_ids(demo_db, window.roster.current_filter()))
    assert len(names) == len(people.search_ids(demo_db, window.roster.current_filter()))


def test_search_by_id_tail_phone_and_building(qtbot, window, demo_db):
    add(demo_db, name="单雄信", id_number="11010519491231002X", phone="13912345678", building="77")
    assert type_search(qtbot, window.roster, "002X") == ["单雄信"]
    assert type_search(qtbot, window.roster, "sxx") == ["单雄信"]
    assert "单雄信" in type_search(qtbot, window.roster, "dxx")
    assert type_search(qtbot, window.roster, "77号楼") == ["单雄信"]
    assert "单雄信" in type_search(qtbot, window.roster, "13912345678")
    assert type_search(qtbot, window.roster, "没有这个人") == []
    assert window.roster.count.text() == "共 0 人"


def test_id_numbers_on_screen_are_masked(window, demo_db):
    model = window.roster.model
    column = next(i for i in range(model.columnCount()) if model.headerData(i, Qt.Orientation.Horizontal) == "身份证号")
    shown = model.data(model.index(0, column))
    real = people_db.get_person(demo_db, model.person_id(0))["id_number"]
    assert shown == real[:2] + "*" * 14 + real[-2:]


def test_quick_filters_narrow_the_list(qtbot, window, demo_db):
    page = window.roster
    everyone = page.model.rowCount()
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.hardship.setChecked(True)
    assert 0 < page.model.rowCount() < everyone
    for row in range(page.model.rowCount()):
        assert page.model.data(page.model.index(row, 7))  # the hardship column is filled in


def test_clicking_the_age_header_sorts_by_birth_date(qtbot, window, demo_db):
    page = window.roster
    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.searched, timeout=5000):
        header.sectionClicked.emit(2)
    ages = [int(page.model.data(page.model.index(row, 2))) for row in range(20)]
    assert ages == sorted(ages, reverse=header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder)


def test_selecting_a_row_shows_the_details(qtbot, window, demo_db):
    page = window.roster
    page.table.selectRow(0)
    person = people_db.get_person(demo_db, page.model.person_id(0))
    text = page.details.text()
    assert person["name"] in text
    assert person["id_number"] not in text
    assert mask_id(person["id_number"]) in text


def test_model_passes_qt_model_tester(qtmodeltester, demo_db):
    make_application()
    model = RosterModel(demo_db)
    model.set_ids(people.search_ids(demo_db, page_filter()))
    qtmodeltester.check(model)


def page_filter():
    from app.people import RosterFilter

    return RosterFilter()


def fill(qtbot, dialog: PersonDialog, **fields) -> None:
    for name, text in fields.items():
        widget = getattr(dialog, name)
        widget.clear()
        type_into(qtbot, widget, text)


def click_save(dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_add_person_through_the_dialog_survives_reopening(qtbot, db_path):
    make_application()
    db = open_database(db_path)
    dialog = PersonDialog(db, "值班员")
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, name="张三丰", id_number="11010519491231002X", phone="139 1234 5678", building="12号楼",
         unit="3", room="201")
    assert "1949-12-31" in dialog.id_hint.text()
    assert dialog.birth_date.text() == "1949-12-31"
    assert dialog.sex.currentData() == "女"
    dialog.is_member.setChecked(True)
    fill(qtbot, dialog, party_joined="1970-07-01")
    dialog.situations["独居"].setChecked(True)
    click_save(dialog)
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    db.close()

    reopened = open_database(db_path)
    found = people.search_people(reopened, page_filter().__class__(text="zsf"))
    assert [(p["name"], p["phone"], p["building"], p["situations"], p["party_joined"]) for p in found] == [
        ("张三丰", "13912345678", "12", ["独居"], "1970-07-01")]
    rows = list(reopened.query("SELECT actor, action FROM audit_log WHERE table_name = 'person'"))
    assert rows == [{"actor": "值班员", "action": "insert"}]


def test_bad_id_is_explained_beside_the_field_and_nothing_is_saved(qtbot, fresh_db):
    make_application()
    dialog = PersonDialog(fresh_db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, name="李四", id_number="110105194912310021")
    assert "校验位" in dialog.id_hint.text() and dialog.id_hint.isVisible()
    fill(qtbot, dialog, phone="12345")
    click_save(dialog)
    assert dialog.result() != PersonDialog.DialogCode.Accepted
    assert dialog.isVisible()
    assert "手机号" in dialog._errors["phone"].text()
    assert dialog.name.text() == "李四"  # what was typed is kept
    assert people_db.count_people(fresh_db) == 0


def test_edit_and_mark_moved_away_then_hidden_from_roster(qtbot, window, demo_db):
    person_id = add(demo_db, name="王秀英", building="5")
    person = people_db.get_person(demo_db, person_id)
    dialog = PersonDialog(demo_db, "主任", person)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, phone="13800138000")
    click_save(dialog)
    assert people_db.get_person(demo_db, person_id)["phone"] == "13800138000"

    status = StatusDialog(demo_db, "主任", people_db.get_person(demo_db, person_id))
    qtbot.addWidget(status)
    status.status.setCurrentIndex(status.status.findData("moved_away"))
    status.date.setText("2026-10-01")
    status.save()
    assert people_db.get_person(demo_db, person_id)["status"] == "moved_away"
    assert "王秀英" not in [p["name"] for p in people.search_people(demo_db, page_filter().__class__(text="5号楼"))]
    window.roster.inactive.setChecked(True)
    names = type_search(qtbot, window.roster, "wxy 5号楼")
    assert "王秀英" in names
    row = names.index("王秀英")
    assert window.roster.model.data(window.roster.model.index(row, 9)) == "已迁出 2026-10-01"


# ---------------------------------------------------------------- large rosters: pages, counts, pages built when shown


def test_a_long_list_shows_its_first_page_then_reads_more_as_it_is_scrolled(qtbot, qtmodeltester, window, demo_db):
    page = window.roster
    everyone = people.search_ids(demo_db, page_filter())
    assert 200 < len(everyone)  # the demo club is longer than a first page
    type_search(qtbot, page, "")
    assert page.model.rowCount() == 200 and not page.model.complete()
    qtbot.waitUntil(lambda: page.count.text() == f"共 {len(everyone)} 人", timeout=5000)
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert [page.model.person_id(row) for row in range(page.model.rowCount())] == everyone
    assert shown_names(page)[:3] == [p["name"] for p in people.people_by_ids(demo_db, everyone[:3])]
    qtmodeltester.check(page.model)


def test_model_passes_qt_model_tester_with_pages_still_to_read(qtmodeltester, demo_db):
    make_application()
    model = RosterModel(demo_db)
    flt = page_filter()
    model.set_page(flt, people.search_page(demo_db, flt, limit=50))
    assert model.canFetchMore()
    qtmodeltester.check(model)  # it fetches the rest as a view would


def test_a_row_is_read_once_and_repaints_read_nothing(qtbot, window, demo_db, monkeypatch):
    from app.ui.models import roster as roster_model

    page = window.roster
    type_search(qtbot, page, "")
    page.model.data(page.model.index(0, 0))  # the first block is read
    reads = []
    real = roster_model.people_by_ids
    monkeypatch.setattr(roster_model, "people_by_ids", lambda db, ids: reads.append(ids) or real(db, ids))
    for _ in range(3):
        for row in range(30):
            for column in range(page.model.columnCount()):
                page.model.data(page.model.index(row, column))
    assert reads == []


def test_the_chosen_person_stays_chosen_after_an_edit_even_far_down_the_list(qtbot, window, demo_db):
    page = window.roster
    type_search(qtbot, page, "")
    everyone = people.search_ids(demo_db, page_filter())
    last = everyone[-1]
    while page.model.canFetchMore():
        page.model.fetchMore()
    page.table.selectRow(page.model.row_of(last))
    assert page._selected_id == last
    page.refresh()  # as after an edit: the list starts again from its first page
    qtbot.waitUntil(lambda: page.table.currentIndex().isValid()
                    and page.model.person_id(page.table.currentIndex().row()) == last, timeout=5000)


def test_pages_are_built_when_first_shown_and_the_roster_at_once(qtbot, window):
    assert set(window._made) == {"due", "roster"}
    window.navigation.setCurrentRow(4)
    assert "aid" in window._made and window.pages.currentWidget() is window.aid
    assert "meetings" not in window._made
    assert window.pages.indexOf(window.meetings) == 7 and "meetings" in window._made  # asked for: built


def test_an_older_file_gets_its_search_words_when_the_window_opens(qtbot, tmp_path):
    import shutil
    from pathlib import Path

    from app import names
    from app.accounts import Session
    from app.db import filelock
    from app.ui.application import start_window

    path = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "schema_v10.sqlite", path)
    window, _ = start_window(path, session=Session(None, "主任", "director"))
    qtbot.addWidget(window)
    try:
        assert people_db.index_rules(window._db) == names.RULES_VERSION
        assert "张三丰" in type_search(qtbot, window.roster, "sanfeng")
    finally:
        window.close()
        filelock.release(path)
