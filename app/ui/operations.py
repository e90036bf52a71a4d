"""Work off the UI thread: the reader (read-only queries, newest request per key), long jobs with progress and
cancel, and a plain call under a busy dialog; results and errors come back by signal.

An SQLite connection belongs to one thread, so each worker opens its own. Reader requests are tagged with a
key: when a newer request with the same key is waiting, the older one is skipped (typing fast into the search
box runs only the last query), and a result that is no longer the latest for its key is not delivered. A job
records what it wrote (app.db.changes) and announces it when it ends, as a write from a form does.
"""

from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from app.db.changes import Changes, recording
from app.db.connection import open_database
from app.ui.signals import announce


class _Reader(QObject):
    finished = Signal(str, int, object)  # key, generation, result
    failed = Signal(str, int, str, object)  # key, generation, traceback text, exception

    def __init__(self, db_path: Path, latest: dict[str, int], lock: threading.Lock):
        super().__init__()
        self._db_path = db_path
        self._db = None
        self._latest = latest
        self._lock = lock

    @Slot(str, int, object)
    def run(self, key: str, generation: int, work: Callable) -> None:
        with self._lock:
            if self._latest.get(key) != generation:
                return  # a newer request for the same thing is already queued
        try:
            if self._db is None:
                self._db = open_database(self._db_path, readonly=True)
            result = work(self._db)
        except Exception as exc:  # delivered to the UI thread, which shows it
            self.failed.emit(key, generation, traceback.format_exc(), exc)
            return
        self.finished.emit(key, generation, result)

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class BackgroundReader(QObject):
    """Runs read-only work ``fn(db)`` on one background thread, newest request per key wins."""

    _submit = Signal(str, int, object)
    _close = Signal()
    done = Signal(str, object)  # key, result
    error = Signal(str, str, object)  # key, traceback text, exception

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)  # the file it reads: a page starting a BackgroundJob on it needs it
        self._latest: dict[str, int] = {}
        self._lock = threading.Lock()
        self._thread = QThread()
        self._thread.setObjectName("background-reader")
        self._reader = _Reader(db_path, self._latest, self._lock)
        self._reader.moveToThread(self._thread)
        self._submit.connect(self._reader.run)
        self._close.connect(self._reader.close)
        self._reader.finished.connect(self._on_finished)
        self._reader.failed.connect(self._on_failed)
        self._thread.start()

    def submit(self, key: str, work: Callable[[Any], Any]) -> None:
        with self._lock:
            generation = self._latest.get(key, 0) + 1
            self._latest[key] = generation
        self._submit.emit(key, generation, work)

    def _current(self, key: str, generation: int) -> bool:
        with self._lock:
            return self._latest.get(key) == generation

    def _on_finished(self, key: str, generation: int, result: object) -> None:
        if self._current(key, generation):
            self.done.emit(key, result)

    def _on_failed(self, key: str, generation: int, text: str, exc: object) -> None:
        if self._current(key, generation):
            self.error.emit(key, text, exc)

    def stop(self) -> None:
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait()


class _JobWorker(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str, object)

    def __init__(self, db_path: Path, work: Callable, cancel: threading.Event):
        super().__init__()
        self._db_path = db_path
        self._work = work
        self._cancel = cancel
        self.changes = Changes()

    @Slot()
    def run(self) -> None:
        db = None
        try:
            db = open_database(self._db_path)
            with recording(db) as recorder:
                result = self._work(db, self.progress.emit, self._cancel.is_set)
        except Exception as exc:  # the UI thread shows it: a known error plainly, a bug with its traceback
            self.failed.emit(traceback.format_exc(), exc)
        else:
            self.changes = recorder.value
            self.finished.emit(result)
        finally:
            if db is not None:
                db.close()


class BackgroundJob(QObject):
    """One long job (an import, an export) on its own thread and its own connection, with progress and cancel.

    ``work(db, progress, cancelled)`` gets a fresh connection to the same file; ``progress(stage, done, total)``
    reports, ``cancelled()`` says whether the user pressed cancel. Writes the job makes are its own
    transactions: cancelling mid-way rolls them back.
    """

    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str, object)

    def __init__(self, db_path: Path, work: Callable, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self.changes = Changes()  # what the job wrote, once it has finished
        self._thread = QThread()
        self._thread.setObjectName("background-job")
        self._worker = _JobWorker(Path(db_path), work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._fail)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _done(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.changes = self._worker.changes
        announce(self.changes)  # what the job stored, to every page, before whoever waits on it hears it ended
        self.finished.emit(result)

    def _fail(self, text: str, exc: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.failed.emit(text, exc)

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()


# ---------------------------------------------------------------- a call under a busy dialog


class Call(QThread):
    """Run ``fn()`` (no database connection of its own) on a thread; ``done(result)`` or ``failed(text, exc)``."""

    done = Signal(object)
    failed = Signal(str, object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # shown by whoever started it
            self.failed.emit(traceback.format_exc(), exc)
        else:
            self.done.emit(result)


def wait_with_progress(parent, text: str, start: Callable[[Callable, Callable], None]) -> tuple[Any, Any]:
    """Show a busy dialog while background work runs, keeping the window painted; returns (result, error).

    ``start(on_done, on_failed)`` starts the work and arranges for one of the two to be called.
    """
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(QCoreApplication.translate("Backups", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(400)  # a small club's backup is over before a dialog would be worth showing
    dialog.setValue(0)

    def done(result):
        outcome["result"] = result
        loop.quit()

    def failed(text, exc):
        outcome["error"] = exc
        outcome["details"] = text
        loop.quit()

    start(done, failed)
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    return outcome.get("result"), outcome.get("error")


def run_call(parent, text: str, fn: Callable[[], Any]) -> tuple[Any, Any]:
    """``fn()`` on a thread under a busy dialog: (result, error)."""
    call = Call(fn)

    def start(done, failed):
        call.done.connect(done)
        call.failed.connect(failed)
        call.start()

    result = wait_with_progress(parent, text, start)
    call.wait()
    return result
