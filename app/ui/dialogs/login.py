"""Who is on duty (换人值班): the log-in, and the three times it is shown: at start-up, at the change of duty, and
when the desk locks itself after it was left idle.

The log-in lists the accounts as large buttons (the duty volunteer taps their own name) and asks for the password.
Enter always means 开始值班 for the chosen name: a failure never changes the chosen name, clears the box and shows
its reason in a line kept free for it, so nothing on the dialog moves. At start-up the password opens the club file
itself (``accounts.unlock``): nobody without an account gets past this dialog to the data. A desk left alone for
the director's set time (default 15 minutes) locks back to this dialog, the window hidden behind it.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QLabel, QPushButton, QVBoxLayout,
)

from app import accounts
from app.accounts import Session
from app.db import keyfile
from app.db.settings import get_setting
from app.errors import KnownError
from app.ui.look import window_title
from app.ui.dialogs.accounts_parts import password_box
from app.ui.dialogs.add_account import NewAccountDialog
from app.ui.dialogs.forms import ERROR_STYLE
from app.ui.dialogs.new_password import PasswordDialog
from app.ui.dialogs.recover import RecoverDialog
from app.ui.dialogs.recovery_code import show_new_recovery_code
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
        self.password = password_box()
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
        self._countdown = QTimer(self)  # the wait after too many wrong passwords, counted down
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
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
        except accounts.LockedOut as exc:
            if not exc.tried:
                self.password.setText(password)  # not tried: kept for when the wait is over
            self._wait(exc)
            return
        except KnownError as exc:
            self._fail(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if self._new_password_if_weak(password):
            self.accept()

    def _new_password_if_weak(self, password: str) -> bool:
        """A password the rules no longer allow (set before they were tightened, say) is changed before duty starts:
        the new one is asked for at once; without it nobody logs in. Returns whether the log-in may go on."""
        session, db = self.session, self._door.db
        if session is None or session.account_id is None or db is None:
            return True
        problem = accounts.password_problem(password, session.role, name=session.name,
                                            practice=self._door.practice())
        if problem is None:
            return True
        dialog = PasswordDialog(session.name, self, role=session.role, why=fill(
            self.tr("Your password does not meet the rules any more: %1. To keep people's details safe, choose a "
                    "new one now and log in with it from now on."), problem))
        if dialog.exec():
            accounts.set_password(db, session.account_id, dialog.password.text(), actor=session.name)
            return True
        self.session = None
        if isinstance(self._door, ClosedDoor):  # not opened after all
            db.close()
            self._door.db = None
        self._fail(self.tr("Choose a new password to start duty."))
        return False

    def _wait(self, refusal: "accounts.LockedOut") -> None:
        """Too many wrong passwords: the seconds left counted down in the red line, 开始值班 greyed out until then
        (a password typed meanwhile is kept)."""
        self._refusal, self._wait_ends = refusal, time.monotonic() + refusal.seconds
        self.ok_button.setEnabled(False)
        self._countdown.start()
        self._tick()
        self.password.setFocus()

    def _tick(self) -> None:
        left = math.ceil(self._wait_ends - time.monotonic())
        if left > 0:
            self.error.setText(self._refusal.say(left))
            return
        self._countdown.stop()
        self.ok_button.setEnabled(True)
        self.error.setText(self.tr("You may try again now."))

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
        window.saved_notice.say(fill(QCoreApplication.translate("window", "%1 is on duty now."), taken.name))


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
