"""Backups: a checked copy in one step, named by time and reason, rotated like Anki's, and restored without ever
overwriting the current file."""

from __future__ import annotations

import datetime
import shutil
import threading
from pathlib import Path

import pytest

from app import backups, people
from app.db import backup as files
from app.db import keyfile, migrations
from app.db.connection import driver as sqlite3, open_database
from clubfile import raw
from app.db.settings import set_setting
from app.errors import DatabaseError

DATA = Path(__file__).resolve().parent.parent / "data"


def names_in(path: Path, club: Path | None = None) -> list[str]:
    """The names in a club file or a backup of ``club`` (opened with the club's key)."""
    conn = raw(path, club)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def add(db, *names: str) -> None:
    for name in names:
        people.add_person(db, {"name": name, "building": "3"}, actor="主任")


# ---------------------------------------------------------------- making a backup


def test_a_backup_is_a_checked_single_file_copy_named_by_time_and_reason(fresh_db, db_path):
    add(fresh_db, "张三丰", "李四")
    result = backups.back_up(fresh_db, db_path, reason="manual", now=datetime.datetime(2026, 3, 5, 14, 30, 5))
    made = result.backup.path
    assert made == db_path.parent / "备份" / "club.2026-03-05-143005.manual.sqlite"
    assert names_in(made, db_path) == ["张三丰", "李四"]
    assert files.check_file(made, key=fresh_db.key) == []
    assert files.check_file(made) != []  # encrypted: without the key it is not a database at all
    conn = raw(made, db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, nothing beside it
    conn.close()
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]
    assert str(made) in result.message()


def test_two_backups_in_the_same_second_both_survive(fresh_db, db_path):
    when = datetime.datetime(2026, 3, 5, 14, 30, 5)
    first = backups.back_up(fresh_db, db_path, reason="before-import", now=when).backup
    add(fresh_db, "王五")
    second = backups.back_up(fresh_db, db_path, reason="close", now=when).backup
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert [b.path for b in files.list_backups(first.path.parent, db_path)] == [second.path, first.path]


def test_an_automatic_backup_is_skipped_when_nothing_changed_since_the_newest(fresh_db, db_path):
    add(fresh_db, "张三丰")
    assert backups.back_up(fresh_db, db_path, reason="auto", only_if_changed=True).backup is not None
    skipped = backups.back_up(fresh_db, db_path, reason="auto", only_if_changed=True)
    assert skipped.backup is None and "没有变化" in skipped.message()
    assert not backups.needs_backup(fresh_db, db_path)
    add(fresh_db, "李四")
    assert backups.needs_backup(fresh_db, db_path)
    made = backups.back_up(fresh_db, db_path, reason="auto", only_if_changed=True).backup
    assert names_in(made.path, db_path) == ["张三丰", "李四"]


def test_a_backup_taken_while_another_connection_writes_is_a_consistent_snapshot(demo_db, demo_path):
    stop, started = threading.Event(), threading.Event()
    written = []

    def keep_writing():
        writer = open_database(demo_path)  # a connection belongs to its thread
        try:
            while not stop.is_set():
                add(writer, f"写入{len(written)}")
                written.append(True)
                if len(written) == 3:
                    started.set()
        finally:
            started.set()
            writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        assert started.wait(10)
        made = backups.back_up(demo_db, demo_path, reason="auto").backup
        more = len(written)
    finally:
        stop.set()
        thread.join()
    assert more >= 3  # the writer was busy while the copy was made
    assert files.check_file(made.path, key=demo_db.key) == []
    copied = [n for n in names_in(made.path, demo_path) if n.startswith("写入")]
    # Exactly a prefix of what was committed: every person with their audit row, nothing half-written.
    assert copied == [f"写入{i}" for i in range(len(copied))]
    conn = raw(made.path, demo_path)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'person' AND after LIKE '%写入%'"
                        ).fetchone()[0] == len(copied)
    conn.close()


def test_a_backup_that_fails_its_check_is_discarded_and_nothing_is_pruned(fresh_db, db_path, monkeypatch):
    folder = db_path.parent / "备份"
    folder.mkdir()
    old = folder / "club.2020-01-01-120000.auto.sqlite"  # the rotation would delete this one
    shutil.copy(db_path, old)
    monkeypatch.setattr(files, "check_file", lambda path, quick=False, key=None: ["*** in database main *** Page 7: btreeInitPage() returns error code 11"])
    with pytest.raises(DatabaseError, match="完整性检查"):
        backups.back_up(fresh_db, db_path, reason="manual")
    assert sorted(p.name for p in folder.iterdir()) == [old.name]


