"""Who is on duty, as the desk sees it: the log-in, the change of duty, what a duty volunteer is not offered,
ID numbers masked for them, the director's accounts list and the audit log viewer."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from app import accounts, people
from app.accounts import Session
from app.db.access import list_access
from app.ui import session as ui_session
from app.ui.application import make_application
from app.db import keyfile
from clubfile import raw
from app.ui.dialogs.accounts import AccountsDialog
from app.ui.dialogs.add_account import NewAccountDialog
from app.ui.dialogs.login import LoginDialog, ask_who_is_on_duty
from app.ui.dialogs.recovery_code import RecoveryCodeDialog
from app.ui.dialogs.audit import AuditDialog
from app.ui.dialogs.person import PersonDialog
from app.ui.fit import cut_off_text
from app.ui.main_window import MainWindow

FULL_ID = "370502195003121227"


@pytest.fixture
def club(fresh_db):
    make_application()
    accounts.create_account(fresh_db, "刘主任", "director", "86429753", actor="安装")
    accounts.create_account(fresh_db, "王秀英", "duty", "135790", actor="刘主任")
    zhang = people.add_person(fresh_db, {"name": "张三丰", "id_number": FULL_ID, "sex": "女"}, actor="刘主任")[0]
    return fresh_db, zhang


def test_the_log_in_names_everyone_and_explains_a_wrong_password(qtbot, club):
    db, _ = club
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    assert [b.text() for b in dialog.names.buttons()] == ["刘主任（主任）", "王秀英（值班志愿者）"]
    dialog.show()
    assert cut_off_text(dialog) == []  # every name whole, for old eyes
    dialog.ok_button.click()
    assert dialog.error.text() == "请先点一下自己的名字。"
    dialog.choose("王秀英")
    dialog.password.setText("0000")
    dialog.ok_button.click()
    assert dialog.error.text() == "密码不对（已连续输错 1 次）" and dialog.password.text() == ""
    dialog.password.setText("135790")
    dialog.ok_button.click()
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.session.name == "王秀英" and dialog.session.role == "duty"


def test_a_file_without_accounts_asks_for_the_directors_first(qtbot, fresh_db, monkeypatch):
    make_application()

    def fill(dialog):
        assert isinstance(dialog, NewAccountDialog) and not dialog.role.isEnabled()
        dialog.name.setText("刘主任")
        dialog.password.setText("86429753")
        dialog.again.setText("86429753")
        dialog.save()
        return dialog.result()

    shown = []

    def keep(dialog):  # the recovery code, shown once right after the director's account is made
        shown.append(dialog.code)
        dialog.kept.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewAccountDialog, "exec", fill)
    monkeypatch.setattr(RecoveryCodeDialog, "exec", keep)
    session = ask_who_is_on_duty(fresh_db)
    assert session.name == "刘主任" and session.role == "director"
    assert len(shown) == 1 and keyfile.unlock_with_recovery(keyfile.key_path(fresh_db.path), shown[0])[0] == fresh_db.key
    assert accounts.log_in(fresh_db, "刘主任", "86429753").role == "director"


def test_a_duty_volunteer_is_not_offered_the_directors_tools(qtbot, club, db_path, monkeypatch):
    db, _ = club
    window = MainWindow(db, db_path, session=Session(2, "王秀英", "duty"))
    qtbot.addWidget(window)
    greyed = {a.text() for actions in window.director_actions.values() for a in actions if not a.isEnabled()}
    assert {"从 Excel 导入花名册(&I)…", "导出花名册（含完整身份证号）(&F)…", "账户管理(&C)…", "审计日志(&L)…"} <= greyed
    assert window.restore_action in window.director_actions["restore"] and not window.restore_action.isEnabled()
    assert window.findChild(type(window.duty_label), "onDuty").text() == "值班：王秀英（值班志愿者）"
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.export_roster(True)  # a shortcut reaching the greyed-out action
    assert told == ["只有主任可以查看或导出完整的身份证号。"]
    assert window.roster._actor == "王秀英"

    window.set_session(Session(1, "刘主任", "director"))  # the change of duty
    assert all(a.isEnabled() for actions in window.director_actions.values() for a in actions)
    assert window.roster._actor == window.due._actor == "刘主任" and ui_session.current().name == "刘主任"


def test_a_duty_volunteer_sees_the_id_masked_and_saving_keeps_it(qtbot, club):
    db, zhang = club
    ui_session.set_current(Session(2, "王秀英", "duty"))
    dialog = PersonDialog(db, "王秀英", people.get_person(db, zhang))
    qtbot.addWidget(dialog)
    assert dialog.id_number.text() == "37**************27" and dialog.id_number.isReadOnly()
    dialog.phone.setText("13805461111")
    dialog.save()
    stored = people.get_person(db, zhang)
    assert stored["id_number"] == FULL_ID and stored["phone"] == "13805461111"
    assert list_access(db) == []  # nothing disclosed

    ui_session.set_current(Session(1, "刘主任", "director"))
    dialog = PersonDialog(db, "刘主任", people.get_person(db, zhang))
    qtbot.addWidget(dialog)
    assert dialog.id_number.text() == FULL_ID and not dialog.id_number.isReadOnly()
    assert [(a["actor"], a["action"]) for a in list_access(db)] == [("刘主任", "view_full_id")]


def test_the_director_adds_an_account_and_the_last_director_is_kept(qtbot, club, monkeypatch):
    db, _ = club
    dialog = AccountsDialog(db, Session(1, "刘主任", "director"))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    dialog.table.selectRow(0)
    assert dialog.role_button.text() == "改为值班志愿者"
    dialog.role_button.click()
    assert warned and warned[0].startswith("这是唯一的主任账户")

    def fill(new):
        new.name.setText("李强明")
        new.password.setText("579135")
        new.again.setText("579136")
        new.save()
        assert new._errors["again"].text() == "两次输入的密码不一样。"
        new.again.setText("579135")
        new.save()
        return new.result()

    monkeypatch.setattr(NewAccountDialog, "exec", fill)
    dialog.add_button.click()
    assert dialog.table.rowCount() == 3
    assert accounts.log_in(db, "李强明", "579135").role == "duty"


def test_the_audit_viewer_filters_and_says_when_the_log_was_tampered_with(qtbot, club, db_path):
    db, zhang = club
    viewer = AuditDialog(db)
    qtbot.addWidget(viewer)
    assert viewer.chain.text().startswith("✓")
    viewer.user.setCurrentIndex(viewer.user.findData("刘主任"))
    rows = viewer.model.rows()
    assert rows and {r["actor"] for r in rows} == {"刘主任"}
    assert viewer.model.data(viewer.model.index(0, 3)) == "花名册"
    change = viewer.model.data(viewer.model.index(0, 5))
    assert "姓名：张三丰" in change and "性别：女" in change  # in Chinese words, not column names
    assert "身份证号：37**************27" in change and FULL_ID not in change  # shown masked even here
    viewer.user.setCurrentIndex(0)
    viewer.person.set_person(zhang)
    viewer.refresh()
    assert {r["row_id"] for r in viewer.model.rows()} == {zhang}

    conn = raw(db_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = '别人' WHERE id = 1")
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                 "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    conn.close()
    again = AuditDialog(db)
    qtbot.addWidget(again)
    assert again.chain.text() == "审计日志第 1 条与记录时不一致：日志在程序之外被改动或删除过"


def test_the_audit_viewer_reads_settings_full_id_views_and_corrections_in_chinese(qtbot, club):
    import datetime
    import re

    from app import visits
    from app.db.settings import set_setting

    db, zhang = club
    director = Session(1, "刘主任", "director")
    set_setting(db, "demo", True, actor="刘主任")
    set_setting(db, "club_name", "胜北党员服务社", actor="刘主任")
    people.id_number_for(db, zhang, role="director", actor="刘主任")
    helper = people.add_person(db, {"name": "李志愿", "is_volunteer": True}, actor="刘主任")[0]
    today = datetime.date.today().isoformat()
    visit = visits.log_visit(db, {"person_id": zhang, "kind": "registration", "visit_date": today,
                                  "visitor_ids": [helper]}, actor="刘主任")
    visits.correct_visit(db, visit, {"notes": "家属在场"}, reason="漏记了备注", by=director)
    visits.void_visit(db, visit, reason="记重了", by=director)
    viewer = AuditDialog(db)
    qtbot.addWidget(viewer)
    shown = [viewer.model.data(viewer.model.index(row, column))
             for row in range(viewer.model.rowCount()) for column in range(viewer.model.columnCount())]
    text = "\n".join(str(cell or "") for cell in shown)
    assert "设置项：演示服务社；值：是" in text and "设置项：服务社名称" in text
    assert "操作：查看完整身份证号" in text
    assert "操作：更正" in text and "改为：备注 家属在场" in text and "台账：走访" in text
    assert "操作：作废" in text and "原因：记重了" in text
    english = sorted({w for w in re.findall(r"[A-Za-z]{3,}", text)})
    assert english == [], f"English words in the audit viewer: {english}"
