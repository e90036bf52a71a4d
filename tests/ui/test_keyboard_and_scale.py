"""Keyboard first and large text: the shortcuts, Tab in the order of the form, nothing cut off at 150%."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from app.ui.application import make_application
from app.ui.look import apply_text_scale
from app.ui.dialogs.first_run import FirstRunWizard
from app.ui.dialogs.person import PersonDialog
from app.ui.dialogs.report import ReportDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.dialogs.shortcuts import ShortcutsDialog, menu_shortcuts
from app.ui.dialogs.visit import VisitDialog
from app.ui.fit import cut_off_text
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db, demo_path):
    make_application()
    window = MainWindow(demo_db, demo_path)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def action_for(window, keys: str):
    return next(a for m in window.menuBar().actions() for a in m.menu().actions()
                if keys in [k.toString() for k in a.shortcuts()])


def test_the_frequent_actions_have_keys_listed_under_help(qtbot, window):
    listed = dict((text, keys) for keys, text in menu_shortcuts(window.menuBar()))
    assert listed["记录走访"].startswith("Ctrl+N")
    assert listed["查找人员"] == "Ctrl+F"
    assert listed["今日值班"] == "Ctrl+D"
    assert listed["全部设置"] == "Ctrl+,"
    assert listed["使用说明"] == "F1" and listed["快捷键"] == "Shift+F1"
    dialog = ShortcutsDialog(window.menuBar(), window)
    qtbot.addWidget(dialog)
    shown = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text()) for r in range(dialog.table.rowCount())]
    assert ("Ctrl+F", "查找人员") in shown and ("Ctrl+回车", "在表单里：保存") in shown


def test_no_key_does_two_things(window):
    """Two shortcuts on one key cancel each other out in Qt: neither works."""
    keys = [k.toString() for m in window.menuBar().actions() for a in m.menu().actions() for k in a.shortcuts()]
    keys += [s.key().toString() for s in window.findChildren(QShortcut)
             if s.context() != Qt.ShortcutContext.WidgetShortcut and s.key().toString() != "Esc"]
    assert sorted(k for k in keys if keys.count(k) > 1) == []


def test_find_goes_to_the_roster_search_from_any_page(qtbot, window):
    window.navigation.setCurrentRow(3)
    window.roster.search.setText("王")
    action_for(window, "Ctrl+F").trigger()
    assert window.pages.currentWidget() is window.roster
    assert window.roster.focusWidget() is window.roster.search
    assert window.roster.search.selectedText() == "王"


def test_todays_duty_shows_the_rota_at_today(qtbot, window):
    window.rota.chooser.set_month(datetime.date.today() - datetime.timedelta(days=62))
    action_for(window, "Ctrl+D").trigger()
    assert window.pages.currentWidget() is window.rota
    today = datetime.date.today()
    qtbot.waitUntil(lambda: window.rota.model.month is not None
                    and window.rota.model.month.first == today.replace(day=1), timeout=10000)
    qtbot.waitUntil(lambda: window.rota.table.currentIndex().row() == today.day - 1, timeout=10000)


def test_new_visit_key_opens_the_visit_form(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    action_for(window, "Ctrl+N").trigger()
    assert opened == ["记录走访"]


# ---------------------------------------------------------------- Tab follows the form

def focus_stops(dialog) -> list[QWidget]:
    first = dialog.focusWidget()
    stops = [first]
    for _ in range(200):
        dialog.focusNextChild()
        if dialog.focusWidget() is first:
            break
        stops.append(dialog.focusWidget())
    return stops


def out_of_order(dialog, stops: list[QWidget]) -> list[str]:
    """Pairs where Tab goes up, or left along a line; the dialog's own buttons come last, in their row."""
    fields = [w for w in stops if not isinstance(w.parent(), QDialogButtonBox)]
    assert stops[len(fields):] == [w for w in stops if isinstance(w.parent(), QDialogButtonBox)]
    wrong = []
    for a, b in zip(fields, fields[1:]):
        pa, pb = a.mapTo(dialog, QPoint(0, 0)), b.mapTo(dialog, QPoint(0, 0))
        same_line = abs(pa.y() - pb.y()) <= 4
        if (same_line and pb.x() <= pa.x()) or (not same_line and pb.y() < pa.y()):
            wrong.append(f"{type(a).__name__}@{pa.x()},{pa.y()} -> {type(b).__name__}@{pb.x()},{pb.y()}")
    return wrong


