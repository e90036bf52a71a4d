"""The one way in to the database file: unlock it, open it, check its schema, migrate it, run transactions.

The club file is encrypted with SQLCipher (AES-256 pages with an HMAC each) under a random data key; the key
comes from ``app.db.keyfile`` (unlocked by an account's password or the recovery code, and kept for this
process). A plain SQLite file from before encryption is encrypted on its first open: backed up first (the backup
encrypted too), written to a new file, checked, and only then put in place of the plain one, so the change is all
or nothing. A file whose schema differs from what the migrations make (a trigger dropped, a column changed, a
table added) is refused: only this app writes the club file.

Every process that has the file open for writing holds a shared lock on ``NAME.sqlite.writers``, so a restore
(which needs it exclusively) is refused while a window or a command-line job is still writing.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from app.errors import DatabaseError
from app.db import keyfile, location, migrations
from app.db.engine import (  # noqa: F401  (the names every caller of the one way in uses)
    APPLICATION_ID, connect, driver, expected_schema, is_plain, opens_with, schema_problems,
)

BUSY_TIMEOUT_MS = 5000
WRITERS_SUFFIX = ".writers"


class NeedsKey(DatabaseError):
    """The club file is encrypted and nobody has unlocked it in this process: log in first."""


class SchemaChanged(DatabaseError):
    """The file's tables, triggers or views are not what the migrations make: changed outside the app."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


class ClubDatabase(sqlite_utils.Database):
    """A club file opened by ``open_database``: knows where it is and the key it was opened with, and holds the
    writers' lock while it is open for writing."""

    path: Path
    key: bytes | None = None
    _writing: str | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release()

    def _release(self) -> None:
        if self._writing is not None:
            where, self._writing = self._writing, None
            _writers.release(where)

    def __del__(self) -> None:  # a connection dropped without close() must not keep restores out
        try:
            self._release()
        except Exception:
            pass


def open_database(
    path: str | Path, *, migrate: bool = True, readonly: bool = False, must_exist: bool = False,
    key: bytes | None = None, check_schema: bool = True,
) -> ClubDatabase:
    """Open (creating if needed) the club database at ``path`` and bring its schema up to date.

    The key is ``key``, else the one unlocked for ``path`` in this process, else (a club with no account yet) the
    key file's own. A new file gets a new key. Refuses a file made by a newer version of the app, a file that is
    not a club database, a damaged file and a file whose schema was changed outside the app, each with a Chinese
    message (``DatabaseError``). ``readonly`` connections are for background readers such as the roster search;
    they never migrate. ``must_exist`` refuses to create a new file, for commands that only read.
    """
    path = Path(path)
    if (readonly or must_exist) and not path.exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    if path.is_dir():
        raise DatabaseError(f"{path} 是一个文件夹，不是数据库文件")
    location.refuse_network_share(path)  # WAL needs shared memory between processes on one computer
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    if new:
        key = key or keyfile.known(path)
        if key is None or not keyfile.exists(path):
            key = key or keyfile.new_key()
            keyfile.create(path, key, open_key=True)
    elif is_plain(path):
        if readonly or not migrate:  # a look that changes nothing (check, a backup's reader): not even WAL
            return _open(path, None, migrate=False, readonly=True, check_schema=check_schema)
        key = encrypt_plain_file(path)
    else:
        key = key or keyfile.known(path) or _key_from_file(path)
    keyfile.remember(path, key)
    return _open(path, key, migrate=migrate, readonly=readonly, check_schema=check_schema)


def _key_from_file(path: Path) -> bytes:
    content = keyfile.read(path)  # KeyFileMissing when it is not there
    key = keyfile.open_key(content)
    if key is None:
        raise NeedsKey("数据库已加密：请先登录")
    keyfile.verify(content, key, path)
    return key


def _open(path: Path, key: bytes | None, *, migrate: bool, readonly: bool, check_schema: bool) -> ClubDatabase:
    conn = None
    try:
        conn = connect(path, key, readonly=False)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except driver.DatabaseError as exc:
            if key is not None and "not a database" in str(exc) and _looks_encrypted(path):
                raise DatabaseError(f"数据库文件 {path.name} 打不开：钥匙不对（钥匙文件不是这个数据库的），"
                                    "或者文件已损坏。用恢复码或从备份恢复可以找回数据。") from exc
            raise
        # Read-only look first: a file we refuse must be left exactly as it was, WAL switch included.
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
        if check_schema and not empty:
            problems = schema_problems(conn, version)
            if problems:
                raise SchemaChanged(f"数据库 {path.name} 的结构在程序之外被改动过（{problems[0]}），为安全起见没有打开。"
                                    "请主任从备份恢复。", problems)
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
        db = ClubDatabase(conn, execute_plugins=False)
        db.path, db.key = path, key
        if not readonly:
            _writers.hold(path, db)
        if migrate and not readonly and version < latest:
            _upgrade(db, path, version, empty)
        return db
    except DatabaseError:
        if conn is not None:
            conn.close()
        raise
    except driver.Error as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(_plain_reason(path, exc)) from exc


