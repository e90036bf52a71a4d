"""Make the pictures of the Chinese user guide (docs/guide.zh.md) from a practice club:

    python tools/guide_screenshots.py --xvfb        # starts its own virtual screen (Xvfb :95, 1366×768)
    DISPLAY=:95 QT_QPA_PLATFORM=xcb python tools/guide_screenshots.py   # or use a running X server

Each picture is what a duty volunteer or the director sees on the office PC (a 1366×768 screen, text at 100%),
made from a fresh practice club (app.demo.make_demo) in a temporary folder: the log-in, finding someone, a visit,
a must-report, today's duty, a service recorded and confirmed, the month end, the backup menu and the restore
list. Menus and the list of names that pops up while typing are drawn over the window they belong to. The PNGs
are reduced to 256 colours (Pillow, already a dependency) so each stays well under 200 KB.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "guide"
SCREEN = (1366, 768)
MAX_BYTES = 200 * 1024


def start_xvfb(display: str) -> subprocess.Popen:
    """A virtual X screen the size of the office PC's; the caller stops it."""
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is missing: apt-get install xvfb")
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path("/tmp/.X11-unix") / f"X{display.lstrip(':')}"
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return server


def make(out: Path) -> list[tuple[str, int]]:
    import pypinyin
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, QTimer
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    from app import accounts, backups, people, rota
    from app.db.connection import open_database
    from app.demo import DEMO_PASSWORD, demo_photo, make_demo
    from app.people import RosterFilter
    from app.ui import messages
    from app.ui.application import make_application
    from app.ui.dialogs.login import LoginDialog
    from app.ui.dialogs.activity import ActivityDialog
    from app.ui.dialogs.good_news import GoodNewsDialog
    from app.ui.dialogs.month_end import MonthEndDialog
    from app.ui.dialogs.report import ReportDialog
    from app.ui.dialogs.restore import RestoreDialog
    from app.ui.dialogs.visit import VisitDialog
    from app.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    messages.confirm_discard = lambda parent: True  # the forms pictured are thrown away on purpose: no question
    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="fuwushe-guide-"))
    path = folder / "demo-club.sqlite"  # the practice club's own file name
    db = open_database(path)
    make_demo(db)
    today = datetime.date.today()
    written: list[tuple[str, int]] = []

    def wait(seconds: float = 0.3) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:  # let background reads arrive and the screen repaint
            app.processEvents()
            time.sleep(0.02)

    def save(image: QImage, name: str) -> None:
        """The picture as a 256-colour PNG (crisp text, a fraction of the size of a full-colour one)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
        small = picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        target = out / f"{name}.png"
        small.save(target, "PNG", optimize=True)
        size = target.stat().st_size
        written.append((target.name, size))
        print(f"{target.name}: {picture.width}×{picture.height}, {size // 1024} KB")
        if size > MAX_BYTES:
            print(f"  warning: {target.name} is over {MAX_BYTES // 1024} KB")

    def shoot(widget, name: str) -> None:
        wait()
        save(widget.grab().toImage(), name)

    def with_popups(base, popups, name: str) -> None:
        """``base`` with the open popups (menus, the list of names) painted where they are on the screen."""
        wait()
        origin = base.mapToGlobal(QPoint(0, 0))
        area = QRect(QPoint(0, 0), base.size())
        placed = []
        for popup in popups:
            at = popup.mapToGlobal(QPoint(0, 0)) - origin
            placed.append((at, popup.grab()))
            area = area.united(QRect(at, popup.size()))
        image = QImage(area.size(), QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.drawPixmap(-area.topLeft(), base.grab())
        for at, pixmap in placed:
            painter.drawPixmap(at - area.topLeft(), pixmap)
        painter.end()
        save(image, name)

    def shoot_message(trigger, name: str, answer=QMessageBox.StandardButton.No) -> None:
        """Run ``trigger``; picture the message box it opens, then answer it with ``answer``."""
        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.isVisible():
                shoot(box, name)
                button = box.button(answer) or box.button(QMessageBox.StandardButton.Ok)
                button.click()
            else:
                QTimer.singleShot(100, look)

        QTimer.singleShot(300, look)
        trigger()

    def window_as(name: str) -> MainWindow:
        session = accounts.log_in(db, name, DEMO_PASSWORD)
        window = MainWindow(db, path, session=session)
        window.resize(*SCREEN)
        window.move(0, 0)
        window.show()
        wait(3)
        return window

    # -- before you start: the log-in, the window, the text size
    login = LoginDialog(db)
    login.show()
    login.choose("演示值班员甲")
    QTest.keyClicks(login.password, DEMO_PASSWORD)
    shoot(login, "login")
    login.reject()

    window = window_as("演示值班员甲")
    shoot(window, "main-window")
    settings_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("设置"))
    window.menuBar().setActiveAction(settings_menu.menuAction())
    wait()
    size_action = next(a for a in settings_menu.actions() if a.text() == "文字大小")
    settings_menu.setActiveAction(size_action)
    size_action.menu().popup(settings_menu.mapToGlobal(settings_menu.actionGeometry(size_action).topRight()))
    with_popups(window, [settings_menu, size_action.menu()], "text-size")
    size_action.menu().hide()
    settings_menu.hide()
    wait()

    # -- 1. look someone up: Ctrl+F, type pinyin initials
    members = people.search_people(db, RosterFilter(members=True))
    elder = next(p for p in members if p["birth_date"] and p["birth_date"] < "1946" and p["building"])
    initials = "".join(pypinyin.lazy_pinyin(elder["name"], style=pypinyin.Style.FIRST_LETTER))
    window.find_person()
    QTest.keyClicks(window.roster.search, initials)
    wait(2)
    row = window.roster.model.row_of(elder["id"])
    window.roster.table.selectRow(row if row is not None else 0)
    shoot(window, "roster-search")

    # -- 2. log a visit: the list of names while typing, the form filled in, and a mistake explained
    on_duty = [pid for shift in rota.today_duty(db) for pid, _, _ in shift.people]  # today's volunteers went
    volunteers = on_duty or people.search_ids(db, RosterFilter(volunteers=True))
    dialog = VisitDialog(db, window.actor, parent=window)
    dialog.show()
    wait()
    QTest.keyClicks(dialog.person, initials)
    wait(1)
    with_popups(dialog, [dialog.person.completer_popup()], "visit-pick")
    dialog.person.completer_popup().hide()
    dialog.person.set_person(elder["id"])
    dialog.kind.setCurrentIndex(dialog.kind.findData("hospital"))
    dialog.what_done.setText("带去牛奶一箱，问候病情，帮家属联系护工")
    dialog.follow_up_on.setText((today + datetime.timedelta(days=14)).isoformat())
    dialog.save()  # no volunteer yet: the reason appears beside the field and nothing is saved
    shoot(dialog, "visit-error")
    dialog.reject()
    dialog = VisitDialog(db, window.actor, parent=window, person_id=elder["id"], kind="hospital")
    dialog.show()
    dialog.visitors.set_ids(volunteers[:2])
    dialog.what_done.setText("带去牛奶一箱，问候病情，帮家属联系护工")
    dialog.follow_up_on.setText((today + datetime.timedelta(days=14)).isoformat())
    shoot(dialog, "visit")
    dialog.save()  # saved: the window's last line says what was kept, with 撤销 for a minute
    wait(1)
    whole = window.grab().toImage()
    save(whole.copy(0, whole.height() - 110, whole.width(), 110), "saved")

    # -- a mistake found later: the visit chosen on its page, the correction form open with its reason
    window.navigation.setCurrentRow(window.pages.indexOf(window.visits))
    wait(2)
    chosen = window.visits.model.row_of(dialog.visit_id)
    window.visits.table.selectRow(chosen if chosen is not None else 0)
    wait()
    correction = window.visits.correction_dialog(window.visits.chosen.row(), window.session)
    correction.show()
    correction.follow_up_on.setText((today + datetime.timedelta(days=7)).isoformat())
    correction.reason.setText("家属说一周后出院，回访日期提前")
    shoot(correction, "correct-visit")
    correction.reject()

    # -- 3. a must-report
    report = ReportDialog(db, window.actor, parent=window)
    report.show()
    report.person.set_person(elder["id"])
    report.kind.setCurrentIndex(report.kind.findData("serious_illness"))
    report.summary.setPlainText("昨天夜里突发脑梗，已送油田中心医院住院治疗，家属在陪护。")
    report.notes.setPlainText("女儿电话告知值班室")
    shoot(report, "report")
    report.reject()

    # -- 4. today's duty: Ctrl+D
    window.show_today_duty()
    wait(3)
    shoot(window, "duty")

    # -- 5. record a service, and the director confirms it
    skilled = [s.people for s in rota.month_rota(db, today.strftime("%Y-%m")) if s.slot_key == "knife"]
    sharpeners = list(dict.fromkeys([pid for group in skilled for pid, _, _ in group] + volunteers))[:2]
    form = ActivityDialog(db, window.actor, parent=window)
    form.show()
    form.project.setCurrentText("磨刀")
    form.title_box.setText("小区磨刀服务")
    form.place.setText("服务社门口")
    form.hours.setValue(2)
    form.participants.set_ids(sharpeners)
    form.served.setValue(23)
    form.notes.setPlainText("磨菜刀 19 把、剪刀 4 把")
    shoot(form, "activity")
    form.save()
    window.close()
    wait()

    director = window_as("演示主任")
    director.navigation.setCurrentRow(director.pages.indexOf(director.activities))
    wait(2)
    page = director.activities
    row = page.model.row_of(form.activity_id)
    page.table.selectRow(row if row is not None else 0)
    shoot(director, "activities")
    shoot_message(page.confirm_activity, "confirm-activity")
    wait()

    # -- month end: a good-news item, then the dialog with its preview
    month = MonthEndDialog(db, path, director.actor, parent=director)
    month.show()
    photo = folder / "义诊进楼栋.jpg"
    photo.write_bytes(demo_photo("义诊进楼栋", (80, 140, 120)))
    news = GoodNewsDialog(db, director.actor, month.current_month(), parent=month)
    news.show()
    news.title.setText("义诊进楼栋，老人不出门量血压")
    news.body.setPlainText("社区卫生站的两位医生和五位志愿者，把义诊摆到了 7 号楼和 12 号楼楼下，"
                           "一上午给 46 位老人量了血压、测了血糖，还讲了冬季防跌倒。")
    news.set_photo_file(photo)
    shoot(news, "good-news")
    news.save()
    month._select(news.item_id)
    month.resize(*SCREEN)
    month.move(0, 0)
    deadline = time.monotonic() + 30
    while month._pdf is None and time.monotonic() < deadline:
        wait(0.2)
    wait(0.5)
    shoot(month, "month-end")
    month.accept()

    # -- the director imports a roster from the community's list: the check page, one ID number wrong
    import openpyxl

    from app.ids import _check_digit
    from app.ui.dialogs.import_roster import ImportWizard

    def resident_id(first17: str, wrong: bool = False) -> str:
        digit = _check_digit(first17)
        return first17 + ("0" if wrong and digit != "0" else "1" if wrong else digit)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["胜北社区新报到居民名单"])
    sheet.append(["序号", "姓名", "性别", "身份证号", "联系电话", "住址", "人员类别"])
    for number, (name, sex, first17, phone, address, who, wrong) in enumerate((
            ("冯秋菊", "女", "37050219480312102", "13805461234", "幸福路12号楼2单元301", "居民", False),
            ("韩建军", "男", "37050219520618101", "13905462345", "7号楼1单元101", "老党员", True),
            ("田桂英", "女", "37050219450909104", "", "5号楼3单元201室", "群众", False)), start=1):
        sheet.append([number, name, sex, resident_id(first17, wrong), phone, address, who])
    roster_file = folder / "新报到居民名单.xlsx"
    book.save(roster_file)
    wizard = ImportWizard(path, "演示主任", director)
    wizard.show()
    wizard.file_page.path.setText(str(roster_file))
    wizard.file_page.load()
    wizard.next()
    wizard.next()
    deadline = time.monotonic() + 20
    while wizard.check_page.report is None and time.monotonic() < deadline:
        wait(0.2)
    shoot(wizard, "import-check")
    wizard.reject()

    # -- backups: the File menu, a backup made, the restore list
    now = datetime.datetime.now().replace(microsecond=0)
    for hours_ago, reason in ((50, "close"), (26, "auto"), (25, "close"), (3, "auto")):
        backups.back_up(db, path, reason=reason, now=now - datetime.timedelta(hours=hours_ago))
    file_menu = next(a.menu() for a in director.menuBar().actions() if a.text().startswith("文件"))
    director.menuBar().setActiveAction(file_menu.menuAction())
    wait()
    file_menu.setActiveAction(director.backup_action)
    with_popups(director, [file_menu], "backup-menu")
    file_menu.hide()
    wait()
    shoot_message(director.backups.back_up_now, "backup-done", QMessageBox.StandardButton.Ok)
    wait()
    restore = RestoreDialog(path, backups.candidate_folders(path, db), director, key=db.key)  # as the window does
    # The folder as a Windows PC shows it for the practice club (%APPDATA%\\fuwushe), not the temporary folder this
    # picture is made in.
    restore.findChild(QLabel, "backupFolders").setText(
        restore.tr("Backup folder: %1").replace("%1", r"C:\Users\值班室\AppData\Roaming\fuwushe\备份"))
    restore.show()
    deadline = time.monotonic() + 10
    while not restore.entries and time.monotonic() < deadline:
        wait(0.2)
    shoot(restore, "restore")
    restore.reject()
    director.close()
    wait()
    db.close()
    shutil.rmtree(folder, ignore_errors=True)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="Make the pictures of docs/guide.zh.md from a practice club.")
    parser.add_argument("--xvfb", action="store_true", help="start a virtual 1366×768 screen (Xvfb) for the run")
    parser.add_argument("--display", default=":95", help="the display number for --xvfb (default :95)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go (default docs/guide)")
    args = parser.parse_args()
    server = start_xvfb(args.display) if args.xvfb else None
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # grab() draws the same pictures without a screen
    try:
        written = make(args.out)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    print(f"{len(written)} pictures, {sum(size for _, size in written) // 1024} KB in all, in {args.out}")
    return 0 if all(size <= MAX_BYTES for _, size in written) else 1


if __name__ == "__main__":
    sys.exit(main())
