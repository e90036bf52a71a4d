"""Accounts and roles: each password seals its own copy of the club's key, lock-out after wrong guesses, password
rules, names that cannot pass for another, the recovery code, the last director kept, what a duty volunteer may
not do, and the audit log's filters."""

from __future__ import annotations

import datetime

import pytest

from app import accounts, audit_log, people
from app.accounts import Session
from app.db import audit, keyfile
from app.db.connection import open_database
from app.errors import InvalidRecord, KnownError

NOW = datetime.datetime(2026, 11, 22, 9, 0, 0)


@pytest.fixture
def club(fresh_db):
    director = accounts.create_account(fresh_db, "刘主任", "director", "86429753", actor="安装")
    duty = accounts.create_account(fresh_db, "王秀英", "duty", "135790", actor="刘主任")
    return fresh_db, director, duty


def test_a_password_is_stored_only_as_a_salted_scrypt_hash_and_a_sealed_key(club, db_path):
    db, director, duty = club
    stored = [h for h, in db.execute("SELECT password_hash FROM account ORDER BY id")]
    assert all(h.startswith("scrypt$16384$8$1$") for h in stored)
    assert "86429753" not in stored[0] and "135790" not in stored[1]
    assert accounts.hash_password("1234") != accounts.hash_password("1234")  # salted
    assert accounts.password_matches("135790", stored[1]) and not accounts.password_matches("135791", stored[1])
    assert not accounts.password_matches("1234", "md5$abc")
    assert "135790" not in str(audit.history(db, "account", duty))
    # each password unlocks its own sealed copy of the data key; the key file holds no key in clear
    text = keyfile.key_path(db_path).read_text(encoding="utf-8")
    assert db.key.hex() not in text and '"open"' not in text
    assert keyfile.unlock(db_path, "account:王秀英", "135790") == db.key
    with pytest.raises(keyfile.WrongSecret):
        keyfile.unlock(db_path, "account:王秀英", "135791")


def test_logging_in_gives_a_session_with_the_role(club):
    db, director, duty = club
    session = accounts.log_in(db, "王秀英", "135790", now=NOW)
    assert session == Session(duty, "王秀英", "duty") and session.role_label == "值班志愿者"
    assert not session.can("full_ids") and session.can("log_visit")
    assert accounts.log_in(db, " 刘主任 ", "86429753", now=NOW).can("full_ids")
    with pytest.raises(KnownError) as caught:
        accounts.require(session, "accounts")
    assert str(caught.value) == "只有主任可以管理账户和角色"
    with pytest.raises(KnownError, match="没有这个账户"):
        accounts.log_in(db, "陌生人", "135790", now=NOW)


def test_wrong_passwords_lock_the_account_for_longer_each_time(club, db_path):
    db, _, duty = club
    for attempt in (1, 2):
        with pytest.raises(KnownError) as caught:
            accounts.log_in(db, "王秀英", "0000", now=NOW)
        assert str(caught.value) == f"密码不对（已连续输错 {attempt} 次）"
    with pytest.raises(KnownError) as caught:
        accounts.log_in(db, "王秀英", "0000", now=NOW)
    assert str(caught.value) == "密码不对（已连续输错 3 次），请 15 秒后再试"
    with pytest.raises(KnownError) as caught:  # even the right password waits out the lock
        accounts.log_in(db, "王秀英", "135790", now=NOW + datetime.timedelta(seconds=5))
    assert str(caught.value) == "密码连续输错，请 11 秒后再试"
    later = NOW + datetime.timedelta(seconds=16)
    with pytest.raises(KnownError) as caught:
        accounts.log_in(db, "王秀英", "0000", now=later)
    assert str(caught.value).endswith("请 30 秒后再试")  # doubled
    assert accounts.log_in(db, "王秀英", "135790", now=later + datetime.timedelta(seconds=31)).name == "王秀英"
    assert keyfile.guard(db_path, "account:王秀英") == {}  # counted in the key file: nobody is known yet at start-up


def test_account_rules_and_the_last_director(club):
    db, director, duty = club
    with pytest.raises(InvalidRecord) as caught:
        accounts.create_account(db, " 王秀英 ", "boss", "12", actor="刘主任")
    assert caught.value.errors == {"name": "已经有名为“王秀英”的账户", "role": "请选择角色（主任或值班志愿者）",
                                   "password": "值班志愿者的密码至少 6 位"}
    with pytest.raises(InvalidRecord) as caught:
        accounts.set_role(db, director, "duty", actor="刘主任")
    assert caught.value.errors["role"].startswith("这是唯一的主任账户")
    with pytest.raises(InvalidRecord):
        accounts.set_active(db, director, False, actor="刘主任")
    accounts.set_role(db, duty, "director", actor="刘主任")
    accounts.set_role(db, director, "duty", actor="王秀英")  # now there is another director
    accounts.set_active(db, director, False, actor="王秀英")
    with pytest.raises(KnownError, match="已停用"):
        accounts.log_in(db, "刘主任", "86429753", now=NOW)
    with pytest.raises(KnownError):  # and its sealed copy of the key is gone: the password opens nothing
        keyfile.unlock(db.path, "account:刘主任", "86429753")
    accounts.set_password(db, duty, "97531246", actor="王秀英")
    assert accounts.log_in(db, "王秀英", "97531246", now=NOW).role == "director"
    assert [a["name"] for a in accounts.accounts(db, active_only=True)] == ["王秀英"]


