"""Who is on duty (换人值班): the log-in at start-up, the change of duty, the desk that locks itself when idle; the
director's account list; the recovery code.

The log-in lists the accounts as large buttons (the duty volunteer taps their own name) and asks for the password.
Enter always means 开始值班 for the chosen name: a failure never changes the chosen name, clears the box and shows
its reason in a line kept free for it, so nothing on the dialog moves. At start-up the password opens the club file
itself (``accounts.unlock``): nobody without an account gets past this dialog to the data. A desk left alone for
the director's set time (default 15 minutes) locks back to this dialog, the window hidden behind it.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from app import accounts
from app.accounts import Session
from app.db import keyfile
from app.db.settings import get_setting
from app.errors import KnownError
from app.ui.look import window_title
from app.ui.dialogs.forms import ERROR_STYLE, FormDialog, form_layout, save_buttons
from app.ui.write import write
from app.ui.text import fill
from app.demo import DEMO_PASSWORD  # the practice club's accounts all use it; the log-in says so


NAME_STYLE = ("QPushButton { padding: 6px 16px; border: 1px solid #8a8a8a; border-radius: 4px; background: #f6f6f6; }"
              "QPushButton:checked { background: #1f6fb2; color: white; border: 2px solid #124a78; }")


class OpenDoor:
    """Logging in on a club file that is already open (the change of duty, a locked desk, an unsealed club)."""

    def __init__(self, db):
        self.db = db

    def title(self) -> str:
        return window_title(self.db)

    def names(self) -> list[dict]:
        return accounts.accounts(self.db, active_only=True)

    def practice(self) -> bool:
        return bool(get_setting(self.db, "demo", False))

    def log_in(self, name: str, password: str) -> Session:
        return accounts.log_in(self.db, name, password)


class ClosedDoor:
    """Logging in before the club file is open: the names come from the key file and the password opens the file.
    ``db`` holds the opened file afterwards."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.db = None
        self.failure: Exception | None = None  # the file would not open after the password was right

    def title(self) -> str:
        return QApplication.translate("MainWindow", "Club workbench")

    def names(self) -> list[dict]:
        return accounts.log_in_names(self.db_path)

    def practice(self) -> bool:
        return bool(keyfile.display(self.db_path).get("practice"))

    def log_in(self, name: str, password: str) -> Session:
        from app.errors import DatabaseError

        if not keyfile.has_slot(self.db_path, keyfile.account_slot(accounts.normalise_name(name))):
            self.db, session = accounts.unlock(self.db_path, name, password)  # says why this name cannot
            return session
        name = accounts.normalise_name(name)
        key = accounts.try_slot(self.db_path, name, password)
        keyfile.remember(self.db_path, key)
        try:
            self.db, session = accounts.open_unlocked(self.db_path, key, name, password)
        except DatabaseError as exc:
            # The password was right but the file will not open (damaged, say): who it was decides what follows.
            self.failure = exc
            return Session(None, name, accounts.slot_role(self.db_path, name))
        return session


