"""Only the club's own backups are restored, and nothing is lost around restores and backups: the reproductions of
issue 15 (a USB stick that makes anyone director, a planted newest backup, a restore during a command-line job, the
change mark a restore turned back, a backup that cannot be upgraded, a wrong clock, killed backups' leftovers)."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import backups, people
from app.db import backup as files
from app.db import keyfile, migrations
from app.db.connection import driver, open_database
from app.errors import DatabaseError
from clubfile import raw

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def add(db, *names):
    for name in names:
        people.add_person(db, {"name": name, "building": "3"}, actor="刘主任")


@pytest.fixture
def club(db_path):
    db = open_database(db_path)
    add(db, "张三丰", "李四")
    made = backups.back_up(db, db_path).backup
    add(db, "后来的人")
    db.close()
    return db_path, made.path


def refused(db_path, backup, words):
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        backups.restore(db_path, backup)
    assert words in str(caught.value), str(caught.value)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.before-restore-*"))


def tampered_copy(club, *statements, params=()) -> Path:
    """A backup of the club changed by someone who has its key, under a name the key file has no record of."""
    db_path, made = club
    bad = db_path.parent / "U盘" / made.name.replace(".manual.", ".auto.")
    bad.parent.mkdir()
    shutil.copy(made, bad)
    conn = raw(bad, db_path)
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.close()
    return bad


def test_a_plain_sqlite_file_with_the_clubs_schema_is_refused(club, tmp_path):
    db_path, _ = club
    plain = tmp_path / "plain.sqlite"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    refused(db_path, plain, "不是本服务社用本程序做的备份")


def test_another_clubs_backup_is_refused(club, tmp_path):
    db_path, _ = club
    other = tmp_path / "other" / "club.sqlite"
    db = open_database(other)
    add(db, "别家的人")
    theirs = backups.back_up(db, other).backup.path
    db.close()
    refused(db_path, theirs, "钥匙对不上")


def test_a_backup_with_an_extra_director_account_is_refused(club):
    bad = tampered_copy(club, "INSERT INTO account (name, role, password_hash, created_at) "
                              "VALUES ('新主任', 'director', 'scrypt$1$1$1$00$00', '2026-01-01')")
    refused(club[0], bad, "没有审计记录")


@pytest.mark.parametrize("statement, words", [
    ("DROP TRIGGER audit_log_no_delete", "缺少触发器"),
    ("CREATE TRIGGER leak AFTER INSERT ON person BEGIN UPDATE person SET notes = new.id_number "
     "WHERE id = new.id; END", "多出了触发器"),
])
def test_a_backup_with_changed_triggers_is_refused(club, statement, words):
    refused(club[0], tampered_copy(club, statement), words)


def test_a_backup_with_its_check_constraints_removed_is_refused(club):
    db_path, made = club
    conn = raw(made, db_path)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    conn.close()
    loose = sql.replace("CHECK (status IN ('active', 'moved_away', 'deceased'))", "")
    bad = tampered_copy(club, "PRAGMA writable_schema = ON", "UPDATE sqlite_master SET sql = ? WHERE name = 'person'",
                        params=[loose])
    refused(db_path, bad, "定义被改动过")


def test_a_backup_changed_after_it_was_made_is_refused_by_its_record(club):
    db_path, made = club
    conn = raw(made, db_path)
    conn.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")  # a row come and gone: only the bytes differ
    conn.execute("DELETE FROM setting WHERE key = 'x'")
    conn.close()
    refused(db_path, made, "与备份记录不符")


def test_the_damaged_file_offer_takes_the_clubs_newest_good_backup_not_a_planted_name(club, tmp_path):
    db_path, made = club
    folder = made.parent
    planted = folder / "club.2099-01-01-000000.manual.sqlite"
    conn = sqlite3.connect(planted)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    found = backups.newest_good(db_path, [folder], keyfile.known(db_path))
    assert found is not None and found.backup.path == made


def test_restore_is_refused_while_a_command_line_job_writes(club):
    db_path, made = club
    job = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from app.db import keyfile\nfrom app.db.connection import open_database\n"
         f"keyfile.remember(sys.argv[1], bytes.fromhex('{keyfile.known(db_path).hex()}'))\n"
         "db = open_database(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(30)", str(db_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert job.stdout.readline().strip() == "open"
        refused(db_path, made, "正被打开着")
    finally:
        job.kill()
        job.wait()
    assert backups.restore(db_path, made).people == 2  # once the job is gone


def test_restore_is_refused_while_this_process_still_has_the_file_open(club):
    db_path, made = club
    db = open_database(db_path)
    refused(db_path, made, "正被打开着")
    db.close()


def test_after_restoring_an_older_backup_new_work_still_needs_a_backup(club):
    db_path, made = club
    db = open_database(db_path)
    backups.back_up(db, db_path)  # the newest backup holds 3 people
    db.close()
    backups.restore(db_path, made)  # back to 2 people
    db = open_database(db_path)
    assert backups.needs_backup(db, db_path)  # the restore itself is a change
    backups.back_up(db, db_path)
    assert not backups.needs_backup(db, db_path)
    add(db, "恢复后录入的人")  # the same audit row count as the backup of 3 people: still a change
    assert backups.needs_backup(db, db_path)
    db.close()


def test_a_backup_that_cannot_be_upgraded_leaves_the_current_file_in_place(club, monkeypatch, tmp_path):
    db_path, made = club
    old = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema_v3.sqlite", old)
    plain = driver.connect(old, isolation_level=None)
    older = made.parent / "club.2026-01-01-120000.manual.sqlite"
    files.export_encrypted(plain, older, keyfile.known(db_path))
    plain.close()
    broken = ["CREATE TABLE oops ("]
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    refused(db_path, older, "升级")
    monkeypatch.undo()
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    db.close()


def test_backups_dated_in_the_future_are_not_preferred_and_not_kept_for_ever(club):
    db_path, made = club
    folder = made.parent
    future = folder / "club.2099-01-01-000000.auto.sqlite"
    shutil.copy(made, future)
    listed = files.list_backups(folder, db_path)
    assert listed[0].path == made and listed[-1].path == future
    today = datetime.date.today()
    assert future in [p for p in folder.iterdir()] and not files.prune(folder, db_path, today)
    for n in range(1, 13):  # the club gets its 12 daily backups again
        day = datetime.datetime.combine(today - datetime.timedelta(days=n), datetime.time(12))
        shutil.copy(made, folder / files.backup_name(db_path, day, "auto"))
    assert future in files.prune(folder, db_path, today)


def test_leftovers_of_a_killed_backup_are_pruned(club):
    db_path, made = club
    folder = made.parent
    leftovers = [folder / "club.2026-01-01-120000.auto.sqlite.partial",
                 folder / "club.2026-01-01-120000.auto.sqlite.partial-journal"]
    for path in leftovers:
        path.write_bytes(b"half")
        old = time.time() - 7200
        os.utime(path, (old, old))
    removed = files.prune(folder, db_path)
    assert set(leftovers) <= set(removed) and not any(p.exists() for p in leftovers)


def test_a_full_disk_is_said_plainly_and_a_healthy_file_is_not_called_damaged(club, monkeypatch):
    db_path, _ = club
    import app.db.connection as connection

    real = connection.connect

    def full(target, key, **kwargs):
        conn = real(target, key, **kwargs)
        if not kwargs.get("readonly"):
            raise driver.OperationalError("database or disk is full")
        return conn

    monkeypatch.setattr(connection, "connect", full)
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path)
    assert "磁盘空间不足" in str(caught.value) and "损坏" not in str(caught.value)
    monkeypatch.undo()
    assert backups.file_problems(db_path, keyfile.known(db_path)) == []
