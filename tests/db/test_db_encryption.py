"""An encrypted club file: no name, number or phone in the bytes of the file, its write-ahead log, a backup or a copy
kept aside; a plain SQLite tool cannot open any of them; the key file holds no key in clear once an account is
sealed; a plain file is encrypted on its first open, backed up first, all or nothing; a new PC restores with the
recovery code."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app import accounts, backups, people
from app.accounts import Session
from app.db import backup as files
from app.db import keyfile
from app.db.connection import is_plain, open_database
from app.errors import DatabaseError, KnownError

ZHANG = {"name": "张三丰", "id_number": "370502194503121237", "phone": "13805461111", "building": "12"}
SECRETS = [ZHANG["name"].encode(), ZHANG["id_number"].encode(), ZHANG["phone"].encode(), "独居".encode()]
DATA = Path(__file__).resolve().parent.parent / "data"


def shows_nothing(path: Path) -> None:
    data = path.read_bytes()
    assert not any(secret in data for secret in SECRETS), path.name
    with pytest.raises(sqlite3.DatabaseError):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()


def test_the_file_its_log_its_backups_and_copies_kept_aside_show_nothing(db_path):
    db = open_database(db_path)
    accounts.create_account(db, "刘主任", "director", "86429753", actor="安装")
    people.add_person(db, {**ZHANG, "situations": ["独居"]}, actor="刘主任")
    wal = Path(str(db_path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the write is still in the log, unfolded
    shows_nothing(db_path)
    assert not any(secret in wal.read_bytes() for secret in SECRETS)
    made = backups.back_up(db, db_path).backup.path
    db.close()
    shows_nothing(made)
    result = backups.restore(db_path, made)
    shows_nothing(result.aside)
    text = keyfile.key_path(db_path).read_text(encoding="utf-8")
    assert keyfile.known(db_path).hex() not in text and "张三丰" not in text and '"open"' not in text
    assert not any((db_path.parent / "备份").glob("*.key"))  # the key file never goes to the backup folder


def test_a_plain_file_is_encrypted_on_first_open_backed_up_first(tmp_path):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v2.sqlite", path)
    assert is_plain(path) and "张三丰".encode() in path.read_bytes()
    db = open_database(path)
    names = [p["name"] for p in people.search_people(db, people.RosterFilter())]
    db.close()
    assert "张三丰" in names and not is_plain(path)
    shows_nothing(path)
    made = files.list_backups(tmp_path / "备份", path)
    assert [b.reason for b in made] == ["before-upgrade", "before-encrypt"]
    for backup in made:
        shows_nothing(backup.path)


def test_encrypting_a_plain_file_is_all_or_nothing(tmp_path, monkeypatch):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v2.sqlite", path)
    before = path.read_bytes()

    def broken(plain, target, key):
        Path(target).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "export_encrypted", broken)
    with pytest.raises(DatabaseError, match="文件保持原样没有改动"):
        open_database(path)
    assert path.read_bytes() == before  # still the plain file, whole
    assert not keyfile.exists(path) and not list(tmp_path.glob("*.encrypting"))
    assert not list((tmp_path / "备份").glob("*.sqlite")) if (tmp_path / "备份").exists() else True
    monkeypatch.undo()
    open_database(path).close()  # and the next open encrypts it
    assert not is_plain(path)


def test_the_old_plain_backups_are_encrypted_with_the_file(tmp_path):
    path = tmp_path / "club.sqlite"
    shutil.copy(DATA / "schema_v2.sqlite", path)
    (tmp_path / "备份").mkdir()
    old = tmp_path / "备份" / "club.2025-01-01-120000.auto.sqlite"
    shutil.copy(DATA / "schema_v2.sqlite", old)
    open_database(path).close()
    shows_nothing(old)
    assert files.file_info(old, keyfile.known(path)).schema_version == 2


def test_a_new_pc_restores_the_sticks_backup_with_the_recovery_code(db_path, tmp_path):
    db = open_database(db_path)
    director = accounts.create_account(db, "刘主任", "director", "86429753", actor="安装")
    people.add_person(db, ZHANG, actor="刘主任")
    stick = tmp_path / "U盘"
    code = accounts.make_recovery_code(db, Session(director, "刘主任", "director"), folder=stick)
    made = backups.back_up(db, db_path, folder=stick).backup.path
    db.close()
    assert sorted(p.name for p in stick.iterdir()) == sorted([made.name, "club.recovery-key"])
    # the new PC: only the stick
    new = tmp_path / "新电脑" / "club.sqlite"
    new.parent.mkdir()
    keyfile.forget(db_path)
    with pytest.raises(DatabaseError):
        backups.restore(new, made)  # no key, no code: nothing
    with pytest.raises(keyfile.WrongSecret):
        backups.restore(new, made, recovery_code="0000-0000-0000-0000-0000-0000")
    backups.restore(new, made, recovery_code=code)
    keyfile.forget(new)
    with pytest.raises(KnownError):
        accounts.unlock(new, "刘主任", "86429753")  # the old PC's sealed copies did not travel
    db, session = accounts.recover(new, code, "刘主任", "97531864")
    assert session.role == "director" and [p["name"] for p in people.search_people(db, people.RosterFilter())] == ["张三丰"]
    db.close()
    keyfile.forget(new)
    db, session = accounts.unlock(new, "刘主任", "97531864")
    db.close()

