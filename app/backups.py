"""When the club file is backed up, and how it is restored: the policy over ``app.db.backup``'s file work.

Backups are made by hand (the menu, ``python -m app backup``), every 30 minutes while the data changes, on
closing the window (when a quick check passes), and before an import, a restore and a schema upgrade. An automatic
backup is skipped when the newest backup already holds exactly the current data: the key file counts every write
(a counter that only grows, so a restored older backup cannot make new work look backed up) and records the count
with each backup. Each new
backup is checked before the rotation prunes older ones. The folder is the ``backup_folder`` setting (empty: a
``备份`` folder beside the database); when it cannot be used (the USB stick is out) the backup goes to the default
folder instead, and the result says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from app.db import backup as files
from app.db import keyfile, migrations
from app.db.connection import APPLICATION_ID, writers_elsewhere
from app.errors import DatabaseError

AUTO_INTERVAL_MINUTES = 30
SETTING_KEY = files.SETTING_KEY
REASON_LABELS = {"manual": "手动", "auto": "定时", "close": "关闭时", "before-import": "导入前",
                 "before-restore": "恢复前", "before-upgrade": "升级前", "before-encrypt": "加密前",
                 "scheduled": "计划任务"}


@dataclass
class BackupResult:
    folder: Path
    backup: files.Backup | None  # None when skipped: the newest backup already holds this data
    pruned: list[Path] = field(default_factory=list)
    fell_back: bool = False  # the configured folder could not be used; the default one was
    configured: Path | None = None

    def said(self) -> str:
        """What the window says to a volunteer: what happened, without file paths (those are in ``message``)."""
        if self.backup is None:
            text = "数据自上次备份以来没有变化，不需要再备份"
        else:
            text = f"已备份并校验（{self.backup.taken_at:%Y-%m-%d %H:%M}）"
            if self.pruned:
                text += f"；按保留规则删除了 {len(self.pruned)} 份旧备份"
        if self.fell_back:
            text += "。备份文件夹现在不能用（U盘没插？），这次备份放在了数据文件旁边"
        return text

    def message(self) -> str:
        """One Chinese line for the command line, with the paths (the window shows them on request)."""
        if self.backup is None:
            text = f"数据自上次备份以来没有变化，不需要再备份（{self.folder}）"
        else:
            text = f"已备份并校验 → {self.backup.path}"
            if self.pruned:
                text += f"；按保留规则删除了 {len(self.pruned)} 份旧备份"
        if self.fell_back:
            text += f"。备份文件夹 {self.configured} 现在不能用（U盘没插？），这次备份放在了 {self.folder}"
        return text


@dataclass(frozen=True)
class BackupEntry:
    """A backup as the restore list shows it."""

    backup: files.Backup
    size: int
    people: int | None
    schema_version: int | None
    readable: bool

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.backup.reason, self.backup.reason)


def folder_for(db: sqlite_utils.Database, db_path: Path) -> Path:
    """The backup folder the settings name (not checked for being usable)."""
    return files.configured_folder(db.conn, Path(db_path))


def back_up(db: sqlite_utils.Database, db_path: Path, *, reason: str = "manual", folder: Path | None = None,
            only_if_changed: bool = False, prune: bool = True, now: datetime.datetime | None = None) -> BackupResult:
    """Back the open database up (checked), then apply the rotation in that folder. Raises DatabaseError.

    ``folder`` given (the command line's ``--to``) is used as it is; otherwise the settings decide.
    """
    db_path = Path(db_path)
    configured = None
    fell_back = False
    if folder is None:
        configured = files.configured_folder(db.conn, db_path)
        folder, fell_back = files.usable_folder(db.conn, db_path)
    folder = Path(folder)
    if only_if_changed and not _changed_since(db_path, files.list_backups(folder, db_path)):
        return BackupResult(folder, None, fell_back=fell_back, configured=configured)
    key = getattr(db, "key", None)
    made = files.make_backup(db.conn, db_path, folder, reason, now, key=key)
    if key is not None:
        keyfile.set_display(db_path, key, backup_folder=str(Path(folder).resolve()))
    pruned = files.prune(folder, db_path, (now or datetime.datetime.now()).date(), key=key) if prune else []
    return BackupResult(folder, made, pruned, fell_back, configured)


def copy_sealed(db_path: Path, *, folder: Path | None = None, now: datetime.datetime | None = None) -> BackupResult:
    """The scheduled task's backup, with no password: the encrypted file copied as it is (see
    ``files.copy_sealed_file``) into ``folder``, else the folder the club last backed up to, else the default."""
    db_path = Path(db_path)
    if folder is None:
        chosen = keyfile.display(db_path).get("backup_folder")
        folder = Path(chosen) if chosen and Path(chosen).is_dir() else files.default_folder(db_path)
    from app.db.connection import no_writers

    made = files.copy_sealed_file(db_path, Path(folder), now, no_writers=no_writers)
    pruned = files.prune(Path(folder), db_path, (now or datetime.datetime.now()).date()) if made else []
    return BackupResult(Path(folder), made, pruned)


def _changed_since(db_path: Path, found: list[files.Backup]) -> bool:
    """Whether the club has been written since the newest correctly dated backup in ``found`` was made."""
    newest = [b for b in found if not files.future_dated(b)]
    if not newest:
        return True
    try:
        content = keyfile.read(db_path)
    except DatabaseError:
        return True
    record = keyfile.backup_record(content, newest[0].path.name)
    return record is None or record.get("changes") != int(content.get("changes") or 0)


def needs_backup(db: sqlite_utils.Database, db_path: Path) -> bool:
    """Whether the data differs from the newest backup in the configured folder (or there is none)."""
    folder = files.configured_folder(db.conn, Path(db_path))
    return _changed_since(Path(db_path), files.list_backups(folder, Path(db_path)))


def quick_check(db: sqlite_utils.Database) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with the open file (start-up, before the backup on closing)."""
    return files.quick_problems(db.conn)


