"""SQLCipher, the build of SQLite that encrypts the club file: bare connections with a key, and the schema the
migrations make, for the one way in (``app.db.connection``) and the file work of backups (``app.db.backup``).

SQLCipher 4 (from ``sqlcipher3-wheels``: SQLite 3.51 inside) encrypts every page with AES-256 and authenticates it
with an HMAC-SHA512; its DB-API is the sqlite3 module's, so sqlite-utils runs on it unchanged. Every connection the
app makes comes from here, so the exceptions to catch are ``driver.Error`` and its kin.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sqlite_utils
from sqlcipher3 import dbapi2 as driver

from app.db import migrations

# "FWSD" in ASCII: marks the file as ours, so another program's SQLite file is not mistaken for an old club.
APPLICATION_ID = 0x46575344
PLAIN_HEADER = b"SQLite format 3\x00"


def is_plain(path: str | Path) -> bool:
    """Whether the file is an ordinary (unencrypted) SQLite file: its first bytes say so in clear."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == PLAIN_HEADER
    except OSError:
        return False


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(target: str | Path, key: bytes | None, *, readonly: bool = False, timeout: float = 5.0):
    """A bare connection to ``target`` with ``key`` applied (None: a plain file). For the file work of backups
    and restores; everything else goes through ``open_database``."""
    if readonly:
        conn = driver.connect(f"{Path(target).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                              timeout=timeout, check_same_thread=False)
    else:
        conn = driver.connect(str(target), isolation_level=None, timeout=timeout, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message to give, not a line on stderr
    if key is not None:
        conn.execute(_key_pragma(key))
    return conn


def opens_with(path: str | Path, key: bytes | None) -> bool:
    """Whether ``key`` opens the file (None: whether it is a readable plain file)."""
    try:
        conn = connect(path, key, readonly=True)
    except driver.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver.Error:
        return False
    finally:
        conn.close()


def _schema_rows(conn) -> dict[tuple[str, str], str]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'").fetchall()
    return {(kind, name): " ".join((sql or "").split()) for kind, name, sql in rows}


@lru_cache(maxsize=None)
def expected_schema(version: int) -> tuple[tuple[tuple[str, str], str], ...]:
    """What ``sqlite_master`` holds after the migrations up to ``version``, built in memory once."""
    conn = driver.connect(":memory:", isolation_level=None)
    try:
        migrations.migrate(sqlite_utils.Database(conn, execute_plugins=False), APPLICATION_ID, target=version)
        return tuple(sorted(_schema_rows(conn).items()))
    finally:
        conn.close()


_KINDS = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}


def schema_problems(conn, version: int | None = None) -> list[str]:
    """How the file's tables, indexes, triggers and views differ from what the migrations make (empty: none)."""
    if version is None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 0 <= version <= migrations.latest_version():
        return [f"结构版本 {version} 不是本程序的"]
    expected = dict(expected_schema(version))
    found = _schema_rows(conn)
    problems = []
    for (kind, name), sql in sorted(expected.items()):
        if (kind, name) not in found:
            problems.append(f"缺少{_KINDS.get(kind, kind)} {name}")
        elif found[(kind, name)] != sql:
            problems.append(f"{_KINDS.get(kind, kind)} {name} 的定义被改动过")
    for kind, name in sorted(set(found) - set(expected)):
        problems.append(f"多出了{_KINDS.get(kind, kind)} {name}")
    return problems
