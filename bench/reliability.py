"""Reliability figures: writers killed mid-write, and backup, restore and start-up check times for a big club.

    python bench/reliability.py [--people 100000] [--repeat 5] [--kills 300]

Prints a Markdown section for docs/reliability.md:
  * kills: a writer (batches of people, .xlsx imports, batches of visits) killed with SIGKILL at random moments,
    the file checked after each kill (tests/db/crash_harness.py: integrity, every committed batch whole, the batch
    in flight whole or absent, nothing else);
  * backup: ``app.backups.back_up`` on the demo club (the online backup in one step, then ``integrity_check`` of the
    copy, then the rotation), and its two parts measured apart;
  * restore: ``app.backups.restore`` of that backup over a copy of the club (backup checked, current data backed up,
    current file copied aside, checked copy renamed into place);
  * the quick check the window runs at start-up.
Medians over ``--repeat`` runs, with the machine's description. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "db"))


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def measure_files(source: Path, repeat: int) -> dict[str, list[float]]:
    from app import backups
    from app.db import backup as files
    from app.db.connection import open_database

    out: dict[str, list[float]] = {"backup": [], "copy": [], "check": [], "restore": [], "quick": []}
    with tempfile.TemporaryDirectory(dir=source.parent) as work:
        work = Path(work)
        club = work / "club.sqlite"
        shutil.copy(source, club)
        for _ in range(repeat):
            db = open_database(club)
            seconds, result = timed(lambda: backups.back_up(db, club, reason="manual", folder=work / "备份"))
            out["backup"].append(seconds)
            out["quick"].append(timed(lambda: backups.quick_check(db))[0])
            copy = work / "copy.sqlite"
            out["copy"].append(timed(lambda: files.copy_database(db.conn, copy))[0])
            out["check"].append(timed(lambda: files.check_file(copy))[0])
            copy.unlink()
            db.close()
            seconds, _ = timed(lambda: backups.restore(club, result.backup.path))
            out["restore"].append(seconds)
            for aside in work.glob("club.before-restore-*"):
                aside.unlink()
            for made in (work / "备份").glob("*.sqlite"):
                made.unlink()
            time.sleep(1.1)  # backups are named to the second
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kills", type=int, default=300)
    args = parser.parse_args()

    from run import build_database, machine

    import crash_harness

    info = machine()
    source = build_database(args.people)
    size = source.stat().st_size
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    conn.close()
    figures = measure_files(source, args.repeat)

    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        tally = crash_harness.run(Path(work) / "club.sqlite", Path(work), kills=args.kills, seed=20261122)
        crash_seconds = time.perf_counter() - started

    def med(key: str) -> str:
        return f"{statistics.median(figures[key]):.2f} s"

    lines = [
        f"Measured by `python bench/reliability.py --people {args.people} --repeat {args.repeat} --kills {args.kills}`.",
        "",
        "| what | result |",
        "|---|---|",
        f"| writers killed with SIGKILL mid-write | {tally.kills} kills, {len(tally.problems)} problems: every check "
        f"passed ({len(tally.committed)} batches committed and all found whole; {len(tally.lost)} batches killed "
        f"before their commit, none found even in part; {tally.in_flight_landed} killed between the commit and "
        f"its report, found whole) in {crash_seconds:.0f} s |",
        f"| backup of {people:,} people ({size / 1024 / 1024:.0f} MB), copy + `integrity_check` + rotation | "
        f"{med('backup')} (copy {med('copy')}, check {med('check')}) |",
        f"| restore of that backup (checked, current data backed up, current file copied aside, swapped in) | "
        f"{med('restore')} |",
        f"| quick check at start-up | {med('quick')} |",
        "",
        "Machine: " + "; ".join(f"{key} {value}" for key, value in info.items() if value) + ".",
    ]
    if tally.problems:
        lines += ["", "Problems:", *[f"- {p}" for p in tally.problems[:20]]]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
