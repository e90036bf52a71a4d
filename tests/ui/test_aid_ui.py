"""Mutual-aid groups as the director uses them: forming a group from the keyboard, refusals beside the field,
helpers leaving with a reason, accepting proposals, and the coverage figures the page shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import aid_groups, people
from app.ui.application import make_application
from app.ui.dialogs.aid_helpers import ChangeHelpersDialog
from app.ui.dialogs.aid_new_group import GroupDialog
from app.ui.dialogs.aid_suggest import SuggestDialog, work_out
from app.ui.models.aid import GapModel, GroupModel, ProposalModel
from app.ui.operations import BackgroundReader
from app.ui.pages.aid import AidPage
from app.ui.widgets import _LABEL_ROLE as LABEL_ROLE
from app.ui.widgets import VisitorList
from tests.ui.test_visits_ui import pick, shown, type_into, when_open


def add(db, **values) -> int:
    return people.add_person(db, values, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    """Three who must be covered (3号楼, 4号楼, and 9号楼 far from any volunteer) and three volunteers:
    王志愿 may help one person only, 赵志愿 lives alone himself."""
    make_application()
    db = fresh_db
    ids = {
        "wzy": add(db, name="王志愿", sex="男", birth_date="1962-01-01", is_volunteer=True, building="3",
                   aid_capacity=1),
        "lzy": add(db, name="李志愿", sex="女", birth_date="1960-01-01", is_volunteer=True, building="3"),
        "zzy": add(db, name="赵志愿", sex="男", birth_date="1958-01-01", is_volunteer=True, building="5",
                   situations=["独居"]),
        "ztk": add(db, name="张特困", sex="男", birth_date="1950-01-01", building="3", situations=["特困"]),
        "scb": add(db, name="孙重病", sex="女", birth_date="1948-01-01", building="4", situations=["重病"]),
        "wdj": add(db, name="吴独居", sex="男", birth_date="1941-01-01", building="9", situations=["独居"]),
    }
    return db, ids


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def open_page(qtbot, db, reader) -> AidPage:
    page = AidPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.resize(1200, 760)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.show()
    return page


def figures(page: AidPage) -> tuple[int, int, int]:
    return page.coverage.must_cover, page.coverage.covered, len(page.coverage.uncovered)


# ---------------------------------------------------------------- forming a group

def test_a_group_typed_from_the_keyboard_is_listed_with_its_helpers(qtbot, club, reader):
    db, ids = club
    page = open_page(qtbot, db, reader)
    assert figures(page) == (3, 0, 3) and page.group_model.rowCount() == 0
    assert "0%" in page.heading.text() and not page.change_button.isEnabled()

    def form(dialog: GroupDialog):
        assert dialog.focusWidget() is dialog.person
        pick(qtbot, dialog.person, "ztk")
        assert dialog.person.person_id() == ids["ztk"]
        assert dialog.focusWidget() is dialog.helpers.picker  # choosing the person moves on to the helpers
        pick(qtbot, dialog.helpers.picker, "lzy")
        pick(qtbot, dialog.helpers.picker, "wzy")
        assert dialog.helpers.ids() == [ids["lzy"], ids["wzy"]]
        assert dialog.helpers.list.item(0).text() == dialog.helpers.tr("Lead: %1").replace(
            "%1", dialog.helpers.list.item(0).data(LABEL_ROLE))
        assert dialog.mode.currentIndex() == 0  # automatic: two helpers make it many-help-one
        qtbot.keyClick(dialog.helpers.picker, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, page, GroupDialog, form)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.new_button.click()
    assert not failures, failures
    [row] = shown(page.group_model)
    assert row[0] == "张特困" and row[1].startswith("3") and row[2] == "特困" and row[3] == "多帮一"
    assert row[4].startswith("李志愿") and row[4].endswith("、王志愿") and row[4] != "李志愿、王志愿"  # lead marked
    assert figures(page) == (3, 1, 2)
    assert [g["helpers"] for g in aid_groups.list_groups(db)] == [["李志愿", "王志愿"]]
    page.groups.selectRow(0)
    assert "李志愿（组长）帮扶张特困（多帮一）" in page.history.text()
    assert page.change_button.isEnabled() and page.end_button.isEnabled()


def test_a_helper_at_capacity_is_refused_beside_the_field_and_nothing_is_stored(qtbot, club):
    db, ids = club
    aid_groups.create_group(db, ids["ztk"], [ids["wzy"]], actor="主任")
    dialog = GroupDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.person, "szb")
    pick(qtbot, dialog.helpers.picker, "wzy")
    dialog.notes.setPlainText("楼上楼下")
    dialog.save_button.click()
    reason = dialog._errors["helper_ids"]
    assert dialog.isVisible() and reason.isVisible() and reason.text() == "王志愿已帮扶 1 人，达到上限 1 人"
    assert reason.parent() is dialog.helpers.parent()  # beside the helpers, not in a pop-up
    assert dialog.focusWidget() is dialog.helpers.picker
    assert dialog.person.person_id() == ids["scb"] and dialog.helpers.ids() == [ids["wzy"]]  # nothing lost
    assert dialog.notes.toPlainText() == "楼上楼下"
    assert len(aid_groups.list_groups(db)) == 1

    # A volunteer who lives alone himself needs the director's approval.
    dialog.helpers.list.setCurrentRow(0)
    dialog.helpers.remove_current()
    pick(qtbot, dialog.helpers.picker, "zzy")
    dialog.save_button.click()
    assert "主任特批" in reason.text() and len(aid_groups.list_groups(db)) == 1
    dialog.override.setChecked(True)
    assert not reason.text()
    dialog.save_button.click()
    assert dialog.result() == GroupDialog.DialogCode.Accepted
    assert {g["person_id"]: g["helpers"] for g in aid_groups.list_groups(db)}[ids["scb"]] == ["赵志愿"]


def test_no_person_or_no_helper_is_explained_in_plain_words(qtbot, club):
    db, ids = club
    dialog = GroupDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert "None" not in dialog._errors["person_id"].text() and dialog._errors["person_id"].text()
    pick(qtbot, dialog.person, "ztk")
    dialog.save_button.click()
    assert dialog._errors["helper_ids"].text() == dialog.tr("Choose at least one helper.")
    pick(qtbot, dialog.helpers.picker, "lzy")
    pick(qtbot, dialog.helpers.picker, "wzy")
    dialog.mode.setFocus()
    qtbot.keyClick(dialog.mode, Qt.Key.Key_2)  # one-on-one, with two helpers: the domain says why not
    dialog.save_button.click()
    assert dialog._errors["helper_ids"].text() == "一对一互助组只有一位帮扶人"
    assert aid_groups.list_groups(db) == []


def test_the_lead_can_be_changed_in_the_helper_list(qtbot, club):
    db, ids = club
    box = VisitorList(db, lead=True)
    qtbot.addWidget(box)
    box.show()
    box.set_ids([ids["lzy"], ids["wzy"]])
    assert box.lead_button.isVisible() and not box.lead_button.isEnabled()
    box.list.setCurrentRow(1)
    box.lead_button.click()
    assert box.ids() == [ids["wzy"], ids["lzy"]]
    assert box.list.item(0).text().endswith(box.list.item(0).data(LABEL_ROLE))
    assert box.list.item(0).text() != box.list.item(0).data(LABEL_ROLE)  # marked
    assert box.list.item(1).text().startswith("李志愿")  # unmarked
    plain = VisitorList(db)
    qtbot.addWidget(plain)
    plain.set_ids([ids["lzy"], ids["wzy"]])
    assert not plain.lead_button.isVisibleTo(plain) and plain.list.item(0).text().startswith("李志愿")


# ---------------------------------------------------------------- changing a group

def test_a_helper_leaving_with_a_reason_updates_the_list_and_the_history(qtbot, club, reader):
    db, ids = club
    aid_groups.create_group(db, ids["scb"], [ids["lzy"], ids["wzy"]], actor="主任")
    page = open_page(qtbot, db, reader)
    page.groups.selectRow(0)

    def leave(dialog: ChangeHelpersDialog):
        dialog.remove_choice.setChecked(True)
        dialog.leaving.setFocus()
        qtbot.keyClick(dialog.leaving, Qt.Key.Key_1)  # 李志愿, the lead
        assert dialog.leaving.currentData() == ids["lzy"]
        assert dialog.focusWidget() is dialog.reason
        dialog.save_button.click()
        assert dialog.isVisible() and dialog._errors["reason"].text() == "请写明原因"
        type_into(qtbot, dialog.reason, "搬去女儿家")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    failures = when_open(qtbot, page, ChangeHelpersDialog, leave)
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.change_button.click()
    assert not failures, failures
    assert shown(page.group_model)[0][4] == "王志愿"
    assert page.selected_group()["person_id"] == ids["scb"]  # still chosen after the refresh
    history = page.history.text()
    assert "李志愿帮扶孙重病（多帮一），搬去女儿家" in history and "王志愿（组长）帮扶孙重病" in history


def test_an_uncovered_person_double_clicked_gets_a_prefilled_group(qtbot, club, reader):
    db, ids = club
    page = open_page(qtbot, db, reader)
    row = next(r for r in range(page.gap_model.rowCount()) if page.gap_model.gap(r).person_id == ids["scb"])
    page.gaps.selectRow(row)
    assert page.gap_button.isEnabled()

    def check(dialog: GroupDialog):
        assert dialog.person.person_id() == ids["scb"] and "重病" in dialog.context.text()
        assert dialog.focusWidget() is dialog.helpers.picker
        dialog.reject()

    failures = when_open(qtbot, page, GroupDialog, check)
    page.gaps.setFocus()
    qtbot.keyClick(page.gaps, Qt.Key.Key_Return)  # Enter on the row, as a double-click
    assert not failures, failures


# ---------------------------------------------------------------- proposals

def test_proposals_accepted_form_groups_and_the_coverage_reads_the_new_figures(qtbot, club, reader):
    db, ids = club
    page = open_page(qtbot, db, reader)
    assert figures(page) == (3, 0, 3) and page.suggest_button.isEnabled()

    def accept(dialog: SuggestDialog):
        if dialog.model.rowCount() == 0:
            qtbot.waitSignal(dialog.computed, timeout=5000).wait()
        # 3号楼's 张特困 and 4号楼's 孙重病 get neighbours; 9号楼's 吴独居 has no volunteer near.
        names = sorted(dialog.model.text("name", p).split("\n")[0] for p in dialog.model.rows())
        assert names == ["孙重病", "张特困"]
        assert all(len(p.why) == len(p.helper_ids) for p in dialog.model.rows())
        assert "\n".join(dialog.model.rows()[0].why) == dialog.model.data(dialog.model.index(0, 2))
        [(name, reason)] = [(g.name, g.reason) for g in dialog.uncovered_model.rows()]
        assert name == "吴独居" and "附近（9号楼前后 3 栋）没有可用的志愿者" in reason
        assert not dialog.accept_checked_button.isEnabled() and dialog.accept_all_button.isEnabled()
        # Tick the first with Space and accept just that one.
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(0, 2))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
        assert len(dialog.model.checked()) == 1 and dialog.accept_checked_button.isEnabled()
        with qtbot.waitSignal(dialog.computed, timeout=5000):
            dialog.accept_checked_button.click()
        assert dialog.message.text() == dialog.tr("%n mutual-aid groups formed.", "", 1)
        assert dialog.model.rowCount() == 1
        with qtbot.waitSignal(dialog.computed, timeout=5000):
            dialog.accept_all_button.click()
        assert dialog.message.text() == dialog.tr("%n mutual-aid groups formed.", "", 1)
        assert dialog.model.rowCount() == 0 and not dialog.accept_all_button.isEnabled()
        dialog.accept()

    failures = when_open(qtbot, page, SuggestDialog, accept)
    page.suggest_button.click()
    assert not failures, failures
    qtbot.waitUntil(lambda: figures(page) == (3, 2, 1), timeout=5000)
    assert "67%" in page.heading.text()
    assert [g.name for g in page.gap_model.rows()] == ["吴独居"]
    assert sorted(row[0] for row in shown(page.group_model)) == ["孙重病", "张特困"]
    assert all(g["notes"] == "按推荐成立" for g in aid_groups.list_groups(db))


def test_suggestions_without_a_reader_are_worked_out_after_showing(qtbot, club):
    db, ids = club
    dialog = SuggestDialog(db, "主任")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.computed, timeout=5000) as computed:
        dialog.show()
    assert computed.args == [2]


# ---------------------------------------------------------------- the models

def test_models_pass_the_qt_model_tester(qtmodeltester, demo_db):
    make_application()
    groups = GroupModel()
    groups.set_rows(aid_groups.list_groups(demo_db))
    assert groups.rowCount() > 0
    qtmodeltester.check(groups)
    gaps = GapModel()
    gaps.set_rows(aid_groups.coverage(demo_db).uncovered)
    qtmodeltester.check(gaps)
    proposals = ProposalModel()
    suggestion, rows, with_group = work_out(demo_db)
    proposals.set_proposals(list(suggestion.proposals), rows, with_group)
    if proposals.rowCount():
        proposals.setData(proposals.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        assert proposals.checked() == [suggestion.proposals[0]]
    qtmodeltester.check(proposals)
    for model in (GroupModel(), GapModel(), ProposalModel()):
        qtmodeltester.check(model)