def test_a_full_disk_is_said_plainly_and_leaves_no_partial_file(fresh_db, db_path, monkeypatch):
    def full(source, target, key):
        Path(target).write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(files, "copy_database", full)
    with pytest.raises(DatabaseError, match="磁盘空间不足"):
        backups.back_up(fresh_db, db_path, reason="manual")
    assert list((db_path.parent / "备份").iterdir()) == []


# ---------------------------------------------------------------- the folder


def test_the_backup_folder_setting_is_used_relative_to_the_database(fresh_db, db_path):
    set_setting(fresh_db, "backup_folder", "U盘备份", actor="主任")
    made = backups.back_up(fresh_db, db_path).backup
    assert made.path.parent == db_path.parent / "U盘备份"


def test_an_unusable_backup_folder_falls_back_beside_the_database_and_says_so(fresh_db, db_path, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    set_setting(fresh_db, "backup_folder", str(blocker / "备份"), actor="主任")
    result = backups.back_up(fresh_db, db_path)
    assert result.fell_back and result.backup.path.parent == db_path.parent / "备份"
    assert str(blocker / "备份") in result.message() and "U盘" in result.message()


# ---------------------------------------------------------------- rotation


def fake(day: datetime.date, hour: int = 12, reason: str = "auto") -> files.Backup:
    when = datetime.datetime.combine(day, datetime.time(hour))
    return files.Backup(Path(files.backup_name(Path("club.sqlite"), when, reason)), when, reason)


def test_rotation_keeps_today_then_12_daily_10_weekly_9_monthly():
    today = datetime.date(2026, 3, 5)  # a Thursday
    every_day = [fake(today - datetime.timedelta(days=n)) for n in range(0, 500)]
    three_today = [fake(today, hour) for hour in (9, 10, 11)]
    dropped = set(b.path for b in files.obsolete(every_day + three_today, today))
    kept = sorted((b for b in every_day + three_today if b.path not in dropped), key=lambda b: b.taken_at,
                  reverse=True)
    kept_days = [b.taken_at.date() for b in kept]
    assert kept_days[:4] == [today] * 4  # every backup of today
    daily = kept_days[4:16]
    assert daily == [today - datetime.timedelta(days=n) for n in range(1, 13)]
    weekly = kept_days[16:26]
    assert len({d.isocalendar()[:2] for d in weekly}) == 10
    assert all(d.weekday() == 6 for d in weekly)  # the newest of each earlier week is its Sunday
    monthly = kept_days[26:]
    assert len(monthly) == 9 and len({(d.year, d.month) for d in monthly}) == 9
    assert all((d + datetime.timedelta(days=1)).day == 1 for d in monthly)  # the last day of each month
    assert len(kept) == 4 + 12 + 10 + 9


def test_rotation_keeps_the_newest_backup_of_a_day():
    today = datetime.date(2026, 3, 5)
    yesterday = today - datetime.timedelta(days=1)
    morning, evening = fake(yesterday, 9), fake(yesterday, 18)
    assert files.obsolete([morning, evening], today) == [morning]


def test_pruning_deletes_only_this_databases_old_backups(tmp_path):
    folder = tmp_path / "备份"
    folder.mkdir()
    today = datetime.date(2026, 3, 5)
    for n in range(0, 40):
        day = today - datetime.timedelta(days=n)
        for stem in ("club", "demo-club"):
            name = files.backup_name(Path(f"{stem}.sqlite"), datetime.datetime.combine(day, datetime.time(9)), "auto")
            (folder / name).write_bytes(b"")
    (folder / "笔记.txt").write_text("别删我")
    removed = files.prune(folder, tmp_path / "club.sqlite", today)
    assert removed and all(p.name.startswith("club.") for p in removed)
    assert len(list(folder.glob("demo-club.*"))) == 40
    assert (folder / "笔记.txt").exists()
    assert len(list(folder.glob("club.*"))) == 40 - len(removed)


# ---------------------------------------------------------------- restore


def test_restore_puts_the_backup_in_place_and_keeps_the_current_file_aside(fresh_db, db_path):
    add(fresh_db, "张三丰")
    made = backups.back_up(fresh_db, db_path).backup
    add(fresh_db, "后来录入的人")
    fresh_db.close()
    result = backups.restore(db_path, made.path, now=datetime.datetime(2026, 3, 5, 16, 0, 0))
    assert names_in(db_path) == ["张三丰"]
    assert result.aside == db_path.parent / "club.before-restore-2026-03-05-160000.sqlite"
    assert names_in(result.aside, db_path) == ["张三丰", "后来录入的人"]
    assert result.safety_backup.backup.reason == "before-restore"
    assert names_in(result.safety_backup.backup.path, db_path) == ["张三丰", "后来录入的人"]
    assert not Path(str(db_path) + ".restoring").exists()
    db = open_database(db_path)
    assert [p["name"] for p in people.search_people(db, people.RosterFilter())] == ["张三丰"]
    db.close()
    assert "张三丰" not in result.message() and str(result.aside) in result.message()


def test_the_current_files_wal_goes_aside_with_it(db_path):
    db = open_database(db_path)
    add(db, "张三丰")
    made = backups.back_up(db, db_path).backup
    add(db, "只在日志里的人")
    # Another program holds the WAL open so it cannot be folded in: the -wal must travel with its file.
    holder = raw(db_path)
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM person").fetchone()
    db.close()
    aside = files.restore_file(made.path, db_path, latest_version=migrations.latest_version(),
                               application_id=0x46575344, key=keyfile.known(db_path))
    holder.close()
    assert names_in(db_path) == ["张三丰"]
    assert names_in(aside, db_path) == ["张三丰", "只在日志里的人"]


@pytest.mark.parametrize("kind", ["damaged", "not ours", "newer", "missing"])
def test_a_backup_that_cannot_be_restored_is_refused_and_the_current_file_is_untouched(fresh_db, db_path, tmp_path, kind):
    add(fresh_db, "张三丰")
    fresh_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fresh_db.close()
    before = db_path.read_bytes()
    bad = tmp_path / "bad.sqlite"
    if kind == "damaged":
        shutil.copy(db_path, bad)
        data = bytearray(bad.read_bytes())
        data[4096:8192] = b"\xff" * 4096  # a page of garbage
        bad.write_bytes(bytes(data))
    elif kind == "not ours":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE notes (body)")
        conn.commit()
        conn.close()
    elif kind == "newer":
        shutil.copy(db_path, bad)
        conn = raw(bad, db_path)
        conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
        conn.close()
    with pytest.raises(DatabaseError) as refused:
        backups.restore(db_path, bad)
    assert {"damaged": "已损坏", "not ours": "不是本服务社", "newer": "更新版本", "missing": "找不到"}[kind] \
        in str(refused.value)
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.glob("club.before-restore*")] == []