def file_problems(path: Path, key: bytes | None) -> list[str]:
    """Problems of a file that may not even open (start-up); empty when the quick check passes."""
    return files.check_file(Path(path), quick=True, key=key)


def candidate_folders(db_path: Path, db: sqlite_utils.Database | None = None) -> list[Path]:
    """Where this database's backups may be: the configured folder (when the file can still say) and the default."""
    folders = []
    if db is not None:
        folders.append(files.configured_folder(db.conn, Path(db_path)))
    default = files.default_folder(Path(db_path))
    if default not in folders:
        folders.append(default)
    return folders


def list_entries(db_path: Path, folders: list[Path], key: bytes | None) -> list[BackupEntry]:
    """Every backup of the database in ``folders``, newest first (those dated in the future last), with its size
    and number of people; one that ``key`` does not open is listed as unreadable."""
    seen: set[Path] = set()
    found: list[files.Backup] = []
    for folder in folders:
        for item in files.list_backups(folder, Path(db_path)):
            if item.path.resolve() not in seen:
                seen.add(item.path.resolve())
                found.append(item)
    entries = []
    now = datetime.datetime.now()
    for item in sorted(found, key=lambda b: (not files.future_dated(b, now), b.taken_at), reverse=True):
        try:
            info = files.file_info(item.path, key)
        except DatabaseError:
            entries.append(BackupEntry(item, item.size, None, None, False))
        else:
            entries.append(BackupEntry(item, item.size, info.people, info.schema_version, True))
    return entries


def newest_good(db_path: Path, folders: list[Path], key: bytes | None) -> BackupEntry | None:
    """The newest correctly dated backup of this club that passes the checks a restore makes, for a damaged file.
    Chosen by what the files hold and the key opens, never by a name alone (a planted file is not this club's)."""
    for entry in list_entries(db_path, folders, key):
        if not entry.readable or files.future_dated(entry.backup):
            continue
        try:
            check_backup(entry.backup.path, key, db_path)
        except DatabaseError:
            continue
        return entry
    return None


@dataclass
class RestoreResult:
    restored_from: Path
    aside: Path | None  # where the file that was in place is kept
    people: int | None
    safety_backup: BackupResult | None  # the current data, backed up first when it was healthy

    def said(self) -> str:
        """What the window says: the backup's time and the people in it, and that nothing was thrown away."""
        text = "已从所选的备份恢复"
        if self.people is not None:
            text += f"（{self.people} 人）"
        if self.aside is not None:
            text += "；原来的文件另外保留着，没有丢"
        return text

    def message(self) -> str:
        text = f"已从备份 {self.restored_from.name} 恢复"
        if self.people is not None:
            text += f"（{self.people} 人）"
        if self.aside is not None:
            text += f"；原来的文件保留为 {self.aside}"
        return text


def check_backup(path: Path, key: bytes | None, db_path: Path | None = None) -> files.FileInfo:
    """Refuse (DatabaseError) a backup that cannot be restored: not this club's or not made by the app, damaged,
    too new, its schema or its audit log changed outside the app; its size and people otherwise."""
    path = Path(path)
    info = files.check_backup(path, migrations.latest_version(), APPLICATION_ID, key)
    record = None
    if db_path is not None and keyfile.exists(db_path):
        try:
            record = keyfile.backup_record(keyfile.read(db_path), path.name)
        except DatabaseError:
            record = None
    tampered = tamper_problems(path, key, record)
    if tampered:
        raise DatabaseError(f"备份 {path.name} 的内容在程序之外被改动过（{tampered[0]}），不能用来恢复，当前数据没有改动")
    return info


