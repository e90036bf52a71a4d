"""The club's recovery code (恢复码), made new and shown once, large, to be written down or printed and kept in the
office safe."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app import accounts
from app.accounts import Session
from app.ui.text import fill


class RecoveryCodeDialog(QDialog):
    """The club's recovery code, shown once, large, to be written down or printed and kept in the office safe."""

    def __init__(self, code: str, parent=None):
        super().__init__(parent)
        self.code = code
        self.setWindowTitle(self.tr("The recovery code"))
        intro = QLabel(self.tr("This code opens the club's data when a director's password is forgotten or the "
                               "club moves to a new computer. It is shown only now. Write it down or print it, and "
                               "keep it in the office safe, not beside the computer."))
        intro.setWordWrap(True)
        shown = QLabel(code)
        shown.setObjectName("recoveryCode")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        shown.setFont(font)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.kept = QCheckBox(self.tr("I have written the code down (or printed it) and will keep it safe"))
        print_button = QPushButton(self.tr("Print…"))
        print_button.clicked.connect(self.print_code)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setEnabled(False)
        self.kept.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(shown)
        layout.addWidget(self.kept)
        row = QHBoxLayout()
        row.addWidget(print_button)
        row.addStretch()
        row.addWidget(buttons)
        layout.addLayout(row)

    def reject(self) -> None:
        if self.kept.isChecked():
            super().reject()  # Esc only once the code is kept: it is never shown again

    def print_code(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            page = QTextDocument()
            page.setHtml(fill(self.tr("<h2>Recovery code of the club's data</h2><p style='font-size:20pt'>%1</p>"
                                      "<p>Keep this page in the office safe.</p>"), self.code))
            page.print_(printer)


def show_new_recovery_code(db, session: Session, parent=None) -> str | None:
    """A new recovery code (the old one stops working), shown once."""
    code = accounts.make_recovery_code(db, session)
    RecoveryCodeDialog(code, parent).exec()
    return code
