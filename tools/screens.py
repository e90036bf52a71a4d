"""Every screen of the app, opened on a demo club: the pages of the main window and every dialog and wizard page.

``check(scale)`` shows each at that text size on the current screen and returns what does not fit: a window
outside the room the screen leaves (a 1366×768 office screen less its taskbar), or a label or button whose text
is cut off. tools/screenshots.py --check runs it at 100 % and 150 % and fails on any finding; the test suite runs
it too (tests/ui/test_screens_fit.py).
"""

from __future__ import annotations

import datetime
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

PAGES = ("due", "roster", "visits", "reports", "aid", "rota", "timebank", "meetings", "activities")


def demo_club(folder: Path, people: int = 600):
    from app.db.connection import open_database
    from app.demo import make_demo

    path = folder / "demo.sqlite"
    db = open_database(path)
    make_demo(db, count=people, seed=1)
    return db, path


def dialogs(db, path: Path, window, folder: Path) -> Iterator[tuple[str, Callable]]:
    """(name, make) for every dialog of app/ui/dialogs, each filled as a user would meet it."""
    from app import activities, aid_groups, awards, good_news, meetings, people, rota, timebank, visits
    from app.accounts import Session
    from app.db.connection import open_database
    from app.ui.dialogs.absence import AbsenceDialog
    from app.ui.dialogs.accounts import AccountsDialog
    from app.ui.dialogs.add_account import NewAccountDialog
    from app.ui.dialogs.login import ClosedDoor, LoginDialog
    from app.ui.dialogs.new_password import PasswordDialog
    from app.ui.dialogs.recover import RecoverDialog
    from app.ui.dialogs.recovery_code import RecoveryCodeDialog
    from app.db import keyfile
    from app.ui.dialogs.activity import ActivityDialog
    from app.ui.dialogs.aid_end_group import EndGroupDialog
    from app.ui.dialogs.aid_helpers import ChangeHelpersDialog
    from app.ui.dialogs.aid_new_group import GroupDialog
    from app.ui.dialogs.aid_suggest import SuggestDialog
    from app.ui.dialogs.assign import AssignDialog
    from app.ui.dialogs.attendance import AttendanceDialog
    from app.ui.dialogs.audit import AuditDialog
    from app.ui.dialogs.activity_correction import ActivityCorrectionDialog
    from app.ui.dialogs.feedback_correction import FeedbackCorrectionDialog
    from app.ui.dialogs.hours_correction import EntryCorrectionDialog
    from app.ui.dialogs.meeting_correction import MeetingCorrectionDialog
    from app.ui.dialogs.report_correction import ReportCorrectionDialog
    from app.ui.dialogs.visit_correction import VisitCorrectionDialog
    from app.ui.dialogs.void_entry import VoidDialog
    from app.ui.dialogs.feedback import FeedbackListDialog
    from app.ui.dialogs.shift_correction import ShiftCorrectionDialog
    from app.ui.dialogs.awards import AwardsDialog
    from app.ui.dialogs.note_feedback import FeedbackDialog
    from app.ui.dialogs.certificate import IssueCertificateDialog
    from app.ui.dialogs.certificate_register import CertificateRegisterDialog
    from app.ui.dialogs.damaged import DamagedFileDialog
    from app.ui.dialogs.first_run import FirstRunWizard
    from app.ui.dialogs.guide import GuideDialog
    from app.ui.dialogs.holidays import HolidaysDialog
    from app.ui.dialogs.import_roster import ImportWizard
    from app.ui.dialogs.meeting import MeetingDialog
    from app.ui.dialogs.good_news import GoodNewsDialog
    from app.ui.dialogs.good_news_correction import GoodNewsCorrectionDialog
    from app.ui.dialogs.month_end import MonthEndDialog
    from app.ui.dialogs.person import PersonDialog
    from app.ui.dialogs.report import ReportDialog
    from app.ui.dialogs.report_progress import ReportProgressDialog
    from app.ui.dialogs.restore import RestoreDialog
    from app.ui.dialogs.settings import SettingsDialog
    from app.ui.dialogs.shortcuts import ShortcutsDialog
    from app.ui.dialogs.slots import SlotsDialog
    from app.ui.dialogs.status import StatusDialog
    from app.ui.dialogs.swap import SwapDialog
    from app.ui.dialogs.credit_hours import DepositDialog
    from app.ui.dialogs.exchange_reward import ExchangeDialog
    from app.ui.dialogs.reverse_entry import CorrectDialog
    from app.ui.dialogs.rewards_catalogue import RewardsDialog
    from app.ui.dialogs.withdraw_hours import WithdrawDialog
    from app.ui.dialogs.visit import VisitDialog

    today = datetime.date.today()
    month = today.replace(day=1)
    person = people.get_person(db, window.roster.model.person_id(0))
    report = visits.list_reports(db)[0]
    group = aid_groups.list_groups(db)[0]
    shift = next(s for s in rota.month_rota(db, month.strftime("%Y-%m")) if s.people)
    volunteer = shift.people[0][0]
    first = timebank.ledger(db, volunteer)[0]
    entry = {"id": first[5], "date": first[0], "kind": first[1], "hours": first[2], "source": first[3],
             "note": first[4]}
    director = Session(None, "演示主任", "director")
    visit = visits.get_visit(db, visits.list_visits(db, limit=1)[0]["id"])
    manual = next(r for r in timebank.entry_rows(db, volunteer) if r["source"] == "manual")
    praised = db.execute("SELECT person_id FROM feedback ORDER BY id LIMIT 1").fetchone()[0]
    news_month = db.execute("SELECT month FROM bulletin_item ORDER BY id LIMIT 1").fetchone()[0]
    states = rota.assignment_states(db, month.strftime("%Y-%m"))
    attended = next((s for s in rota.month_rota(db, month.strftime("%Y-%m"))
                     if any((states.get(a) or {}).get("confirmed") for _, _, a in s.people)), shift)
    yield "visit", lambda: VisitDialog(db, "demo")
    yield "visit-from-due", lambda: VisitDialog(db, "demo", person_id=person["id"], kind="festival",
                                                reason="高龄党员生日慰问：今天是她的 86 岁生日")
    yield "report", lambda: ReportDialog(db, "demo")
    yield "report-progress", lambda: ReportProgressDialog(db, "demo", report, "report")
    yield "report-close", lambda: ReportProgressDialog(db, "demo", report, "close")
    yield "person", lambda: PersonDialog(db, "demo", person)
    yield "person-new", lambda: PersonDialog(db, "demo")
    yield "status", lambda: StatusDialog(db, "demo", person)
    yield "meeting", lambda: MeetingDialog(db, "demo")
    yield "activity", lambda: ActivityDialog(db, "demo")
    yield "aid-group", lambda: GroupDialog(db, "demo")
    yield "aid-helpers", lambda: ChangeHelpersDialog(db, "demo", group)
    yield "aid-end", lambda: EndGroupDialog(db, "demo", group)
    yield "aid-suggest", lambda: SuggestDialog(db, "demo", window.reader)
    yield "swap", lambda: SwapDialog(db, "demo", shift)
    yield "assign", lambda: AssignDialog(db, "demo", shift)
    yield "attendance", lambda: AttendanceDialog(db, "demo", shift)
    yield "absence", lambda: AbsenceDialog(db, "demo", month)
    yield "holidays", lambda: HolidaysDialog(db, "demo", month)
    yield "slots", lambda: SlotsDialog(db, "demo")
    yield "deposit", lambda: DepositDialog(db, "demo", volunteer)
    yield "withdraw", lambda: WithdrawDialog(db, "demo", volunteer)
    yield "exchange", lambda: ExchangeDialog(db, "demo", volunteer)
    yield "reverse", lambda: CorrectDialog(db, "demo", entry)
    yield "correct-hours", lambda: EntryCorrectionDialog(db, director, manual)
    yield "void", lambda: VoidDialog(db, visits.describe_visit(db, visit["id"]),
                                     "它消掉的待办会回来，记入的时长会冲回。", lambda _db, _reason: None)
    yield "correct-visit", lambda: VisitCorrectionDialog(db, director, visit)
    yield "correct-report", lambda: ReportCorrectionDialog(db, director, report)
    yield "correct-meeting", lambda: MeetingCorrectionDialog(db, director, meetings.list_meetings(db)[0])
    yield "correct-activity", lambda: ActivityCorrectionDialog(
        db, director, activities.get_activity(db, activities.list_activities(db)[0]["id"]))
    yield "correct-feedback", lambda: FeedbackCorrectionDialog(db, director, awards.feedback_of(db, praised)[0])
    yield "feedback-list", lambda: FeedbackListDialog(db, "demo", praised)
    yield "correct-good-news", lambda: GoodNewsCorrectionDialog(db, director, news_month,
                                                                good_news.list_items(db, news_month)[0])
    yield "correct-shift", lambda: ShiftCorrectionDialog(
        db, director, attended, states, [w for w in rota.swaps(db, attended.day.isoformat(), attended.day.isoformat())
                                         if w["slot_key"] == attended.slot_key])
    yield "rewards", lambda: RewardsDialog(db, "demo")
    yield "feedback", lambda: FeedbackDialog(db, "demo", volunteer)
    yield "awards", lambda: AwardsDialog(db, "demo")
    yield "certificate", lambda: IssueCertificateDialog(db, "demo", volunteer)
    yield "certificates", lambda: CertificateRegisterDialog(db, "demo")
    yield "good-news", lambda: GoodNewsDialog(db, "demo", month.strftime("%Y-%m"))
    yield "month-end", lambda: MonthEndDialog(db, path, "demo")
    yield "settings", lambda: SettingsDialog(db, path, "demo")
    yield "accounts", lambda: AccountsDialog(db, director)
    yield "new-account", lambda: NewAccountDialog(db, "demo")
    yield "password", lambda: PasswordDialog("演示值班员甲")
    yield "login", lambda: LoginDialog(db)
    yield "login-at-start", lambda: LoginDialog(ClosedDoor(path))
    yield "recover", lambda: RecoverDialog(path)
    yield "recovery-code", lambda: RecoveryCodeDialog(keyfile.new_recovery_code())
    yield "audit", lambda: AuditDialog(db)
    yield "restore", lambda: RestoreDialog(path, [folder], key=db.key)
    yield "damaged", lambda: DamagedFileDialog(path, "数据库文件已损坏（第 9 页从未使用）", [folder])
    yield "shortcuts", lambda: ShortcutsDialog(window.menuBar(), window)
    yield "guide", lambda: GuideDialog(window)
    def import_wizard():
        import openpyxl

        roster = folder / "花名册.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["姓名", "性别", "出生日期", "楼号", "困难情况"])
        for number in range(30):
            book.active.append([f"新居民{number}", "女", "1950-03-05", "12", "独居" if number % 3 else "外星人"])
        book.save(roster)
        wizard = ImportWizard(path, "demo")
        wizard.page(wizard.startId()).path.setText(str(roster))
        wizard.page(wizard.startId()).load()
        return wizard

    yield "import", import_wizard
    fresh = folder / "fresh.sqlite"
    yield "first-run", lambda: FirstRunWizard(open_database(fresh), fresh, "demo")


