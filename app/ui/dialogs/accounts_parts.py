"""What the account dialogs share: a box that hides the password typed, and the password rules shown beneath every
box where a new password is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app import accounts
from app.ui.text import fill


def password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def password_rules() -> QLabel:
    """The password rules, wrapped, for beneath the boxes where a new password is chosen."""
    rules = QLabel(fill(QApplication.translate("Accounts", "A duty volunteer's password has at least %1 characters, "
                                                          "a director's at least %2 (digits are fine); not one "
                                                          "character repeated, not counting up or down (123456), "
                                                          "not your name."),
                     accounts.MIN_PASSWORD["duty"], accounts.MIN_PASSWORD["director"]))
    rules.setWordWrap(True)
    return rules
