"""Opening a club file: a new file gets the latest schema, old files are upgraded keeping their data, and
files this version must not touch (newer, foreign, not a database) are refused and left as they were."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.db import audit, migrations
from app.db.connection import APPLICATION_ID, driver, is_plain, open_database
from clubfile import raw
from app.people import search_people
from app.db.settings import get_setting, set_setting
from app.errors import DatabaseError
from app.people import RosterFilter

DATA = Path(__file__).resolve().parent.parent / "data"
SCHEMA_FIXTURES = sorted(DATA.glob("schema_v*.sqlite"), key=lambda p: int(re.search(r"\d+", p.stem).group()))


def pragma(path: Path, name: str, *, readonly: bool = False):
    # readonly for the committed fixture files: never creates or changes them
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if readonly else raw(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def schema_of(path: Path) -> list[tuple]:
    conn = raw(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def make_sqlite(path: Path, *statements: str) -> Path:
    """A plain SQLite file in the default (rollback journal) mode, as another program would leave it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path


def open_or_refuse(path: Path) -> str | None:
    """The message the file is refused with, or None (and the file closed again) when it opened."""
    try:
        db = open_database(path)
    except DatabaseError as exc:
        return str(exc)
    db.close()
    return None


def refusal(path: Path) -> str:
    message = open_or_refuse(path)
    assert message is not None, f"{path.name} was opened instead of refused"
    return message


# ---------------------------------------------------------------- a new file


@pytest.mark.parametrize("existing", [False, True], ids=["missing file", "empty file"])
def test_a_new_file_gets_the_latest_schema(tmp_path, existing):
    path = tmp_path / "sub" / "club.sqlite"
    if existing:
        path.parent.mkdir()
        path.touch()
    db = open_database(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"setting", "audit_log", "person"} <= set(db.table_names())
    finally:
        db.close()


def test_opening_twice_changes_nothing(db_path):
    open_database(db_path).close()
    schema, version = schema_of(db_path), pragma(db_path, "user_version")
    db = open_database(db_path)
    try:
        assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    finally:
        db.close()
    assert schema_of(db_path) == schema
    assert pragma(db_path, "user_version") == version == migrations.latest_version()


# ---------------------------------------------------------------- files of earlier releases


def test_every_released_schema_has_a_fixture_file():
    """One tests/data/schema_vN.sqlite per released schema: add one with each new migration."""
    versions = [int(re.search(r"\d+", p.stem).group()) for p in SCHEMA_FIXTURES]
    assert versions == list(range(1, migrations.latest_version() + 1))
    for path, version in zip(SCHEMA_FIXTURES, versions):
        assert pragma(path, "user_version", readonly=True) == version
        assert pragma(path, "journal_mode", readonly=True) == "delete"


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.name)
def test_an_old_file_is_upgraded_keeping_its_data(tmp_path, fixture):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    settings = conn.execute("SELECT key, value FROM setting ORDER BY key").fetchall()
    audit_columns = "id, at, actor, action, table_name, row_id, before, after"
    audit_rows = conn.execute(f"SELECT {audit_columns} FROM audit_log ORDER BY id").fetchall()
    people = conn.execute("SELECT name FROM person").fetchall() if "person" in tables else []
    conn.close()

    db = open_database(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
        assert db.execute("SELECT key, value FROM setting ORDER BY key").fetchall() == settings
        assert db.execute(f"SELECT {audit_columns} FROM audit_log ORDER BY id").fetchall() == audit_rows
        assert get_setting(db, "club_name") == "老库服务社"
        # the history from before the chain is folded into its first link: the log checks out after a write
        set_setting(db, "club_name", "新库服务社", actor="测试")
        assert audit.chain_problems(db) == []
        # encrypted on this first open: the plain text is gone from the file, and every check still passes
        assert not is_plain(path) and "老库服务社".encode() not in path.read_bytes()
        assert audit.tamper_problems(db) == []
        for (name,) in people:
            assert [p["name"] for p in search_people(db, RosterFilter(text=name, full_ids=True))] == [name]
    finally:
        db.close()


def test_the_people_of_a_version_2_file_are_found_after_the_upgrade(tmp_path):
    path = tmp_path / "v2.sqlite"
    shutil.copy(DATA / "schema_v2.sqlite", path)
    db = open_database(path)
    try:
        found = {q: [p["name"] for p in search_people(db, RosterFilter(text=q, full_ids=True))]
                 for q in ("zsf", "zgf", "cgf", "oxh", "1237", "12号楼")}
    finally:
        db.close()
    assert found == {"zsf": ["张三丰"], "zgf": ["曾国藩"], "cgf": ["曾国藩"], "oxh": ["区小红"],
                     "1237": ["张三丰"], "12号楼": ["张三丰"]}


# ---------------------------------------------------------------- files that must not be touched


def newer_file(tmp_path: Path) -> Path:
    return make_sqlite(tmp_path / "newer.sqlite", "CREATE TABLE future (x)",
                       f"PRAGMA application_id = {APPLICATION_ID}",
                       f"PRAGMA user_version = {migrations.latest_version() + 1}")


def foreign_file(tmp_path: Path, user_version: int = 0) -> Path:
    return make_sqlite(tmp_path / "notes.sqlite", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                       "INSERT INTO notes (body) VALUES ('别的程序的数据')", f"PRAGMA user_version = {user_version}")


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    message = refusal(newer_file(tmp_path))
    assert "更新版本" in message and "未做任何改动" in message
    assert pragma(tmp_path / "newer.sqlite", "user_version") == migrations.latest_version() + 1


def test_a_file_from_a_newer_version_is_left_byte_for_byte_unchanged(tmp_path):
    path = newer_file(tmp_path)
    before = path.read_bytes()
    refusal(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = foreign_file(tmp_path)
    assert "不是服务社工作台的数据库" in refusal(path)
    assert schema_of(path)[0][1] == "notes" and len(schema_of(path)) == 1


def test_another_programs_sqlite_file_is_left_byte_for_byte_unchanged(tmp_path):
    path = foreign_file(tmp_path)
    before = path.read_bytes()
    refusal(path)
    assert path.read_bytes() == before


def test_another_programs_file_with_a_user_version_is_refused(tmp_path):
    path = foreign_file(tmp_path, user_version=1)
    schema = schema_of(path)
    message = open_or_refuse(path)
    assert schema_of(path) == schema
    assert message is not None and "不是服务社工作台的数据库" in message


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "名单.sqlite"
    path.write_text("姓名,电话\n张三丰,13805461111\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    assert "不是数据库" in refusal(path)
    assert path.read_bytes() == before


# ---------------------------------------------------------------- a step that fails


def test_a_step_that_fails_half_way_leaves_the_file_as_it_was(db_path, monkeypatch):
    open_database(db_path).close()
    schema, version = schema_of(db_path), pragma(db_path, "user_version")
    broken = ["CREATE TABLE half_made (id INTEGER PRIMARY KEY, person_id INTEGER)", "CREATE TABLE oops ("]
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])

    with pytest.raises((driver.Error, DatabaseError)):
        open_database(db_path)

    assert pragma(db_path, "user_version") == version
    assert schema_of(db_path) == schema
    assert "half_made" not in {row[1] for row in schema_of(db_path)}


def test_migrate_stops_at_the_target_version(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "v1.sqlite", isolation_level=None))
    try:
        assert migrations.migrate(db, APPLICATION_ID, target=1) == 1
        assert set(db.table_names()) == {"setting", "audit_log"}
        assert migrations.migrate(db, APPLICATION_ID) == migrations.latest_version()
        assert "person" in db.table_names()
    finally:
        db.close()