# Latin words a volunteer meets on purpose: keys, file kinds, programs, the pinyin example, the recovery code's mask.
KNOWN_WORDS = {"ctrl", "shift", "enter", "esc", "tab", "alt", "pdf", "excel", "wps", "xlsx", "xls", "csv", "ods",
               "zsf", "xxxx", "libreoffice", "office", "windows", "uos", "debian", "ubuntu",
               "sheet"}  # the name LibreOffice gives a new sheet: the demo's roster file comes with it
# What is the club's own and may hold Latin letters: file and folder names, paths, the recovery code.
NOT_WORDS = r"(?:[A-Za-z]:)?[\\/]\S+|[\w-]+\.(?:sqlite|xlsx|xls|ods|csv|pdf)\b|fuwushe-[\w-]+|(?:[0-9A-Z]{4}-){5}[0-9A-Z]{4}"


def english_text(root) -> list[str]:
    """Words in Latin letters (three or more) on the visible labels, buttons, titles, placeholders, tabs, lists and
    column headings of ``root``: English that reached the volunteer."""
    import re

    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                                   QTabBar, QWidget)

    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>|&\w+;", " ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount()
            except TypeError:  # a list model: one column, its count private
                columns = 1
            texts.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns))
            rows = min(model.rowCount(QModelIndex()), 50)
            texts.extend(str(model.index(r, c).data() or "") for r in range(rows) for c in range(columns))
    found = []
    for text in texts:
        words = [w for w in re.findall(r"[A-Za-z]{3,}", re.sub(NOT_WORDS, " ", text or ""))
                 if w.lower() not in KNOWN_WORDS]
        if words:
            found.append(f"English on the screen: {text.strip()[:80]!r}")
    return sorted(set(found))


