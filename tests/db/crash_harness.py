"""Kill a writing process many times over and check each time that the file is whole and holds exactly what was
committed. Used by tests/db/test_db_crash.py (a few dozen kills) and bench/reliability.py (hundreds).

A helper process imports the app once and forks a fresh writer for each round (starting Python for each kill
would take a second); the writer opens its own connection and writes batches until it is killed with SIGKILL:
40 people in one ``people.add_many``, an .xlsx roster of 120 rows through ``roster_import.run_import``, or five
visits logged with ``visits.log_visit`` in one transaction. Before each batch it prints ``BEGIN n``, after the
commit ``COMMITTED n``. After each kill the file must pass ``integrity_check`` and ``foreign_key_check``, hold
every committed batch whole, the one batch in flight either whole or not at all, and nothing else. POSIX only.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEOPLE_PER_BATCH, IMPORT_ROWS, VISITS_PER_BATCH = 40, 120, 5
VOLUNTEER = "值班志愿者甲"
FIRST_RESIDENTS = [f"居民{i}" for i in range(VISITS_PER_BATCH)]

WRITER = r"""
import datetime, os, sys
from app import people, visits
from app.db.connection import open_database, transaction
from app.people import clean_person
from app.roster_import import run_import
import openpyxl
from app import names
names.search_text("張三豐")  # pypinyin and OpenCC load on first use: once here, not in every forked writer

db_path, work = sys.argv[1], sys.argv[2]
PEOPLE, ROWS, VISITS = (int(x) for x in sys.argv[3:6])

def say(text):
    os.write(1, (text + "\n").encode())

def write(db, batch):
    kind = ("people", "import", "visits")[batch % 3]
    if kind == "people":
        rows = [clean_person({"name": f"批{batch}人{i}", "building": "1"}).values for i in range(PEOPLE)]
        say(f"BEGIN {batch}")
        people.add_many(db, rows, actor="值班员")
    elif kind == "import":
        path = os.path.join(work, f"roster-{batch}.xlsx")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["姓名", "性别", "楼号"])
        for i in range(ROWS):
            sheet.append([f"导{batch}人{i}", "女" if i % 2 else "男", "2"])
        book.save(path)
        say(f"BEGIN {batch}")
        report = run_import(db, path, actor="值班员")
        assert report.stored and report.imported == ROWS, report
    else:
        volunteer = db.execute("SELECT id FROM person WHERE is_volunteer = 1 ORDER BY id LIMIT 1").fetchone()[0]
        ids = [r[0] for r in db.execute("SELECT id FROM person WHERE is_volunteer = 0 ORDER BY id DESC LIMIT ?",
                                        [VISITS])]
        say(f"BEGIN {batch}")
        with transaction(db):
            for pid in ids:
                visits.log_visit(db, {"person_id": pid, "kind": "supporter", "visitor_ids": [volunteer],
                                      "notes": f"批{batch}"}, actor="值班员")
    say(f"COMMITTED {batch}")

sys.stdout.flush()
for line in sys.stdin:
    batch = int(line.split()[1])
    pid = os.fork()
    if pid == 0:
        try:
            db = open_database(db_path)
            while True:
                write(db, batch)
                batch += 1
        finally:
            os._exit(3)
    say(f"PID {pid}")
    os.waitpid(pid, 0)
    say("DEAD")
