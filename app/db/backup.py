"""Backups of the club file: copying it with SQLite's online backup API, checking copies, naming, rotation, restore.

A backup is copied in one step (``pages=-1``): copied a few pages at a time, a backup restarts whenever another
connection writes, and with the window writing it may never finish; in one step it is a single read transaction,
which WAL lets run beside writers. Each copy is written as ``NAME.partial``, switched to an ordinary rollback-
journal file (one self-contained file, readable from a USB stick), checked with ``PRAGMA integrity_check``, and only
then renamed to its final name. So every file named like a backup has passed the check, and older backups are
pruned only after a new one has.

Names carry the database's name, the local time and why the backup was made:
``club.2026-11-22-143005.auto.sqlite``. Rotation is like Anki's: every backup made today is kept; then the newest
of each of the 12 days before, the newest of each of 10 weeks before those, the newest of each of 9 months before
those; the rest is deleted.

Restoring checks the backup first, copies it beside the database as ``NAME.restoring``, checks that copy, copies the
current file (with its ``-wal``) aside as ``club.before-restore-<time>.sqlite``, and only then renames the checked
copy over it: the current file is never lost, and a whole file is in place whenever the process is killed.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from app.errors import DatabaseError

SETTING_KEY = "backup_folder"  # the folder the director chose (a USB stick, say); empty means the default
DEFAULT_FOLDER_NAME = "备份"  # beside the database file
SUFFIX = ".sqlite"
REASONS = ("manual", "auto", "close", "before-import", "before-restore", "before-upgrade")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[a-z-]+)\.sqlite$")
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    """One backup file of a database, as found in a backup folder."""

    path: Path
    taken_at: datetime.datetime
    reason: str

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


@dataclass(frozen=True)
class FileInfo:
    """What a backup (or any club file) holds, read without changing it."""

    schema_version: int
    people: int | None  # None when the file predates the roster
    change_mark: tuple[int, int]


# ---------------------------------------------------------------- names and folders


def backup_name(db_path: Path, when: datetime.datetime, reason: str, n: int = 0) -> str:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    extra = f"-{n}" if n else ""
    return f"{Path(db_path).stem}.{when.strftime(_STAMP)}{extra}.{reason}{SUFFIX}"


def parse_backup_name(path: Path) -> tuple[str, datetime.datetime, str] | None:
    """(database stem, time, reason) from a backup's file name, or None when it is not one."""
    match = _NAME.match(Path(path).name)
    if not match or match["reason"] not in REASONS:
        return None
    try:
        when = datetime.datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return match["stem"], when + datetime.timedelta(microseconds=int(match["n"] or 0)), match["reason"]


def default_folder(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / DEFAULT_FOLDER_NAME


def configured_folder(conn, db_path: Path) -> Path:
    """The folder named by the ``backup_folder`` setting (relative to the database's folder), else the default."""
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", [SETTING_KEY]).fetchone()
    except sqlite3.Error:  # a file too old or too damaged to say
        row = None
    chosen = json.loads(row[0]) if row else None
    if not chosen or not str(chosen).strip():
        return default_folder(db_path)
    folder = Path(str(chosen).strip()).expanduser()
    return folder if folder.is_absolute() else Path(db_path).resolve().parent / folder


def usable_folder(conn, db_path: Path) -> tuple[Path, bool]:
    """The configured folder if it can be made and written to, else the default one: (folder, fell_back).

    A USB stick left at home must not stop the backups: they go beside the database until it is back.
    """
    chosen = configured_folder(conn, db_path)
    try:
        chosen.mkdir(parents=True, exist_ok=True)
        if os.access(chosen, os.W_OK):
            return chosen, False
    except OSError:
        pass
    fallback = default_folder(db_path)
    if fallback == chosen:
        raise DatabaseError(f"无法在备份文件夹 {chosen} 里写入文件，请检查文件夹权限或磁盘")
    try:
        fallback.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"备份文件夹 {chosen} 和 {fallback} 都无法使用：{exc}") from exc
    return fallback, True


def list_backups(folder: Path, db_path: Path) -> list[Backup]:
    """The backups of this database in ``folder``, newest first (files of other databases are left alone)."""
    stem = Path(db_path).stem
    found = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for entry in entries:
        parsed = parse_backup_name(entry)
        if parsed and parsed[0] == stem and entry.is_file():
            found.append(Backup(entry, parsed[1], parsed[2]))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


# ---------------------------------------------------------------- copying and checking