def check(scale: float, *, shots: Path | None = None, people: int = 600) -> list[str]:
    """Every page and dialog at ``scale``, shown on the current screen: what does not fit, one line each."""
    from PySide6.QtWidgets import QApplication, QWizard

    from app.accounts import Session
    from app.ui.application import make_application
    from app.ui.fit import cut_off_text, outside_screen
    from app.ui.look import apply_text_scale
    from app.ui.main_window import MainWindow

    app = make_application()
    apply_text_scale(app, scale)
    folder = Path(tempfile.mkdtemp(prefix="fuwushe-screens-"))
    db, path = demo_club(folder, people)
    percent = round(scale * 100)
    problems: list[str] = []

    def settle(seconds: float = 0.3) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    def look(widget, name: str) -> None:
        settle(0.05)
        where = outside_screen(widget)
        if where:
            problems.append(f"{name} at {percent}%: {where}")
        problems.extend(f"{name} at {percent}%: {line}" for line in cut_off_text(widget))
        problems.extend(f"{name} at {percent}%: {line}" for line in english_text(widget))
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(shots / f"{name}-{percent}.png"))

    window = MainWindow(db, path, session=Session(None, "演示主任", "director"))
    window.showMaximized()
    for row, name in enumerate(PAGES):
        window.navigation.setCurrentRow(row)
        settle(0.4)
        look(window, f"page-{name}")
    for name, make in dialogs(db, path, window, folder):
        dialog = make()
        dialog.show()
        if isinstance(dialog, QWizard):
            for number, _ in enumerate(dialog.pageIds(), start=1):
                look(dialog, f"{name}-{number}")
                if number == 1 and name == "first-run":
                    dialog.currentPage().club_name.setText("胜北党员服务社")
                if not dialog.currentPage().isComplete() or dialog.currentPage().isFinalPage():
                    break
                dialog.next()
        else:
            look(dialog, name)
        dialog.done(0)  # closed as it is: not through reject(), which would ask before throwing typing away
        dialog.deleteLater()
    window.close()
    QApplication.processEvents()
    db.close()
    return problems
