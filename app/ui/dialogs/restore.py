"""从备份恢复: the backups of the file in use (time, why, size, people, checked), or any backup file, to restore from.

The dialog only chooses; the window's backup controller asks to confirm, restores and reopens the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from app import backups
from app.ui.operations import Call, run_call


class RestoreDialog(QDialog):
    loaded = Signal()  # the list is filled (tests wait on it)

    def __init__(self, db_path: Path, folders: list[Path], parent=None, *, key: bytes | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.key = key
        self.folders = list(folders)
        self.entries: list[backups.BackupEntry] = []
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))
        intro = QLabel(self.tr("Backups of %1, newest first. Each was checked when it was made. Restoring keeps the "
                               "file in use beside it, so nothing is thrown away.").replace("%1", self.db_path.name))
        intro.setWordWrap(True)
        where = QLabel(self.tr("Backup folder: %1").replace("%1", "；".join(str(f) for f in self.folders)))
        where.setObjectName("backupFolders")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("backupList")
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Size"), self.tr("People"),
                                              self.tr("Check")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.restore_selected())
        self.empty = QLabel(self.tr("Reading the backups…"))
        self.empty.setObjectName("backupListNote")
        self.restore_button = QPushButton(self.tr("Restore the selected backup"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        other = QPushButton(self.tr("Choose another backup file…"))
        other.clicked.connect(self.choose_file)
        folder = QPushButton(self.tr("Open the backup folder"))
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folders[0]))))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(other)
        buttons.addWidget(folder)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.resize(960, 560)
        self._call = Call(lambda: backups.list_entries(self.db_path, self.folders, self.key), self)
        self._call.done.connect(self._show)
        self._call.failed.connect(lambda text, exc: self.empty.setText(str(exc)))
        self._call.start()

    def _show(self, entries: list[backups.BackupEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            people = "" if entry.people is None else str(entry.people)
            check = self.tr("Passed") if entry.readable else self.tr("Cannot be read")
            values = (entry.backup.taken_at.strftime("%Y-%m-%d %H:%M"), reason_label(entry.backup.reason),
                      size_text(entry.size), people, check)
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(entry.backup.path))
                self.table.setItem(row, column, item)
        if entries:
            self.empty.setText(self.tr("%1 backups.").replace("%1", str(len(entries))))
            self.table.selectRow(0)
        else:
            self.empty.setText(self.tr("No backups yet. Use “Back up the data…” in the File menu, or choose a backup "
                                       "file from elsewhere (a USB stick, say)."))
        self.loaded.emit()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.restore_button.setEnabled(bool(rows) and self.entries[rows[0].row()].readable)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.entries[rows[0].row()].readable:
            self.chosen = self.entries[rows[0].row()].backup.path
            self.accept()

    def choose_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup file"), str(self.folders[0]),
                                                  self.tr("Database files (*.sqlite *.db);;All files (*)"))
        if not path:
            return
        _, error = run_call(self, self.tr("Checking the backup…"), lambda: backups.check_backup(Path(path), self.key, self.db_path))
        if error is not None:
            QMessageBox.warning(self, self.tr("This file cannot be restored"), str(error))
            return
        self.chosen = Path(path)
        self.accept()

    def done(self, result: int) -> None:
        self._call.wait()
        super().done(result)


def reason_label(reason: str) -> str:
    """Why a backup was made, in the words of the restore list."""
    labels = {"manual": QCoreApplication.translate("Backups", "By hand"),
              "auto": QCoreApplication.translate("Backups", "Every 30 minutes"),
              "close": QCoreApplication.translate("Backups", "On closing"),
              "before-import": QCoreApplication.translate("Backups", "Before an import"),
              "before-restore": QCoreApplication.translate("Backups", "Before a restore"),
              "before-upgrade": QCoreApplication.translate("Backups", "Before an upgrade")}
    return labels.get(reason, reason)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return QCoreApplication.translate("Backups", "%1 MB").replace("%1", f"{size / 1024 / 1024:.1f}")
    return QCoreApplication.translate("Backups", "%1 KB").replace("%1", str(max(1, round(size / 1024))))
