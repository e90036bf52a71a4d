"""The time bank page (时间银行) as the director uses it: balances, the statement, and the forms' refusals."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from app import timebank, visits
from app.db import people as people_db
from app.people import clean_person
from app.ui.application import make_application
from app.ui.dialogs.credit_hours import DepositDialog
from app.ui.dialogs.rewards_catalogue import RewardsDialog
from app.ui.dialogs.withdraw_hours import WithdrawDialog
from app.ui.models.timebank import EntryModel, RewardModel, StatementModel, statement_row
from app.ui.operations import BackgroundReader
from app.ui.pages.timebank import TimeBankPage

TODAY = datetime.date.today()


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def club(fresh_db):
    make_application()
    ids = {
        "zsf": add(fresh_db, name="张三丰", birth_date="1940-05-01", building="12", is_member=True),
        "lxy": add(fresh_db, name="李秀英", birth_date="1950-02-03", building="7", is_volunteer=True),
        "wjg": add(fresh_db, name="王建国", birth_date="1955-08-09", building="8", is_volunteer=True),
    }
    return fresh_db, ids


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


def balance_shown(page, name: str) -> str:
    for row in range(page.model.rowCount()):
        if page.model.data(page.model.index(row, 0)) == name:
            return page.model.data(page.model.index(row, 2))
    raise AssertionError(name)


def test_withdrawing_beyond_the_balance_is_refused_beside_the_field_and_stores_nothing(qtbot, club):
    db, ids = club
    timebank.deposit(db, ids["lxy"], 2, on=TODAY, source="manual", actor="t")
    dialog = WithdrawDialog(db, "主任", ids["lxy"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.balance.text() in ("2 小时", "2 hours")
    dialog.hours.setValue(5)
    dialog.note.setText("陪同就医")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.result() != WithdrawDialog.DialogCode.Accepted
    reason = dialog._errors["hours"]
    assert reason.isVisible() and reason.text().startswith("余额不足")
    assert dialog.entry_id is None
    statement = timebank.statement(db, ids["lxy"])
    assert statement.balance == 2 and len(statement.entries) == 1


def test_a_deposit_through_the_dialog_updates_the_balance_in_the_table(qtbot, club, reader):
    db, ids = club
    page = TimeBankPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)  # the two volunteers
    assert balance_shown(page, "王建国") == "0"
    page.table.selectRow(page.model.row_of(ids["wjg"]))
    dialog = DepositDialog(db, "主任", page.chosen.row_id, parent=page)
    assert dialog.person.person_id() == ids["wjg"]
    dialog.hours.setValue(3.5)
    dialog.note.setText("重阳节活动")
    with qtbot.waitSignal(page.listed, timeout=5000):
        dialog.save_button.click()
    assert dialog.result() == DepositDialog.DialogCode.Accepted
    assert balance_shown(page, "王建国") == "3.5"
    assert page.entries.rowCount() == 1
    assert [page.entries.data(page.entries.index(0, c)) for c in range(1, 5)] in (
        ["存入", "+3.5", "活动", "重阳节活动"], ["Deposit", "+3.5", "活动", "重阳节活动"])
    assert page.next_level.text() in ("再得 96.5 小时升为白金", "96.5 more hours to become 白金")


def test_search_filters_the_loaded_rows_by_name(qtbot, club, reader):
    db, _ = club
    page = TimeBankPage(db, reader, "主任")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    page.search.setText("秀")
    assert [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())] == ["李秀英"]


def test_crediting_from_visits_adds_entries_and_says_how_many(qtbot, club, reader, monkeypatch):
    db, ids = club
    visits.log_visit(db, {"person_id": ids["zsf"], "kind": "special", "visitor_ids": [ids["lxy"], ids["wjg"]],
                          "done": "聊天", "visit_date": TODAY.isoformat()}, actor="t")
    page = TimeBankPage(db, reader, "主任")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert page.credit_button.text() == "从走访和值班记入（2 笔待记入）" and page.credit_button.isEnabled()
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    with qtbot.waitSignal(page.listed, timeout=5000):
        page.credit_button.click()
    assert said == ["记入 2 笔"]
    assert balance_shown(page, "李秀英") == "1" and balance_shown(page, "王建国") == "1"
    assert [e.source for e in timebank.statement(db, ids["lxy"]).entries] == ["visit"]
    assert page.credit_button.text() == "从走访和值班记入" and not page.credit_button.isEnabled()  # nothing waits


def test_adding_a_reward_in_the_catalogue(qtbot, club):
    db, _ = club
    dialog = RewardsDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_button.click()
    assert dialog._errors["name"].text()
    dialog.name.setText("毛巾")
    dialog.hours.setValue(5)
    dialog.stock.setValue(10)
    dialog.add_button.click()
    assert dialog.model.rowCount() == 1 and dialog.model.data(dialog.model.index(0, 2)) == "10"


def test_models_pass_the_qt_model_tester(qtmodeltester, demo_db):
    make_application()
    statements = StatementModel()
    statements.set_rows([statement_row(s) for s in timebank.statements(demo_db)])
    assert statements.rowCount() > 0
    qtmodeltester.check(statements)
    entries = EntryModel()
    entries.set_rows([{"id": 1, "date": "2025-01-02", "kind": "deposit", "hours": 3.0, "source": "visit", "note": ""},
                      {"id": 2, "date": "2025-01-03", "kind": "correction", "hours": -3.0, "source": "visit",
                       "note": "更正第 1 条：记错了"}])
    qtmodeltester.check(entries)
    timebank.add_reward(demo_db, "毛巾", 5, 0, actor="t")
    rewards = RewardModel()
    rewards.set_rows(timebank.rewards(demo_db))
    qtmodeltester.check(rewards)
    for model in (StatementModel(), EntryModel(), RewardModel()):
        qtmodeltester.check(model)


def test_a_withdrawal_can_name_the_visit_in_which_the_help_was_given(qtbot, club):
    db, ids = club
    timebank.deposit(db, ids["lxy"], 6, on=TODAY, source="manual", actor="t")
    visit = visits.log_visit(db, {"person_id": ids["lxy"], "kind": "hospital", "visit_date": TODAY.isoformat(),
                                  "visitor_ids": [ids["wjg"]], "notes": "陪同去医院复查"}, actor="t")
    dialog = WithdrawDialog(db, "主任", ids["lxy"])
    qtbot.addWidget(dialog)
    assert dialog.visit.count() == 2 and dialog.visit.itemText(0) == "不是记录过的走访"
    assert dialog.visit.itemText(1) == f"{TODAY.isoformat()} 住院看望（王建国）"
    dialog.visit.setCurrentIndex(1)
    assert dialog.note.text() == "陪同去医院复查"  # the visit's notes fill an empty note
    dialog.hours.setValue(2)
    dialog.save_button.click()
    assert dialog.result() == WithdrawDialog.DialogCode.Accepted
    assert db.execute("SELECT source, source_id, note FROM hours_entry WHERE id = ?", [dialog.entry_id]).fetchone() \
        == ("help", visit, "陪同去医院复查")
