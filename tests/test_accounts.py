"""Accounts and roles: passwords stored only as salted scrypt hashes, lock-out after wrong guesses, the last
director kept, what a duty volunteer may not do, and the audit log's filters."""

from __future__ import annotations

import datetime

import pytest

from app import accounts, people
from app.accounts import Session
from app.db import audit
from app.errors import InvalidRecord, KnownError

NOW = datetime.datetime(2026, 11, 22, 9, 0, 0)


@pytest.fixture
def club(fresh_db):
    director = accounts.create_account(fresh_db, "刘主任", "director", "8642", actor="安装")
    duty = accounts.create_account(fresh_db, "王秀英", "duty", "1234", actor="刘主任")
    return fresh_db, director, duty


def test_a_password_is_stored_only_as_a_salted_scrypt_hash(club):
    db, director, duty = club
    stored = [h for h, in db.execute("SELECT password_hash FROM account ORDER BY id")]
    assert all(h.startswith("scrypt$16384$8$1$") for h in stored)
    assert "8642" not in stored[0] and "1234" not in stored[1]
    assert accounts.hash_password("1234") != accounts.hash_password("1234")  # salted
    assert accounts.password_matches("1234", stored[1]) and not accounts.password_matches("1235", stored[1])
    assert not accounts.password_matches("1234", "md5$abc")
    assert "1234" not in str(audit.history(db, "account", duty))


def test_logging_in_gives_a_session_with_the_role(club):
    db, director, duty = club
    session = accounts.log_in(db, "王秀英", "1234", now=NOW)
    assert session == Session(duty, "王秀英", "duty") and session.role_label == "值班志愿者"
    assert not session.can("full_ids") and session.can("log_visit")
    assert accounts.log_in(db, " 刘主任 ", "8642", now=NOW).can("full_ids")
    with pytest.raises(KnownError) as caught:
        accounts.require(session, "accounts")
    assert str(caught.value) == "只有主任可以管理账户和角色"
    with pytest.raises(KnownError, match="没有这个账户"):
        accounts.log_in(db, "陌生人", "1234", now=NOW)


def test_wrong_passwords_lock_the_account_for_longer_each_time(club):
    db, _, duty = club
    for attempt in (1, 2):
        with pytest.raises(KnownError) as caught:
            accounts.log_in(db, "王秀英", "0000", now=NOW)
        assert str(caught.value) == f"密码不对（已连续输错 {attempt} 次）"
    with pytest.raises(KnownError) as caught:
        accounts.log_in(db, "王秀英", "0000", now=NOW)
    assert str(caught.value) == "密码不对（已连续输错 3 次），请 15 秒后再试"
    with pytest.raises(KnownError) as caught:  # even the right password waits out the lock
        accounts.log_in(db, "王秀英", "1234", now=NOW + datetime.timedelta(seconds=5))
    assert str(caught.value) == "密码连续输错，请 11 秒后再试"
    later = NOW + datetime.timedelta(seconds=16)
    with pytest.raises(KnownError) as caught:
        accounts.log_in(db, "王秀英", "0000", now=later)
    assert str(caught.value).endswith("请 30 秒后再试")  # doubled
    assert accounts.log_in(db, "王秀英", "1234", now=later + datetime.timedelta(seconds=31)).name == "王秀英"
    assert db.execute("SELECT failed_attempts, locked_until FROM account WHERE id = ?", [duty]).fetchone() == (0, None)


def test_account_rules_and_the_last_director(club):
    db, director, duty = club
    with pytest.raises(InvalidRecord) as caught:
        accounts.create_account(db, " 王秀英 ", "boss", "12", actor="刘主任")
    assert caught.value.errors == {"name": "已经有名为“王秀英”的账户", "role": "请选择角色（主任或值班志愿者）",
                                   "password": "密码至少 4 位"}
    with pytest.raises(InvalidRecord) as caught:
        accounts.set_role(db, director, "duty", actor="刘主任")
    assert caught.value.errors["role"].startswith("这是唯一的主任账户")
    with pytest.raises(InvalidRecord):
        accounts.set_active(db, director, False, actor="刘主任")
    accounts.set_role(db, duty, "director", actor="刘主任")
    accounts.set_role(db, director, "duty", actor="王秀英")  # now there is another director
    accounts.set_active(db, director, False, actor="王秀英")
    with pytest.raises(KnownError, match="已停用"):
        accounts.log_in(db, "刘主任", "8642", now=NOW)
    accounts.set_password(db, duty, "9999", actor="王秀英")
    assert accounts.log_in(db, "王秀英", "9999", now=NOW).role == "director"
    assert [a["name"] for a in accounts.accounts(db, active_only=True)] == ["王秀英"]


def test_the_audit_log_filters_by_user_table_person_and_date(club):
    db, _, _ = club
    zhang = people.add_person(db, {"name": "张三丰"}, actor="王秀英")[0]
    li = people.add_person(db, {"name": "李四"}, actor="刘主任")[0]
    people.change_status(db, zhang, "moved_away", datetime.date(2026, 11, 1), actor="刘主任")
    rows = accounts.audit_log(db, actor="刘主任", table="person")
    assert [(r["row_id"], r["action"], r["table_label"]) for r in rows] == [(zhang, "update", "花名册"),
                                                                            (li, "insert", "花名册")]
    assert {r["row_id"] for r in accounts.audit_log(db, person_id=zhang)} == {zhang}
    today = datetime.date.today()
    assert accounts.audit_log(db, start=today.isoformat(), end=today.isoformat())
    assert accounts.audit_log(db, end=(today - datetime.timedelta(days=1)).isoformat()) == []
    assert {"刘主任", "王秀英", "安装"} <= set(accounts.audit_actors(db))


def test_the_command_line_lists_adds_and_resets_a_forgotten_password(club, db_path, capsys, monkeypatch):
    import io
    import json

    from app.cli import main

    db, director, _ = club
    for _ in range(3):  # the director forgot the password and is locked out
        with pytest.raises(KnownError):
            accounts.log_in(db, "刘主任", "0000")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["accounts", "--db", str(db_path), "--set-password", "刘主任"]) == 0
    assert capsys.readouterr().out == "已给 刘主任 设了新密码，锁定已解除\n"
    assert accounts.log_in(db, "刘主任", "2468").role == "director"
    monkeypatch.setattr("sys.stdin", io.StringIO("13\n"))
    assert main(["accounts", "--db", str(db_path), "--add", "李强明"]) == 1
    assert capsys.readouterr().err == "错误：密码至少 4 位\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main(["accounts", "--db", str(db_path), "--add", "李强明", "--role", "duty"]) == 0
    capsys.readouterr()
    assert main(["accounts", "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "刘主任", "role": "director", "active": True},
                                                   {"name": "王秀英", "role": "duty", "active": True},
                                                   {"name": "李强明", "role": "duty", "active": True}]
    assert main(["accounts", "--db", str(db_path), "--set-password", "无名氏"]) == 1
    assert "没有名为“无名氏”的账户" in capsys.readouterr().err
