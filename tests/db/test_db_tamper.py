"""Tampering is caught: what someone with the file, its key and a SQLite tool could change behind the app's back,
each found by ``check`` (``audit.tamper_problems``): audit rows changed, deleted or inserted anywhere including the
newest, an emptied chain, a recomputed chain, a register row changed with no audit row, and dropped or added
triggers, views, tables or changed column definitions (the schema compared with what the migrations make)."""

from __future__ import annotations

import hashlib

import pytest

from app import people
from app.db import audit, keyfile
from app.db.connection import SchemaChanged, open_database
from app.db.settings import set_setting
from clubfile import raw

ACTOR = "刘主任"


@pytest.fixture
def club(db_path):
    db = open_database(db_path)
    for name in ("张三丰", "李四", "王五"):
        people.add_person(db, {"name": name, "building": "3", "phone": "13805461111"}, actor=ACTOR)
    set_setting(db, "club_name", "幸福里服务社", actor=ACTOR)
    assert audit.tamper_problems(db) == []
    db.close()
    return db_path


def attack(path, *statements, params=()):
    """Open the file bare (with the key: the worst case, an insider) and run the statements, triggers dropped."""
    conn = raw(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for statement in statements:
        conn.execute(statement, params)
    conn.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    conn.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    conn.close()


def findings(path) -> list[str]:
    db = open_database(path, check_schema=False, migrate=False)
    try:
        return audit.tamper_problems(db)
    finally:
        db.close()


@pytest.mark.parametrize("statement, words", [
    ("UPDATE audit_log SET actor = '别人' WHERE id = 2", "第 2 条"),
    ("DELETE FROM audit_log WHERE id = 2", "第 3 条"),
    ("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", "末尾"),  # the newest row
    ("DELETE FROM audit_log WHERE id >= 3", "末尾"),  # a cut tail
    ("INSERT INTO audit_log (id, at, actor, action, table_name, row_id, before, after, hash) "
     "SELECT 99, at, actor, action, table_name, row_id, before, after, hash FROM audit_log WHERE id = 1", "第 99 条"),
    ("UPDATE audit_log SET hash = NULL", "校验值"),  # an emptied chain
])
def test_a_changed_deleted_inserted_or_emptied_audit_log_is_found(club, statement, words):
    attack(club, statement)
    problems = findings(club)
    assert problems and any(words in p for p in problems), problems


def test_an_emptied_chain_then_edited_rows_are_found(club):
    attack(club, "UPDATE audit_log SET hash = NULL",
           "UPDATE audit_log SET after = replace(after, '13805461111', '13900000000')")
    assert findings(club)


def test_a_chain_recomputed_without_the_key_is_found(club):
    """Plain SHA-256 links, as the old chain was made, recomputed over a changed log: the keyed links are gone."""
    conn = raw(club)
    rows = conn.execute("SELECT id, at, actor, action, table_name, row_id, before, after FROM audit_log "
                        "ORDER BY id").fetchall()
    conn.close()
    previous = hashlib.sha256(b"").hexdigest()
    statements = []
    for row in rows:
        fields = list(row)
        if fields[0] == 2:
            fields[2] = "别人"
        line = "\x1f".join("" if f is None else str(f) for f in fields).encode()
        previous = hashlib.sha256(previous.encode() + b"\n" + line).hexdigest()
        statements.append(f"UPDATE audit_log SET actor = '{fields[2]}', hash = '{previous}' WHERE id = {fields[0]}")
    attack(club, *statements)
    assert any("钥匙校验值" in p for p in findings(club))


def test_a_register_row_changed_with_no_audit_row_is_found(club):
    conn = raw(club)
    conn.execute("UPDATE person SET phone = '13999999999' WHERE name = '李四'")
    conn.close()
    problems = findings(club)
    assert any("person 第 2 行的 phone 与审计记录不一致" in p for p in problems), problems


def test_a_register_row_added_or_removed_with_no_audit_row_is_found(club):
    conn = raw(club)
    conn.execute("INSERT INTO person (name, created_at, updated_at) VALUES ('冒名', '2026', '2026')")
    conn.execute("DROP TRIGGER person_no_delete")
    conn.execute("DELETE FROM person WHERE name = '王五'")
    conn.close()
    problems = findings(club)
    assert any("person 第 4 行没有审计记录" in p for p in problems), problems
    assert any("person 第 3 行不见了" in p for p in problems), problems


@pytest.mark.parametrize("statement, words", [
    ("DROP TRIGGER person_no_delete", "缺少触发器 person_no_delete"),
    ("CREATE TRIGGER copy_id AFTER UPDATE ON person BEGIN UPDATE person SET notes = new.id_number "
     "WHERE id = new.id; END", "多出了触发器 copy_id"),
    ("CREATE VIEW everyone AS SELECT name, id_number FROM person", "多出了视图 everyone"),
    ("CREATE TABLE stolen (x)", "多出了表 stolen"),
    ("DROP INDEX person_roster", "缺少索引 person_roster"),
])
def test_added_or_dropped_triggers_views_and_tables_are_found_and_the_file_refused(club, statement, words):
    conn = raw(club)
    conn.execute(statement)
    conn.close()
    assert any(words in p for p in findings(club)), findings(club)
    with pytest.raises(SchemaChanged, match="结构在程序之外被改动过"):
        open_database(club)


def test_a_changed_column_definition_is_found(club):
    """CHECK constraints removed by rewriting the table's definition (PRAGMA writable_schema)."""
    conn = raw(club)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    loose = sql.replace("CHECK (status IN ('active', 'moved_away', 'deceased'))", "")
    assert loose != sql
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'person'", [loose])
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    assert any("表 person 的定义被改动过" in p for p in findings(club))


def test_the_newest_link_is_anchored_in_the_key_file(club):
    db = open_database(club)
    newest = audit.newest_link(db)
    db.close()
    assert keyfile.anchor(club, keyfile.known(club)) == newest
    code = audit.check_code(newest)
    assert code.startswith(f"{newest['id']}-") and len(code) == len(f"{newest['id']}-XXXX-XXXX")


def test_a_key_file_changed_without_the_key_is_found(club):
    path = keyfile.key_path(club)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"anchor"', '"anchor_"'), encoding="utf-8")
    assert any("钥匙文件" in p and "改动" in p for p in findings(club))


def test_the_monthly_bulletin_prints_the_audit_check_code(demo_db, tmp_path):
    """The 审计校验码 on paper: the newest link when the bulletin was made; a later write gives another code."""
    import datetime
    import re

    import pypdfium2

    from app.reports.bulletin import save_bulletin

    month = datetime.date.today().strftime("%Y-%m")
    save_bulletin(demo_db, month, tmp_path / "b.pdf")
    pdf = pypdfium2.PdfDocument(str(tmp_path / "b.pdf"))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    code = audit.check_code(audit.newest_link(demo_db))
    assert f"审计校验码：{code}" in re.sub(r"\s+", "", text).replace("审计校验码:", "审计校验码：")
    people.add_person(demo_db, {"name": "后来的人"}, actor=ACTOR)
    assert audit.check_code(audit.newest_link(demo_db)) != code


@pytest.mark.parametrize("statement, words", [
    ("UPDATE audit_log SET actor = '别人' WHERE id = 600", "审计日志第 600 条"),  # a link in the middle of a chunk
    ("UPDATE audit_log SET after = replace(after, '1380546', '1390546') WHERE id = 1004", "审计日志第 1004 条"),
    ("UPDATE person SET building = '99' WHERE id = 700", "person 第 700 行的 building"),
])
def test_an_import_in_chunks_keeps_one_chain_and_every_row_it_stored_is_guarded(club, tmp_path, statement, words):
    """An import stores its people 500 at a time, their audit links made in one pass per chunk: ``check`` finds
    the chain whole after it, and a changed link or person row anywhere in it."""
    import openpyxl

    from app.roster_import import run_import

    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "住址", "联系电话"])
    for number in range(1100):
        workbook.active.append([f"张{number}", f"{number % 30 + 1}号楼", f"1380546{number:04d}"])
    workbook.save(tmp_path / "roster.xlsx")
    db = open_database(club)
    try:
        assert run_import(db, tmp_path / "roster.xlsx", actor=ACTOR).imported == 1100
    finally:
        db.close()
    assert findings(club) == []
    attack(club, statement)
    assert any(words in problem for problem in findings(club)), findings(club)
