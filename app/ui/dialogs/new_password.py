"""A new password for an account (设置新密码), typed twice and checked against the password rules; the director
sets it from the account list."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from app import accounts
from app.ui.dialogs.accounts_parts import password_box, password_rules
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons
from app.ui.text import fill


class PasswordDialog(FormDialog):
    def __init__(self, name: str, parent=None, *, role: str = "director", practice: bool = False, why: str = ""):
        """``why``: a sentence above the form saying why a new password is asked for (the old one is too weak)."""
        super().__init__(parent)
        self._name, self._role, self._practice = name, role, practice
        self.setWindowTitle(fill(self.tr("New password for %1"), name))
        self.password = password_box()
        self.again = password_box()
        form = form_layout()
        self.add_row(form, self.tr("Password"), self.password, "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        form.addRow("", password_rules())
        layout = QVBoxLayout(self)
        if why:
            self.why = QLabel(why)
            self.why.setWordWrap(True)
            layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))

    def save(self) -> None:
        problem = accounts.password_problem(self.password.text(), self._role, name=self._name,
                                            practice=self._practice)
        if problem:
            self.show_errors({"password": problem})
        elif self.password.text() != self.again.text():
            self.show_errors({"again": self.tr("The two passwords differ.")})
        else:
            self.accept()
