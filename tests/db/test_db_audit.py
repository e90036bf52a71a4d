"""The audit log: every write leaves a row saying who changed what from what to what, and nothing erases it."""

from __future__ import annotations

import json
from app.db.connection import driver as sqlite3

import pytest

from app.db import audit
from app.db.people import get_person, insert_person, set_status, update_person
from app.db.settings import get_setting, set_setting
from app.errors import InvalidRecord
from app.people import clean_person

ACTOR = "王秀英"
ZHANG = {"name": "张三丰", "id_number": "370502194503121237", "phone": "13805461111", "building": "12号楼"}


def audit_rows(db, table: str | None = None) -> list[dict]:
    where, params = ("WHERE table_name = ?", [table]) if table else ("", [])
    return [
        {**row, "before": json.loads(row["before"] or "null"), "after": json.loads(row["after"] or "null")}
        for row in db.query(f"SELECT * FROM audit_log {where} ORDER BY id", params)
    ]


def add(db, raw=ZHANG) -> int:
    return insert_person(db, clean_person(raw).values, actor=ACTOR)


def test_inserting_a_person_leaves_one_audit_row(fresh_db):
    person_id = add(fresh_db)
    [row] = audit_rows(fresh_db)
    assert (row["action"], row["actor"], row["table_name"], row["row_id"]) == ("insert", ACTOR, "person", person_id)
    assert row["before"] is None
    assert row["after"]["name"] == "张三丰"
    assert row["after"]["id_number"] == "370502194503121237"
    assert "张三丰" in fresh_db.execute("SELECT after FROM audit_log").fetchone()[0]  # stored readable, not \u escapes


def test_an_update_records_only_the_columns_that_changed(fresh_db):
    person_id = add(fresh_db)
    update_person(fresh_db, person_id, clean_person({**ZHANG, "phone": "13905462222"}).values, actor="李建国")

    row = audit_rows(fresh_db)[-1]
    assert (row["action"], row["actor"], row["row_id"]) == ("update", "李建国", person_id)
    # updated_at moves with every real change (unless it lands in the same second as the insert)
    assert set(row["after"]) - {"updated_at"} == {"phone"}
    assert set(row["before"]) == set(row["after"])
    assert (row["before"]["phone"], row["after"]["phone"]) == ("13805461111", "13905462222")
    assert get_person(fresh_db, person_id)["phone"] == "13905462222"


def test_renaming_records_the_new_search_keys(fresh_db):
    person_id = add(fresh_db)
    changed = update_person(fresh_db, person_id, clean_person({**ZHANG, "name": "曾国藩"}).values, actor=ACTOR)
    assert changed["name"] == "曾国藩"
    row = audit_rows(fresh_db)[-1]
    assert (row["before"]["name"], row["after"]["name"]) == ("张三丰", "曾国藩")
    assert "zgf" in row["after"]["search_text"]
    assert get_person(fresh_db, person_id)["search_text"].endswith("zgf")


def test_saving_an_unchanged_record_writes_no_audit_row(fresh_db):
    person_id = add(fresh_db)
    before = get_person(fresh_db, person_id)
    assert update_person(fresh_db, person_id, clean_person(ZHANG).values, actor=ACTOR) == {}
    assert len(audit_rows(fresh_db)) == 1
    assert get_person(fresh_db, person_id) == before


def test_a_status_change_is_audited(fresh_db):
    person_id = add(fresh_db)
    set_status(fresh_db, person_id, "deceased", "2025-03-01", actor=ACTOR)

    person = get_person(fresh_db, person_id)
    assert (person["status"], person["status_date"]) == ("deceased", "2025-03-01")
    row = audit_rows(fresh_db)[-1]
    assert row["action"] == "update"
    assert (row["before"]["status"], row["after"]["status"]) == ("active", "deceased")
    assert (row["before"]["status_date"], row["after"]["status_date"]) == (None, "2025-03-01")

    set_status(fresh_db, person_id, "active", "2025-06-01", actor=ACTOR)
    person = get_person(fresh_db, person_id)
    assert (person["status"], person["status_date"]) == ("active", None)
    assert [r["action"] for r in audit.history(fresh_db, "person", person_id)] == ["insert", "update", "update"]


