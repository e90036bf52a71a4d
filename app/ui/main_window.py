"""The main window: navigation between the registers, the menus, and the status bar. Nothing else."""

from __future__ import annotations

import getpass
import importlib
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QGuiApplication, QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QMenu, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget,
)

from app import __version__
from app.db.settings import get_setting, set_setting
from app import rota, settings_rules
from app.db.changes import Changes, Register
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.visit import VisitDialog
from app.ui.backups import BackupController
from app.ui.confirm import SavedNotice
from app import accounts
from app.accounts import Session
from app.ui import session as ui_session
from app.ui.operations import BackgroundJob, BackgroundReader
from app.ui.look import TEXT_SCALES, apply_text_scale, window_title
from app.ui.messages import show_failure
from app.ui.signals import announce, follow
from app.ui.write import write
from app.ui.text import fill

# The registers' pages in the order of the navigation list: (title, attribute, module, class). 待办 first: it is
# what the duty volunteer opens the program for. A page is imported, built and loaded when first shown (or first
# asked for, by a menu or a shortcut), so the start reads only what the first screen and the roster need.
PAGES = (
    (QT_TRANSLATE_NOOP("MainWindow", "To do"), "due", "app.ui.pages.due", "DuePage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Roster"), "roster", "app.ui.pages.roster", "RosterPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Visits"), "visits", "app.ui.pages.visits", "VisitsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Must-reports"), "reports", "app.ui.pages.reports", "ReportsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Mutual aid"), "aid", "app.ui.pages.aid", "AidPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Duty rota"), "rota", "app.ui.pages.rota", "RotaPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Time bank"), "timebank", "app.ui.pages.timebank", "TimeBankPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Meetings"), "meetings", "app.ui.pages.meetings", "MeetingsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Activities"), "activities", "app.ui.pages.activities", "ActivitiesPage"),
)


def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


