"""The log-in as a 70-year-old volunteer meets it, with real key presses: Enter is 开始值班 for the chosen name, a
failure keeps the name, clears the box and says why without moving anything; Ctrl+L's 取消 keeps whoever is on duty
and says so; an idle desk locks back to the log-in; at start-up the password is what opens the encrypted file, and
a damaged file is offered a restore only after a director's log-in."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import settings_rules
from app.accounts import Session
from app.db import filelock, keyfile
from app.db.settings import set_setting
from app.ui.application import make_application, start_window
from app.ui.dialogs.login import IdleLock, LoginDialog, OpenDoor
from app.ui.main_window import MainWindow


@pytest.fixture
def login(qtbot, demo_db):
    make_application()
    dialog = LoginDialog(OpenDoor(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button_of(dialog, name):
    return next(b for b in dialog.names.buttons() if b.property("account") == name)


def test_a_wrong_password_and_enter_keep_the_chosen_name_clear_the_box_and_move_nothing(qtbot, login):
    qtbot.mouseClick(button_of(login, "演示值班员乙"), Qt.MouseButton.LeftButton)
    assert login.chosen() == "演示值班员乙" and login.password.hasFocus()
    before = {w: w.geometry() for w in (login.ok_button, login.cancel_button, login.password, login.error)}
    qtbot.keyClicks(login.password, "9999")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.isVisible() and login.chosen() == "演示值班员乙"  # never the director
    assert login.error.text() == "密码不对（已连续输错 1 次）" and login.password.text() == ""
    assert {w: w.geometry() for w in before} == before  # the reason has its own room: 开始值班 did not move
    qtbot.keyClicks(login.password, "1234")
    qtbot.keyClick(login.password, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert login.result() == LoginDialog.DialogCode.Accepted
    assert login.session.name == "演示值班员乙" and login.session.role == "duty"


def test_three_wrong_passwords_count_down_the_wait_and_keep_what_is_typed_meanwhile(qtbot, login, monkeypatch):
    from app import accounts

    monkeypatch.setattr(accounts, "LOCK_SECONDS", 3)
    qtbot.mouseClick(button_of(login, "演示值班员乙"), Qt.MouseButton.LeftButton)
    for _ in range(3):
        qtbot.keyClicks(login.password, "9999")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.error.text() == "密码不对（已连续输错 3 次），请 3 秒后再试"
    assert not login.ok_button.isEnabled()
    # Counting down; a second or more is left for the next try to come too soon even on a busy machine.
    qtbot.waitUntil(lambda: login.error.text() == "密码不对（已连续输错 3 次），请 2 秒后再试", timeout=2000)
    qtbot.keyClicks(login.password, "1234")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # too soon: refused, but the password is not thrown away
    assert login.isVisible() and login.password.text() == "1234"
    assert login.error.text().startswith("密码连续输错，请 ")
    qtbot.waitUntil(login.ok_button.isEnabled, timeout=4000)
    assert login.error.text() == "现在可以再试了。"
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.result() == LoginDialog.DialogCode.Accepted and login.session.name == "演示值班员乙"


def test_enter_on_a_name_button_starts_duty_for_the_chosen_name(qtbot, login):
    qtbot.mouseClick(button_of(login, "演示值班员甲"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(login.password, "1234")
    director = button_of(login, "演示主任")
    director.setFocus()
    qtbot.keyClick(director, Qt.Key.Key_Return)
    assert login.result() == LoginDialog.DialogCode.Accepted and login.session.name == "演示值班员甲"


def test_enter_with_no_name_chosen_says_so(qtbot, login):
    qtbot.keyClicks(login.password, "1234")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.isVisible() and login.error.text() == "请先点一下自己的名字。" and login.chosen() is None


@pytest.fixture
def window(qtbot, demo_db, demo_path):
    make_application()
    window = MainWindow(demo_db, demo_path, session=Session(1, "演示主任", "director"))
    qtbot.addWidget(window)
    window.show()
    return window


def answer_modal(qtbot, kind, act, tries=200):
    """Act on the next modal dialog of ``kind`` once it is up (it runs its own event loop)."""
    def look(left=tries):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        elif left:
            QTimer.singleShot(20, lambda: look(left - 1))
    QTimer.singleShot(0, look)


def test_ctrl_l_cancel_keeps_whoever_is_on_duty_as_its_button_says(qtbot, window):
    seen = {}

    def cancel(dialog):
        seen["cancel"] = dialog.cancel_button.text()
        seen["title"] = dialog.windowTitle()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    answer_modal(qtbot, LoginDialog, cancel)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert seen["cancel"] == "取消（仍由 演示主任 值班）" and seen["title"].startswith("换人值班")
    assert window.session.name == "演示主任"

    def take_over(dialog):
        seen["second"] = dialog.cancel_button.text()
        qtbot.mouseClick(button_of(dialog, "演示值班员甲"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.password, "1234")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        seen["error2"] = dialog.error.text()

    answer_modal(qtbot, LoginDialog, take_over)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # back to the window the dialog came from
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session.name == "演示值班员甲" and window.session.role == "duty"
    # said on the window's own line, in Chinese, in place of the last person's save (and its 撤销)
    assert window.saved_notice.text.text() == "现在由 演示值班员甲 值班。"
    assert not window.saved_notice.undo_button.isVisible()


def test_an_idle_desk_locks_back_to_the_log_in_after_the_directors_time(qtbot, window, demo_db):
    assert settings_rules.stored(demo_db, "idle_lock_minutes") == 15  # the default
    idle = IdleLock(window)
    idle.check(now=idle.last_input + 14 * 60)
    assert window.isVisible()  # not yet
    set_setting(demo_db, "idle_lock_minutes", 5, actor="演示主任")
    seen = {}

    def log_in_again(dialog):
        seen["window hidden"] = not window.isVisible()
        seen["mode"], seen["cancel"] = dialog.mode, dialog.cancel_button.text()
        qtbot.mouseClick(button_of(dialog, "演示值班员乙"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.password, "1234")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    answer_modal(qtbot, LoginDialog, log_in_again)
    idle.check(now=idle.last_input + 5 * 60)
    assert seen == {"window hidden": True, "mode": "locked", "cancel": "关闭程序"}  # no way back to the old session
    assert window.isVisible() and window.session.name == "演示值班员乙"


def test_the_idle_time_is_a_setting_in_the_settings_dialog(qtbot, demo_db, demo_path):
    from app.ui.dialogs.settings import SettingsDialog

    make_application()
    dialog = SettingsDialog(demo_db, demo_path, "演示主任")
    qtbot.addWidget(dialog)
    assert dialog.idle_lock.value() == 15 and dialog.idle_lock.specialValueText() == "从不"
    dialog.idle_lock.setValue(30)
    dialog.save()
    assert settings_rules.stored(demo_db, "idle_lock_minutes") == 30


def test_a_bad_text_size_in_the_file_falls_back_instead_of_crashing(qtbot, demo_db, demo_path, caplog):
    from clubfile import raw

    conn = raw(demo_path)
    conn.execute("INSERT INTO setting (key, value) VALUES ('text_scale', '\"abc\"')")
    conn.close()
    assert settings_rules.stored(demo_db, "text_scale") == 1.0
    assert "text_scale" in caplog.text
    make_application()
    window = MainWindow(demo_db, demo_path, session=Session(1, "演示主任", "director"))
    qtbot.addWidget(window)


# ---------------------------------------------------------------- start-up on the encrypted file


def test_at_start_up_the_password_opens_the_encrypted_file(qtbot, demo_path):
    keyfile.forget(demo_path)  # a fresh start: nobody has unlocked it
    seen = {}

    def type_it(dialog):
        seen["names"] = [b.text() for b in dialog.names.buttons()]
        qtbot.mouseClick(button_of(dialog, "演示值班员甲"), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.password, "0000")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        seen["error"] = dialog.error.text()
        qtbot.keyClicks(dialog.password, "1234")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    make_application()
    answer_modal(qtbot, LoginDialog, type_it)
    window, _ = start_window(demo_path)
    qtbot.addWidget(window)
    try:
        assert seen["names"][0] == "演示主任（主任）" and len(seen["names"]) == 3
        assert seen["error"] == "密码不对（已连续输错 1 次）"
        assert window.session.name == "演示值班员甲" and window.session.role == "duty"
    finally:
        window.close()
        filelock.release(demo_path)


def damage(path):
    data = bytearray(path.read_bytes())
    for page in range(20, 30):
        data[page * 4096:(page + 1) * 4096] = b"\x07" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("who, offered", [("演示值班员甲", False), ("演示主任", True)])
def test_a_damaged_file_is_offered_a_restore_only_after_a_directors_log_in(qtbot, demo_path, monkeypatch, who, offered):
    from app.ui.dialogs.damaged import DamagedFileDialog

    folder = demo_path.parent / "备份"
    folder.mkdir()
    shutil.copy(demo_path, folder / "demo.2026-03-01-090000.close.sqlite")
    damage(demo_path)
    keyfile.forget(demo_path)
    seen = []
    def offer(dialog):
        dialog._call.wait()  # its search for the newest good backup ends before the dialog goes
        seen.append("offer")
        return 0

    monkeypatch.setattr(DamagedFileDialog, "exec", offer)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: seen.append(text))

    def type_it(dialog):
        qtbot.mouseClick(button_of(dialog, who), Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.password, "1234")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    make_application()
    answer_modal(qtbot, LoginDialog, type_it)
    try:
        window, _ = start_window(demo_path)
        if window is not None:  # the damage was found by the check that ends after the window is up
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: bool(seen), timeout=20000)
            qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        filelock.release(demo_path)
    if offered:
        assert seen == ["offer"]
    else:
        assert len(seen) == 1 and "请主任来登录" in seen[0]


def test_a_forgotten_director_password_is_reset_with_the_recovery_code_at_the_log_in(qtbot, demo_db, demo_path):
    from app import accounts
    from app.ui.dialogs.recover import RecoverDialog

    code = accounts.make_recovery_code(demo_db, Session(1, "演示主任", "director"))
    keyfile.forget(demo_path)
    seen = {}

    def fill(dialog):
        dialog.code.setText(code.lower())  # as typed from the paper: case and dashes forgiven
        dialog.name.setText("演示主任")
        dialog.password.setText("ab12cd34")
        dialog.again.setText("ab12cd34")
        dialog.save()

    def forgot(dialog):
        seen["button"] = dialog.recover_button.text()
        answer_modal(qtbot, RecoverDialog, fill)
        qtbot.mouseClick(dialog.recover_button, Qt.MouseButton.LeftButton)

    make_application()
    answer_modal(qtbot, LoginDialog, forgot)
    window, _ = start_window(demo_path)
    qtbot.addWidget(window)
    try:
        assert seen["button"] == "忘了密码？用恢复码…" and window.session.name == "演示主任"
    finally:
        window.close()
        filelock.release(demo_path)
    keyfile.forget(demo_path)
    db, session = accounts.unlock(demo_path, "演示主任", "ab12cd34")
    db.close()


def test_a_lost_key_file_is_opened_with_the_recovery_code(qtbot, demo_db, demo_path, monkeypatch):
    from app import accounts
    from app.ui.dialogs.recover import RecoverDialog

    code = accounts.make_recovery_code(demo_db, Session(1, "演示主任", "director"))
    demo_db.close()
    keyfile.key_path(demo_path).unlink()  # copied alone, or a new PC: only the recovery file in 备份 is left
    keyfile.forget(demo_path)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))

    def fill(dialog):
        dialog.code.setText(code)
        dialog.name.setText("演示主任")
        dialog.password.setText("ab12cd34")
        dialog.again.setText("ab12cd34")
        dialog.save()

    make_application()
    answer_modal(qtbot, RecoverDialog, fill)
    window, _ = start_window(demo_path)
    qtbot.addWidget(window)
    try:
        assert "恢复码" in told[0] and window.session.name == "演示主任" and keyfile.exists(demo_path)
    finally:
        window.close()
        filelock.release(demo_path)


def log_in_choosing_a_new_password(qtbot, dialog, new: str) -> dict:
    """Log in with the old 1234 and answer the new-password question with ``new``; returns what it said."""
    from app.ui.dialogs.new_password import PasswordDialog

    seen = {}

    def choose(asked):
        seen["why"] = asked.why.text()
        asked.password.setText(new)
        asked.again.setText(new)
        asked.save()

    answer_modal(qtbot, PasswordDialog, choose)
    qtbot.keyClicks(dialog.password, "1234")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return seen


def test_a_password_the_rules_no_longer_allow_is_changed_before_duty_starts(qtbot, demo_db):
    # The practice club's 1234 is too short for a real club's duty volunteer (6 at least): an account whose
    # password was set before the rules were tightened must choose a new one before duty starts.
    from app import accounts
    from app.errors import KnownError
    from app.ui.dialogs.new_password import PasswordDialog

    set_setting(demo_db, "demo", False, actor="测试")
    make_application()
    dialog = LoginDialog(OpenDoor(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(button_of(dialog, "演示值班员甲"), Qt.MouseButton.LeftButton)
    answer_modal(qtbot, PasswordDialog, lambda asked: asked.reject())
    qtbot.keyClicks(dialog.password, "1234")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.session is None and dialog.isVisible() and dialog.error.text() == "换了新密码才能开始值班。"
    seen = log_in_choosing_a_new_password(qtbot, dialog, "739251")
    assert dialog.session is not None and dialog.session.name == "演示值班员甲" and not dialog.isVisible()
    assert seen["why"].startswith("您现在的密码不符合规定：值班志愿者的密码至少 6 位。")
    assert accounts.log_in(demo_db, "演示值班员甲", "739251").name == "演示值班员甲"
    with pytest.raises(KnownError, match="密码不对"):
        accounts.log_in(demo_db, "演示值班员甲", "1234")


def test_at_start_up_a_weak_password_changed_is_the_one_that_opens_the_file_next_time(qtbot, demo_db, demo_path):
    from app import accounts
    from app.ui.dialogs.login import ClosedDoor

    set_setting(demo_db, "demo", False, actor="测试")
    keyfile.update(demo_path, demo_db.key, practice=False)
    keyfile.forget(demo_path)
    make_application()
    dialog = LoginDialog(ClosedDoor(demo_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(button_of(dialog, "演示主任"), Qt.MouseButton.LeftButton)
    log_in_choosing_a_new_password(qtbot, dialog, "秋菊2026红枫")
    assert dialog.session is not None and dialog.session.role == "director"
    dialog.db.close()
    assert accounts.try_slot(demo_path, "演示主任", "秋菊2026红枫")  # the key file's copy follows the new password
