"""An account behind every command: ``--user`` and the password from the terminal or standard input, the window's
role rules on the command line, the actor recorded as the account (never the OS user), and the commands that need
no account. The reproductions of issue 15 as cases."""

from __future__ import annotations

import io
import json
import os
import sys

import pytest

from app import accounts
from app.cli import main as bare_main
from app.db import audit
from app.db.connection import open_database
from clubfile import cli_main as main

DUTY = {"user": "演示值班员甲", "password": "1234"}
DIRECTOR = {"user": "演示主任", "password": "1234"}


def run_bare(capsys, argv, stdin=""):
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = bare_main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdin = saved
    return code, *capsys.readouterr()


@pytest.mark.parametrize("argv", [["people"], ["check"], ["export-roster", "--out", "{tmp}/x.xlsx"], ["due"],
                                  ["backup", "--to", "{tmp}/b", "--user", "演示主任"], ["accounts"],
                                  ["bulletin", "--month", "2026-10", "--out", "{tmp}/b.pdf"]])
def test_every_command_that_opens_the_club_asks_for_an_account(capsys, demo_path, tmp_path, argv):
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = run_bare(capsys, [argv[0], "--db", demo_path, *argv[1:]])
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert "--user" in err or "标准输入里没有" in err


def test_the_password_comes_from_standard_input_never_argv_or_the_environment(capsys, demo_path, monkeypatch):
    monkeypatch.setenv("FUWUSHE_PASSWORD", "1234")
    monkeypatch.setenv("PASSWORD", "1234")
    code, _, err = run_bare(capsys, ["people", "--db", demo_path, "--user", "演示主任"])
    assert code == 1 and "标准输入里没有" in err
    code, _, err = run_bare(capsys, ["people", "--db", demo_path, "--user", "演示主任", "--password", "1234"])
    assert code == 2  # no such option
    code, out, err = run_bare(capsys, ["people", "--db", demo_path, "--user", "演示主任", "--json"], stdin="1234\n")
    assert code == 0 and json.loads(out)
    code, _, err = run_bare(capsys, ["people", "--db", demo_path, "--user", "演示主任"], stdin="4321\n")
    assert code == 1 and err == "错误：密码不对（已连续输错 1 次）\n"


def test_a_name_with_no_account_is_told_so_with_the_names_that_can_log_in(capsys, demo_path):
    code, out, err = run_bare(capsys, ["people", "--db", demo_path, "--user", "无此人"], stdin="1234\n")
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert err.startswith("错误：没有能在开机时登录的账户“无此人”，能登录的是：演示主任、演示值班员甲、演示值班员乙。")


@pytest.mark.parametrize("argv, what", [
    (["export-roster", "--out", "{tmp}/x.xlsx", "--full-ids"], "查看或导出完整的身份证号"),
    (["import-roster", "{tmp}/none.xlsx"], "导入花名册"),
    (["accounts", "--add", "新主任", "--role", "director"], "管理账户和角色"),
    (["accounts", "--set-password", "演示主任"], "管理账户和角色"),
    (["restore", "--from", "{tmp}/x.sqlite"], "从备份恢复数据"),
    (["activities", "--confirm", "1"], "确认活动并记入时长"),
    (["awards", "--year", "2026", "--confirm-proposed"], "确认年度评选"),
])
def test_a_duty_volunteer_cannot_do_the_directors_work_on_the_command_line(capsys, demo_path, tmp_path, argv, what):
    from openpyxl import Workbook

    Workbook().save(tmp_path / "none.xlsx")
    argv = [a.format(tmp=tmp_path) for a in argv]
    before = demo_path.read_bytes()
    code = main([argv[0], "--db", demo_path, *argv[1:]], **DUTY, then=["12345678"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "") and err == f"错误：只有主任可以{what}\n"
    assert not (tmp_path / "x.xlsx").exists()


def test_the_actor_recorded_is_the_account_never_the_os_user(capsys, demo_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "演示主任")
    monkeypatch.setenv("USER", "演示主任")
    assert main(["log-visit", "--db", demo_path, "--person", "1", "--kind", "special", "--by", "2"], **DUTY) == 0
    db = open_database(demo_path)
    newest = audit.newest_link(db)
    actor = db.execute("SELECT actor FROM audit_log WHERE id = ?", [newest["id"]]).fetchone()[0]
    db.close()
    assert actor == "演示值班员甲"


def test_commands_that_need_no_account(capsys, tmp_path):
    assert bare_main(["roster-template", "--out", str(tmp_path / "t.xlsx")]) == 0
    assert bare_main(["demo", "--db", str(tmp_path / "new.sqlite"), "--people", "5"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        bare_main(["check", "--help"])
    assert done.value.code == 0 and "--user" in capsys.readouterr().out


def test_a_scheduled_backup_needs_no_password_and_copies_the_encrypted_file(capsys, demo_path, tmp_path):
    import subprocess

    from app.db import backup as files

    folder = tmp_path / "计划任务备份"  # no secret on standard input at all: nothing stored anywhere

    bare = subprocess.run([sys.executable, "-m", "app", "backup", "--db", str(demo_path), "--to", str(folder)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONUTF8": "1"}, cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert bare.returncode == 0, bare.stderr
    made = [b for b in files.list_backups(folder, demo_path) if b.reason == "scheduled"]
    assert len(made) == 1 and made[0].path.read_bytes() == demo_path.read_bytes()  # the ciphertext, as it is
    again = subprocess.run([sys.executable, "-m", "app", "backup", "--db", str(demo_path), "--to", str(folder)],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           env={**os.environ, "PYTHONUTF8": "1"}, cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert again.returncode == 0 and "没有变化" in again.stderr


def test_a_scheduled_backup_is_skipped_while_the_window_writes(demo_path, tmp_path):
    from app.backups import copy_sealed
    from app.errors import DatabaseError

    db = open_database(demo_path)
    with pytest.raises(DatabaseError, match="它自己每 30 分钟备份"):
        copy_sealed(demo_path, folder=tmp_path / "b")
    db.close()


def test_a_full_disk_during_an_import_is_one_line(capsys, demo_path, tmp_path, monkeypatch):
    from openpyxl import Workbook

    from app.db.connection import driver

    book = Workbook()
    book.active.append(["姓名", "楼号"])
    book.active.append(["新来的人", "7"])
    book.save(tmp_path / "名单.xlsx")

    def full(*args, **kwargs):
        raise driver.OperationalError("database or disk is full")

    monkeypatch.setattr("app.db.people.insert_many_people", full, raising=False)
    monkeypatch.setattr("app.db.audit.insert_many", full)
    code = main(["import-roster", tmp_path / "名单.xlsx", "--db", demo_path], **DIRECTOR)
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[-1] == "错误：磁盘空间不足，这次的改动没有保存，原有数据完好"  # after the backup made first
