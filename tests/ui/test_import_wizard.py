"""The import wizard as the director uses it: pick the file, see the mapping, read the report, import or cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app import people
from app.ui.application import make_application
from app.ui.dialogs.import_roster import ImportWizard

from tests.test_roster_import import ID_1, good_rows, messy_workbook


@pytest.fixture
def wizard(qtbot, db_path, fresh_db):
    make_application()
    wiz = ImportWizard(db_path, "主任")
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def choose_file(qtbot, wizard, path) -> None:
    wizard.file_page.path.setText(str(path))
    wizard.file_page.load()


def wait_check(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.report is not None or (not page.running() and bool(page.result.text())), timeout=10000)


def test_good_file_goes_through_every_page_and_lands(qtbot, wizard, tmp_path, fresh_db):
    choose_file(qtbot, wizard, messy_workbook(tmp_path / "r.xlsx", good_rows()))
    assert wizard.file_page.isComplete()
    assert wizard.file_page.sheet.currentText() == "花名册"
    wizard.next()
    page = wizard.mapping_page
    assert "第 4 行" in page.summary.text()
    assert [c.currentText() for c in page.combos[:4]] == ["（不导入）", "姓名", "性别", "身份证号"]
    assert page.table.item(1, 1).text() == "张三丰"
    wizard.next()
    wait_check(qtbot, wizard.check_page)
    assert "读取 3 行：新增 3 人" in wizard.check_page.result.text()
    assert wizard.check_page.isComplete()
    assert people.count_people(fresh_db) == 0  # checking stores nothing
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.report is not None, timeout=10000)
    assert "已导入 3 人" in wizard.run_page.result.text()
    assert wizard.imported()
    assert sorted(p["name"] for p in people.search_people(fresh_db, people.RosterFilter())) == ["单雄信", "张三丰", "李娜"]


def test_errors_are_listed_and_block_the_import_until_skipping_is_chosen(qtbot, wizard, tmp_path, fresh_db):
    rows = good_rows()
    rows[0][3] = ID_1[:-1] + "8"
    choose_file(qtbot, wizard, messy_workbook(tmp_path / "r.xlsx", rows))
    wizard.next()
    wizard.next()
    page = wizard.check_page
    wait_check(qtbot, page)
    assert page.errors.rowCount() == 1
    assert [page.errors.item(0, c).text() for c in range(4)] == ["5", "张三丰", "公民身份号码", ID_1[:-1] + "8"]
    assert "校验位" in page.errors.item(0, 4).text()
    assert page.errors.item(0, 4).toolTip() == page.errors.item(0, 4).text()  # the whole reason, however narrow
    # Nothing is imported as things stand: the counts are of the other rows.
    assert page.result.text().startswith("读取 3 行：有错误 1 行；其余的行可新增 2 人、更新 0 人")
    assert not page.isComplete()
    page.skip_invalid.setChecked(True)
    assert page.isComplete()
    # The button that stores the people says so, and after it there is no page that says nothing was saved.
    assert wizard.button(QWizard.WizardButton.CommitButton).isVisible()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "导入"
    assert not wizard.button(QWizard.WizardButton.NextButton).isVisible()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.report is not None, timeout=10000)
    assert people.count_people(fresh_db) == 2
    assert wizard.run_page.result.text() == ("已导入 2 人，更新 0 人；跳过重复 0 行。 有错误的 1 行没有导入，"
                                             "已连同原因存在 r_错误行.xlsx 里。")
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled() \
        or not wizard.button(QWizard.WizardButton.BackButton).isVisible()


def test_esc_with_a_file_chosen_asks_before_closing_and_keeps_everything_when_told(qtbot, wizard, tmp_path,
                                                                                  monkeypatch):
    from app.ui import messages

    asked = []
    monkeypatch.setattr(messages, "confirm_discard", lambda parent: asked.append(parent) or False)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # nothing chosen yet: closes without a question
    assert asked == [] and not wizard.isVisible()
    wizard.show()
    choose_file(qtbot, wizard, messy_workbook(tmp_path / "r.xlsx", good_rows()))
    wizard.next()
    wizard.mapping_page.combos[2].setCurrentIndex(0)  # 性别 set to not imported
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [wizard] and wizard.isVisible()
    assert wizard.currentPage() is wizard.mapping_page and wizard.mapping_page.combos[2].currentIndex() == 0


def test_a_bad_file_is_explained_on_the_first_page(qtbot, wizard, tmp_path):
    bad = tmp_path / "old.xls"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    choose_file(qtbot, wizard, bad)
    assert not wizard.file_page.isComplete()
    assert "另存为 .xlsx" in wizard.file_page.error.text()


def test_changing_the_mapping_requires_a_name_column(qtbot, wizard, tmp_path):
    choose_file(qtbot, wizard, messy_workbook(tmp_path / "r.xlsx", good_rows()))
    wizard.next()
    page = wizard.mapping_page
    page.combos[1].setCurrentIndex(0)
    assert not page.isComplete() and "姓名" in page.error.text()
    page.combos[1].setCurrentIndex(page.combos[1].findData("name"))
    page.combos[2].setCurrentIndex(page.combos[2].findData("name"))
    assert not page.isComplete()
    page.combos[2].setCurrentIndex(page.combos[2].findData("sex"))
    assert page.isComplete()


def test_an_xls_saved_by_libreoffice_goes_through_the_wizard(qtbot, wizard, tmp_path, fresh_db):
    import shutil
    from pathlib import Path

    source = tmp_path / "花名册.xls"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "rosters" / "libreoffice.xls", source)
    choose_file(qtbot, wizard, source)
    assert wizard.file_page.isComplete() and wizard.file_page.sheet.currentText() == "花名册"
    wizard.next()
    assert [c.currentText() for c in wizard.mapping_page.combos[1:5]] == ["姓名", "性别", "身份证号", "出生日期"]
    wizard.next()
    wait_check(qtbot, wizard.check_page)
    assert "读取 8 行：新增 8 人" in wizard.check_page.result.text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.report is not None, timeout=10000)
    assert people.count_people(fresh_db) == 8
    assert {people.birth_text(p) for p in people.search_people(fresh_db, people.RosterFilter(text="李秀英"))} == {
        "1950年3月"}


def test_a_csv_list_has_no_sheet_to_choose_and_is_not_called_a_worksheet(qtbot, wizard, tmp_path, fresh_db):
    import shutil
    from pathlib import Path

    source = tmp_path / "社区名单.csv"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "rosters" / "gbk.csv", source)
    choose_file(qtbot, wizard, source)
    assert wizard.file_page.isComplete()
    assert not wizard.file_page.sheet.isVisible() and not wizard.file_page.sheet_label.isVisible()
    wizard.next()
    assert wizard.mapping_page.summary.text().startswith("表头在第 2 行。") and "工作表" not in wizard.mapping_page.summary.text()
    wizard.back()
    choose_file(qtbot, wizard, messy_workbook(tmp_path / "r.xlsx", good_rows()))  # a workbook again: sheets shown
    assert wizard.file_page.sheet.isVisible() and wizard.file_page.sheet.currentText() == "花名册"


def test_the_window_says_how_many_people_the_import_added(qtbot, tmp_path, db_path, fresh_db, monkeypatch):
    from app.accounts import Session
    from app.ui.main_window import MainWindow

    make_application()
    window = MainWindow(fresh_db, db_path, session=Session(None, "主任", "director"))
    qtbot.addWidget(window)
    window.show()
    source = messy_workbook(tmp_path / "r.xlsx", good_rows())

    def go_through(wizard):  # the director's clicks: file, columns, check, 导入, 完成
        wizard.show()
        choose_file(qtbot, wizard, source)
        wizard.next()
        wizard.next()
        wait_check(qtbot, wizard.check_page)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.run_page.report is not None, timeout=10000)
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "exec", go_through)
    window.import_roster()
    assert window.saved_notice.text.text() == "花名册已导入：新增 3 人，更新 0 人。"
    window.close()


def test_the_check_page_says_which_rows_are_duplicates_and_why(qtbot, wizard, tmp_path, fresh_db):
    rows = good_rows()
    rows.append([4, "张三丰", "男", ID_1, "1945.03.12", "", "", "", "党员", ""])  # the first row again
    source = messy_workbook(tmp_path / "r.xlsx", rows)
    choose_file(qtbot, wizard, source)
    wizard.next()
    wizard.next()
    wait_check(qtbot, wizard.check_page)
    assert "跳过重复：第 8 行，与第 5 行重复。" in wizard.check_page.result.text()