class MainWindow(QMainWindow):
    def __init__(self, db, db_path: Path, parent=None, session: Session | None = None):
        super().__init__(parent)
        self._db = db
        self.db_path = Path(db_path)
        # Who is at the desk: every write is recorded under their name, and their role decides what is offered.
        self.session = session or ui_session.current()
        ui_session.set_current(self.session)
        self.actor = self.session.name
        self.reader = BackgroundReader(self.db_path, self)
        self.reader.error.connect(self._background_failed)
        self._jobs: list[BackgroundJob] = []

        # The roster's searches have a reader of their own: a keystroke never waits behind another page's loading.
        self.search_reader = BackgroundReader(self.db_path, self)
        self.search_reader.error.connect(self._background_failed)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.pages = QStackedWidget()
        self._made: dict[str, QWidget] = {}
        for title, _name, _module, _cls in PAGES:
            self.navigation.addItem(self.tr(title))
            self.pages.addWidget(QWidget())  # stands in until the page is first shown
        self._fit_navigation()
        self.navigation.currentRowChanged.connect(self._show_page)
        self.page("roster")  # searching at once, for Ctrl+F from the first screen
        self.navigation.setCurrentRow(0)

        # Today's duty, always in sight: who is at the desk and on the projects today.
        self.duty = QLabel()
        self.duty.setObjectName("todayDuty")
        self.duty.setWordWrap(True)
        self.duty.setStyleSheet("QLabel { background: #eef5ee; border: 1px solid #b7d3b7; padding: 6px; }")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self.duty)
        layout = QHBoxLayout()
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        # What each save did, with 撤销 for a minute: a line of its own beneath the pages, always there (blank when
        # there is nothing to say), so nothing moves when it speaks and a long name is never cut short.
        self.saved_notice = SavedNotice()
        outer.addWidget(self.saved_notice)
        self.setCentralWidget(central)
        self.reader.done.connect(self._duty_read)
        self._follower = follow(self, (Register.ROTA, Register.PERSON, Register.SETTING), self._data_changed)
        self.refresh_duty()
        self.backups = BackupController(self)  # every 30 minutes while data changes, on closing, by hand
        self._build_menus()
        self._widen_menus()
        self.duty_label = QLabel()
        self.duty_label.setObjectName("onDuty")
        self.statusBar().addPermanentWidget(self.duty_label)

        self._apply_role()
        # No file name or path here: a volunteer reads the club's name in the title; 帮助 → 关于 says where the file is.
        if get_setting(db, "demo", False):
            demo_note = QLabel(self.tr("Demo club: the people are made up, practise freely."))
            demo_note.setObjectName("demoNote")
            demo_note.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.statusBar().addPermanentWidget(demo_note)
        self._update_title()
        # Shown maximized; where nothing maximizes it (no window manager), never larger than the screen.
        area = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1440, area.width()), min(860, area.height()))

    def _data_changed(self, changes: Changes) -> None:
        self.refresh_duty()
        if changes.touches(Register.SETTING):
            self._update_title()
            self._sync_quick_settings()

    def refresh_duty(self) -> None:
        self.reader.submit("today_duty", lambda db: rota.today_duty(db))

    def _duty_read(self, key: str, shifts) -> None:
        if key != "today_duty":
            return
        if not shifts:
            self.duty.setText(self.tr("Today's duty: no shifts are planned for today."))
            return
        parts = []
        for shift in shifts:
            names = "、".join(name for _, name, _ in shift.people) or self.tr("nobody yet")
            parts.append(self.tr("%1 %2: %3").replace("%1", shift.slot_name).replace("%2", shift.time)
                         .replace("%3", names))
        self.duty.setText(self.tr("Today's duty — %1").replace("%1", "；".join(parts)))

    def page(self, name: str) -> QWidget:
        """The page called ``name`` (an attribute in PAGES), built and loading from the moment it is first asked for."""
        page = self._made.get(name)
        if page is None:
            index = next(i for i, entry in enumerate(PAGES) if entry[1] == name)
            _, _, module, cls = PAGES[index]
            reader = self.search_reader if name == "roster" else self.reader
            page = getattr(importlib.import_module(module), cls)(self._db, reader, self.actor)
            self._made[name] = page
            stand_in = self.pages.widget(index)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages.setCurrentIndex(current)
        return page

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row][1])
            self.pages.setCurrentIndex(row)

    due = property(lambda self: self.page("due"))
    roster = property(lambda self: self.page("roster"))
    visits = property(lambda self: self.page("visits"))
    reports = property(lambda self: self.page("reports"))
    aid = property(lambda self: self.page("aid"))
    rota = property(lambda self: self.page("rota"))
    timebank = property(lambda self: self.page("timebank"))
    meetings = property(lambda self: self.page("meetings"))
    activities = property(lambda self: self.page("activities"))

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self._db))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        duty_action = QAction(self.tr("&Change of duty…"), self)
        duty_action.setShortcut(QKeySequence("Ctrl+L"))
        duty_action.triggered.connect(self.change_of_duty)
        file_menu.addAction(duty_action)
        file_menu.addSeparator()
        self.director_actions: dict[str, list[QAction]] = {}  # what only the director may do, by permission
        for text, slot, permission in (
                (self.tr("&Import a roster from Excel…"), self.import_roster, "import"),
                (self.tr("&Export the roster to Excel…"), lambda: self.export_roster(False), None),
                (self.tr("Export the roster with &full ID numbers…"), lambda: self.export_roster(True), "full_ids"),
                (self.tr("Save an empty roster &template…"), self.save_template, None)):
            action = QAction(text, self)
            action.triggered.connect(slot)
            file_menu.addAction(action)
            if permission:
                self.director_actions.setdefault(permission, []).append(action)
        file_menu.addSeparator()
        # Month end: the bulletin for the release meeting and the return for the branch.
        self.bulletin_action = QAction(self.tr("Monthly &bulletin…"), self)
        self.bulletin_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.bulletin_action.triggered.connect(lambda: self.month_end())
        self.return_action = QAction(self.tr("Export the monthly re&turn…"), self)
        self.return_action.triggered.connect(lambda: self.month_end(export_return=True))
        file_menu.addActions([self.bulletin_action, self.return_action])
        file_menu.addSeparator()
        self.backup_action = QAction(self.tr("&Back up the data…"), self)
        self.backup_action.triggered.connect(self.backups.back_up_now)
        self.restore_action = QAction(self.tr("&Restore from a backup…"), self)
        self.restore_action.triggered.connect(self.backups.open_restore)
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        records_menu = self.menuBar().addMenu(self.tr("&Records"))
        # Ctrl+N for the most frequent entry at the desk; Ctrl+Shift+N, its earlier key, still works.
        for text, keys, slot in ((self.tr("&Log a visit…"), ("Ctrl+N", "Ctrl+Shift+N"), self.log_visit),
                                 (self.tr("&New must-report…"), ("Ctrl+Shift+R",), self.new_report),
                                 (self.tr("&Add a person…"), ("Ctrl+Shift+A",), self.add_person),
                                 (self.tr("&Print the visit sheet…"), ("Ctrl+P",), self.print_visit_sheet)):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            records_menu.addAction(action)
        records_menu.addSeparator()
        # The pages behind these are built when an entry is first chosen.
        for text, page, method in ((self.tr("Record an &activity…"), "activities", "new_activity"),
                                   (self.tr("Issue a service &certificate…"), "timebank", "issue_certificate"),
                                   (self.tr("Certificates re&gister…"), "timebank", "show_certificates"),
                                   (self.tr("Note &feedback on a volunteer…"), "timebank", "note_feedback"),
                                   (self.tr("Yearly a&wards…"), "timebank", "show_awards")):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, p=page, m=method: getattr(self.page(p), m)())
            records_menu.addAction(action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        # Ctrl+1..4 go to the pages, in the order of the navigation list.
        for row in range(self.navigation.count()):
            action = QAction(self.navigation.item(row).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.navigation.setCurrentRow(r))
            view_menu.addAction(action)
        view_menu.addSeparator()
        for text, keys, slot in ((self.tr("&Find a person"), "Ctrl+F", self.find_person),
                                 (self.tr("&Today's duty"), "Ctrl+D", self.show_today_duty)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            view_menu.addAction(action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_action = QAction(self.tr("&All settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(settings_action)
        accounts_action = QAction(self.tr("A&ccounts…"), self)
        accounts_action.triggered.connect(self.manage_accounts)
        audit_action = QAction(self.tr("Audit &log…"), self)
        audit_action.triggered.connect(self.show_audit_log)
        settings_menu.addActions([accounts_action, audit_action])
        self.director_actions.setdefault("settings", []).append(settings_action)
        self.director_actions.setdefault("accounts", []).append(accounts_action)
        self.director_actions.setdefault("audit", []).append(audit_action)
        # The text size and the language stay one click away: the first things a new user changes.
        self._quick_settings: dict[str, dict] = {"text_scale": {}, "language": {}}
        size_menu = settings_menu.addMenu(self.tr("Text size"))
        sizes = QActionGroup(self)
        current = settings_rules.stored(self._db, "text_scale")
        for scale in TEXT_SCALES:
            action = QAction(f"{round(scale * 100)}%", self, checkable=True)
            action.setChecked(abs(scale - current) < 0.01)
            action.triggered.connect(lambda _=False, s=scale: self.set_text_scale(s))
            self._quick_settings["text_scale"][scale] = action
            sizes.addAction(action)
            size_menu.addAction(action)
        language_menu = settings_menu.addMenu(self.tr("Language"))
        languages = QActionGroup(self)
        current_language = settings_rules.stored(self._db, "language")
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == current_language)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self._quick_settings["language"][code] = action
            languages.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide_action = QAction(self.tr("&User guide"), self)
        guide_action.setShortcut(QKeySequence("F1"))
        guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(guide_action)
        keys_action = QAction(self.tr("&Keyboard shortcuts"), self)
        keys_action.setShortcut(QKeySequence("Shift+F1"))
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def month_end(self, export_return: bool = False):
        """The month-end dialog: good news, the bulletin's preview, save, print, and the branch return."""
        from app.ui.dialogs.month_end import MonthEndDialog  # reportlab and PDFium load when first needed

        dialog = MonthEndDialog(self._db, self.db_path, self.actor, parent=self)
        if export_return:
            QTimer.singleShot(0, dialog.export_return)
        dialog.open()
        return dialog

    def log_visit(self) -> None:
        """记录走访 (Ctrl+N): for the person chosen in the roster when the roster is showing (find, then log)."""
        chosen = self.roster._selected_id if self.pages.currentWidget() is self.roster else None
        VisitDialog(self._db, self.actor, parent=self, person_id=chosen).exec()

    def _fit_navigation(self) -> None:
        """The list of pages as wide as its longest title and a little more, and no wider: at large text every
        pixel it does not need goes to the tables beside it."""
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.navigation.item(row).text())
                     for row in range(self.navigation.count()))
        self.navigation.setFixedWidth(widest + 2 * metrics.horizontalAdvance("国"))

    def _widen_menus(self) -> None:
        """Qt sizes a menu under the menu bar without a Chinese-style mnemonic "(&A)" (hidden until Alt is held)
        but draws it with one, so the longest item came out cut short ("全部设…A)…"): make room for it."""
        for menu in self.menuBar().findChildren(QMenu):
            menu.setMinimumWidth(0)
            menu.setMinimumWidth(menu.sizeHint().width() + menu.fontMetrics().horizontalAdvance("(W)"))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and hasattr(self, "duty_label"):
            self._widen_menus()
            self._refit_later()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_refit_wanted", False):
            self._refit_later()

    def _refit_later(self) -> None:
        """Make the pages again once every widget has its new font (one go for many font changes)."""
        if not getattr(self, "_refit_due", False):
            self._refit_due = True
            QTimer.singleShot(0, self, self._refit_pages)  # not after the window has gone

    def _refit_pages(self) -> None:
        """The text size changed while the window is open: the pages are made again at the new size (their
        tables' widths, rows and panels are measured from the text when a page is made), the page shown and the
        roster's search kept; the others are made again when next shown."""
        self._refit_due = False
        closing = getattr(self, "closing", False)  # a closed window's readers have stopped: nothing to make
        self._refit_wanted = not closing and not self.isVisible()  # hidden (the desk locked): when it shows
        if closing or self._refit_wanted:
            return
        self._widen_menus()  # now that the menus have their new font too
        self._fit_navigation()
        searched = self._made["roster"].search.text() if "roster" in self._made else ""
        shown = self.pages.currentIndex()
        for name in list(self._made):
            old = self._made.pop(name)
            index = self.pages.indexOf(old)
            stand_in = QWidget()
            self.pages.insertWidget(index, stand_in)
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.setCurrentIndex(shown)
        self.roster.search.setText(searched)
        self._show_page(shown)

    # -- who is on duty
    def _apply_role(self) -> None:
        """Offer what the session's role allows: the director's tools are greyed out for a duty volunteer."""
        self.director_actions.setdefault("restore", [self.restore_action] if hasattr(self, "restore_action") else [])
        for permission, actions in self.director_actions.items():
            allowed = self.session.can(permission)
            for action in actions:
                action.setEnabled(allowed)
                action.setToolTip("" if allowed else self.tr("Only the director may do this."))
        self.duty_label.setText(fill(self.tr("On duty: %1 (%2)"), self.session.name, self.session.role_label))

    def _allowed(self, permission: str) -> bool:
        """True when the session may; otherwise says who may (a shortcut can reach a greyed-out action)."""
        if self.session.can(permission):
            return True
        QMessageBox.information(self, self.windowTitle(), fill(self.tr("Only the director may %1."),
                                                               accounts.DIRECTOR_ONLY[permission]))
        return False

    def set_session(self, session: Session) -> None:
        self.session = session
        ui_session.set_current(session)
        self.actor = session.name
        self.saved_notice.forget_undo()  # 撤销 belongs to whoever saved
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if hasattr(page, "_actor"):
                page._actor = session.name
        self._apply_role()
        announce(Changes.of(Register.SESSION))

    def change_of_duty(self) -> None:
        from app.ui.dialogs.login import change_of_duty

        change_of_duty(self)

    def manage_accounts(self) -> None:
        from app.ui.dialogs.accounts import AccountsDialog

        if self._allowed("accounts"):
            AccountsDialog(self._db, self.session, self).exec()

    def show_audit_log(self) -> None:
        from app.ui.dialogs.audit import AuditDialog

        if self._allowed("audit"):
            AuditDialog(self._db, self).exec()

    def add_person(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.roster))
        self.roster.add_person()

    def find_person(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.roster))
        self.roster.focus_search()

    def show_today_duty(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.rota))
        self.rota.show_today()

    def open_settings(self) -> None:
        from app.ui.dialogs.settings import SettingsDialog

        if self._allowed("settings"):
            SettingsDialog(self._db, self.db_path, self.actor, self).exec()

    def _sync_quick_settings(self) -> None:
        """Tick the text size and language in force (they may have changed in the settings dialog)."""
        from app import settings_rules

        scale = settings_rules.stored(self._db, "text_scale")  # checked: a value set by hand does not crash
        for value, action in self._quick_settings["text_scale"].items():
            action.setChecked(abs(value - scale) < 0.01)
        language = settings_rules.stored(self._db, "language")
        for code, action in self._quick_settings["language"].items():
            action.setChecked(code == language)

    def show_guide(self) -> None:
        """帮助 → 使用说明 (F1): the user guide, inside the app, offline."""
        from app.ui.dialogs.guide import GuideDialog

        GuideDialog(self).exec()

    def show_shortcuts(self) -> None:
        from app.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), self).exec()

    def new_report(self) -> None:
        ReportDialog(self._db, self.actor, parent=self).exec()

    def print_visit_sheet(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.due))
        self.due.print_sheet()

    def import_roster(self) -> None:
        if not self._allowed("import"):
            return
        from app.ui.dialogs.import_roster import ImportWizard  # openpyxl loads when first needed

        wizard = ImportWizard(self.db_path, self.actor, self)
        wizard.exec()  # its import job announces the people it stored; the saved line says how many
        report = wizard.run_page.report
        if report is not None and report.stored:
            self.saved_notice.say(self.tr("Roster imported: %1 people added, %2 updated.")
                                  .replace("%1", str(report.imported)).replace("%2", str(report.updated)))

    def _ask_xlsx(self, title: str, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), self.tr("Excel workbooks (*.xlsx)"))
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def export_roster(self, full_ids: bool) -> None:
        if full_ids and not self._allowed("full_ids"):
            return
        if full_ids and QMessageBox.question(
                self, self.tr("Full ID numbers"),
                self.tr("Full ID numbers are sensitive personal information. The export will be recorded in the audit "
                        "log with your name. Export them?")) != QMessageBox.StandardButton.Yes:
            return
        path = self._ask_xlsx(self.tr("Export the roster"), f"{get_setting(self._db, 'club_name', '')}花名册.xlsx")
        if path is None:
            return
        from app.reports.roster import export_roster  # openpyxl loads when first needed, not at start-up

        actor = self.actor
        job = BackgroundJob(self.db_path, lambda db, progress, cancelled: export_roster(db, path, actor=actor,
                                                                                         full_ids=full_ids), self)
        self.saved_notice.say(self.tr("Exporting the roster…"))
        job.finished.connect(lambda count: self.saved_notice.say(
            self.tr("Exported %1 people to %2").replace("%1", str(count)).replace("%2", path.name)))
        job.failed.connect(lambda text, exc: self._background_failed("export", text, exc))
        self._jobs.append(job)
        job.start()

    def save_template(self) -> None:
        path = self._ask_xlsx(self.tr("Save an empty roster template"), "花名册模板.xlsx")
        if path is not None:
            from app.reports.roster import save_template

            save_template(self._db, path)
            self.saved_notice.say(self.tr("Saved the template to %1").replace("%1", path.name))

    def set_text_scale(self, scale: float) -> None:
        if write(self, self._db, lambda db: set_setting(db, "text_scale", scale, actor=self.actor)):
            apply_text_scale(QApplication.instance(), scale)

    def set_language(self, code: str) -> None:
        if not write(self, self._db, lambda db: set_setting(db, "language", code, actor=self.actor)):
            return
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language is used from the next start of the program."))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr("Club workbench %1\nAll data stays in one file on this computer:\n%2")
                          .replace("%1", __version__).replace("%2", str(self.db_path)))

    def _background_failed(self, key: str, text: str, exc) -> None:
        self.statusBar().clearMessage()
        show_failure(self, text, exc)

    def closeEvent(self, event) -> None:
        self.closing = True  # no start-up check begins now (the closing backup's wait runs events)
        if "rota" in self._made:
            self.rota.wait_for_jobs()  # a rota being generated finishes its write
        check = getattr(self, "start_up_check", None)
        if check is not None:
            check.call.wait()  # the start-up quick check's own connection closes first
        self.reader.stop()
        self.search_reader.stop()
        for job in self._jobs:
            job.wait()
        self.backups.on_close()  # a checked backup when the quick check passes and the data changed
        if not getattr(self, "_deaf", False):  # a closed window's file may be closed too: stop listening
            self._deaf = True
            self._follower.stop()
        super().closeEvent(event)
