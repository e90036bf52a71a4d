"""设置 as a director uses it: one dialog, reasons beside the wrong field, nothing lost, changes seen at once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app import aid_groups, timebank, visits
from app.db.settings import get_setting
from app.ui.application import make_application
from app.ui.dialogs.report_progress import ReportProgressDialog
from app.ui.dialogs.settings import SettingsDialog
from app.ui.main_window import MainWindow


def open_settings(qtbot, db, path, parent=None) -> SettingsDialog:
    make_application()
    dialog = SettingsDialog(db, path, "主任", parent)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_level_is_explained_on_its_tab_and_nothing_is_lost(qtbot, fresh_db, db_path):
    dialog = open_settings(qtbot, fresh_db, db_path)
    dialog.club_name.setText("胜北党员服务社")
    dialog.numbers["elderly_age"].setValue(75)
    dialog.levels[2][1].setText("200")  # 铂金 below 黄金's 300
    dialog.save()
    assert dialog.isVisible()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "时间银行"
    reason = dialog._errors["timebank_levels"]
    assert reason.isVisible() and reason.text() == "第 3 级（铂金）的小时数应比第 2 级（黄金）多"
    assert dialog.levels[2][1].text() == "200" and dialog.numbers["elderly_age"].value() == 75
    assert get_setting(fresh_db, "elderly_age") is None and get_setting(fresh_db, "club_name") is None

    dialog.levels[2][1].setText("450")
    dialog.visit_hours.setValue(1.5)
    box, age = dialog.cover["空巢"]
    box.setChecked(True)
    age.setValue(85)
    dialog.cover["残疾"][0].setChecked(False)
    dialog.save()
    assert not dialog.isVisible()
    assert visits.setting(fresh_db, "elderly_age") == 75
    assert timebank.levels(fresh_db)[2] == ("铂金", 450.0)
    assert get_setting(fresh_db, "visit_hours") == 1.5
    assert {"situation": "空巢", "min_age": 85} in aid_groups.must_cover_rules(fresh_db)
    assert "残疾" not in [r["situation"] for r in aid_groups.must_cover_rules(fresh_db)]


def test_the_club_name_shows_in_the_title_and_the_branch_in_the_report_form(qtbot, demo_db, demo_path):
    make_application()
    window = MainWindow(demo_db, demo_path)
    qtbot.addWidget(window)
    dialog = open_settings(qtbot, demo_db, demo_path, window)
    dialog.club_name.setText("胜北党员服务社")
    dialog.branch_name.setText("孤岛采油厂老年服务部党支部")
    dialog.save()
    assert window.windowTitle() == "【演示】胜北党员服务社 · 服务社工作台"
    report = visits.list_reports(demo_db)[0]
    marking = ReportProgressDialog(demo_db, "主任", report, "report")
    qtbot.addWidget(marking)
    assert marking.reported_to.text() == "孤岛采油厂老年服务部党支部"
    window.close()


def test_text_size_applies_at_once_and_the_quick_menu_follows(qtbot, demo_db, demo_path):
    make_application()
    window = MainWindow(demo_db, demo_path)
    qtbot.addWidget(window)
    before = QApplication.font().pointSizeF()
    dialog = open_settings(qtbot, demo_db, demo_path, window)
    dialog.text_scale.setCurrentIndex(dialog.text_scale.findData(1.5))
    dialog.save()
    try:
        assert QApplication.font().pointSizeF() == before * 1.5
        assert get_setting(demo_db, "text_scale") == 1.5
        assert window._quick_settings["text_scale"][1.5].isChecked()
    finally:
        window.set_text_scale(1.0)
    window.close()


def test_text_made_larger_with_the_window_open_shows_whole_names_and_keeps_the_search(qtbot, demo_db, demo_path):
    make_application()
    window = MainWindow(demo_db, demo_path)
    qtbot.addWidget(window)
    window.resize(1366, 680)
    window.show()
    window.navigation.setCurrentRow(1)
    window.roster.search.setText("王")
    qtbot.waitUntil(lambda: window.roster.model.rowCount() > 0, timeout=10000)
    before = window.roster
    window.set_text_scale(1.5)  # 设置 → 文字大小 → 150%, the roster open
    try:
        qtbot.waitUntil(lambda: window._made.get("roster") not in (None, before)
                        and window.roster.model.rowCount() > 0, timeout=10000)
        qtbot.wait(50)
        table, model = window.roster.table, window.roster.model
        metrics = table.fontMetrics()
        assert window.roster.search.text() == "王" and window.pages.currentWidget() is window.roster
        names = [model.index(row, 0).data() for row in range(model.rowCount())]
        assert table.columnWidth(0) >= max(metrics.horizontalAdvance(n) for n in names) + metrics.height() // 2, \
            "a name is cut short with … at the new text size"
        assert table.verticalHeader().defaultSectionSize() >= int(metrics.height() * 1.8)
        window.navigation.setCurrentRow(0)  # the other pages are made at the new size too
        qtbot.waitUntil(lambda: window.due.table.model().rowCount() > 0, timeout=10000)
        due = window.due.table
        assert due.verticalHeader().defaultSectionSize() >= int(due.fontMetrics().height() * 1.8)
    finally:
        window.set_text_scale(1.0)
    window.close()


def test_a_backup_folder_that_cannot_be_written_keeps_the_dialog_open(qtbot, fresh_db, db_path, tmp_path):
    dialog = open_settings(qtbot, fresh_db, db_path)
    dialog.club_name.setText("胜北党员服务社")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog.backup.line.setText(str(blocker / "备份"))
    dialog.tabs.setCurrentIndex(3)
    dialog.save()
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    assert "不能写入" in dialog._errors["backup_folder"].text()
    assert get_setting(fresh_db, "club_name") is None
