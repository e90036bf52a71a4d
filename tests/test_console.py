"""The command line's terminal: no password prompt unless a person is at a console, and output that never fails
on a code page. (On Windows the same is checked under Wine by packaging/windows/check.sh, NUL included.)"""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from app.db.connection import open_database

PROBE = "from app.console import stdin_is_console; print(stdin_is_console())"


def run_app(*args: str, stdin=subprocess.DEVNULL, env: dict | None = None, timeout: float = 60):
    return subprocess.run([sys.executable, "-m", "app", *args], stdin=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def test_a_pipe_and_the_null_device_are_not_a_console():
    from_null = subprocess.run([sys.executable, "-c", PROBE], stdin=subprocess.DEVNULL, capture_output=True,
                               text=True, timeout=60)
    from_pipe = subprocess.run([sys.executable, "-c", PROBE], input="", capture_output=True, text=True, timeout=60)
    assert from_null.stdout.strip() == from_pipe.stdout.strip() == "False"


def test_a_terminal_is_a_console():
    parent, child = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-c", PROBE], stdin=child, capture_output=True, text=True, timeout=60)
    finally:
        os.close(child)
        os.close(parent)
    assert run.stdout.strip() == "True"


def test_no_standard_input_at_all_is_not_a_console(monkeypatch):
    from app import console

    monkeypatch.setattr(sys, "stdin", None)
    assert console.stdin_is_console() is False


def test_a_password_from_the_null_device_is_refused_instead_of_waited_for(tmp_path):
    """A scheduled task's `… --user NAME < NUL`: no prompt, an empty password refused at once."""
    db_path = tmp_path / "club.sqlite"
    made = run_app("demo", "--db", str(db_path), "--people", "5", timeout=120)
    assert made.returncode == 0, made.stderr.decode("utf-8")
    run = run_app("check", "--db", str(db_path), "--user", "演示主任", timeout=60)
    err = run.stderr.decode("utf-8")
    assert run.returncode == 1 and err.startswith("错误："), err
    assert "新密码" not in err and "密码：" not in run.stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
def test_help_to_a_pipe_in_a_code_page_without_chinese_does_not_fail(encoding):
    """An English Windows writes a pipe in its ANSI code page (1252): the Chinese help became a traceback."""
    run = run_app("--help", env={"PYTHONIOENCODING": encoding})
    assert run.returncode == 0, run.stderr.decode(encoding, "replace")
    out = run.stdout.decode(encoding)
    assert "python -m app" in out and "demo" in out and "?" in out
    assert run.stderr == b""


def test_gbk_output_keeps_chinese_and_replaces_only_what_gbk_lacks(tmp_path):
    """A Chinese Windows' pipe (code page 936): the Chinese stays readable; a character GBK lacks becomes "?"
    instead of stopping the command after its work was done."""
    run = run_app("demo", "--db", str(tmp_path / "club€.sqlite"), "--people", "5",
                  env={"PYTHONIOENCODING": "gbk"}, timeout=120)
    assert run.returncode == 0, run.stderr.decode("gbk", "replace")
    assert "已生成演示服务社：5 人 → " in run.stdout.decode("gbk")
    assert "club?.sqlite" in run.stdout.decode("gbk")
    assert (tmp_path / "club€.sqlite").exists()


def test_utf8_output_carries_every_character(tmp_path):
    run = run_app("demo", "--db", str(tmp_path / "club€.sqlite"), "--people", "5", env={"PYTHONUTF8": "1"},
                  timeout=120)
    assert run.returncode == 0
    assert "club€.sqlite" in run.stdout.decode("utf-8")


def test_a_file_name_that_is_not_utf8_is_printed_back_as_its_bytes(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xb7\xfe\xce\xf1.sqlite"   # 服务 in GBK: not UTF-8
    run = subprocess.run([sys.executable.encode(), b"-m", b"app", b"demo", b"--db", name, b"--people", b"5"],
                         capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert run.returncode == 0, run.stderr
    assert name in run.stdout
