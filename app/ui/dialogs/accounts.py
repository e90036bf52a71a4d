"""The director's list of accounts (账户管理): add one, change a role, set a new password, switch one off or on, and
make a new recovery code."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from app import accounts
from app.accounts import Session
from app.ui.dialogs.add_account import NewAccountDialog
from app.ui.dialogs.new_password import PasswordDialog
from app.ui.dialogs.recovery_code import show_new_recovery_code
from app.ui.write import write


class AccountsDialog(QDialog):
    """The director's list of accounts: add one, change a role, set a new password, switch one off or on."""

    def __init__(self, db, session: Session, parent=None):
        super().__init__(parent)
        self._db = db
        self._session = session
        self._rows: list[dict] = []
        self.setWindowTitle(self.tr("Accounts"))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("accountTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("State")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.8))
        self.add_button = QPushButton(self.tr("Add an account…"))
        self.role_button = QPushButton(self.tr("Change the role"))
        self.password_button = QPushButton(self.tr("Set a new password…"))
        self.active_button = QPushButton(self.tr("Switch off"))
        self.recovery_button = QPushButton(self.tr("New recovery code…"))
        self.recovery_button.setToolTip(self.tr("Makes a new recovery code and shows it once; the old one stops "
                                                "working."))
        side = QVBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button, self.active_button):
            side.addWidget(button)
        side.addSpacing(self.fontMetrics().height())
        side.addWidget(self.recovery_button)
        side.addStretch()
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.password_button.clicked.connect(self.new_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.recovery_button.clicked.connect(self.new_recovery_code)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        em = self.fontMetrics().horizontalAdvance("国")
        self.resize(em * 40, em * 20)
        self.refresh()

    def refresh(self) -> None:
        self._rows = accounts.accounts(self._db)
        self.table.setRowCount(len(self._rows))
        for row, account in enumerate(self._rows):
            state = self.tr("in use") if account["active"] else self.tr("switched off")
            for column, text in enumerate((account["name"], account["role_label"], state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.password_button, self.active_button):
            button.setEnabled(account is not None)
        if account is not None:
            self.active_button.setText(self.tr("Switch off") if account["active"] else self.tr("Switch on again"))
            self.role_button.setText(self.tr("Make duty volunteer") if account["role"] == "director"
                                     else self.tr("Make director"))

    def _try(self, action) -> None:
        if write(self, self._db, lambda _db: action(), title=self.tr("Accounts")):
            self.refresh()

    def add(self) -> None:
        if NewAccountDialog(self._db, self._session.name, parent=self).exec():
            self.refresh()

    def change_role(self) -> None:
        account = self.selected()
        if account is not None:
            role = "duty" if account["role"] == "director" else "director"
            self._try(lambda: accounts.set_role(self._db, account["id"], role, actor=self._session.name))

    def toggle_active(self) -> None:
        account = self.selected()
        if account is not None:
            self._try(lambda: accounts.set_active(self._db, account["id"], not account["active"],
                                                  actor=self._session.name))

    def new_recovery_code(self) -> None:
        if QMessageBox.question(self, self.tr("New recovery code"),
                                self.tr("Make a new recovery code? The printed one stops working.")
                                ) == QMessageBox.StandardButton.Yes:
            show_new_recovery_code(self._db, self._session, self)

    def new_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = PasswordDialog(account["name"], self, role=account["role"], practice=accounts.is_practice(self._db))
        if dialog.exec():
            self._try(lambda: accounts.set_password(self._db, account["id"], dialog.password.text(),
                                                    actor=self._session.name))
