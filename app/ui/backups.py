"""Backups in the window: opening the file safely (one editor, the quick check, a way out of a damaged file), the
30-minute backup while data changes, the backup on closing, 备份数据… and 从备份恢复… with the window reopened.

The file work is ``app.backups``; here it runs off the UI thread and its results come back as messages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from app import backups
from app.db import filelock, keyfile
from app.db.connection import SchemaChanged, open_database
from app.errors import DatabaseError, KnownError
from app.ui import messages
from app.ui.operations import BackgroundJob, Call, run_call, wait_with_progress

_open_windows: list = []  # windows opened on a restored file: kept alive here, not by the window they replace


# ---------------------------------------------------------------- opening the file


def open_for_window(path: Path, parent=None, *, session=None, check: bool = True):
    """Open the club file for the window: the editor lock, the log-in, the file, the quick check. Returns
    (database, session) — the session None when the file is open but nobody has logged in yet (a club without a
    sealed account: the caller asks) — or None when the user quit. A damaged file is offered a restore only after
    a director's log-in (a duty volunteer is told to fetch the director). Raises KnownError (another copy has it
    open, a network share, a file too new, a key file changed behind the app's back).

    ``check=False`` leaves the start-up quick check to the caller (``start_check`` / ``after_check``), so that it
    can run while the window is being built: on an encrypted file it decrypts every page, which takes a while."""
    path = Path(path)
    filelock.acquire(path)  # DatabaseInUse names who has it open
    if _key_file_lost(path) and keyfile.known(path) is None:
        from app.ui.dialogs.recover import RecoverDialog

        QMessageBox.warning(parent, QCoreApplication.translate("Backups", "The key file is missing"),
                            QCoreApplication.translate(
                                "Backups", "The club's data is encrypted and its key file is not beside it (copied "
                                           "alone, or a new computer). The director can open it with the recovery "
                                           "code kept in the office safe."))
        dialog = RecoverDialog(path, parent)
        if not dialog.exec() or dialog.session is None:
            return None
        return dialog.db, dialog.session
    if _sealed(path) and keyfile.known(path) is None:
        from app.ui.dialogs.login import ClosedDoor, LoginDialog

        door = ClosedDoor(path)
        dialog = LoginDialog(door, parent)
        if not dialog.exec() or dialog.session is None:
            return None
        session, key = dialog.session, keyfile.known(path)
        if door.failure is not None:
            if not (isinstance(door.failure, SchemaChanged) or backups.file_problems(path, key)):
                raise door.failure  # not damaged: a full disk, say
            return _repair_as(session, path, str(door.failure), backups.candidate_folders(path), key, parent)
        db = door.db
    else:
        try:
            db = open_database(path)
        except DatabaseError as exc:
            key = keyfile.known(path)
            if not path.exists() or not (isinstance(exc, SchemaChanged) or backups.file_problems(path, key)):
                raise  # not damaged: too new, not ours, on a share, a full disk
            # No sealed account can vouch for a director here (a club not yet sealed): the offer is made, and a
            # restore still takes only this club's own backups.
            found = repair(path, str(exc), backups.candidate_folders(path), key, parent)
            return None if found is None else (found, session)
    if not check:
        return db, session
    checking = QCoreApplication.translate("Backups", "Checking the database…")
    key = getattr(db, "key", None)
    problems = run_call(parent, checking, lambda: backups.file_problems(path, key))[0] or []
    return after_check(path, db, session, problems, parent)


class QuickCheck:
    """The start-up quick check on its own thread and read-only connection, started at once, so it runs while the
    window is built: on an encrypted file it decrypts every page, which takes a while at 100,000 people."""

    def __init__(self, path: Path, key: bytes | None, parent=None):
        self.problems: list[str] | None = None

        def work() -> list[str]:
            try:
                self.problems = backups.file_problems(Path(path), key)
            except Exception as exc:  # a full disk, say: said as it is, the file not called damaged
                self.problems = [str(exc)]
            return self.problems

        self.call = Call(work, parent)
        self.call.start()

    def result(self, parent=None) -> list[str]:
        """What it found, waiting for it (with a busy dialog when that takes long)."""
        if not self.call.isFinished():
            checking = QCoreApplication.translate("Backups", "Checking the database…")
            wait_with_progress(parent, checking,
                               lambda done, failed: self.call.finished.connect(lambda: done(None)))
        self.call.wait()
        return self.problems or []


def after_check(path: Path, db, session, problems: list[str], parent=None):
    """(database, session) when the check found nothing; else the damaged-file offer (a director's only)."""
    key = getattr(db, "key", None)
    if problems:
        folders = backups.candidate_folders(path, db)
        db.close()
        if session is not None:
            return _repair_as(session, path, problems[0], folders, key, parent)
        found = repair(path, problems[0], folders, key, parent)
        return None if found is None else (found, session)
    return db, session


def _key_file_lost(path: Path) -> bool:
    from app.db.connection import is_plain

    return path.exists() and path.stat().st_size > 0 and not is_plain(path) and not keyfile.exists(path)


def _sealed(path: Path) -> bool:
    from app.db.connection import is_plain

    if not path.exists() or path.stat().st_size == 0 or is_plain(path) or not keyfile.exists(path):
        return False
    try:
        return keyfile.open_key(keyfile.read(path)) is None
    except DatabaseError:
        return True  # a key file that cannot be read: the log-in says why


def _repair_as(session, path: Path, problem: str, folders: list[Path], key: bytes | None, parent):
    """The damaged-file offer, for a director; a duty volunteer is told what is wrong and whom to call."""
    if session.role != "director":
        QMessageBox.warning(parent, QCoreApplication.translate("Backups", "The database file is damaged"),
                            QCoreApplication.translate(
                                "Backups", "The database file cannot be used safely (%1). Please ask the director "
                                           "to log in: only the director may restore it from a backup.")
                            .replace("%1", problem))
        return None
    found = repair(path, problem, folders, key, parent)
    return None if found is None else (found, session)


def repair(path: Path, problem: str, folders: list[Path], key: bytes | None = None, parent=None):
    """The damaged-file dialog; the database reopened after a restore, or None when the user quits."""
    from app.ui.dialogs.damaged import DamagedFileDialog

    dialog = DamagedFileDialog(path, problem, folders, parent, key=key)
    if dialog.exec() != DamagedFileDialog.DialogCode.Accepted or dialog.restored is None:
        return None
    return open_database(path, key=keyfile.known(path))


# ---------------------------------------------------------------- in the window


class BackupController(QObject):
    """The main window's backups: the timer, 备份数据…, 从备份恢复…, and the backup on closing."""

    finished = Signal(object)  # a BackupResult, whenever a backup job ends well (tests wait on it)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.db_path = Path(window.db_path)
        self.job: BackgroundJob | None = None
        self.last_result: backups.BackupResult | None = None
        self.last_error: Exception | None = None
        self.closing_backup_done = False  # set when the file was closed for a restore: nothing to back up
        self.timer = QTimer(self)
        self.timer.setObjectName("autoBackupTimer")
        self.timer.setInterval(backups.AUTO_INTERVAL_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.auto_backup)
        self.timer.start()

    def _status(self, text: str, *, automatic: bool = False) -> None:
        self.window.saved_notice.say(text, keep_undo=automatic)

    def _start(self, reason: str, only_if_changed: bool, on_done, on_failed, *, check_first: bool = False) -> None:
        path = self.db_path

        def work(db, progress, cancelled):
            if check_first:
                problems = backups.quick_check(db)
                if problems:
                    raise DatabaseError(f"数据库快速检查发现问题（{problems[0]}），这次没有备份，原有的备份都保留着。"
                                        "下次打开时会提示用备份恢复。")
            return backups.back_up(db, path, reason=reason, only_if_changed=only_if_changed)

        self.job = BackgroundJob(path, work, self)
        self.job.finished.connect(on_done)
        self.job.failed.connect(on_failed)
        self.job.start()

    def _done(self, result) -> None:
        self.last_result, self.last_error = result, None
        self.finished.emit(result)

    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    def auto_backup(self) -> None:
        """Every 30 minutes: a backup when the data changed since the newest one; quietly, in the status bar."""
        if self.busy():
            return

        def done(result):
            self._done(result)
            if result.backup is not None or result.fell_back:
                self._status(self.tr("Automatic backup: %1").replace("%1", result.said()), automatic=True)

        def failed(text, exc):
            self.last_error = exc
            self._status(self.tr("The automatic backup failed: %1").replace("%1", str(exc)))

        self._start("auto", True, done, failed)

    def back_up_now(self) -> None:
        """文件 → 备份数据…: a checked backup now, whatever changed, and say where it went."""
        if self.busy():
            self.job.wait()
        result, error = wait_with_progress(self.window, self.tr("Backing up the data…"),
                                           lambda done, failed: self._start("manual", False, done, failed))
        if error is not None:
            self.last_error = error
            QMessageBox.warning(self.window, self.tr("Backup failed"), str(error))
            return
        self._done(result)
        self._status(result.said())
        messages.show_done(self.window, self.tr("Backup made"), result.said(), result.message())

    def on_close(self) -> None:
        """On closing: a backup when the quick check passes and the data changed, with a busy dialog meanwhile."""
        self.timer.stop()
        if self.busy():
            self.job.wait()
        if self.closing_backup_done:
            return
        self.closing_backup_done = True
        result, error = wait_with_progress(
            self.window, self.tr("Backing up before closing…"),
            lambda done, failed: self._start("close", True, done, failed, check_first=True))
        if error is not None:
            self.last_error = error
            QMessageBox.warning(self.window, self.tr("No backup on closing"), str(error))
        else:
            self._done(result)

    # -------------------------------------------------------------- restore

    def open_restore(self) -> None:
        """文件 → 从备份恢复…: the list of backups; the chosen one restored and the window reopened on it."""
        from app.ui.dialogs.restore import RestoreDialog

        folders = backups.candidate_folders(self.db_path, self.window._db)
        dialog = RestoreDialog(self.db_path, folders, self.window, key=getattr(self.window._db, "key", None))
        if dialog.exec() and dialog.chosen is not None:
            self.restore(dialog.chosen)

    def restore(self, backup_path: Path, *, confirm: bool = True) -> bool:
        window = self.window
        if confirm and QMessageBox.question(
                window, self.tr("Restore from a backup"),
                self.tr("Replace the data in use with the backup %1?\n\nThe data in use is backed up first and the "
                    "current file is kept beside it, so nothing is thrown away. Anything entered after that backup "
                    "will not be in the restored data.").replace("%1", Path(backup_path).name)
        ) != QMessageBox.StandardButton.Yes:
            return False
        # Every connection to the file closes first: the window's own, its reader's, its jobs'.
        self.timer.stop()
        if self.busy():
            self.job.wait()
        window.rota.wait_for_jobs()
        window.reader.stop()
        for job in window._jobs:
            job.wait()
        window._db.close()
        self.closing_backup_done = True
        path = self.db_path
        key = getattr(window._db, "key", None)
        result, error = run_call(window, self.tr("Restoring from the backup…"),
                                 lambda: backups.restore(path, backup_path, key=key))
        try:
            db = open_database(path, key=keyfile.known(path))  # the restored file, or the one still in place when the restore failed
        except KnownError as exc:
            QMessageBox.critical(window, self.tr("Cannot open the database"), str(exc))
            window.close()
            return False
        who = getattr(window, "session", None)  # the same person stays on duty
        successor = type(window)(db, path, **({"session": who} if who is not None else {}))
        successor.restored_from = result
        _open_windows.append(successor)
        window.successor = successor
        successor.setWindowState(window.windowState())
        successor.show()
        window.close()
        window.deleteLater()
        if error is not None:
            QMessageBox.warning(successor, self.tr("Restore failed"), str(error))
            return False
        successor.saved_notice.say(result.said())
        messages.show_done(successor, self.tr("Restored"), result.said(), result.message())
        return True
