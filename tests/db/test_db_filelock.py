"""One editor per database: a second process is told who has the file open; a killed holder blocks nobody."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import filelock
from app.db.connection import open_database

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys, time
from app.db import filelock
filelock.acquire(sys.argv[1])
print("HELD", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(db_path):
    """Another process holding the editor lock of db_path (a second copy of the app, say)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "HELD"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    proc.stdout.close()


def test_a_second_process_is_refused_with_who_has_the_file(db_path, holder):
    with pytest.raises(filelock.DatabaseInUse) as refused:
        filelock.acquire(db_path)
    message = str(refused.value)
    assert f"进程 {holder.pid}" in message and socket.gethostname() in message and getpass.getuser() in message
    assert "同一时间只能有一个窗口修改数据" in message
    assert refused.value.holder["pid"] == holder.pid
    assert filelock.holder_of(db_path)["pid"] == holder.pid


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_holder_leaves_a_stale_file_that_blocks_nobody(db_path, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert filelock.lock_path(db_path).read_text(encoding="utf-8")  # its description is still there
    lock = filelock.acquire(db_path)
    try:
        assert f'"pid": {os.getpid()}' in filelock.lock_path(db_path).read_text(encoding="utf-8")
    finally:
        lock.release()


def test_the_holder_may_take_it_again_and_its_own_connections_are_not_blocked(db_path):
    lock = filelock.acquire(db_path)
    try:
        assert filelock.acquire(db_path) is lock
        assert filelock.holder_of(db_path) is None
        writer = open_database(db_path)  # a background job's connection
        reader = open_database(db_path, readonly=True)  # the search thread's
        writer.execute("SELECT 1")
        reader.execute("SELECT count(*) FROM person").fetchone()
        writer.close()
        reader.close()
    finally:
        lock.release()
    assert filelock.lock_path(db_path).read_text(encoding="utf-8") == ""  # a clean exit leaves no description
    assert filelock.holder_of(db_path) is None


def test_after_a_clean_release_another_process_can_take_it(db_path):
    filelock.acquire(db_path).release()
    run = subprocess.run([sys.executable, "-c", "import sys; from app.db import filelock; "
                          "filelock.acquire(sys.argv[1]); print('ok')", str(db_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert run.stdout.strip() == "ok"
