"""Start the window: QApplication, the bundled font, translations, text size, error dialog, and the database."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app import paths, settings_rules
from app.db.settings import get_setting
from app.errors import KnownError
from app.ui.fit import ScreenFitter
from app.ui.look import app_icon, apply_text_scale
from app.ui.messages import show_error, show_failure

LANGUAGES = settings_rules.LANGUAGES
_translators: list[QTranslator] = []


def install_language(app: QApplication, language: str) -> None:
    """Load the translation for ``language``; the source strings are English, so "en" needs none."""
    global _translators
    for translator in _translators:
        app.removeTranslator(translator)
    _translators = []
    if language != "en":
        # The app's own strings, and Qt's (the Yes / No / Cancel of message boxes, the file dialogs' words).
        for name, folder in ((f"app_{language}", str(paths.translations_dir())),
                             (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _translators.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese))


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("fuwushe")
    app.setApplicationDisplayName("服务社工作台")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("fuwushe")  # matches packaging/fuwushe.desktop, so a Wayland dock shows the icon
    apply_text_scale(app, 1.0)
    install_language(app, "zh_CN")
    if not any(isinstance(child, ScreenFitter) for child in app.children()):
        app.installEventFilter(ScreenFitter(app))  # every window and dialog fits the screen it shows on
    return app


def _excepthook(exc_type, exc, tb) -> None:
    """A bug reaches one dialog with its traceback; it is never swallowed silently."""
    show_failure(QApplication.activeWindow(), "".join(traceback.format_exception(exc_type, exc, tb)), exc)


def _fill_demo(db) -> None:
    """Make the practice club in a new file (a second or so: the window waits with a busy cursor)."""
    from app.demo import make_demo

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        make_demo(db)
    finally:
        QApplication.restoreOverrideCursor()


def _is_new(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def _scale_before_log_in(app: QApplication, path: Path) -> None:
    """The log-in comes before the file is open: its text size is the one the key file remembers (checked)."""
    from app.db import keyfile

    shown = keyfile.display(path).get("text_scale")
    try:
        match = next(s for s in settings_rules.TEXT_SCALES if abs(s - float(shown)) < 0.01)
    except (StopIteration, TypeError, ValueError):
        match = 1.0
    apply_text_scale(app, match)


def _update_search_words(db, path: Path) -> None:
    """A file from an older version has its people's search words made again, once, under a busy dialog (a few
    seconds per 100,000 people); the window opens when they are ready."""
    from app import names
    from app.db.people import index_rules

    if index_rules(db) == names.RULES_VERSION:
        return
    from app.db.connection import open_database
    from app.people import ensure_search_index
    from app.ui.backups import run_call

    def update() -> None:
        own = open_database(path)  # its own connection: it runs on another thread
        try:
            ensure_search_index(own)
        finally:
            own.close()

    _, error = run_call(None, QCoreApplication.translate("Application", "Preparing the roster search…"), update)
    if error is not None:
        raise error


def start_window(db_path: Path | str | None = None, demo: bool = False, session=None):
    """Lock the file for this window, ask who is on duty (the password opens the encrypted file), check it, and
    show the main window; returns (window, app), or (None, app) if the user quit.

    ``demo`` makes the practice club in a new file and never writes into a file that holds a club. Raises
    KnownError when the database cannot be opened (too new, damaged, locked, not the practice club).
    """
    app = make_application()
    path = Path(db_path) if db_path else (paths.demo_database() if demo else paths.default_database())
    from app.db import keyfile
    from app.ui.backups import open_for_window

    fresh = _is_new(path)
    if demo and not fresh and not keyfile.display(path).get("practice"):
        raise KnownError(f"{path} 不是演示服务社：--demo 只用来打开演示服务社，或在新文件里生成一个，不会写进真正的台账。")
    _scale_before_log_in(app, path)
    opened = open_for_window(path, session=session, check=False)
    if opened is None:
        return None, app
    db, session = opened
    if demo and fresh:
        _fill_demo(db)
    _update_search_words(db, path)
    from app.ui.dialogs.first_run import run_first_run
    from app.ui.main_window import MainWindow, current_actor

    apply_text_scale(app, settings_rules.stored(db, "text_scale"))
    install_language(app, settings_rules.stored(db, "language"))
    if not get_setting(db, "club_name"):
        answer = run_first_run(db, path, current_actor())
        if answer is None:
            return None, app
        choice, made = answer
        session = made or session
        if choice == "practise":  # the club's own file keeps its settings; the practice club is another file
            db.close()
            path = paths.demo_database()
            fresh = _is_new(path)
            _scale_before_log_in(app, path)
            opened = open_for_window(path, check=False)
            if opened is None:
                return None, app
            db, session = opened
            if fresh:
                _fill_demo(db)
    if session is None:
        from app.ui.dialogs.login import ask_who_is_on_duty

        session = ask_who_is_on_duty(db)
        if session is None:
            return None, app
    if getattr(db, "key", None) is not None:
        keyfile.set_display(path, db.key, text_scale=settings_rules.stored(db, "text_scale"))
    window = _show(MainWindow(db, path, session=session))
    # The quick check of the whole file runs once the window is up and the roster shown (decrypting every page of a
    # large club takes a second or more, and every page read is checked by its own HMAC meanwhile). Should it find
    # damage, the window goes and the damaged-file offer, a director's only, takes its place.
    later = QTimer(window)  # goes with the window, should it close first
    later.setSingleShot(True)
    later.timeout.connect(lambda: _check(window, path, session))
    later.start(CHECK_AFTER_MS)
    return window, app


CHECK_AFTER_MS = 1500


def _check(window, path: Path, session) -> None:
    from app.ui.backups import QuickCheck

    if not window.isVisible() or getattr(window, "closing", False):
        return
    check = window.start_up_check = QuickCheck(path, getattr(window._db, "key", None), window)
    settle = lambda: _checked(window, path, session, check.result())  # noqa: E731
    check.call.finished.connect(settle)
    if check.call.isFinished():  # a small club's check may be over already
        QTimer.singleShot(0, settle)


_windows: list = []  # windows opened in place of one whose file failed the check: kept alive here


def _show(window):
    from app.ui.dialogs.login import IdleLock

    window.idle_lock = IdleLock(window)
    window.showMaximized()
    return window


def _checked(window, path: Path, session, problems: list[str]) -> None:
    from app.ui.backups import after_check
    from app.ui.main_window import MainWindow

    import shiboken6

    if not shiboken6.isValid(window) or getattr(window, "start_up_problems", None) is not None:
        return  # gone, or settled already
    window.start_up_problems = problems
    if not problems or not window.isVisible():
        return
    db = window._db
    window.backups.closing_backup_done = True  # no backup of a damaged file on closing
    window.close()
    opened = after_check(path, db, session, problems, None)
    if opened is None:
        return
    db, session = opened
    successor = _show(MainWindow(db, path, session=session))
    _windows.append(successor)
    window.successor = successor


def run(db_path: Path | None = None, demo: bool = False, quit_after: float | None = None) -> int:
    """Start the window and its event loop; ``quit_after`` seconds closes it again (install checks)."""
    app = make_application()
    sys.excepthook = _excepthook
    shown: list[str] = []
    if quit_after is not None:
        # Close whatever is up by then — the log-in, a first-run wizard or the window — and say what it was.
        def close_all() -> None:
            modal = QApplication.activeModalWidget()
            if modal is not None:
                shown.append(modal.windowTitle())
                modal.reject()
            app.quit()

        QTimer.singleShot(int(quit_after * 1000), close_all)
    try:
        window, app = start_window(db_path, demo)
    except KnownError as exc:
        show_error(None, QCoreApplication.translate("Application", "Cannot open the database"), str(exc))
        return 1
    if window is None:
        if shown:
            print(f"窗口已打开并关闭：{shown[0]}")
        return 0
    if quit_after is None:
        return app.exec()
    title = window.windowTitle()
    code = app.exec()
    print(f"窗口已打开并关闭：{title}")
    return code