"""


@dataclass
class Tally:
    kills: int = 0
    committed: list[int] = field(default_factory=list)  # batches known to be in the file
    lost: list[int] = field(default_factory=list)  # batches begun, killed before their commit, and not in the file
    in_flight_landed: int = 0  # kills after the commit but before "COMMITTED" was printed: whole, as they should be
    problems: list[str] = field(default_factory=list)


def kind_of(batch: int) -> str:
    return ("people", "import", "visits")[batch % 3]


def names_of(batch: int) -> list[str]:
    if kind_of(batch) == "people":
        return [f"批{batch}人{i}" for i in range(PEOPLE_PER_BATCH)]
    if kind_of(batch) == "import":
        return [f"导{batch}人{i}" for i in range(IMPORT_ROWS)]
    return []


def prepare(db_path: Path) -> None:
    """The volunteer who does the visits, and people to visit before any batch has run."""
    from app import people
    from app.db.connection import open_database

    db = open_database(db_path)
    people.add_person(db, {"name": VOLUNTEER, "is_volunteer": True, "building": "1"}, actor="主任")
    for name in FIRST_RESIDENTS:
        people.add_person(db, {"name": name, "building": "1"}, actor="主任")
    db.close()


def contents(db_path: Path) -> tuple[list[str], dict[str, int], list[str], int]:
    """(problems, people per batch tag, visits per note, audit rows for people) of the file, opened as the app would."""
    from collections import Counter

    from app.db.connection import integrity_problems, open_database

    db = open_database(db_path)
    try:
        problems = integrity_problems(db)
        names = [row[0] for row in db.execute("SELECT name FROM person")]
        notes = Counter(row[0] for row in db.execute("SELECT notes FROM visit"))
        audited = db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'person'").fetchone()[0]
    finally:
        db.close()
    return problems, names, dict(notes), audited


class CrashLoop:
    def __init__(self, db_path: Path, work: Path, seed: int = 1, max_delay: float = 0.15):
        self.db_path, self.work = Path(db_path), Path(work)
        self.random = random.Random(seed)
        self.max_delay = max_delay
        self.tally = Tally()
        self.next_batch = 0
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(work), str(PEOPLE_PER_BATCH), str(IMPORT_ROWS),
             str(VISITS_PER_BATCH)], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            start_new_session=True)

    def close(self) -> None:
        """Stop the helper and any writer still running (they share a process group)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self.proc.stdin.close()
        self.proc.stdout.close()

    def round(self) -> None:
        """One writer, killed after a random moment; then the file is checked."""
        self.proc.stdin.write(f"GO {self.next_batch}\n")
        self.proc.stdin.flush()
        begun, committed = [], []

        def note(line: str) -> None:
            word, number = line.split()
            (begun if word == "BEGIN" else committed).append(int(number))

        for line in self.proc.stdout:  # the writer may speak before the helper has said its process id
            if line.startswith("PID "):
                break
            note(line)
        else:
            raise RuntimeError("the helper process stopped")
        # The moment of the kill follows the writer's progress, not the clock, so a busy machine (a slow writer)
        # sees the same mix: half the kills after the writer has committed a batch, at a random moment of the next;
        # half just as a batch begins, in the middle of its transaction.
        after_commit = self.random.random() < 0.5
        wanted = "COMMITTED" if after_commit else "BEGIN"
        for line_seen in self.proc.stdout:
            note(line_seen)
            if line_seen.startswith(wanted):
                break
        time.sleep(self.random.uniform(0.0, self.max_delay) if after_commit else 0.0)
        os.kill(int(line.split()[1]), signal.SIGKILL)
        for line in self.proc.stdout:
            if line.startswith("DEAD"):
                break
            note(line)
        self.tally.kills += 1
        self.check(begun, committed)

    def check(self, begun: list[int], committed: list[int]) -> None:
        tally = self.tally
        pending = [b for b in begun if b not in committed]
        if len(pending) > 1:
            tally.problems.append(f"more than one batch in flight: {pending}")
        problems, names, notes, audited = contents(self.db_path)
        tally.problems.extend(f"kill {tally.kills}: {p}" for p in problems)
        expected_names = {VOLUNTEER, *FIRST_RESIDENTS}
        for batch in tally.committed + committed:
            expected_names.update(names_of(batch))
        present = set(names)
        landed = False
        for batch in pending:
            batch_names = set(names_of(batch))
            if kind_of(batch) == "visits":
                count = notes.get(f"批{batch}", 0)
                if count not in (0, VISITS_PER_BATCH):
                    tally.problems.append(f"kill {tally.kills}: batch {batch} half-written ({count} visits)")
                landed = count == VISITS_PER_BATCH
            else:
                inside = batch_names & present
                if inside and inside != batch_names:
                    tally.problems.append(f"kill {tally.kills}: batch {batch} half-written ({len(inside)} people)")
                landed = bool(inside)
                if landed:
                    expected_names |= batch_names
            if landed:
                tally.in_flight_landed += 1
            else:
                tally.lost.append(batch)
        if len(names) != len(present) or present != expected_names:
            missing, extra = expected_names - present, present - expected_names
            tally.problems.append(f"kill {tally.kills}: people differ: missing {sorted(missing)[:5]} "
                                  f"({len(missing)}), unexpected {sorted(extra)[:5]} ({len(extra)})")
        if audited != len(names):
            tally.problems.append(f"kill {tally.kills}: {len(names)} people but {audited} audit rows")
        done_visits = [b for b in tally.committed + committed + (pending if landed else [])
                       if kind_of(b) == "visits"]
        if notes != {f"批{b}": VISITS_PER_BATCH for b in done_visits}:
            tally.problems.append(f"kill {tally.kills}: visits differ: {notes} for batches {done_visits}")
        tally.committed.extend(committed)
        if landed:
            tally.committed.extend(pending)
        self.next_batch = max(begun + [self.next_batch - 1]) + 1


def run(db_path: Path, work: Path, kills: int, seed: int = 1, max_delay: float = 0.15) -> Tally:
    prepare(db_path)
    loop = CrashLoop(db_path, work, seed, max_delay)
    try:
        for _ in range(kills):
            loop.round()
    finally:
        loop.close()
    return loop.tally
