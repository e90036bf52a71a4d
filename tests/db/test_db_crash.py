"""A crash (the process killed outright) loses nothing committed and leaves no half-written change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