def test_the_audit_log_filters_by_user_table_person_and_date(club):
    db, _, _ = club
    zhang = people.add_person(db, {"name": "张三丰"}, actor="王秀英")[0]
    li = people.add_person(db, {"name": "李四"}, actor="刘主任")[0]
    people.change_status(db, zhang, "moved_away", datetime.date(2026, 11, 1), actor="刘主任")
    rows = audit_log.read(db, actor="刘主任", table="person")
    assert [(r["row_id"], r["action"], r["table_label"]) for r in rows] == [(zhang, "update", "花名册"),
                                                                            (li, "insert", "花名册")]
    assert {r["row_id"] for r in audit_log.read(db, person_id=zhang)} == {zhang}
    today = datetime.date.today()
    assert audit_log.read(db, start=today.isoformat(), end=today.isoformat())
    assert audit_log.read(db, end=(today - datetime.timedelta(days=1)).isoformat()) == []
    assert {"刘主任", "王秀英", "安装"} <= set(audit_log.audit_actors(db))


def test_the_command_line_lists_adds_sets_passwords_and_recovers_a_forgotten_one(club, db_path, capsys):
    import json

    from clubfile import cli_main as main

    db, director, _ = club
    code = accounts.make_recovery_code(db, Session(director, "刘主任", "director"))
    db.close()
    as_director = {"user": "刘主任", "password": "86429753"}
    assert main(["accounts", "--db", db_path, "--set-password", "王秀英"], **as_director, then=["24681357"]) == 0
    assert capsys.readouterr().out == "已给 王秀英 设了新密码，锁定已解除\n"
    assert main(["accounts", "--db", db_path, "--add", "李强明"], **as_director, then=["13"]) == 1
    assert capsys.readouterr().err == "错误：值班志愿者的密码至少 6 位\n"
    assert main(["accounts", "--db", db_path, "--add", "李强明", "--role", "duty"], **as_director, then=["975313"]) == 0
    capsys.readouterr()
    assert main(["accounts", "--db", db_path, "--json"], **as_director) == 0
    assert json.loads(capsys.readouterr().out) == [{"name": "刘主任", "role": "director", "active": True},
                                                   {"name": "王秀英", "role": "duty", "active": True},
                                                   {"name": "李强明", "role": "duty", "active": True}]
    assert main(["accounts", "--db", db_path, "--set-password", "无名氏"], **as_director, then=["24681357"]) == 1
    assert "没有名为“无名氏”的账户" in capsys.readouterr().err
    # a duty volunteer may not touch accounts
    assert main(["accounts", "--db", db_path, "--add", "冒名", "--role", "director"], user="王秀英",
                password="24681357", then=["86429753"]) == 1
    assert capsys.readouterr().err == "错误：只有主任可以管理账户和角色\n"
    # the director forgot the password: the recovery code (no log-in) sets a new one
    keyfile.forget(db_path)
    assert main(["accounts", "--db", db_path, "--recover", "刘主任"], then=[code.lower().replace("-", " "), "86420975"]) == 0
    assert "已用恢复码给 刘主任 设了新密码" in capsys.readouterr().out
    assert main(["accounts", "--db", db_path, "--recover", "刘主任"], then=["0000-0000-0000-0000-0000-0000", "x"]) == 1
    assert "恢复码不对" in capsys.readouterr().err
    db, session = accounts.unlock(db_path, "刘主任", "86420975")
    assert session.role == "director"
    db.close()


def test_password_rules_an_elderly_volunteer_can_live_with():
    problem = accounts.password_problem
    assert problem("358024", "duty") is None and problem("35802468", "director") is None
    assert "至少 8 位" in problem("358024", "director")
    for weak in ("888888", "123456", "654321", "890123", "abcdef", "123123", "1qaz2wsx"):
        assert problem(weak, "duty") is not None, weak
    assert "名字" in problem("wangxiuying1", "duty", name="wangxiuying")
    assert problem("1234", "director", practice=True) is None  # the practice club keeps its printed 1234


def test_a_name_with_an_invisible_character_or_a_look_alike_cannot_pass_for_another(club):
    db, _, _ = club
    with pytest.raises(InvalidRecord) as caught:
        accounts.create_account(db, "刘\u200b主任", "director", "86429753x", actor="刘主任")
    assert caught.value.errors["name"] == "已经有名为“刘主任”的账户"
    accounts.create_account(db, "Admin", "duty", "975319", actor="刘主任")
    with pytest.raises(InvalidRecord) as caught:
        accounts.create_account(db, "Аdmin", "duty", "975319", actor="刘主任")  # a Cyrillic А
    assert "看起来和已有的账户“Admin”一样" in caught.value.errors["name"]
    with pytest.raises(InvalidRecord):
        accounts.create_account(db, "ＡＤＭＩＮ", "duty", "975319", actor="刘主任")  # full-width letters


def test_at_start_up_a_password_opens_the_encrypted_file(club, db_path):
    db, _, duty = club
    db.close()
    keyfile.forget(db_path)
    assert [(r["name"], r["role"]) for r in accounts.log_in_names(db_path)] == [("刘主任", "director"),
                                                                                ("王秀英", "duty")]
    with pytest.raises(KnownError, match="密码不对"):
        accounts.unlock(db_path, "王秀英", "000000")
    with pytest.raises(Exception):
        open_database(db_path)  # nobody has unlocked it in this process
    db, session = accounts.unlock(db_path, "王秀英", "135790")
    assert session == Session(duty, "王秀英", "duty")
    db.close()
