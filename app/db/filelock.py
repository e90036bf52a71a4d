"""One editor per database file: a lock file beside it (``club.sqlite.lock``), held while a window has it open.

The lock is the operating system's (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows), so it goes
when the process goes, even when it is killed or the power fails: a stale lock file never blocks anyone. The
file itself only says who holds the lock (user, computer, process, since when), so the second copy can say so.

SQLite's own exclusive locking mode would also do, but it shuts out the window's own background connections
(the search, the imports); this lock is taken once per process and those connections do not touch it.
"""

from __future__ import annotations

import datetime
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from app.errors import DatabaseError

LOCK_SUFFIX = ".lock"
# Windows locks a byte range that readers cannot read; lock a byte far past the description so it stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 30


class DatabaseInUse(DatabaseError):
    """Another copy of the app has the database open for editing; ``holder`` says who, as far as is known."""

    def __init__(self, message: str, holder: dict | None):
        super().__init__(message)
        self.holder = holder


@dataclass
class EditorLock:
    db_path: Path
    lock_path: Path
    fd: int

    def release(self) -> None:
        if self.fd < 0:
            return
        _held.pop(_key(self.db_path), None)
        try:
            os.ftruncate(self.fd, 0)  # no stale description left behind by a clean exit
            _unlock(self.fd)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = -1


_held: dict[str, EditorLock] = {}


def _key(db_path: Path) -> str:
    return os.path.normcase(os.path.realpath(db_path))


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # raises OSError when another process holds it

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises BlockingIOError when another process holds it

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def describe_self() -> dict:
    return {"user": _user(), "host": socket.gethostname(), "pid": os.getpid(),
            "since": datetime.datetime.now().isoformat(timespec="seconds")}


def _read_holder(fd: int) -> dict | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
        holder = json.loads(data.decode("utf-8")) if data.strip() else None
        return holder if isinstance(holder, dict) else None
    except (OSError, ValueError):
        return None


def in_use_message(db_path: Path, holder: dict | None) -> str:
    """One Chinese sentence for the second copy: who has the file open, and what to do."""
    if holder:
        since = str(holder.get("since", "")).replace("T", " ")[:16]
        who = (f"{holder.get('user', '?')} 在电脑“{holder.get('host', '?')}”上（进程 {holder.get('pid', '?')}，"
               f"{since} 起）")
    else:
        who = "另一个服务社工作台窗口"
    return (f"数据库 {Path(db_path).name} 已被{who}打开。同一时间只能有一个窗口修改数据，"
            "请先关闭那个窗口，或直接在那个窗口里继续工作。")


def acquire(db_path: Path, holder: dict | None = None) -> EditorLock:
    """Take the editor lock of ``db_path`` for this process (again if already held); raises DatabaseInUse."""
    db_path = Path(db_path)
    key = _key(db_path)
    if key in _held:
        return _held[key]
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a new club file's folder may not exist yet
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise DatabaseError(f"无法在 {path.parent} 里创建锁文件（{exc}），请检查文件夹是否可写") from exc
    try:
        _lock(fd)
    except OSError:
        other = _read_holder(fd)
        os.close(fd)
        raise DatabaseInUse(in_use_message(db_path, other), other) from None
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(holder or describe_self(), ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # the lock holds without its description; the second copy just says less
    lock = EditorLock(db_path, path, fd)
    _held[key] = lock
    return lock


def holder_of(db_path: Path) -> dict | None:
    """Who holds the editor lock of ``db_path`` now (another process), or None when nobody else does."""
    if _key(db_path) in _held:
        return None  # this process
    try:
        lock = acquire(db_path)
    except DatabaseInUse as exc:
        return exc.holder or {}
    except DatabaseError:
        return None
    lock.release()
    return None


def release(db_path: Path) -> None:
    lock = _held.get(_key(db_path))
    if lock is not None:
        lock.release()
