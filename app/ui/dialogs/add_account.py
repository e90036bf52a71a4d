"""Add an account (添加账户): a name, a role and a password typed twice; at first run, the director's own."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout

from app import accounts
from app.ui.dialogs.accounts_parts import password_box, password_rules
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons


class NewAccountDialog(FormDialog):
    """Add an account: name, role, password typed twice. With ``first=True`` it makes the director's own."""

    def __init__(self, db, actor: str, parent=None, *, first: bool = False):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.account_id: int | None = None
        self.setWindowTitle(self.tr("The director's account") if first else self.tr("Add an account"))
        self.name = QLineEdit()
        self.role = QComboBox()
        for code, label in accounts.ROLES.items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(self.role.findData("director" if first else "duty"))
        self.role.setEnabled(not first)
        self.password = password_box()
        self.again = password_box()
        form = form_layout()
        if first:
            intro = QLabel(self.tr("Nobody can use the program until the director has an account. The director adds "
                                   "the duty volunteers' accounts afterwards."))
            intro.setWordWrap(True)
            form.addRow(intro)
        self.add_row(form, self.tr("Name"), self.name, "name")
        self.add_row(form, self.tr("Role"), self.role, "role")
        self.add_row(form, self.tr("Password"), self.password, "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        form.addRow("", password_rules())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 32)

    def save(self) -> None:
        if self.password.text() != self.again.text():
            self.show_errors({"again": self.tr("The two passwords differ.")})
            return
        name, role, password = self.name.text(), self.role.currentData(), self.password.text()
        done = self.write(lambda db: accounts.create_account(db, name, role, password, actor=self._actor))
        if done:
            self.account_id = done.value
            self.accept()
