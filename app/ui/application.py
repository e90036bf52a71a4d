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
    """Make the practice club in an empty file (a second or so: the window waits with a busy cursor)."""
    from app.demo import make_demo
    from app.people import count_people

    if not count_people(db):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            make_demo(db)
        finally:
            QApplication.restoreOverrideCursor()


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
    """Open the database, ask who is on duty (unless ``session`` says) and show the main window; returns
    (window, app), or (None, app) if the user quit.

    Raises KnownError when the database cannot be opened (too new, damaged, locked).
    """
    app = make_application()
    path = Path(db_path) if db_path else (paths.demo_database() if demo else paths.default_database())
    from app.ui.backups import open_for_window

    db = open_for_window(path)  # one window per file, and a quick check with a way out of a damaged file
    if db is None:
        return None, app
    if demo:
        _fill_demo(db)
    _update_search_words(db, path)
    from app.ui.dialogs.first_run import run_first_run
    from app.ui.main_window import MainWindow, current_actor

    apply_text_scale(app, float(get_setting(db, "text_scale", 1.0)))
    install_language(app, get_setting(db, "language", "zh_CN"))
    if not get_setting(db, "club_name"):
        answer = run_first_run(db, path, current_actor())
        if answer is None:
            return None, app
        choice, session = answer
        if choice == "practise":  # the club's own file keeps its settings; the practice club is another file
            db.close()
            path = paths.demo_database()
            db = open_for_window(path)
            if db is None:
                return None, app
            _fill_demo(db)
            session = None
    if session is None:
        from app.ui.dialogs.accounts import ask_who_is_on_duty

        session = ask_who_is_on_duty(db)
        if session is None:
            return None, app
    window = MainWindow(db, path, session=session)
    window.showMaximized()
    return window, app


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
