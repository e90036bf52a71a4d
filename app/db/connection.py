"""The one way in to the database file: open it, set the pragmas, migrate it, run transactions."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from app.errors import DatabaseError
from app.db import location, migrations

# "FWSD" in ASCII: marks the file as ours, so another program's SQLite file is not mistaken for an old club.
APPLICATION_ID = 0x46575344
BUSY_TIMEOUT_MS = 5000


def open_database(
    path: str | Path, *, migrate: bool = True, readonly: bool = False, must_exist: bool = False
) -> sqlite_utils.Database:
    """Open (creating if needed) the club database at ``path`` and bring its schema up to date.

    Refuses a file made by a newer version of the app, a file that is not a club database, and a damaged
    file, each with a Chinese message (``DatabaseError``). ``readonly`` connections are for background
    readers such as the roster search; they never migrate. ``must_exist`` refuses to create a new file,
    for commands that only read.
    """
    path = Path(path)
    if (readonly or must_exist) and not path.exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    if path.is_dir():
        raise DatabaseError(f"{path} 是一个文件夹，不是数据库文件")
    location.refuse_network_share(path)  # WAL needs shared memory between processes on one computer
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = None
    try:
        conn = _connect(str(path))
        # Read-only look first: a file we refuse must be left exactly as it was, WAL switch included.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        empty = version == 0 and not _has_tables(conn)
        latest = migrations.latest_version()
        if app_id != APPLICATION_ID and not empty:
            raise DatabaseError(f"{path} 不是服务社工作台的数据库，未做任何改动。")
        if version > latest:
            raise DatabaseError(
                f"数据库 {path} 由更新版本的服务社工作台创建（结构版本 {version}），"
                f"本程序只支持到版本 {latest}。请升级程序后再打开，文件未做任何改动。"
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # 64 MB of page cache keeps the roster index of 100,000 people in memory between keystrokes.
        conn.execute("PRAGMA cache_size = -65536")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed visit survives a power cut, not just a crash of the app; writes here are few.
            conn.execute("PRAGMA synchronous = FULL")
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if migrate and not readonly and version < latest:
            _upgrade(db, path, version, empty)
        return db
    except DatabaseError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(f"无法打开数据库文件 {path}：文件已损坏、被占用或不是数据库（{exc}）") from exc


def _upgrade(db: sqlite_utils.Database, path: Path, version: int, empty: bool) -> None:
    """Bring an older file up to date: backed up first, all steps in one transaction (see ``migrations.migrate``)."""
    made = None
    if not empty:
        from app.db import backup

        try:
            folder, _ = backup.usable_folder(db.conn, path)
            made = backup.make_backup(db.conn, path, folder, "before-upgrade")
        except DatabaseError as exc:
            raise DatabaseError(f"升级数据库结构前无法备份，为安全起见没有升级，文件未做任何改动：{exc}") from exc
    try:
        migrations.migrate(db, APPLICATION_ID)
    except sqlite3.Error as exc:
        kept = f"；升级前的备份在 {made.path}" if made else ""
        raise DatabaseError(f"数据库结构升级失败，文件保持升级前的样子（结构版本 {version}）{kept}。"
                            f"请把这条消息告诉维护这台电脑的人（{exc}）") from exc


def _connect(target: str) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write runs inside transaction() below,
    # so a transaction begins exactly where we say and DDL is never committed behind our back.
    return sqlite3.connect(target, isolation_level=None)


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block as one write transaction (``BEGIN IMMEDIATE``), or as a savepoint when nested.

    IMMEDIATE takes the write lock up front, so a second writer waits (busy timeout) at the start
    instead of failing half-way through with "database is locked".
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield db
        except BaseException:
            conn.execute("ROLLBACK TO SAVEPOINT nested")
            conn.execute("RELEASE SAVEPOINT nested")
            raise
        conn.execute("RELEASE SAVEPOINT nested")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise DatabaseError(f"数据库正被其他程序占用，请稍后再试（{exc}）") from exc
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` report; empty when the file is healthy."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} 第 {rowid} 行引用的 {parent} 记录不存在")
    return problems


def where(*conditions: tuple[str, Any]) -> tuple[str, list]:
    """`` WHERE a AND b`` from the (clause, value) pairs whose value is given (not None nor ""), and the values
    to bind; a clause with several ``?`` takes a list. ``("", [])`` when no filter applies."""
    clauses, params = [], []
    for clause, value in conditions:
        if value is None or value == "":
            continue
        clauses.append(clause)
        params += value if isinstance(value, list) else [value]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