def _open_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _plain(exc: BaseException) -> str:
    text = str(exc)
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "磁盘空间不足"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return "没有写入权限"
    return text


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database open on ``source`` into a new file ``target``, in one step, as a self-contained file."""
    if source.in_transaction:
        raise RuntimeError("copy_database needs the source outside a transaction")
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(dest, pages=-1)
        # The copy inherits WAL from the source's header; a rollback journal keeps it one file, readable anywhere.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def check_file(path: Path, *, quick: bool = False) -> list[str]:
    """Problems ``PRAGMA integrity_check`` (or ``quick_check``) finds in a file, read-only; empty when healthy."""
    try:
        conn = _open_readonly(path)
    except sqlite3.Error as exc:
        return [f"无法打开：{exc}"]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        return [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchall() if row[0] != "ok"]
    except sqlite3.Error as exc:
        return [f"文件不是数据库或已损坏：{exc}"]
    finally:
        conn.close()


def quick_problems(conn) -> list[str]:
    """What ``PRAGMA quick_check`` says of an open database; empty when healthy. Run at start-up and before a backup."""
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        return [f"文件不是数据库或已损坏：{exc}"]


def change_mark(conn) -> tuple[int, int]:
    """(schema version, newest audit row): every write is audited, so equal marks mean equal data."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    try:
        newest = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    except sqlite3.OperationalError:  # no tables yet
        newest = 0
    return version, newest


def file_info(path: Path) -> FileInfo:
    """Schema version, number of people and change mark of a club file, read-only. Raises DatabaseError."""
    try:
        conn = _open_readonly(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开备份文件 {path}：{exc}") from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        except sqlite3.OperationalError:
            people = None
        return FileInfo(version, people, change_mark(conn))
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} 不是数据库或已损坏：{exc}") from exc
    finally:
        conn.close()