# ---------------------------------------------------------------- upgrades


def test_an_upgrade_backs_the_old_file_up_first(tmp_path):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v3.sqlite", path)
    open_database(path).close()
    made = files.list_backups(tmp_path / "备份", path)
    # Encrypted first (backed up first), then upgraded (backed up first): both copies encrypted, both version 3.
    assert [b.reason for b in made] == ["before-upgrade", "before-encrypt"]
    assert [files.file_info(b.path, keyfile.known(path)).schema_version for b in made] == [3, 3]
    assert files.check_file(made[0].path, key=keyfile.known(path)) == []


def dump(path: Path) -> tuple:
    conn = raw(path)
    try:
        tables = [name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {name: conn.execute(f"SELECT * FROM [{name}] ORDER BY rowid").fetchall() for name in tables}
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        return conn.execute("PRAGMA user_version").fetchone()[0], schema, rows
    finally:
        conn.close()


def test_a_failing_upgrade_leaves_the_file_exactly_as_before_and_names_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v3.sqlite", path)
    before = dump(path)
    broken = ["CREATE TABLE half_made (id INTEGER PRIMARY KEY)", "CREATE TABLE oops ("]
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    with pytest.raises(DatabaseError) as failed:
        open_database(path)
    assert dump(path) == before  # steps 4 to 9 rolled back with the broken one: still version 3
    made = files.list_backups(tmp_path / "备份", path)
    assert str(made[0].path) in str(failed.value) and "结构版本 3" in str(failed.value)
    monkeypatch.undo()
    db = open_database(path)  # and the next version of the program upgrades it as usual
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    db.close()


def test_an_upgrade_that_cannot_back_up_first_does_not_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v3.sqlite", path)
    before = dump(path)

    def full(source, target, key):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(files, "copy_database", full)
    with pytest.raises(DatabaseError, match="没有升级"):
        open_database(path)
    assert dump(path) == before
