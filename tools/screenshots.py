"""Make the screenshots in docs/screenshots from a demo club: python tools/screenshots.py.

Uses Qt's offscreen platform and QWidget.grab(), so the pictures are the same on any machine; the app was
also checked in a real X window (Xvfb) with the same font.

``python tools/screenshots.py --check [--out DIR]`` instead shows every page and every dialog (tools/screens.py) at
100 % and 150 % text on a 1366×768 screen (a common office screen; or the real one: ``Xvfb :1 -screen 0
1366x768x24``, then ``DISPLAY=:1 QT_QPA_PLATFORM=xcb``), pictures each, lists anything off the screen or cut off,
and fails when there is any.
"""

from __future__ import annotations

import os
import sys
import time
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The pictures are of a 1366×768 office screen, as the screens check sees it (Qt's own offscreen screen is 800×600,
# which squeezed the 150 % picture).
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={ROOT / 'tests' / 'data' / 'office-screen.json'}")
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.db.connection import open_database
    from app.demo import make_demo
    from app.ui.application import make_application
    from app.ui.look import apply_text_scale
    from app.ui.dialogs.person import PersonDialog
    from app.ui.dialogs.status import StatusDialog
    from app.accounts import Session
    from app.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    path = Path(tempfile.mkdtemp()) / "demo.sqlite"
    db = open_database(path)
    make_demo(db, count=2000, seed=1)

    def settle(window, text=None):
        page = window.roster
        if text is not None:
            page.search.setText(text)
        while page.shown_filter is None or (text is not None and page.shown_filter.text != text):
            app.processEvents()
        app.processEvents()

    window = MainWindow(db, path, session=Session(None, "演示主任", "director"))
    window.resize(1366, 768)
    window.show()
    settle(window)
    # Each register's page, as the navigation list orders them.
    for row, name in enumerate(("due", "roster-page", "visits", "reports", "aid", "rota", "timebank", "meetings",
                                    "activities")):
        if row >= window.navigation.count():
            break
        window.navigation.setCurrentRow(row)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # let the page's background reads arrive
            app.processEvents()
            time.sleep(0.02)
        if name != "roster-page":
            window.grab().save(str(OUT / f"{name}.png"))
    window.navigation.setCurrentRow(1)
    window.roster.table.selectRow(3)
    app.processEvents()
    window.grab().save(str(OUT / "roster.png"))
    settle(window, "wxy")
    window.roster.table.selectRow(0)
    app.processEvents()
    window.grab().save(str(OUT / "roster-search.png"))

    dialog = PersonDialog(db, "demo")
    dialog.name.setText("张三丰")
    dialog.id_number.setText("110105194912310021")
    dialog.phone.setText("1391234567")
    dialog.is_member.setChecked(True)
    dialog.show()
    dialog.save()
    app.processEvents()
    dialog.grab().save(str(OUT / "person-dialog.png"))
    dialog.close()

    person_id = window.roster.model.person_id(0)
    from app.people import get_person

    status = StatusDialog(db, "demo", get_person(db, person_id))
    status.status.setCurrentIndex(status.status.findData("moved_away"))
    status.show()
    app.processEvents()
    status.grab().save(str(OUT / "status-dialog.png"))
    status.close()

    # The import wizard on a messy club workbook with one bad row.
    import datetime

    import openpyxl

    from app.ui.dialogs.import_roster import ImportWizard

    source = path.parent / "胜北花名册.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员花名册"
    ws["A1"] = "胜北党员服务社党员花名册"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["序号", "姓 名", "性别", "公民身份号码", "出生年月", "手机号码", "家庭住址", "入党日期", "民族"])
    ws.append([1, "张三丰", "男", "370502194503121237", "1945.03.12", "138-0546-1111", "12号楼3单元201室", "1965年7月1日", "汉"])
    ws.append([2, "李  娜", "女", "110105194912310021", datetime.datetime(1949, 12, 31), 13805462222, "5-2-302", 19700701, "汉"])
    ws.append([3, "单雄信", "男", "370521193806010037", "1938年6月1日", "1380546", "7栋1单元101", "1960.7", "回"])
    wb.save(source)
    wizard = ImportWizard(path, "demo")
    wizard.resize(1100, 640)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    wizard.file_page.load()
    wizard.next()
    app.processEvents()
    wizard.grab().save(str(OUT / "import-mapping.png"))
    wizard.next()
    while wizard.check_page.report is None:
        app.processEvents()
    app.processEvents()
    wizard.grab().save(str(OUT / "import-check.png"))
    wizard.reject()

    apply_text_scale(app, 1.5)  # the pages are made again at the new size, the search kept
    app.processEvents()
    window.resize(1366, 768)  # a common office screen
    settle(window, "wxy")
    window.roster.table.selectRow(0)
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(OUT / "roster-150.png"))
    window.close()
    QApplication.processEvents()


PAGES = ("due", "roster", "visits", "reports", "aid", "rota", "timebank", "meetings", "activities")


def check(out: Path) -> int:
    """Every page and dialog at 100 % and 150 % on this screen (tools/screens.py): prints what does not fit or is
    cut off, pictures each into ``out``; returns how many findings."""
    sys.path.insert(0, str(ROOT / "tools"))
    import screens

    found = [line for scale in (1.0, 1.5) for line in screens.check(scale, shots=out)]
    for line in found:
        print(line)
    print(f"{len(found)} findings; pictures in {out}")
    return len(found)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Make the screenshots, or check every screen at a text size.")
    parser.add_argument("--check", action="store_true",
                        help="every page and dialog at 100 %% and 150 %%: fail on anything off the screen or cut off")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "fuwushe-screens")
    args = parser.parse_args()
    if args.check:
        sys.exit(1 if check(args.out) else 0)
    main()
