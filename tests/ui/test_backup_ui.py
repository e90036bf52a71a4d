"""Backups as the director meets them: 备份数据…, 从备份恢复…, the backup on closing and every 30 minutes, a
damaged file at start-up, a second copy of the app on the same file, the backup before an import."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import people
from app.accounts import Session
from app.db import backup as files
from app.db import filelock
from app.ui import backups as ui_backups
from app.ui.application import make_application, start_window
from app.ui.dialogs.damaged import DamagedFileDialog
from app.ui.dialogs.restore import RestoreDialog
from app.ui.main_window import MainWindow
from clubfile import raw

ROOT = Path(__file__).resolve().parents[2]
DIRECTOR = Session(None, "主任", "director")  # who is on duty, so start-up does not ask


@pytest.fixture
def said(monkeypatch):
    """What the message boxes said, (kind, title, text); questions are answered Yes."""
    seen = []

    def box(kind, answer=None):
        def show(parent, title, text, *rest, **kw):
            seen.append((kind, title, text))
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "information", box("information"))
    # A message with details: (kind, title, text, the details behind 显示详细信息).
    monkeypatch.setattr("app.ui.messages.show_done",
                        lambda parent, title, text, details="": seen.append(("information", title, text, details)))
    monkeypatch.setattr(QMessageBox, "warning", box("warning"))
    monkeypatch.setattr(QMessageBox, "critical", box("critical"))
    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.Yes))
    return seen


def open_window(qtbot, db, path) -> MainWindow:
    make_application()
    window = MainWindow(db, path)
    qtbot.addWidget(window)
    window.show()
    return window


def backups_of(path: Path) -> list[files.Backup]:
    return files.list_backups(path.parent / "备份", path)


def names(path: Path, of: Path | None = None) -> list[str]:
    """The names in a club file, or in a backup ``of`` one (opened with that club's key)."""
    conn = raw(path, of)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def test_back_up_the_data_from_the_file_menu(qtbot, demo_db, demo_path, said):
    window = open_window(qtbot, demo_db, demo_path)
    window.backup_action.trigger()
    made = backups_of(demo_path)
    assert [b.reason for b in made] == ["manual"]
    assert files.check_file(made[0].path, key=demo_db.key) == []
    assert said[-1][0] == "information" and "已备份并校验" in said[-1][2]
    assert str(made[0].path) not in said[-1][2] and str(made[0].path) in said[-1][3]  # the path only on request
    window.close()


def test_closing_backs_up_only_when_the_data_changed(qtbot, demo_db, demo_path, said):
    window = open_window(qtbot, demo_db, demo_path)
    window.close()
    assert [b.reason for b in backups_of(demo_path)] == ["close"]
    again = open_window(qtbot, demo_db, demo_path)
    again.close()
    assert len(backups_of(demo_path)) == 1  # nothing changed: the newest backup already holds this data
    people.add_person(demo_db, {"name": "新来的人", "building": "1"}, actor="主任")
    third = open_window(qtbot, demo_db, demo_path)
    third.close()
    made = backups_of(demo_path)
    assert len(made) == 2 and "新来的人" in names(made[0].path, demo_path)
    assert not [s for s in said if s[0] == "warning"]


def test_closing_does_not_back_up_a_file_that_fails_the_quick_check(qtbot, demo_db, demo_path, said, monkeypatch):
    window = open_window(qtbot, demo_db, demo_path)
    monkeypatch.setattr("app.backups.quick_check", lambda db: ["*** in database main *** Page 9 is never used"])
    window.close()
    assert backups_of(demo_path) == []
    assert said[-1][0] == "warning" and "快速检查发现问题" in said[-1][2] and "Page 9" in said[-1][2]


def test_every_30_minutes_a_backup_when_the_data_changed(qtbot, demo_db, demo_path, said):
    window = open_window(qtbot, demo_db, demo_path)
    controller = window.backups
    assert controller.timer.isActive() and controller.timer.interval() == 30 * 60 * 1000
    with qtbot.waitSignal(controller.finished, timeout=10000) as first:
        controller.timer.timeout.emit()
    assert first.args[0].backup.reason == "auto"
    assert "自动备份" in window.saved_notice.text.text() or "Automatic" in window.saved_notice.text.text()
    with qtbot.waitSignal(controller.finished, timeout=10000) as second:
        controller.timer.timeout.emit()
    assert second.args[0].backup is None  # nothing changed in between
    people.add_person(demo_db, {"name": "半小时后来的人", "building": "1"}, actor="主任")
    with qtbot.waitSignal(controller.finished, timeout=10000) as third:
        controller.timer.timeout.emit()
    assert "半小时后来的人" in names(third.args[0].backup.path, demo_path)
    window.close()


def test_restore_lists_the_backups_and_reopens_the_window_on_the_chosen_one(qtbot, demo_db, demo_path, said,
                                                                           monkeypatch):
    make_application()
    window = MainWindow(demo_db, demo_path)  # not left to qtbot: the restore closes and deletes it
    window.show()
    window.backup_action.trigger()
    before = names(demo_path)
    people.add_person(demo_db, {"name": "恢复后应当不见的人", "building": "1"}, actor="主任")
    shown = {}

    def choose_first(dialog):
        shown["dialog"] = dialog
        qtbot.waitUntil(lambda: bool(dialog.entries), timeout=10000)
        table = dialog.table
        shown["row"] = [table.item(0, c).text() for c in range(table.columnCount())]
        dialog.restore_selected()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", choose_first)
    window.restore_action.trigger()
    made, why, size, count, check = shown["row"]
    assert why in ("手动", "By hand") and count == str(len(before)) and check in ("已校验", "Passed")
    assert size.endswith(("MB", "KB"))
    successor = window.successor
    qtbot.addWidget(successor)
    assert successor.isVisible() and not window.isVisible()
    assert names(demo_path) == before
    assert people.count_people(successor._db) == len(before)
    aside = next(demo_path.parent.glob("demo.before-restore-*.sqlite"))
    assert "恢复后应当不见的人" in names(aside, demo_path)
    assert said[0][0] == "information"  # the backup made by hand
    assert said[1][0] == "question" and said[-1][0] == "information" and str(aside) in said[-1][3]
    assert str(aside) not in said[-1][2] and "没有丢" in said[-1][2]
    assert [b.reason for b in backups_of(demo_path)][:1] == ["before-restore"]
    successor.close()


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(20, 30):  # the roster's pages in the demo file
        data[page * 4096:(page + 1) * 4096] = b"\x07" * 4096
    path.write_bytes(bytes(data))


def test_a_damaged_file_at_start_up_offers_the_newest_good_backup(qtbot, demo_path, said, monkeypatch):
    folder = demo_path.parent / "备份"
    folder.mkdir()
    good = folder / files.backup_name(demo_path, files.datetime.datetime(2026, 3, 1, 9), "close")
    shutil.copy(demo_path, good)
    newer_but_bad = folder / files.backup_name(demo_path, files.datetime.datetime(2026, 3, 2, 9), "close")
    shutil.copy(demo_path, newer_but_bad)
    damage(newer_but_bad)
    damage(demo_path)
    expected = names(good, demo_path)
    seen = {}

    def restore_newest(dialog):
        qtbot.waitUntil(lambda: dialog.newest is not None, timeout=10000)
        seen["advice"] = dialog.advice.text()
        seen["found"] = dialog.findChild(type(dialog.advice), "damageFound").text()
        dialog.restore_newest()
        return dialog.result()

    monkeypatch.setattr(DamagedFileDialog, "exec", restore_newest)
    first, app = start_window(demo_path, session=DIRECTOR)
    qtbot.addWidget(first)
    # Damage that stops the file opening is offered at once; damage only the quick check finds, once it ends after
    # the window is up: then the damaged file's window goes and the restored one takes its place.
    qtbot.waitUntil(lambda: "advice" in seen and (getattr(first, "successor", None) is not None
                                                  or first.isVisible() and "start_up_problems" in vars(first)),
                    timeout=20000)
    window = getattr(first, "successor", None) or first
    qtbot.addWidget(window)
    try:
        assert "malformed" in seen["found"] or "损坏" in seen["found"]
        assert "2026-03-01 09:00" in seen["advice"]  # the newer backup is damaged too: passed over
        assert people.count_people(window._db) == len(expected)
        aside = next(demo_path.parent.glob("demo.before-restore-*.sqlite"))
        assert backups_of(demo_path)[0].path == newer_but_bad  # nothing deleted, not even the bad backup
        assert aside.stat().st_size > 0
    finally:
        window.close()
        filelock.release(demo_path)


def test_a_damaged_file_and_no_backup_offers_a_file_or_quitting(qtbot, demo_path, said, monkeypatch):
    damage(demo_path)
    seen = {}

    def quit_(dialog):
        # the search's answer, not its "正在查找…" (which a busy machine shows for longer)
        qtbot.waitUntil(lambda: "没有找到完好的备份" in dialog.advice.text() or "No good backup" in dialog.advice.text(),
                        timeout=20000)
        qtbot.waitUntil(lambda: not dialog._call.isRunning(), timeout=10000)
        seen["advice"] = dialog.advice.text()
        seen["restore enabled"] = dialog.restore_button.isEnabled()
        return DamagedFileDialog.DialogCode.Rejected

    monkeypatch.setattr(DamagedFileDialog, "exec", quit_)
    before = demo_path.read_bytes()
    try:
        window, _ = start_window(demo_path, session=DIRECTOR)
        if window is not None:  # found by the check after the window was up: quitting at the offer closes it
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: "restore enabled" in seen, timeout=20000)
            qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
            assert getattr(window, "successor", None) is None
    finally:
        filelock.release(demo_path)
    assert not seen["restore enabled"] and ("没有找到完好的备份" in seen["advice"] or "No good backup" in seen["advice"])
    assert demo_path.read_bytes() == before