def make_backup(source: sqlite3.Connection, db_path: Path, folder: Path, reason: str,
                now: datetime.datetime | None = None) -> Backup:
    """Copy the database open on ``source`` into ``folder``, checked; returns the new backup. Raises DatabaseError.

    Nothing is pruned here: see ``prune``, to be called only after this has returned.
    """
    now = (now or datetime.datetime.now()).replace(microsecond=0)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建备份文件夹 {folder}：{_plain(exc)}") from exc
    n = 0
    # Two backups in one second (before an import, then on closing): the later one is numbered, so it sorts after.
    while any(folder.glob(backup_name(db_path, now, reason, n).replace(f".{reason}{SUFFIX}", ".*"))):
        n += 1
    final = folder / backup_name(db_path, now, reason, n)
    partial = final.with_name(final.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        copy_database(source, partial)
        problems = check_file(partial)
        if problems:
            raise DatabaseError(f"备份没有通过完整性检查（{problems[0]}），已丢弃这份备份，原有的备份都保留着。"
                                "数据库本身可能有问题，请运行“检查数据库”。")
        os.replace(partial, final)
    except sqlite3.Error as exc:
        raise DatabaseError(f"备份到 {folder} 失败：{_plain(exc)}。原有的备份都保留着。") from exc
    except OSError as exc:
        raise DatabaseError(f"备份到 {folder} 失败：{_plain(exc)}。原有的备份都保留着。") from exc
    finally:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
    _sync_folder(folder)
    return Backup(final, now, reason)


# ---------------------------------------------------------------- rotation


def obsolete(backups: Iterable[Backup], today: datetime.date, *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
             monthly: int = KEEP_MONTHLY) -> list[Backup]:
    """The backups the rotation no longer keeps, newest first.

    Walking from the newest: today's are all kept; an older one is kept when it is the newest of its day while
    daily places remain, else the newest of its ISO week while weekly places remain, else the newest of its month
    while monthly places remain. A kept backup also stands for its week and month, so a week already represented
    by a daily one takes no weekly place.
    """
    days: set[datetime.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    left = {"daily": daily, "weekly": weekly, "monthly": monthly}
    dropped = []
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        day = backup.taken_at.date()
        week, month = day.isocalendar()[:2], (day.year, day.month)
        if day >= today:
            keep = True
        elif left["daily"] > 0:
            keep = day not in days
            left["daily"] -= keep
        elif left["weekly"] > 0:
            keep = week not in weeks
            left["weekly"] -= keep
        elif left["monthly"] > 0:
            keep = month not in months
            left["monthly"] -= keep
        else:
            keep = False
        if keep:
            days.add(day)
            weeks.add(week)
            months.add(month)
        else:
            dropped.append(backup)
    return dropped


def prune(folder: Path, db_path: Path, today: datetime.date | None = None) -> list[Path]:
    """Delete this database's backups the rotation no longer keeps, and copies left half-made by a killed backup
    an hour ago or more; returns what was deleted."""
    removed = []
    stem = Path(db_path).stem
    for partial in Path(folder).glob("*.sqlite.partial"):
        parsed = parse_backup_name(partial.with_suffix(""))
        try:
            if parsed and parsed[0] == stem and partial.stat().st_mtime < time.time() - 3600:
                partial.unlink()
                removed.append(partial)
        except OSError:
            pass
    for backup in obsolete(list_backups(folder, db_path), today or datetime.date.today()):
        try:
            backup.path.unlink()
        except OSError:
            continue  # on a read-only stick, say: kept, and tried again next time
        removed.append(backup.path)
    return removed


# ---------------------------------------------------------------- restore


def check_backup(path: Path, latest_version: int, application_id: int) -> FileInfo:
    """Refuse (DatabaseError) a file that cannot be restored: missing, damaged, not ours, or from a newer version."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"找不到备份文件：{path}")
    # A quick look before anything is touched; the copy that goes in place gets the full integrity check.
    problems = check_file(path, quick=True)
    if problems:
        raise DatabaseError(f"备份文件 {path.name} 已损坏，不能用来恢复（{problems[0]}）")
    conn = _open_readonly(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()
    info = file_info(path)
    if app_id != application_id:
        raise DatabaseError(f"{path.name} 不是服务社工作台的数据库，不能用来恢复")
    if info.schema_version > latest_version:
        raise DatabaseError(f"备份 {path.name} 由更新版本的服务社工作台创建（结构版本 {info.schema_version}），"
                            "请先升级程序再恢复")
    return info


def aside_name(db_path: Path, when: datetime.datetime) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.before-restore-{when.strftime(_STAMP)}{db_path.suffix or SUFFIX}")


def restore_file(backup_path: Path, db_path: Path, *, latest_version: int, application_id: int,
                 now: datetime.datetime | None = None) -> Path | None:
    """Put a checked copy of ``backup_path`` in place of ``db_path``; returns where the old file was kept (or None).

    Every connection to ``db_path`` must be closed first (Windows cannot rename an open file).
    """
    db_path = Path(db_path)
    check_backup(backup_path, latest_version, application_id)
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        incoming.unlink(missing_ok=True)
        source = _open_readonly(Path(backup_path))
        try:
            copy_database(source, incoming)
        finally:
            source.close()
        problems = check_file(incoming)
        if problems:
            raise DatabaseError(f"恢复时复制的文件没有通过完整性检查（{problems[0]}），当前数据没有改动")
    except (sqlite3.Error, OSError) as exc:
        incoming.unlink(missing_ok=True)
        raise DatabaseError(f"无法复制备份：{_plain(exc)}。当前数据没有改动。") from exc
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise

    # From here on a file stays in place at every moment, whenever the process is killed: the current file is
    # copied aside (not moved), its WAL folded in or removed, then the checked copy replaces it in one rename.
    aside = None
    if db_path.exists():
        _checkpoint(db_path)
        now = (now or datetime.datetime.now()).replace(microsecond=0)
        aside = aside_name(db_path, now)
        while aside.exists():
            now += datetime.timedelta(seconds=1)
            aside = aside_name(db_path, now)
        try:
            for extra in ("", "-wal"):
                src = Path(str(db_path) + extra)
                if src.exists():
                    shutil.copyfile(src, Path(str(aside) + extra))
        except OSError as exc:
            for extra in ("", "-wal"):
                Path(str(aside) + extra).unlink(missing_ok=True)
            incoming.unlink(missing_ok=True)
            raise DatabaseError(f"无法把当前文件复制到一旁（{_plain(exc)}）；当前数据没有改动。") from exc
    try:
        # A WAL or journal left beside the file belongs to the old data and must never be applied to the new.
        for extra in _SIDE_FILES:
            Path(str(db_path) + extra).unlink(missing_ok=True)
        os.replace(incoming, db_path)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise DatabaseError(f"无法替换数据库文件（{_plain(exc)}），可能还有程序打开着它。"
                            f"原来的数据保留在 {aside}。") from exc
    _sync_folder(db_path.parent)
    return aside


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the file before it is moved aside, so the copy kept aside is one file (best effort)."""
    try:
        conn = sqlite3.connect(db_path, isolation_level=None, timeout=0.5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # a damaged file is moved aside as it is, its -wal with it
