"""What the desk says at once, in a volunteer's words: nobody found, someone who has died, the kind a due birthday
is logged as; and what it fills in or chooses itself (the volunteer at the desk, the one person found)."""

from __future__ import annotations

import datetime

from app import people
from app.ui.dialogs.visit import VisitDialog

from test_visits_ui import club, type_into  # noqa: F401  (the tiny club; typing as a user does)

TODAY = datetime.date.today()


def open_visit(qtbot, db, actor="值班员", **prefill) -> VisitDialog:
    dialog = VisitDialog(db, actor, **prefill)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_typing_a_name_nobody_has_says_so_at_once(qtbot, club):
    db, _ = club
    dialog = open_visit(qtbot, db)
    type_into(qtbot, dialog.person, "xyzq")
    qtbot.waitUntil(lambda: "没有找到" in dialog._errors["person_id"].text(), timeout=2000)
    dialog.person.clear()
    type_into(qtbot, dialog.person, "zsf")
    qtbot.waitUntil(lambda: dialog._errors["person_id"].text() == "", timeout=2000)


def test_someone_who_has_died_is_named_so_not_called_unchosen(qtbot, club):
    db, ids = club
    people.change_status(db, ids["zsf"], "deceased", datetime.date(2026, 10, 1), actor="主任")
    dialog = open_visit(qtbot, db)
    type_into(qtbot, dialog.person, "张三丰")
    qtbot.waitUntil(lambda: "已去世" in dialog._errors["person_id"].text(), timeout=2000)
    dialog.save()
    assert "张三丰已去世" in dialog._errors["person_id"].text()  # not "choose from the list"
    assert dialog.isVisible() and dialog.visit_id is None


def test_a_non_volunteer_typed_as_visitor_is_explained(qtbot, club):
    db, _ = club
    dialog = open_visit(qtbot, db)
    type_into(qtbot, dialog.visitors.picker, "刘晓燕")
    qtbot.waitUntil(lambda: "不是志愿者" in dialog._errors["visitor_ids"].text(), timeout=2000)


def test_a_due_birthday_says_which_kind_it_is_logged_as(qtbot, club):
    db, ids = club
    dialog = open_visit(qtbot, db, person_id=ids["zsf"], kind="festival", reason="86岁生日（12月5日）",
                        due_kind="birthday")
    assert "生日慰问" in dialog.context.text() and "4" in dialog.context.text()
    assert "高龄党员节日慰问" in dialog.context.text()
    assert dialog.kind.currentData() == "festival"


def test_the_volunteer_at_the_desk_is_put_down_as_a_visitor(qtbot, club):
    db, ids = club
    dialog = open_visit(qtbot, db, actor="李秀英")
    assert dialog.visitors.ids() == [ids["lxy"]]
    assert open_visit(qtbot, db, actor="演示值班员甲").visitors.ids() == []  # no volunteer of that name


def test_a_search_with_one_person_found_shows_them_at_once(qtbot, club, db_path):
    from app.ui.operations import BackgroundReader
    from app.ui.pages.roster import RosterPage

    db, ids = club
    reader = BackgroundReader(db_path)
    try:
        page = RosterPage(db, reader, "值班员")
        qtbot.addWidget(page)
        page.show()
        page.search.setText("zsf")
        qtbot.waitUntil(lambda: page._selected_id == ids["zsf"], timeout=5000)
        assert "张三丰" in page.details.text()
    finally:
        reader.stop()
