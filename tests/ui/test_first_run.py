"""The first start of a fresh file: the wizard asks for the club, the branch and the backup folder, offers practice."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWizard

from app import accounts, paths
from app.db.connection import open_database
from app.db.settings import get_setting
from app.ui.application import make_application, start_window
from app.ui.dialogs.login import LoginDialog
from app.db import keyfile
from app.ui.dialogs.first_run import (
    ACCOUNT_PAGE, BACKUP_PAGE, CLUB_PAGE, PRACTICE_PAGE, RECOVERY_PAGE, FirstRunWizard, page_classes,
)


def open_wizard(qtbot, db, db_path) -> FirstRunWizard:
    make_application()
    wizard = FirstRunWizard(db, db_path, "主任")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_each_page_keeps_the_user_until_its_answer_is_right(qtbot, fresh_db, db_path, tmp_path):
    wizard = open_wizard(qtbot, fresh_db, db_path)
    club = wizard.page(CLUB_PAGE)
    assert club.branch_name.text() == "老年服务部党支部"
    wizard.next()
    assert wizard.currentId() == CLUB_PAGE
    assert club._reasons["club_name"].isVisible() and club._reasons["club_name"].text() == "请填写服务社的名称"
    club.club_name.setText("胜北党员服务社")
    club.branch_name.setText("孤岛采油厂老年服务部党支部")
    wizard.next()

    assert wizard.currentId() == ACCOUNT_PAGE
    account = wizard.page(ACCOUNT_PAGE)
    account.name.setText("刘主任")
    account.password.setText("12")
    wizard.next()
    assert wizard.currentId() == ACCOUNT_PAGE
    assert account._reasons["password"].text() == "主任的密码至少 8 位"
    account.password.setText("12345678")
    wizard.next()
    assert account._reasons["password"].text() == "不能是顺着数的（如 123456、654321），请换一个"
    account.password.setText("86429753")
    account.again.setText("86429754")
    wizard.next()
    assert wizard.currentId() == ACCOUNT_PAGE and account._reasons["again"].text() == "两次输入的密码不一样。"
    account.again.setText("86429753")
    wizard.next()

    assert wizard.currentId() == RECOVERY_PAGE  # the recovery code, shown once: kept before going on
    recovery = wizard.page(RECOVERY_PAGE)
    code = recovery.code
    assert wizard.findChild(QLabel, "recoveryCode").text() == code and len(code) == 29
    wizard.next()
    assert wizard.currentId() == RECOVERY_PAGE and "先把恢复码抄下来" in recovery._reasons["kept"].text()
    recovery.kept.setChecked(True)
    wizard.next()

    assert wizard.currentId() == BACKUP_PAGE
    backup = wizard.page(BACKUP_PAGE)
    assert backup.folder.line.text() == str(db_path.parent.resolve() / "备份")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    backup.folder.line.setText(str(blocker / "备份"))
    wizard.next()
    assert wizard.currentId() == BACKUP_PAGE
    assert "不能写入" in backup._reasons["backup_folder"].text()
    usb = tmp_path / "U盘" / "服务社备份"
    backup.folder.line.setText(str(usb))
    wizard.next()
    assert wizard.currentId() == PRACTICE_PAGE
    assert get_setting(fresh_db, "club_name") is None  # nothing is stored before 完成

    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.practise()
    assert get_setting(fresh_db, "club_name") == "胜北党员服务社"
    assert get_setting(fresh_db, "branch_name") == "孤岛采油厂老年服务部党支部"
    assert get_setting(fresh_db, "backup_folder") == str(usb) and usb.is_dir()
    assert wizard.session == accounts.Session(wizard.session.account_id, "刘主任", "director")
    assert accounts.log_in(fresh_db, "刘主任", "86429753").role == "director"
    # the key is sealed under the password and the recovery code, and the code's copy went to the backup stick
    assert keyfile.unlock_with_recovery(keyfile.key_path(db_path), code)[0] == fresh_db.key
    assert keyfile.unlock_with_recovery(keyfile.recovery_file(usb, db_path), code)[0] == fresh_db.key
    assert '"open"' not in keyfile.key_path(db_path).read_text(encoding="utf-8")


def test_pages_are_kept_by_id_in_order_with_room_between():
    ids = [page_id for page_id, _ in page_classes()]
    assert ids == sorted(ids) == [CLUB_PAGE, ACCOUNT_PAGE, RECOVERY_PAGE, BACKUP_PAGE, PRACTICE_PAGE]
    assert all(b - a > 1 for a, b in zip(ids, ids[1:]))


def _answer_wizard(practise: bool):
    wizard = QApplication.activeModalWidget()
    if not isinstance(wizard, FirstRunWizard):  # the file is still being opened and checked
        QTimer.singleShot(20, lambda: _answer_wizard(practise))
        return
    wizard.page(CLUB_PAGE).club_name.setText("胜北党员服务社")
    wizard.next()
    account = wizard.page(ACCOUNT_PAGE)
    account.name.setText("刘主任")
    account.password.setText("86429753")
    account.again.setText("86429753")
    wizard.next()
    wizard.page(RECOVERY_PAGE).kept.setChecked(True)
    wizard.next()
    wizard.next()
    wizard.page(PRACTICE_PAGE).practice.setChecked(practise)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_fresh_file_opens_with_the_wizard_then_the_club(qtbot, db_path):
    make_application()
    QTimer.singleShot(0, lambda: _answer_wizard(False))
    window, _app = start_window(db_path)
    qtbot.addWidget(window)
    assert window.windowTitle() == "胜北党员服务社 · 服务社工作台"
    assert window.db_path == db_path and window.session.name == "刘主任"  # the wizard's director, no second log-in
    window.close()
    # The second start asks who is on duty, then opens the window.
    QTimer.singleShot(0, lambda: _log_in("刘主任", "86429753"))
    window, _app = start_window(db_path)
    qtbot.addWidget(window)
    assert window.windowTitle() == "胜北党员服务社 · 服务社工作台"
    assert window.findChild(QLabel, "onDuty").text() == "值班：刘主任（主任）"
    window.close()


def _log_in(name: str, password: str):
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, LoginDialog):  # the wizard or the practice club is still on its way
        QTimer.singleShot(20, lambda: _log_in(name, password))
        return
    dialog.choose(name)
    dialog.password.setText(password)
    dialog.ok_button.click()


def test_practising_opens_the_demo_club_marked_in_the_title(qtbot, db_path):
    make_application()
    QTimer.singleShot(0, lambda: _answer_wizard(True))
    QTimer.singleShot(20, lambda: _log_in("演示主任", "1234"))  # the practice club has its own accounts
    window, _app = start_window(db_path)
    qtbot.addWidget(window)
    assert window.db_path == paths.demo_database()
    assert window.windowTitle().startswith("【演示】")
    assert "演示" in window.findChild(QLabel, "demoNote").text()
    window.close()
    own = open_database(db_path)
    assert get_setting(own, "club_name") == "胜北党员服务社" and get_setting(own, "demo") is None
    assert own.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    own.close()


def test_quitting_the_wizard_stores_nothing(qtbot, db_path):
    make_application()
    def quit_wizard():
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, FirstRunWizard):  # the file is still being opened and checked
            QTimer.singleShot(20, quit_wizard)
            return
        wizard.reject()

    QTimer.singleShot(0, quit_wizard)
    window, _app = start_window(db_path)
    assert window is None
    db = open_database(db_path)
    assert get_setting(db, "club_name") is None
    db.close()