SECOND_COPY = r"""
import sys
from app.errors import KnownError
from app.accounts import Session, try_slot
from app.db import keyfile
from app.ui.application import start_window
try:
    keyfile.remember(sys.argv[1], try_slot(sys.argv[1], "演示主任", "1234"))  # the log-in, typed
    window, app = start_window(sys.argv[1], session=Session(None, "主任", "director"))
except KnownError as exc:
    print("REFUSED", exc, flush=True)
    sys.exit(1)
print("OPEN", flush=True)
sys.stdin.readline()
window.close()
"""


def test_a_second_copy_of_the_app_on_the_same_file_is_told_who_has_it(demo_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen([sys.executable, "-c", SECOND_COPY, str(demo_path)], cwd=ROOT, env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert first.stdout.readline().strip() == "OPEN"
        second = subprocess.run([sys.executable, "-c", SECOND_COPY, str(demo_path)], cwd=ROOT, env=env, text=True,
                                capture_output=True, timeout=60)
        assert second.returncode == 1
        assert second.stdout.startswith("REFUSED") and f"进程 {first.pid}" in second.stdout
        assert "同一时间只能有一个窗口修改数据" in second.stdout
    finally:
        first.communicate("\n", timeout=60)
    assert first.returncode == 0
    third = subprocess.run([sys.executable, "-c", SECOND_COPY, str(demo_path)], cwd=ROOT, env=env, text=True,
                           capture_output=True, input="\n", timeout=60)
    assert third.stdout.strip() == "OPEN"  # once the first has closed, the file is free again


def test_the_import_wizard_backs_up_before_importing(qtbot, db_path, fresh_db, tmp_path):
    from app.ui.dialogs.import_roster import ImportWizard
    from tests.test_roster_import import good_rows, messy_workbook

    people.add_person(fresh_db, {"name": "早就在的人", "building": "1"}, actor="主任")
    make_application()
    wizard = ImportWizard(db_path, "主任")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(messy_workbook(tmp_path / "r.xlsx", good_rows())))
    wizard.file_page.load()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.report is not None, timeout=10000)
    assert backups_of(db_path) == []  # checking is not importing
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.report is not None, timeout=10000)
    made = backups_of(db_path)
    assert [b.reason for b in made] == ["before-import"] and names(made[0].path, db_path) == ["早就在的人"]
