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

Backups are encrypted under the club's data key, like the club file: the copy is made with the same key, so a
backup opens only with it, and opening is the proof that a file is this club's own. Each backup the app makes is
recorded in the key file (its digest, the newest audit link it holds, the change counter), and the backup folder
gets the data key sealed under the recovery code (``club.recovery-key``) so that a new PC can restore with the code.

A backup whose name is dated in the future (a wrong clock) is never taken for the newest one and is deleted once
the club has its 12 daily backups again.

Restoring checks the backup first (this club's key, its schema exactly what the migrations make), copies it beside the database as ``NAME.restoring``, checks that copy, copies the
current file (with its ``-wal``) aside as ``club.before-restore-<time>.sqlite``, and only then renames the checked
copy over it: the current file is never lost, and a whole file is in place whenever the process is killed. An
older backup is upgraded on the copy before it goes in place, so one that cannot be upgraded changes nothing.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from app.db import keyfile
from app.db.engine import connect, driver, is_plain, opens_with, schema_problems
from app.errors import DatabaseError

SETTING_KEY = "backup_folder"  # the folder the director chose (a USB stick, say); empty means the default
DEFAULT_FOLDER_NAME = "备份"  # beside the database file
SUFFIX = ".sqlite"
REASONS = ("manual", "auto", "close", "before-import", "before-restore", "before-upgrade", "before-encrypt",
           "scheduled")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
_STAMP = "%Y-%m-%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[a-z-]+)\.sqlite$")
_SIDE_FILES = ("-wal", "-shm", "-journal")
FUTURE_SLACK = datetime.timedelta(hours=1)  # a backup named later than this after now was made with a wrong clock


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
    newest_audit: dict | None  # the newest link of its audit chain: {"id", "hash"}


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
    except driver.Error:  # a file too old or too damaged to say
        row = None
    try:
        chosen = json.loads(row[0]) if row else None
    except (TypeError, ValueError):
        chosen = None
    if not isinstance(chosen, str) or not chosen.strip() or "\x00" in chosen:
        if chosen not in (None, ""):
            import logging

            logging.getLogger(__name__).warning("backup_folder setting %r is not a folder name: default used",
                                                chosen)
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


def future_dated(backup: Backup, now: datetime.datetime | None = None) -> bool:
    return backup.taken_at > (now or datetime.datetime.now()) + FUTURE_SLACK


def list_backups(folder: Path, db_path: Path) -> list[Backup]:
    """The backups of this database in ``folder``, newest first, those dated in the future (a wrong clock) last
    (files of other databases are left alone)."""
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
    now = datetime.datetime.now()
    return sorted(found, key=lambda b: (not future_dated(b, now), b.taken_at), reverse=True)


# ---------------------------------------------------------------- copying and checking


def _open_readonly(path: Path, key: bytes | None) -> "driver.Connection":
    return connect(path, key, readonly=True)


def sync_folder(folder: Path) -> None:
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


def plain_reason(exc: BaseException) -> str:
    text = str(exc)
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "磁盘空间不足"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return "没有写入权限"
    return text


def copy_database(source, target: Path, key: bytes | None) -> None:
    """Copy the database open on ``source`` into a new file ``target`` under the same key, in one step, as a
    self-contained file. A plain source (before its first encryption) is exported under ``key`` instead."""
    if source.in_transaction:
        raise RuntimeError("copy_database needs the source outside a transaction")
    dest = connect(target, key)
    try:
        source.backup(dest, pages=-1)
        # The copy inherits WAL from the source's header; a rollback journal keeps it one file, readable anywhere.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def export_encrypted(plain, target: Path, key: bytes) -> None:
    """Write the plain database open on ``plain`` into a new file ``target`` encrypted under ``key``."""
    Path(target).unlink(missing_ok=True)
    version = plain.execute("PRAGMA user_version").fetchone()[0]
    app_id = plain.execute("PRAGMA application_id").fetchone()[0]
    plain.execute("ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", [str(target)])
    try:
        plain.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute(f"PRAGMA encrypted.application_id = {int(app_id)}")
    finally:
        plain.execute("DETACH DATABASE encrypted")