@pytest.mark.parametrize("form", [VisitDialog, ReportDialog, PersonDialog])
def test_tab_follows_the_form_top_to_bottom(qtbot, fresh_db, form):
    make_application()
    dialog = form(fresh_db, "值班员")
    qtbot.addWidget(dialog)
    dialog.show()
    if form is PersonDialog:  # every part of the form enabled
        dialog.is_member.setChecked(True)
        dialog.is_volunteer.setChecked(True)
        dialog.name.setFocus()
    stops = focus_stops(dialog)
    assert out_of_order(dialog, stops) == []
    assert len(stops) >= 7


def test_tab_follows_the_settings_form(qtbot, fresh_db, db_path):
    make_application()
    dialog = SettingsDialog(fresh_db, db_path, "主任")
    qtbot.addWidget(dialog)
    dialog.show()
    stops = focus_stops(dialog)
    assert stops[:4] == [dialog.club_name, dialog.branch_name, dialog.backup.line, dialog.backup.choose]


# ---------------------------------------------------------------- nothing cut off at 150%

cut_off = cut_off_text


@pytest.fixture
def large_text(qtbot):
    app = make_application()
    apply_text_scale(app, 1.5)
    yield app
    apply_text_scale(app, 1.0)


def test_main_forms_show_all_their_text_at_150_percent(qtbot, large_text, demo_db, demo_path):
    for dialog in (VisitDialog(demo_db, "值班员"), ReportDialog(demo_db, "值班员"), PersonDialog(demo_db, "值班员")):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert cut_off(dialog) == [], dialog.windowTitle()


def test_settings_and_the_wizard_show_all_their_text_at_150_percent(qtbot, large_text, fresh_db, db_path):
    settings = SettingsDialog(fresh_db, db_path, "主任")
    qtbot.addWidget(settings)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert cut_off(settings) == [], settings.tabs.tabText(index)
    wizard = FirstRunWizard(fresh_db, db_path, "主任")
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in wizard.pageIds():
        QApplication.processEvents()
        assert cut_off(wizard) == [], wizard.currentPage().title()
        wizard.currentPage().club_name.setText("胜北") if hasattr(wizard.currentPage(), "club_name") else None
        wizard.next()


def test_the_window_fits_a_common_office_screen_at_150_percent(qtbot, large_text, demo_db, demo_path):
    """1366 pixels wide: rows of buttons wrap rather than push the window (and its right edge) off the screen."""
    window = MainWindow(demo_db, demo_path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1366, window.navigation.item(row).text()
        assert window.width() <= 1366
    assert cut_off(window.timebank) == [] and cut_off(window.roster) == []
    window.close()


def test_a_larger_text_size_applies_at_once_to_banners_notes_ticks_and_tables(qtbot, window):
    """设置 → 文字大小 150 %: the duty banner, the reminders and the status bar's notes grow with everything else
    (a widget with a style sheet of its own kept its old font until a restart), tick boxes grow with the text, and
    the due list shows whole addresses and reasons on two lines instead of cutting them with "…"."""
    from PySide6.QtWidgets import QCheckBox

    window.resize(1366, 700)
    banner, note = window.findChild(QLabel, "todayDuty"), window.findChild(QLabel, "demoNote")
    before = (banner.fontInfo().pixelSize(), note.fontInfo().pixelSize())
    box = window.roster.findChild(QCheckBox)
    tick_before = box.sizeHint().height()
    try:
        window.set_text_scale(1.5)
        qtbot.wait(50)
        after = (banner.fontInfo().pixelSize(), note.fontInfo().pixelSize())
        assert after[0] >= before[0] * 1.4 and after[1] >= before[1] * 1.4
        box = window.roster.findChild(QCheckBox)  # the page made again at the new size
        assert box.sizeHint().height() >= tick_before * 1.3
        window.navigation.setCurrentRow(0)
        due = window.due
        qtbot.waitUntil(lambda: due.model.rowCount() > 0, timeout=5000)
        table, metrics = due.table, due.table.fontMetrics()
        for row in range(due.model.rowCount()):
            for column in range(due.model.columnCount()):
                text = due.model.data(due.model.index(row, column)) or ""
                room = table.columnWidth(column) - metrics.height() // 2
                lines = 2 if table.wordWrap() else 1
                assert metrics.horizontalAdvance(text) <= room * lines, (text, room, lines)
    finally:
        window.set_text_scale(1.0)