def _plain_reason(path: Path, exc: BaseException) -> str:
    text = str(exc)
    if "full" in text:
        return f"磁盘空间不足，无法打开数据库 {path.name}：请腾出一些空间再试（数据没有丢失）"
    if "locked" in text or "busy" in text:
        return f"数据库 {path.name} 正被另一个程序占用，请稍后再试（{text}）"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"无法打开数据库 {path.name}：没有读写权限，或文件夹不存在（{text}）"
    return f"无法打开数据库文件 {path}：文件已损坏或不是数据库（{text}）"


def _looks_encrypted(path: Path) -> bool:
    return not is_plain(path)


def _upgrade(db: ClubDatabase, path: Path, version: int, empty: bool) -> None:
    """Bring an older file up to date: backed up first, all steps in one transaction (see ``migrations.migrate``)."""
    made = None
    if not empty:
        from app.db import backup

        try:
            folder, _ = backup.usable_folder(db.conn, path)
            made = backup.make_backup(db.conn, path, folder, "before-upgrade", key=db.key)
        except DatabaseError as exc:
            raise DatabaseError(f"升级数据库结构前无法备份，为安全起见没有升级，文件未做任何改动：{exc}") from exc
    try:
        migrations.migrate(db, APPLICATION_ID)
    except driver.Error as exc:
        kept = f"；升级前的备份在 {made.path}" if made else ""
        raise DatabaseError(f"数据库结构升级失败，文件保持升级前的样子（结构版本 {version}）{kept}。"
                            f"请把这条消息告诉维护这台电脑的人（{exc}）") from exc
    if db.key is not None:
        after_commit(db)


def _has_tables(conn) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


# ---------------------------------------------------------------- encrypting a plain file


def encrypt_plain_file(path: Path, *, key: bytes | None = None) -> bytes:
    """Encrypt a plain club file in place, all or nothing; returns its new data key.

    Refused (file untouched) when it is not a club file or is from a newer version. The plain file is backed up
    first (the backup encrypted under the new key), then an encrypted copy is written beside it, checked, and
    renamed over it; plain backups of the club in its backup folder and copies kept aside by restores are
    encrypted the same way afterwards. Until an account is sealed the key file keeps the key unwrapped (a file
    from before accounts existed has nobody else to seal it for); the first log-in seals it.
    """
    from app.db import backup

    path = Path(path)
    plain = connect(path, None)
    try:
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        app_id = plain.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID and _has_tables(plain):
            raise DatabaseError(f"{path} 不是服务社工作台的数据库，未做任何改动。")
        if version > migrations.latest_version():
            raise DatabaseError(f"数据库 {path} 由更新版本的服务社工作台创建（结构版本 {version}），"
                                f"本程序只支持到版本 {migrations.latest_version()}。请升级程序后再打开，文件未做任何改动。")
        problems = schema_problems(plain, version) if _has_tables(plain) else []
        if problems:
            raise SchemaChanged(f"数据库 {path.name} 的结构在程序之外被改动过（{problems[0]}），没有加密也没有打开。", problems)
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode = DELETE")
    except driver.Error as exc:
        plain.close()
        raise DatabaseError(_plain_reason(path, exc)) from exc
    key = key or keyfile.new_key()
    had_key_file = keyfile.exists(path)
    made = []
    try:
        if not had_key_file:
            try:
                newest = plain.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
            except driver.OperationalError:
                newest = 0
            keyfile.create(path, key, open_key=True, keyed_from=newest + 1)
        folder, _ = backup.usable_folder(plain, path)
        made.append(backup.make_backup(plain, path, folder, "before-encrypt", key=key, source_key=None).path)
        target = path.with_name(path.name + ".encrypting")
        backup.export_encrypted(plain, target, key)
        plain.close()
        problems = backup.check_file(target, key=key)
        if problems:
            raise DatabaseError(f"加密后的文件没有通过检查（{problems[0]}）")
        for extra in ("-wal", "-shm", "-journal"):
            Path(str(path) + extra).unlink(missing_ok=True)
        os.replace(target, path)
        backup.sync_folder(path.parent)
    except BaseException as exc:
        plain.close()
        Path(str(path) + ".encrypting").unlink(missing_ok=True)
        for item in made:
            item.unlink(missing_ok=True)
        if not had_key_file:
            keyfile.key_path(path).unlink(missing_ok=True)
        if isinstance(exc, DatabaseError):
            raise DatabaseError(f"加密数据库时出了问题，文件保持原样没有改动：{exc}") from exc
        if isinstance(exc, (driver.Error, OSError)):
            raise DatabaseError(f"加密数据库时出了问题，文件保持原样没有改动（{backup.plain_reason(exc)}）") from exc
        raise
    keyfile.remember(path, key)
    backup.encrypt_leftovers(path, key, folder)
    return key


