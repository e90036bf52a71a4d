"""帮助 → 快捷键: every keyboard shortcut, read from the menus themselves so the list never goes out of date."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QMenuBar, QTableWidget, QTableWidgetItem, QVBoxLayout,
)


def plain(menu_text: str) -> str:
    """"记录走访(&L)…" as it reads in a list: without the mnemonic and the dots."""
    return re.sub(r"\(&\w\)", "", menu_text).replace("&", "").rstrip("…").rstrip(".")


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what they do) for every menu entry with a shortcut, in menu order."""
    rows = []

    def walk(actions) -> None:
        for action in actions:
            if action.menu() is not None:
                walk(action.menu().actions())
            elif action.shortcuts():
                keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                rows.append((keys, plain(action.text())))

    walk(menu_bar.actions())
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows = menu_shortcuts(menu_bar) + [
            (self.tr("Enter"), self.tr("In a form: move on to the next field")),
            (self.tr("Ctrl+Enter"), self.tr("In a form: save")),
            (self.tr("1 – 5"), self.tr("In a list of kinds: choose the kind of that number")),
            (self.tr("Tab / Shift+Tab"), self.tr("Next field / previous field")),
            (self.tr("Esc"), self.tr("Close the window without saving; in the roster search, clear it")),
        ]
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        for row, (keys, text) in enumerate(self.rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        wanted = self.table.columnWidth(0) + self.table.columnWidth(1)  # before the stretch changes them
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        width = wanted + self.table.verticalScrollBar().sizeHint().width() + 4 * metrics.height()
        height = self.table.verticalHeader().length() + self.table.horizontalHeader().height() + 6 * metrics.height()
        screen = self.screen().availableGeometry()
        self.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))
