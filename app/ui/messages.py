"""The window's message boxes: a problem the user can act on (one plain line), a bug (with its traceback, never
swallowed), and the question asked before typing would be thrown away."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.errors import KnownError


def show_error(parent, title: str, message: str, details: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_problem(parent, message: str, title: str | None = None) -> None:
    """An expected failure (the file is locked, the disk is full, the record is gone, a refused request): one
    plain message."""
    QMessageBox.warning(parent, title or QCoreApplication.translate("Application", "Problem"), message)


def show_bug(parent, details: str) -> None:
    """A bug: the error dialog with its traceback, written to the error stream as well."""
    if sys.stderr is not None:  # None in a windowed program on Windows (pythonw, the built fuwushe.exe)
        sys.stderr.write(details)
    show_error(parent, QCoreApplication.translate("Application", "Unexpected error"),
               QCoreApplication.translate("Application", "Something went wrong. Your saved data is safe. Please show the details below to whoever looks after this computer."),
               details)


def show_failure(parent, details: str, exc: BaseException) -> None:
    """What a background job or a write failed with, by kind: a known error plainly, anything else as a bug."""
    if isinstance(exc, KnownError):
        show_problem(parent, str(exc))
    else:
        show_bug(parent, details or "".join(traceback.format_exception(exc)))


def confirm_discard(parent) -> bool:
    """Asked when a form with typed content is about to close unsaved: True to throw the typing away. The safe
    answer (keep typing) is the default, so Esc or Enter on the question loses nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Application", "Close without saving?"),
                      QCoreApplication.translate("Application", "What you typed in this form has not been saved. "
                                                                "Close it and throw that away?"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("Application", "Close, throw it away"))
    box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("Application", "Keep typing"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask(parent, title: str, text: str, go: str, stop: str) -> bool:
    """A question before something a user may not mean (generating a month without its holidays, say): True to go
    ahead. The buttons say what each does; the safe one (``stop``) is the default, so Esc or Enter changes nothing."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(go)
    box.button(QMessageBox.StandardButton.No).setText(stop)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_done(parent, title: str, text: str, details: str = "") -> None:
    """Something done, said plainly; where a file went (a path) only behind 显示详细信息, for whoever asks."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