# ---------------------------------------------------------------- who has the file open for writing


class _Writers:
    """A shared OS lock on ``NAME.sqlite.writers`` while this process has a writing connection open."""

    def __init__(self):
        self._held: dict[str, list] = {}  # where -> [fd, open connections]

    @staticmethod
    def _where(path: Path) -> str:
        return os.path.normcase(os.path.realpath(path))

    def hold(self, path: Path, db: ClubDatabase) -> None:
        where = self._where(path)
        entry = self._held.get(where)
        if entry is None:
            fd = _lock_shared(Path(str(path) + WRITERS_SUFFIX))
            entry = self._held[where] = [fd, 0]
        entry[1] += 1
        db._writing = where

    def release(self, where: str) -> None:
        entry = self._held.get(where)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            self._held.pop(where)
            if entry[0] is not None:
                _unlock(entry[0])

    def open_here(self, path: Path) -> int:
        entry = self._held.get(self._where(path))
        return entry[1] if entry else 0


_writers = _Writers()


@contextmanager
def no_writers(path: Path) -> Iterator[bool]:
    """Hold off every writer of ``path`` for the block (a new one waits); yields False when one is writing now."""
    if _writers.open_here(path):
        yield False
        return
    held = _try_exclusive(Path(str(path) + WRITERS_SUFFIX))
    try:
        yield held is not None
    finally:
        _unlock(held)


def writers_elsewhere(path: Path) -> bool:
    """Whether another process (or this one) has ``path`` open for writing; restore must not run then."""
    if _writers.open_here(path):
        return True
    fd = _try_exclusive(Path(str(path) + WRITERS_SUFFIX))
    if fd is None:
        return True
    _unlock(fd)
    return False


if sys.platform == "win32":
    import msvcrt

    # Windows has only exclusive byte locks: each writer locks one byte of a range; an exclusive lock of the
    # whole range (the restore's) fails while any byte in it is held.
    _RANGE_START, _RANGE = 1 << 20, 4096

    def _lock_shared(lock_path: Path):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return None
        for offset in range(_RANGE):
            try:
                os.lseek(fd, _RANGE_START + offset, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return (fd, offset, 1)
            except OSError:
                continue
        os.close(fd)
        return None

    def _try_exclusive(lock_path: Path):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return None
        try:
            os.lseek(fd, _RANGE_START, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, _RANGE)
        except OSError:
            os.close(fd)
            return None
        return (fd, 0, _RANGE)

    def _unlock(held) -> None:
        if held is None:
            return
        fd, offset, length = held
        try:
            os.lseek(fd, _RANGE_START + offset, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)
        except OSError:
            pass
        os.close(fd)
else:
    import fcntl

    def _lock_shared(lock_path: Path):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return None  # a read-only folder: the restore's own checks still hold
        fcntl.flock(fd, fcntl.LOCK_SH)
        return fd

    def _try_exclusive(lock_path: Path):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd

    def _unlock(fd) -> None:
        if fd is None:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


# ---------------------------------------------------------------- after each write


def after_commit(db) -> None:
    """Count the write and anchor the newest audit link in the key file, outside the club file, so that a cut
    tail of the log is seen and "needs a backup" follows a counter a restore cannot turn back."""
    path, key = getattr(db, "path", None), getattr(db, "key", None)
    if path is None or key is None:
        return
    try:
        row = db.conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except driver.Error:
        row = None
    newest = {"id": row[0], "hash": row[1]} if row is not None and row[1] is not None else None
    try:
        keyfile.advance_anchor(path, key, newest)
    except DatabaseError:
        pass  # the key file is checked at the next open and by `check`; a write already committed stands


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
    except driver.OperationalError as exc:
        raise DatabaseError(f"数据库正被其他程序占用，请稍后再试（{exc}）") from exc
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except driver.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if "full" in str(exc):
            raise DatabaseError("磁盘空间不足，这次的改动没有保存：请腾出一些空间再试（原有数据完好）") from exc
        raise
    after_commit(db)


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