def test_a_club_file_commits_durably_in_write_ahead_log_mode(fresh_db):
    """A committed visit survives a power cut, not only a crash of the app (the tests' temporary files may live in
    memory; the setting is the same)."""
    assert fresh_db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_version_10_file_gets_births_known_by_year_and_month(tmp_path):
    """Step 11: everyone already on the roster keeps a full birth date; a birth can now be kept as 1950年3月."""
    from app import people as rules

    path = tmp_path / "v10.sqlite"
    shutil.copy(DATA / "schema_v10.sqlite", path)
    db = open_database(path)
    try:
        assert {row["birth_month_only"] for row in db.query("SELECT birth_month_only FROM person")} == {0}
        person_id, _ = rules.add_person(db, {"name": "刘淑珍", "birth_date": "1944年11月"}, actor="测试")
        assert rules.birth_text(rules.get_person(db, person_id)) == "1944年11月"
    finally:
        db.close()


# ---------------------------------------------------------------- step 13: corrections


def test_corrections_arrive_with_every_entry_valid_and_the_old_file_correctable(tmp_path):
    """A file from before corrections: its entries are valid, a removed good-news item is void, its hours keep their
    one credit each, and a visit can be voided at once (its credited hour reversed on the visit's own date)."""
    from app import timebank, visits
    from app.accounts import Session

    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v10.sqlite", path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE bulletin_item SET removed_at = '2026-11-21T09:00:00'")  # taken out before the upgrade
    conn.close()
    db = open_database(path)
    try:
        for table in ("visit", "must_report", "meeting", "activity", "feedback", "rota_swap"):
            assert {row[0] for row in db.execute(f"SELECT state FROM {table}")} <= {"valid"}
        assert db.execute("SELECT state FROM bulletin_item").fetchone()[0] == "void"
        assert db.execute("SELECT count(*) FROM correction").fetchone()[0] == 0
        assert {row[0] for row in db.execute("SELECT credit_no FROM hours_entry")} == {0}
        visits.void_visit(db, 1, reason="升级后作废", by=Session(None, "测试", "director"))
        ledger = timebank.statement(db, 3)
        assert [(e.date, e.kind, e.hours) for e in ledger.entries if e.source == "visit"] == [
            ("2026-10-22", "deposit", 1.0), ("2026-10-22", "correction", -1.0)]
        assert visits.visit_history(db, 1)[-1].reason == "升级后作废"
        assert audit.chain_problems(db) == []
        with pytest.raises(Exception, match="append-only"):  # the register of corrections is append-only
            db.execute("DELETE FROM correction")
    finally:
        db.close()
