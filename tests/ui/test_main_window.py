"""The main window's menus as a director uses them: export the roster, save the template, the text size."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.db.access import list_access
from app.db.settings import get_setting
from app.ui.application import make_application
from app.ui.main_window import MainWindow


def open_window(qtbot, db, path) -> MainWindow:
    make_application()
    window = MainWindow(db, path)
    qtbot.addWidget(window)
    window.show()
    return window


def test_export_from_the_menu_writes_a_masked_roster_in_the_background(qtbot, demo_db, demo_path, tmp_path, monkeypatch):
    window = open_window(qtbot, demo_db, demo_path)
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_roster(False)
    qtbot.waitUntil(lambda: "已导出" in window.saved_notice.text.text(), timeout=10000)
    saved = Path(str(target) + ".xlsx")
    assert saved.name in window.saved_notice.text.text() and str(saved.parent) not in window.saved_notice.text.text()
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert "身份证号已遮盖" in rows[0][0]
    assert list_access(demo_db) == []
    window.close()


def test_full_id_export_asks_first_and_is_recorded(qtbot, demo_db, demo_path, tmp_path, monkeypatch):
    window = open_window(qtbot, demo_db, demo_path)
    target = tmp_path / "full.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.export_roster(True)
    assert not target.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.export_roster(True)
    qtbot.waitUntil(lambda: "已导出" in window.saved_notice.text.text(), timeout=10000)
    assert [a["action"] for a in list_access(demo_db)] == ["export_full_ids"]
    window.close()


def test_template_from_the_menu(qtbot, demo_db, demo_path, tmp_path, monkeypatch):
    window = open_window(qtbot, demo_db, demo_path)
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_template()
    assert openpyxl.load_workbook(target).worksheets[0]["A2"].value == "姓名"
    window.close()


def test_text_size_setting_scales_the_window_and_is_kept(qtbot, demo_db, demo_path):
    window = open_window(qtbot, demo_db, demo_path)
    before = window.roster.table.fontMetrics().height()
    window.set_text_scale(1.5)
    qtbot.waitUntil(lambda: window.roster.table.fontMetrics().height() > before * 1.3)
    assert get_setting(demo_db, "text_scale") == 1.5
    window.set_text_scale(1.0)
    window.close()


def test_due_page_first_and_shortcuts_reach_every_page(qtbot, demo_db, demo_path):
    window = open_window(qtbot, demo_db, demo_path)
    assert window.pages.currentWidget() is window.due
    pages = [window.due, window.roster, window.visits, window.reports]
    for number, page in enumerate(pages, start=1):
        action = next(a for m in window.menuBar().actions() for a in m.menu().actions()
                      if a.shortcut().toString() == f"Ctrl+{number}")
        action.trigger()
        assert window.pages.currentWidget() is page
    window.close()


def test_no_menu_item_is_cut_short(qtbot, demo_db, demo_path):
    """A Chinese item with its "(&A)" mnemonic and its shortcut fits the menu's width (a menu under the menu bar
    is sized by Qt as if the mnemonic were not there)."""
    from PySide6.QtWidgets import QMenu

    window = open_window(qtbot, demo_db, demo_path)
    for menu in window.menuBar().findChildren(QMenu):
        metrics = menu.fontMetrics()
        em = metrics.horizontalAdvance("国")
        width = max(menu.sizeHint().width(), menu.minimumWidth())
        for action in menu.actions():
            if action.isSeparator():
                continue
            shortcut = action.shortcut().toString()
            # the check-mark column, the text with its "(A)", a gap and the shortcut, the right margin
            need = (int(1.5 * em) + metrics.horizontalAdvance(action.text().replace("&", ""))
                    + (em + metrics.horizontalAdvance(shortcut) if shortcut else 0) + em)
            assert need <= width, f"{action.text()!r} needs {need} px in a menu {width} px wide"


def test_no_two_entries_of_a_menu_answer_to_the_same_letter(qtbot, demo_db, demo_path):
    """Alt+F, then a letter: each letter opens one thing (备份数据 and 月度通报 both answered to B)."""
    import re

    from PySide6.QtWidgets import QMenu

    window = open_window(qtbot, demo_db, demo_path)
    for menu in window.menuBar().findChildren(QMenu):
        letters = [m.group(1).upper() for a in menu.actions() if (m := re.search(r"&(\w)", a.text()))]
        assert len(letters) == len(set(letters)), (menu.title(), [a.text() for a in menu.actions()])


def test_the_window_is_never_made_larger_than_the_screen(qtbot, demo_db, demo_path):
    # It is shown maximized; on a desktop where nothing maximizes it, it opened at 1440×860 on a 1366×768 screen.
    from app.accounts import Session

    make_application()
    window = MainWindow(demo_db, demo_path, session=Session(None, "演示主任", "director"))
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert (area.width(), area.height()) == (1366, 768)  # the office screen the tests run on
    assert window.width() <= area.width() and window.height() <= area.height()
    window.close()