def check_file(path: Path, *, quick: bool = False, key: bytes | None = None) -> list[str]:
    """Problems ``PRAGMA integrity_check`` (or ``quick_check``) finds in a file opened with ``key``, read-only;
    empty when healthy. A key that does not open it is a problem too."""
    try:
        conn = _open_readonly(path, key)
    except driver.Error as exc:
        return [f"无法打开：{exc}"]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        return [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchall() if row[0] != "ok"]
    except driver.Error as exc:
        if "full" in str(exc):
            raise DatabaseError("磁盘空间不足，无法检查文件：请腾出一些空间再试") from exc
        return [f"文件不是数据库、已损坏或不是用本服务社的钥匙加密的：{exc}"]
    finally:
        conn.close()


def quick_problems(conn) -> list[str]:
    """What ``PRAGMA quick_check`` says of an open database; empty when healthy. Run at start-up and before a backup."""
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
    except driver.DatabaseError as exc:
        if "full" in str(exc):
            raise DatabaseError("磁盘空间不足，无法检查文件：请腾出一些空间再试") from exc
        return [f"文件不是数据库或已损坏：{exc}"]


def newest_audit(conn) -> dict | None:
    """The newest link of the audit chain in an open file: {"id", "hash"}, or None before the first write."""
    try:
        row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except driver.OperationalError:  # no tables yet
        return None
    return {"id": row[0], "hash": row[1]} if row else None


def file_info(path: Path, key: bytes | None) -> FileInfo:
    """Schema version, number of people and newest audit link of a club file, read-only. Raises DatabaseError
    (also when ``key`` does not open it)."""
    try:
        conn = _open_readonly(path, key)
    except driver.Error as exc:
        raise DatabaseError(f"无法打开备份文件 {path}：{exc}") from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        except driver.OperationalError:
            people = None
        return FileInfo(version, people, newest_audit(conn))
    except driver.DatabaseError as exc:
        raise DatabaseError(f"{Path(path).name} 不是本服务社的数据库或已损坏（{exc}）") from exc
    finally:
        conn.close()


def make_backup(source, db_path: Path, folder: Path, reason: str, now: datetime.datetime | None = None, *,
                key: bytes | None, source_key: bytes | None = ...) -> Backup:
    """Copy the database open on ``source`` into ``folder`` under ``key``, checked, and record it in the key file;
    returns the new backup. ``source_key=None`` says the source is a plain file (before its first encryption).
    Raises DatabaseError. Nothing is pruned here: see ``prune``, to be called only after this has returned.
    """
    now = (now or datetime.datetime.now()).replace(microsecond=0)
    folder = Path(folder)
    if key is None:
        raise DatabaseError("数据库没有加密，不能备份：请先用本程序打开一次（打开时会加密）")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建备份文件夹 {folder}：{plain_reason(exc)}") from exc
    n = 0
    # Two backups in one second (before an import, then on closing): the later one is numbered, so it sorts after.
    while any(folder.glob(backup_name(db_path, now, reason, n).replace(f".{reason}{SUFFIX}", ".*"))):
        n += 1
    final = folder / backup_name(db_path, now, reason, n)
    partial = final.with_name(final.name + ".partial")
    try:
        _remove_with_sides(partial)
        if source_key is None:
            export_encrypted(source, partial, key)
        else:
            copy_database(source, partial, key)
        problems = check_file(partial, key=key)
        if problems:
            raise DatabaseError(f"备份没有通过完整性检查（{problems[0]}），已丢弃这份备份，原有的备份都保留着。"
                                "数据库本身可能有问题，请运行“检查数据库”。")
        info = file_info(partial, key)
        digest = keyfile.file_digest(partial)
        os.replace(partial, final)
    except driver.Error as exc:
        raise DatabaseError(f"备份到 {folder} 失败：{plain_reason(exc)}。原有的备份都保留着。") from exc
    except OSError as exc:
        raise DatabaseError(f"备份到 {folder} 失败：{plain_reason(exc)}。原有的备份都保留着。") from exc
    finally:
        try:
            _remove_with_sides(partial)
        except OSError:
            pass
    sync_folder(folder)
    if keyfile.exists(db_path):
        keyfile.record_backup(db_path, key, final.name, {
            "sha256": digest, "at": now.isoformat(), "reason": reason, "schema_version": info.schema_version,
            "audit": info.newest_audit, "changes": keyfile.changes(db_path)})
        keyfile.write_recovery_file(db_path, key, folder)
    return Backup(final, now, reason)