class LoginDialog(QDialog):
    """Choose your name, type your password; ``session`` holds who logged in after ``exec()`` accepts.

    ``mode``: "start" (开始值班 / 退出), "switch" (the change of duty: 取消 keeps whoever is on duty, and says so),
    "locked" (an idle desk: the session has ended, so there is no going back to it, only 关闭程序)."""

    def __init__(self, door, parent=None, *, mode: str = "start", current: Session | None = None):
        super().__init__(parent)
        if not hasattr(door, "names"):  # an open database, as callers from before the doors pass it
            door = OpenDoor(door)
        self._door = door
        self.mode = mode
        self.session: Session | None = None
        titles = {"start": self.tr("Who is on duty? — %1"), "switch": self.tr("Change of duty — %1"),
                  "locked": self.tr("The desk is locked — %1")}
        self.setWindowTitle(fill(titles[mode], door.title()))
        intro_text = self.tr("Tap your name, then type your password and press Enter.")
        if mode == "locked":
            intro_text = self.tr("Nobody used the desk for a while, so it was locked to keep people's details safe. "
                                 "Tap your name, then type your password and press Enter.")
        elif mode == "switch" and current is not None:
            intro_text = fill(self.tr("%1 is on duty now. Whoever takes over taps their name and types their "
                                      "password."), current.name)
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.names = QButtonGroup(self)
        self.names.setExclusive(True)
        grid = QGridLayout()
        for i, account in enumerate(door.names()):
            button = QPushButton(fill(self.tr("%1 (%2)"), account["name"], account["role_label"]))
            button.setCheckable(True)
            # Enter must never press a name: it is 开始值班 for the name already chosen.
            button.setAutoDefault(False)
            button.setDefault(False)
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
        # Room for two lines of reason, kept whether or not there is one: nothing below it moves.
        self.error.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        hint = QLabel(fill(self.tr("Practice club: every password is %1."), DEMO_PASSWORD))
        hint.setVisible(door.practice())
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("Start duty"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        cancel_text = {"start": self.tr("Quit"), "locked": self.tr("Close the program"),
                       "switch": fill(self.tr("Cancel (%1 stays on duty)"), current.name) if current else self.tr("Cancel")}
        self.cancel_button = buttons.addButton(cancel_text[mode], QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAutoDefault(False)
        self.recover_button = None
        if isinstance(door, ClosedDoor):  # at start-up: a director's forgotten password
            self.recover_button = buttons.addButton(self.tr("Forgot the password? Recovery code…"),
                                                    QDialogButtonBox.ButtonRole.HelpRole)
            self.recover_button.setAutoDefault(False)
            self.recover_button.clicked.connect(self.recover)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.ok_button.clicked.connect(self.log_in)
        buttons.rejected.connect(self.reject)
        self.names.buttonClicked.connect(lambda _b: (self.error.clear(), self.password.setFocus()))
        self.setMinimumWidth(max(self.fontMetrics().horizontalAdvance("国") * 30, layout.minimumSize().width()))
        if len(self.names.buttons()) == 1:
            self.names.buttons()[0].setChecked(True)
        self.password.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.log_in()  # whatever has the focus: Enter is 开始值班, never a name button
            return
        super().keyPressEvent(event)

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
        password = self.password.text()
        self.password.clear()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the password is stretched: about a second
        try:
            self.session = self._door.log_in(name, password)
        except KnownError as exc:
            self._fail(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    @property
    def db(self):
        return self._door.db

    def recover(self) -> None:
        dialog = RecoverDialog(self._door.db_path, self)
        if dialog.exec() and dialog.session is not None:
            self._door.db = dialog.db
            self.session = dialog.session
            self.accept()

    def _fail(self, reason: str) -> None:
        self.error.setText(reason)
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
        self.add_row(form, self.tr("Password"), self.password, "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        rules = QLabel(password_rules_text())
        rules.setWordWrap(True)
        form.addRow("", rules)
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


def password_rules_text() -> str:
    return fill(QApplication.translate("Accounts", "A duty volunteer's password has at least %1 characters, a "
                                                   "director's at least %2 (digits are fine); not one character "
                                                   "repeated, not counting up or down (123456), not your name."),
                accounts.MIN_PASSWORD["duty"], accounts.MIN_PASSWORD["director"])


class PasswordDialog(FormDialog):
    def __init__(self, name: str, parent=None, *, role: str = "director", practice: bool = False):
        super().__init__(parent)
        self._name, self._role, self._practice = name, role, practice
        self.setWindowTitle(fill(self.tr("New password for %1"), name))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        self.add_row(form, self.tr("Password"), self.password, "password")
        self.add_row(form, self.tr("Password again"), self.again, "again")
        rules = QLabel(password_rules_text())
        rules.setWordWrap(True)
        form.addRow("", rules)
        layout = QVBoxLayout(self)
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
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
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


def ask_who_is_on_duty(db, parent=None, *, switching: bool = False) -> Session | None:
    """The start-up question on an open file (or a change of duty): makes the director's account first if there is
    none. None when the user quits."""
    if not accounts.has_accounts(db):
        from app.ui import session as ui_session

        first = NewAccountDialog(db, ui_session.current().name, parent, first=True)
        if not first.exec():
            return None
        session = Session(first.account_id, accounts.normalise_name(first.name.text()), "director")
        if getattr(db, "key", None) is not None and not accounts.has_recovery_code(db.path):
            show_new_recovery_code(db, session, parent)
        return session
    dialog = LoginDialog(OpenDoor(db), parent, mode="switch" if switching else "start")
    return dialog.session if dialog.exec() else None


def change_of_duty(window) -> None:
    """Ctrl+L: someone else takes the desk. 取消 keeps whoever is on duty, as its button says."""
    dialog = LoginDialog(OpenDoor(window._db), window, mode="switch", current=window.session)
    taken = dialog.session if dialog.exec() else None
    dialog.deleteLater()
    window.activateWindow()
    if taken is not None:
        window.set_session(taken)
        window.statusBar().showMessage(fill(window.tr("%1 is on duty now."), taken.name), 10000)


class IdleLock(QObject):
    """Locks the desk after the director's set time (``idle_lock_minutes``, default 15) without a key press or a
    mouse movement: the window is hidden, and the log-in (no 取消: the session has ended) brings it back for whoever
    logs in, or closes the program. Checked every half minute, so a changed setting holds at once."""

    CHECK_MS = 30 * 1000

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.last_input = time.monotonic()
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.timeout.connect(self.check)
        self.timer.start(self.CHECK_MS)
        QApplication.instance().installEventFilter(self)

    def minutes(self) -> int:
        from app import settings_rules

        try:
            return int(settings_rules.stored(self.window._db, "idle_lock_minutes"))
        except Exception:  # a closed file (the window is going): nothing to lock
            return 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                            QEvent.Type.MouseMove):
            self.last_input = time.monotonic()
        return False

    def check(self, now: float | None = None) -> None:
        minutes = self.minutes()
        idle = (time.monotonic() if now is None else now) - self.last_input
        if minutes > 0 and idle >= minutes * 60 and not self.locked:
            self.lock()

    def lock(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.window:
            modal.reject()  # an open form closes first (it asks before throwing typing away)
            if QApplication.activeModalWidget() is modal:
                return  # the form kept its typing (someone answered): tried again at the next check
        self.locked = True
        self.timer.stop()
        state = self.window.windowState()
        self.window.hide()
        dialog = LoginDialog(OpenDoor(self.window._db), None, mode="locked")
        self.dialog = dialog  # tests type into it
        accepted = dialog.exec() and dialog.session is not None
        self.dialog = None
        self.locked = False
        self.last_input = time.monotonic()
        if not accepted:
            self.window.close()
            return
        self.window.set_session(dialog.session)
        self.window.setWindowState(state)
        self.window.show()
        self.timer.start(self.CHECK_MS)
