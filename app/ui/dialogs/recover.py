"""Open the club with the recovery code (恢复码): a director's forgotten password, or a key file lost or left
behind on another computer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from app import accounts
from app.accounts import Session
from app.db import keyfile
from app.errors import KnownError
from app.ui.dialogs.accounts_parts import password_box
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons


class RecoverDialog(FormDialog):
    """A director's forgotten password, or a lost key file: the recovery code from the office safe, the director's
    name and a new password. ``db`` and ``session`` hold the opened club afterwards."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self._db_path = Path(db_path)
        self.db = None
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Open with the recovery code"))
        intro = QLabel(self.tr("Type the recovery code kept in the office safe, the director's name and a new "
                               "password for the director."))
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.name = QLineEdit()
        self.password = password_box()
        self.again = password_box()
        form = form_layout()
        form.addRow(intro)
        self.add_row(form, self.tr("Recovery code"), self.code, "code")
        self.add_row(form, self.tr("Director's name"), self.name, "name")
        self.add_row(form, self.tr("New password"), self.password, "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Open (Ctrl+Enter)"), self.tr("Cancel")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 34)

    def save(self) -> None:
        problem = accounts.password_problem(self.password.text(), "director", name=self.name.text().strip())
        if problem:
            self.show_errors({"password": problem})
            return
        if self.password.text() != self.again.text():
            self.show_errors({"again": self.tr("The two passwords differ.")})
            return
        try:
            self.db, self.session = accounts.recover(self._db_path, self.code.text(), self.name.text(),
                                                     self.password.text())
        except keyfile.WrongSecret as exc:
            self.show_errors({"code": str(exc)})
            return
        except KnownError as exc:
            self.show_errors({"name": str(exc)})
            return
        self.accept()