def copy_sealed_file(db_path: Path, folder: Path, now: datetime.datetime | None = None, *, no_writers) -> Backup | None:
    """A backup made with no key (a scheduled task stores no password): the encrypted file copied byte for byte
    while no process writes it (``no_writers``, the connection's guard), and compared with it. None when the newest
    backup already holds the same bytes. Raises DatabaseError when a writer has it open (the window backs itself
    up) or a write-ahead log is pending."""

    db_path, folder = Path(db_path), Path(folder)
    now = (now or datetime.datetime.now()).replace(microsecond=0)
    with no_writers(db_path) as alone:
        if not alone:
            raise DatabaseError("窗口或另一个程序正在使用这个数据库，这次没有备份（窗口开着时它自己每 30 分钟备份一次）")
        wal = Path(str(db_path) + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise DatabaseError("数据库还有没写完的日志（上次没有正常关闭），不登录无法备份：请打开一次窗口再关闭，或加上 --user")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            digest = keyfile.file_digest(db_path)
            found = [b for b in list_backups(folder, db_path) if not future_dated(b, now)]
            if found and found[0].size == db_path.stat().st_size and keyfile.file_digest(found[0].path) == digest:
                return None
            n = 0
            while any(folder.glob(backup_name(db_path, now, "scheduled", n).replace(".scheduled" + SUFFIX, ".*"))):
                n += 1
            final = folder / backup_name(db_path, now, "scheduled", n)
            partial = final.with_name(final.name + ".partial")
            shutil.copyfile(db_path, partial)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            if keyfile.file_digest(partial) != digest:
                partial.unlink(missing_ok=True)
                raise DatabaseError("复制出的备份与数据库不一致，已丢弃，原有的备份都保留着")
            os.replace(partial, final)
        except OSError as exc:
            raise DatabaseError(f"备份到 {folder} 失败：{plain_reason(exc)}。原有的备份都保留着。") from exc
    sync_folder(folder)
    return Backup(final, now, "scheduled")


def _remove_with_sides(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)


def encrypt_leftovers(db_path: Path, key: bytes, folder: Path) -> list[Path]:
    """After a plain club file was encrypted: encrypt its plain backups and the copies kept aside by restores
    too, each checked before it replaces the plain one. Best effort: a file that fails stays as it was."""
    db_path = Path(db_path)
    candidates = [b.path for b in list_backups(folder, db_path)]
    candidates += sorted(db_path.parent.glob(f"{db_path.stem}.before-restore-*{db_path.suffix or SUFFIX}"))
    done = []
    for path in candidates:
        if not is_plain(path):
            continue
        temp = path.with_name(path.name + ".encrypting")
        try:
            plain = connect(path, None, readonly=True)
            try:
                export_encrypted(plain, temp, key)
            finally:
                plain.close()
            if check_file(temp, key=key):
                raise DatabaseError("check failed")
            os.replace(temp, path)
            done.append(path)
        except (driver.Error, OSError, DatabaseError):
            try:
                _remove_with_sides(temp)
            except OSError:
                pass
    return done


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


def prune(folder: Path, db_path: Path, today: datetime.date | None = None, *, key: bytes | None = None) -> list[Path]:
    """Delete this database's backups the rotation no longer keeps, copies left half-made by a killed backup
    an hour ago or more (with their journals), and backups dated in the future once the club has its daily
    backups again; returns what was deleted."""
    removed = []
    stem = Path(db_path).stem
    for leftover in list(Path(folder).glob("*.sqlite.partial")) + list(Path(folder).glob("*.sqlite.partial-*")):
        base = leftover.name.split(".partial")[0]
        parsed = parse_backup_name(leftover.with_name(base))
        try:
            if parsed and parsed[0] == stem and leftover.stat().st_mtime < time.time() - 3600:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            pass
    today = today or datetime.date.today()
    found = list_backups(folder, db_path)
    now = datetime.datetime.combine(today, datetime.time(23, 59, 59))
    dated = [b for b in found if not future_dated(b, now)]
    future = [b for b in found if future_dated(b, now)]
    doomed = obsolete(dated, today)
    if len({b.taken_at.date() for b in dated} - {today}) >= KEEP_DAILY:
        doomed += future
    for backup in doomed:
        try:
            backup.path.unlink()
        except OSError:
            continue  # on a read-only stick, say: kept, and tried again next time
        removed.append(backup.path)
    if key is not None and removed and keyfile.exists(db_path):
        try:
            keyfile.forget_records(db_path, key, {path.name for path in removed})
        except DatabaseError:
            pass
    return removed


# ---------------------------------------------------------------- restore


def check_backup(path: Path, latest_version: int, application_id: int, key: bytes | None) -> FileInfo:
    """Refuse (DatabaseError) a file that cannot be restored: missing, damaged, not encrypted with this club's
    key (so not this club's, or not made by the app), not a club file, from a newer version, or with a schema
    other than the migrations make (a trigger dropped, a column changed, an account table with extra rows is
    is caught by the audit check, ``app.backups.check_backup``)."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"找不到备份文件：{path}")
    if is_plain(path) or key is None or not opens_with(path, key):
        raise DatabaseError(f"{path.name} 不是本服务社用本程序做的备份（钥匙对不上），或者文件已损坏，不能用来恢复，"
                            "当前数据没有改动")
    # A quick look before anything is touched; the copy that goes in place gets the full integrity check.
    problems = check_file(path, quick=True, key=key)
    if problems:
        raise DatabaseError(f"备份文件 {path.name} 已损坏，不能用来恢复（{problems[0]}）")
    conn = _open_readonly(path, key)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        changed = schema_problems(conn, version) if app_id == application_id and version <= latest_version else []
    finally:
        conn.close()
    info = file_info(path, key)
    if app_id != application_id:
        raise DatabaseError(f"{path.name} 不是服务社工作台的数据库，不能用来恢复")
    if info.schema_version > latest_version:
        raise DatabaseError(f"备份 {path.name} 由更新版本的服务社工作台创建（结构版本 {info.schema_version}），"
                            "请先升级程序再恢复")
    if changed:
        raise DatabaseError(f"备份 {path.name} 的结构在程序之外被改动过（{changed[0]}），不能用来恢复，当前数据没有改动")
    return info


def aside_name(db_path: Path, when: datetime.datetime) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}.before-restore-{when.strftime(_STAMP)}{db_path.suffix or SUFFIX}")


def restore_file(backup_path: Path, db_path: Path, *, latest_version: int, application_id: int, key: bytes,
                 prepare=None, now: datetime.datetime | None = None) -> Path | None:
    """Put a checked copy of ``backup_path`` in place of ``db_path``; returns where the old file was kept (or None).

    ``prepare(path)`` runs on the checked copy before it goes in place (the upgrade of an older backup): when it
    fails, nothing has changed. Every connection to ``db_path`` must be closed first (Windows cannot rename an
    open file).
    """
    db_path = Path(db_path)
    check_backup(backup_path, latest_version, application_id, key)
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        _remove_with_sides(incoming)
        source = _open_readonly(Path(backup_path), key)
        try:
            copy_database(source, incoming, key)
        finally:
            source.close()
        problems = check_file(incoming, key=key)
        if problems:
            raise DatabaseError(f"恢复时复制的文件没有通过完整性检查（{problems[0]}），当前数据没有改动")
        if prepare is not None:
            prepare(incoming)
            problems = check_file(incoming, key=key)
            if problems:
                raise DatabaseError(f"升级后的备份没有通过完整性检查（{problems[0]}），当前数据没有改动")
    except (driver.Error, OSError) as exc:
        _remove_with_sides(incoming)
        raise DatabaseError(f"无法复制备份：{plain_reason(exc)}。当前数据没有改动。") from exc
    except BaseException:
        _remove_with_sides(incoming)
        raise

    # From here on a file stays in place at every moment, whenever the process is killed: the current file is
    # copied aside (not moved), its WAL folded in or removed, then the checked copy replaces it in one rename.
    aside = None
    if db_path.exists():
        _checkpoint(db_path, key)
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
            _remove_with_sides(incoming)
            raise DatabaseError(f"无法把当前文件复制到一旁（{plain_reason(exc)}）；当前数据没有改动。") from exc
    try:
        # A WAL or journal left beside the file belongs to the old data and must never be applied to the new.
        for extra in _SIDE_FILES:
            Path(str(db_path) + extra).unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            Path(str(incoming) + extra).unlink(missing_ok=True)
        os.replace(incoming, db_path)
    except OSError as exc:
        _remove_with_sides(incoming)
        raise DatabaseError(f"无法替换数据库文件（{plain_reason(exc)}），可能还有程序打开着它。"
                            f"原来的数据保留在 {aside}。") from exc
    sync_folder(db_path.parent)
    return aside


def _checkpoint(db_path: Path, key: bytes | None) -> None:
    """Fold the WAL into the file before it is moved aside, so the copy kept aside is one file (best effort)."""
    try:
        conn = connect(db_path, key, timeout=0.5)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except driver.Error:
        pass  # a damaged file is moved aside as it is, its -wal with it