def test_people_cannot_be_deleted(fresh_db):
    person_id = add(fresh_db)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        fresh_db.execute("DELETE FROM person")
    assert get_person(fresh_db, person_id)["name"] == "张三丰"


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET actor = '某人'", "DELETE FROM audit_log"])
def test_the_audit_log_cannot_be_rewritten(fresh_db, statement):
    add(fresh_db)
    rows = audit_rows(fresh_db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        fresh_db.execute(statement)
    assert audit_rows(fresh_db) == rows


def test_settings_are_audited_and_keep_chinese_text(fresh_db):
    set_setting(fresh_db, "club_name", "胜利油田第一党员服务社", actor=ACTOR)
    set_setting(fresh_db, "club_name", "胜利油田第二党员服务社", actor="李建国")
    set_setting(fresh_db, "club_name", "胜利油田第二党员服务社", actor="李建国")  # unchanged: no row

    assert get_setting(fresh_db, "club_name") == "胜利油田第二党员服务社"
    assert get_setting(fresh_db, "missing", "默认") == "默认"
    rows = audit_rows(fresh_db, "setting")
    assert [(r["action"], r["actor"]) for r in rows] == [("insert", ACTOR), ("update", "李建国")]
    assert json.loads(rows[0]["after"]["value"]) == "胜利油田第一党员服务社"
    assert [json.loads(rows[1][k]["value"]) for k in ("before", "after")] == ["胜利油田第一党员服务社",
                                                                           "胜利油田第二党员服务社"]


def test_a_failed_write_leaves_no_audit_row(fresh_db):
    add(fresh_db)
    with pytest.raises(InvalidRecord):
        add(fresh_db, {**ZHANG, "name": "张三"})  # same ID number: refused
    assert len(audit_rows(fresh_db)) == 1


def test_a_photo_is_logged_by_size_and_digest_not_its_bytes(fresh_db):
    db = fresh_db
    photo = b"\x89PNG\r\n" + bytes(range(256)) * 40
    row_id = audit.insert(db, "bulletin_item", {"month": "2026-11", "title": "好人好事", "photo": photo,
                                                "created_at": "2026-11-20T09:00:00"}, actor=ACTOR)
    logged = audit_rows(db, "bulletin_item")[-1]
    assert logged["row_id"] == row_id
    assert logged["after"]["photo"].startswith(f"<{len(photo)} bytes sha256:")
    assert len(logged["after"]["photo"]) < 64
    assert db.execute("SELECT photo FROM bulletin_item WHERE id = ?", [row_id]).fetchone()[0] == photo


def _tamper(db, statement: str, params=()) -> None:
    """What someone with the file and a SQLite tool could do: drop the guard, change the log, put it back."""
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute(statement, params)


def test_the_audit_log_is_a_hash_chain_that_check_verifies(fresh_db):
    db = fresh_db
    person_id = add(db)
    update_person(db, person_id, clean_person({**ZHANG, "phone": "13805462222"}).values, actor=ACTOR)
    set_setting(db, "club_name", "幸福里服务社", actor=ACTOR)
    hashes = [h for h, in db.execute("SELECT hash FROM audit_log ORDER BY id")]
    # keyed links (an HMAC under the club's key): nobody without the key can recompute them
    assert len(hashes) == 3 and all(h.startswith("k1:") and len(h) == 67 for h in hashes) and len(set(hashes)) == 3
    assert audit.chain_problems(db) == []


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = '别人' WHERE id = 2",
    "UPDATE audit_log SET after = replace(after, '13805462222', '13900000000') WHERE id = 2",
    "DELETE FROM audit_log WHERE id = 2",
])
def test_a_changed_or_removed_row_breaks_the_chain_and_is_named(fresh_db, statement):
    db = fresh_db
    person_id = add(db)
    update_person(db, person_id, clean_person({**ZHANG, "phone": "13805462222"}).values, actor=ACTOR)
    set_setting(db, "club_name", "幸福里服务社", actor=ACTOR)
    _tamper(db, statement)
    problems = audit.chain_problems(db)
    assert len(problems) == 1 and problems[0].startswith("审计日志第 ") and "改动" in problems[0]


def test_secrets_are_never_copied_into_the_log(fresh_db):
    db = fresh_db
    account = audit.insert(db, "account", {"name": "刘主任", "role": "director", "password_hash": "scrypt$secret",
                                           "created_at": "2026-11-22T09:00:00"}, actor=ACTOR)
    audit.update(db, "account", account, {"password_hash": "scrypt$other"}, actor=ACTOR)
    logged = audit_rows(db, "account")
    assert [r["after"]["password_hash"] for r in logged] == ["<不记录>", "<不记录>"]
    assert logged[1]["before"]["password_hash"] == "<不记录>"
    assert "secret" not in json.dumps([r["after"] for r in logged])