def tamper_problems(path: Path, key: bytes, record: dict | None = None) -> list[str]:
    """What the audit check finds in a backup: its digest and chain against the record the key file kept when it
    was made (when there is one), and register rows with no audit row behind them (an extra director account)."""
    from app.db import audit
    from app.db.connection import ClubDatabase, connect, driver

    if record and record.get("sha256") and keyfile.file_digest(path) != record["sha256"]:
        return ["这个文件不是程序当初做的那份备份（内容与备份记录不符）"]
    conn = connect(path, key, readonly=True)
    try:
        db = ClubDatabase(conn, execute_plugins=False)
        db.key = key
        anchor = (record or {}).get("audit")
        return audit.chain_problems(db, anchor=anchor if anchor and anchor.get("hash") else None) + \
            audit.unaudited_changes(db)
    except driver.Error as exc:
        return [str(exc)]
    finally:
        conn.close()



def _upgrade_copy(key: bytes):
    """Upgrade the copy of an older backup before it goes in place: a backup that cannot be upgraded changes
    nothing."""
    def prepare(path: Path) -> None:
        from app.db.connection import ClubDatabase, connect

        conn = connect(path, key)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < migrations.latest_version():
                try:
                    migrations.migrate(ClubDatabase(conn, execute_plugins=False), APPLICATION_ID)
                except Exception as exc:
                    raise DatabaseError(f"这份备份是旧版本的，升级它的结构时出了问题（{exc}），没有恢复，当前数据没有改动") from exc
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    return prepare


def restore(db_path: Path, backup_path: Path, *, key: bytes | None = None, recovery_code: str | None = None,
            now: datetime.datetime | None = None) -> RestoreResult:
    """Replace the database with a backup of this club: the backup checked first (this club's key, the schema the
    migrations make), upgraded on a copy when older, the current data backed up when healthy and the current file
    kept aside. Refused while any process has the file open for writing. Every connection of this process to the
    file must be closed. ``recovery_code`` opens the backup on a PC that has no key file for the club (a new PC):
    the data key comes from the backup folder's recovery file. Raises DatabaseError."""
    from app.db.connection import open_database

    db_path, backup_path = Path(db_path), Path(backup_path)
    if writers_elsewhere(db_path):
        raise DatabaseError("数据库正被打开着（窗口或命令行里的另一项工作还在写入）：请先关闭它们再恢复，当前数据没有改动")
    new_pc = False
    if key is None:
        key = keyfile.known(db_path)
    if key is None and recovery_code is not None:
        source = keyfile.recovery_file(backup_path.parent, db_path)
        if keyfile.exists(db_path):
            source = keyfile.key_path(db_path)
        elif not source.is_file():
            raise DatabaseError(f"备份文件夹里没有恢复码文件 {source.name}，无法在这台电脑上恢复")
        key, club = keyfile.unlock_with_recovery(source, recovery_code)
        new_pc = not keyfile.exists(db_path)
    if key is None:
        raise DatabaseError("需要先登录（或输入恢复码）才能恢复")
    info = check_backup(backup_path, key, None if new_pc else db_path)
    safety = None
    if not new_pc and db_path.exists() and not files.check_file(db_path, quick=True, key=key):
        try:
            db = open_database(db_path, migrate=False, key=key)
        except DatabaseError:
            db = None  # not ours, or too new: kept aside below all the same
        if db is not None:
            try:
                # not pruned now: the backup being restored must still be there to copy
                safety = back_up(db, db_path, reason="before-restore", only_if_changed=True, prune=False, now=now)
            finally:
                db.close()
    aside = files.restore_file(backup_path, db_path, latest_version=migrations.latest_version(),
                               application_id=APPLICATION_ID, key=key, prepare=_upgrade_copy(key), now=now)
    if new_pc:
        content = keyfile.create(db_path, key, open_key=False)
        keyfile.set_recovery(db_path, key, recovery_code)
        del content
    # The restored file's newest audit link is the anchor now, and the restore counts as a change.
    restored = files.file_info(db_path, key)
    keyfile.update(db_path, key, anchor=restored.newest_audit if restored.newest_audit and
                   restored.newest_audit.get("hash") else None)
    keyfile.advance_anchor(db_path, key, None)
    keyfile.remember(db_path, key)
    return RestoreResult(backup_path, aside, info.people, safety)
