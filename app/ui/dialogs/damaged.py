"""The damaged-file dialog at start-up: what the check found, and the newest good backup to restore from.

The damaged file is never deleted: restoring keeps it beside the restored one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from app import backups
from app.ui import messages
from app.ui.dialogs.restore import size_text
from app.ui.operations import Call, run_call


class DamagedFileDialog(QDialog):
    searched = Signal()  # the newest good backup was looked for (tests wait on it)

    def __init__(self, db_path: Path, problem: str, folders: list[Path], parent=None, *, key: bytes | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.key = key
        self.folders = list(folders)
        self.newest: backups.BackupEntry | None = None
        self.restored: backups.RestoreResult | None = None
        self.setWindowTitle(self.tr("The database file is damaged"))
        head = QLabel(self.tr("The database file %1 is damaged and cannot be used safely.")
                      .replace("%1", self.db_path.name))  # the name; the whole path is no help at the desk
        head.setToolTip(str(self.db_path))
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: bold;")
        found = QLabel(self.tr("What the check found: %1").replace("%1", problem))
        found.setObjectName("damageFound")
        found.setWordWrap(True)
        self.advice = QLabel(self.tr("Looking for the newest good backup…"))
        self.advice.setObjectName("damageAdvice")
        self.advice.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore this backup"))
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_newest)
        choose = QPushButton(self.tr("Choose a backup file…"))
        choose.clicked.connect(lambda: self.choose_file())
        quit_button = QPushButton(self.tr("Quit"))
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(choose)
        buttons.addStretch()
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(self)
        for widget in (head, found, self.advice):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addLayout(buttons)
        self.resize(760, 320)
        self._call = Call(lambda: backups.newest_good(self.db_path, self.folders, self.key), self)
        self._call.done.connect(self._found)
        self._call.failed.connect(lambda text, exc: self._found(None))
        self._call.start()

    def _found(self, entry: backups.BackupEntry | None) -> None:
        self.newest = entry
        if entry is None:
            self.advice.setText(self.tr("No good backup was found in %1. Choose a backup file (from a USB stick, say), "
                                        "or quit and ask whoever looks after this computer.")
                                .replace("%1", "；".join(f.name or str(f) for f in self.folders)))
        else:
            people = "?" if entry.people is None else str(entry.people)
            self.advice.setText(
                self.tr("The newest good backup was made on %1 (%2 people, %3). Restore it? The damaged file is kept "
                        "beside it, so nothing is thrown away; anything entered after that backup has to be entered "
                        "again.").replace("%1", entry.backup.taken_at.strftime("%Y-%m-%d %H:%M"))
                .replace("%2", people).replace("%3", size_text(entry.size)))
            self.restore_button.setEnabled(True)
        self.searched.emit()

    def restore_newest(self) -> None:
        if self.newest is not None:
            self.restore(self.newest.backup.path)

    def choose_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup file"), str(self.folders[-1]),
                                                  self.tr("Database files (*.sqlite *.db);;All files (*)"))
        if path:
            self.restore(Path(path))

    def restore(self, backup_path: Path) -> None:
        result, error = run_call(self, self.tr("Restoring from the backup…"),
                                 lambda: backups.restore(self.db_path, backup_path, key=self.key))
        if error is not None:
            QMessageBox.warning(self, self.tr("Restore failed"), str(error))
            return
        self.restored = result
        messages.show_done(self, self.tr("Restored"), result.said(), result.message())
        self.accept()

    def done(self, result: int) -> None:
        self._call.wait()
        super().done(result)
