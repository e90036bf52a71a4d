"""A crash (the process killed outright) loses nothing committed and leaves no half-written change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import people
from app.db.connection import integrity_problems, open_database

ROOT = Path(__file__).resolve().parents[2]

KILLED_WRITER = r"""
import os, signal, sys
from app import people
from app.db.connection import open_database, transaction
db = open_database(sys.argv[1])
people.add_person(db, {"name": "张三丰", "building": "12"}, actor="值班员")
with transaction(db):
    people.add_person(db, {"name": "李四", "building": "12"}, actor="值班员")
    os.kill(os.getpid(), signal.SIGKILL)  # the power goes, mid-transaction
"""


def test_killed_mid_transaction_keeps_committed_and_drops_the_rest(db_path):
    open_database(db_path).close()
    run = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db_path)], cwd=ROOT, capture_output=True)
    assert run.returncode != 0
    db = open_database(db_path)
    assert integrity_problems(db) == []
    names = [p["name"] for p in people.search_people(db, people.RosterFilter())]
    assert names == ["张三丰"]
    assert db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'person'").fetchone()[0] == 1


@pytest.mark.skipif(os.name != "posix", reason="fork and SIGKILL")
def test_killed_many_times_while_importing_and_logging_visits_nothing_committed_is_lost(tmp_path):
    """30 writers killed at random moments (people in batches, .xlsx imports, batches of visits): after every kill
    the file passes the integrity check and holds every committed batch whole, the batch in flight whole or not at
    all, and nothing else."""
    from crash_harness import run

    tally = run(tmp_path / "club.sqlite", tmp_path, kills=30, seed=20261122, max_delay=0.1)
    assert tally.problems == []
    assert tally.kills == 30
    assert len(tally.committed) >= 10  # the writers got work done between the kills
    assert tally.lost  # and some kills did land in the middle of a batch


def test_a_backup_killed_half_way_leaves_only_a_partial_file_nobody_mistakes_for_a_backup(tmp_path):
    import datetime
    import time

    from app.db import backup as files

    folder = tmp_path / "备份"
    folder.mkdir()
    name = files.backup_name(tmp_path / "club.sqlite", datetime.datetime(2026, 3, 5, 9, 0, 0), "auto")
    partial = folder / (name + ".partial")
    partial.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # what a killed copy leaves
    assert files.list_backups(folder, tmp_path / "club.sqlite") == []
    assert files.prune(folder, tmp_path / "club.sqlite") == []  # a copy being made right now is left alone
    old = time.time() - 7200
    os.utime(partial, (old, old))
    assert files.prune(folder, tmp_path / "club.sqlite") == [partial]
    assert not partial.exists()
