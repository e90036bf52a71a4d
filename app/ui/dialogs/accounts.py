"""Who is on duty (换人值班): the log-in at start-up and the quick switch; the director's account list.

The log-in lists the active accounts as large buttons (the duty volunteer taps their own name) and asks for the
password; a wrong one is explained in red, and after three the account waits before the next try.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from app import accounts
from app.accounts import Session
from app.db.settings import get_setting
from app.errors import KnownError
from app.ui.look import window_title
from app.ui.dialogs.forms import ERROR_STYLE, FormDialog, form_layout, save_buttons
from app.ui.write import write
from app.ui.text import fill
from app.demo import DEMO_PASSWORD  # the practice club's accounts all use it; the log-in says so


NAME_STYLE = ("QPushButton { padding: 6px 16px; border: 1px solid #8a8a8a; border-radius: 4px; background: #f6f6f6; }"
              "QPushButton:checked { background: #1f6fb2; color: white; border: 2px solid #124a78; }")


class LoginDialog(QDialog):
    """Choose your name, type your password; ``session`` holds who logged in after ``exec()`` accepts."""

    def __init__(self, db, parent=None, *, switching: bool = False):
        super().__init__(parent)
        self._db = db
        self.session: Session | None = None

        self.setWindowTitle(fill(self.tr("Who is on duty? — %1") if not switching else self.tr("Change of duty — %1"),
                                 window_title(db)))
        intro = QLabel(self.tr("Tap your name, then type your password."))
        intro.setWordWrap(True)
        self.names = QButtonGroup(self)
        self.names.setExclusive(True)
        grid = QGridLayout()
        for i, account in enumerate(accounts.accounts(db, active_only=True)):
            button = QPushButton(fill(self.tr("%1 (%2)"), account["name"], account["role_label"]))
            button.setCheckable(True)
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.4))
            # The chosen name must stand out plainly for old eyes, not by a shade of grey.
            button.setStyleSheet(NAME_STYLE)
            metrics = button.fontMetrics()
            button.setMinimumWidth(metrics.horizontalAdvance(button.text()) + 3 * metrics.horizontalAdvance("国"))
            button.setProperty("account", account["name"])
            self.names.addButton(button, i)
            grid.addWidget(button, i // 2, i % 2)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.setMinimumHeight(int(self.fontMetrics().height() * 2))
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(fill(self.tr("Practice club: every password is %1."), DEMO_PASSWORD))
        hint.setVisible(bool(get_setting(db, "demo", False)))
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Start duty"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel") if switching else self.tr("Quit"),
                                   QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.ok_button.clicked.connect(self.log_in)
        buttons.rejected.connect(self.reject)
        self.names.buttonClicked.connect(lambda _b: (self.error.hide(), self.password.setFocus()))
        self.password.returnPressed.connect(self.log_in)
        self.setMinimumWidth(max(self.fontMetrics().horizontalAdvance("国") * 30, layout.minimumSize().width()))

    def choose(self, name: str) -> None:
        for button in self.names.buttons():
            if button.property("account") == name:
                button.setChecked(True)
                self.password.setFocus()

    def chosen(self) -> str | None:
        button = self.names.checkedButton()
        return button.property("account") if button is not None else None

    def log_in(self) -> None:
        name = self.chosen()
        if name is None:
            self._fail(self.tr("Tap your name first."))
            return
        try:
            self.session = accounts.log_in(self._db, name, self.password.text())
        except KnownError as exc:
            self.password.clear()
            self._fail(str(exc))
            return
        self.accept()

    def _fail(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.show()
        self.password.setFocus()


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
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        if first:
            intro = QLabel(self.tr("Nobody can use the program until the director has an account. The director adds "
                                   "the duty volunteers' accounts afterwards."))
            intro.setWordWrap(True)
            form.addRow(intro)
        self.add_row(form, self.tr("Name"), self.name, "name")
        self.add_row(form, self.tr("Role"), self.role, "role")
        self.add_row(form, fill(self.tr("Password (at least %1 characters)"), accounts.MIN_PASSWORD), self.password,
                     "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
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
        side = QVBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button, self.active_button):
            side.addWidget(button)
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

    def new_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = PasswordDialog(account["name"], self)
        if dialog.exec():
            self._try(lambda: accounts.set_password(self._db, account["id"], dialog.password.text(),
                                                    actor=self._session.name))


class PasswordDialog(FormDialog):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(fill(self.tr("New password for %1"), name))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        self.add_row(form, fill(self.tr("Password (at least %1 characters)"), accounts.MIN_PASSWORD), self.password,
                     "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))

    def save(self) -> None:
        if len(self.password.text()) < accounts.MIN_PASSWORD:
            self.show_errors({"password": fill(self.tr("At least %1 characters."), accounts.MIN_PASSWORD)})
        elif self.password.text() != self.again.text():
            self.show_errors({"again": self.tr("The two passwords differ.")})
        else:
            self.accept()


def ask_who_is_on_duty(db, parent=None, *, switching: bool = False) -> Session | None:
    """The start-up question (or a change of duty): makes the director's account first if there is none.
    None when the user quits."""
    if not accounts.has_accounts(db):
        from app.ui import session as ui_session

        first = NewAccountDialog(db, ui_session.current().name, parent, first=True)
        if not first.exec():
            return None
        return Session(first.account_id, first.name.text().strip(), "director")
    dialog = LoginDialog(db, parent, switching=switching)
    return dialog.session if dialog.exec() else None
