"""Benchmark harness: builds a large demo club and measures what a user waits for; writes docs/benchmarks.md.

    python bench/run.py [--people 100000 [300000 …]] [--repeat 5] [--out docs/benchmarks.md]
    python bench/run.py --only roster --people 10000 100000 300000   (the roster section alone, put in place)

Measures, with the machine's description:
  * the roster at each size given (``bench/roster_speed.py``): start to the roster shown, the first keystroke
    after start, each keystroke with the page visible and its rows painted, a command's floor, each beside
    its floor measured in the same run (a bare Qt window, a ``count(*)``, a ``LIKE`` scan, the interpreter);
  * the due list on the demo club of the first size;
  * the mutual-aid proposals for 2,000 uncovered people and 3,000 helpers;
  * a month's duty rota for 40 volunteers, CP-SAT against a greedy round-robin, and a repair;
  * the roster's Excel import (10,000 rows) and export (the whole roster), with peak memory;
  * the monthly bulletin and branch return for 5,000 people with 1,000 visits in the month;
  * a baseline measured in the same run (a full scan of the person table), so figures from noisy
    machines can be compared with each other.
Medians and 95th percentiles are quoted; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT_DIR = ROOT / "bench" / "out"

from roster_speed import percentile  # noqa: E402


def machine() -> dict[str, str]:
    import sqlite3

    import PySide6

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return {"CPU": f"{cpu}, {os.cpu_count()} cores", "Memory": memory, "OS": platform.platform(),
            "Python": platform.python_version(), "SQLite": sqlite3.sqlite_version, "PySide6": PySide6.__version__,
            "Qt platform": os.environ.get("QT_QPA_PLATFORM", "default")}


def build_database(people: int) -> Path:
    from app.db.connection import open_database
    from app.demo import make_demo

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"demo-{people}-{datetime.date.today().isoformat()}.sqlite"
    if not path.exists():
        for old in OUT_DIR.glob(f"demo-{people}*.sqlite*"):  # the demo's visits are dated from the day it is made
            old.unlink()
        started = time.perf_counter()
        db = open_database(path)
        make_demo(db, count=people, seed=1)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        print(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def measure_due(db_path: Path, repeat: int) -> tuple[list[float], int]:
    """The due list (待办) for today and the next 14 days, computed as the due page does."""
    from app.db.connection import open_database
    from app.visits import due_items

    db = open_database(db_path, readonly=True)
    times, count = [], 0
    for _ in range(repeat + 1):
        started = time.perf_counter()
        count = len(due_items(db, datetime.date.today(), 14))
        times.append((time.perf_counter() - started) * 1000)
    return times[1:], count  # the first run warms the page cache


def header(people: list[int], info: dict) -> list[str]:
    sizes = " ".join(str(n) for n in people)
    return [
        "# Benchmarks",
        "",
        f"Measured by `python bench/run.py --people {sizes}` on {datetime.date.today().isoformat()}. "
        "Figures are medians and 95th percentiles over repeated runs; this machine is shared and noisy, so each "
        "figure stands beside a floor measured in the same run, the yardstick when comparing runs.",
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        "",
    ]


def report(people: int, imported: dict, exported: dict, due: tuple[list[float], int], aid: dict,
           rota: dict, month_end: dict | None = None) -> str:
    def verdict(value: float, target: float) -> str:
        return "met" if value <= target else "**missed**"

    lines = [
        f"## Due list, {people:,} people (the demo club)",
        "",
        "| measure | median | p95 | target | |",
        "|---|---|---|---|---|",
        f"| due list (today + 14 days, {due[1]} items) | {statistics.median(due[0]):.0f} ms | "
        f"{percentile(due[0], 95):.0f} ms | 300 ms | {verdict(statistics.median(due[0]), 300)} |",
        "",
        "## Mutual-aid proposals",
        "",
        "| measure | median | target | |",
        "|---|---|---|---|",
        f"| proposals for 2,000 uncovered people and 3,000 possible helpers (one minimum-cost flow) | "
        f"{aid['seconds']:.2f} s | 2 s | {verdict(aid['seconds'], 2)} |",
        "",
        f"Random club (`bench/aid_suggest.py`): buildings 1–60, capacities 1–3; {aid['covered']:,} people got a "
        f"helper, {aid['uncovered']:,} kept an unfilled place. Median of 3 runs, graph building included.",
        "",
        "## Duty rota: CP-SAT against a greedy round-robin",
        "",
        f"A month (2026-12) of {rota['slots']} slots / {rota['places']} places: 2 desk shifts a day and 4 service "
        f"projects, {rota['volunteers']} volunteers with random days off, limits and preferences (`bench/rota.py`). "
        "Repair: one volunteer drops out from the 15th and the month is planned again from the first plan.",
        "",
        "| measure | CP-SAT (the app) | greedy round-robin | target |",
        "|---|---|---|---|",
        f"| time to plan the month | {rota['solve']['seconds']:.2f} s | {rota['greedy']['seconds']:.3f} s | 1 s "
        f"({verdict(rota['solve']['seconds'], 1)}) |",
        f"| places filled | {rota['solve']['filled']} | {rota['greedy']['filled']} | |",
        f"| fairness spread (max − min shifts), same availability | {rota['solve']['spread_same']} | "
        f"{rota['greedy']['spread_same']} | ≤ 1 |",
        f"| fairness spread, all volunteers | {rota['solve']['spread_all']} | {rota['greedy']['spread_all']} | |",
        f"| sum of squared shift counts | {rota['solve']['squares']} | {rota['greedy']['squares']} | lower is fairer |",
        f"| preferences broken | {rota['solve']['preferences_broken']} | {rota['greedy']['preferences_broken']} | |",
        f"| repair: assignments changed | {rota['solve']['repair_changed']} | {rota['greedy']['repair_changed']} | "
        f"as few as possible |",
        "",
        "## Roster in and out of Excel",
        "",
        "| measure | median | peak memory (RSS) | target | |",
        "|---|---|---|---|---|",
        f"| `import-roster`, {imported['rows']:,} rows into an empty database | {imported['seconds']:.1f} s | "
        f"{imported['peak_rss_mb']:.0f} MB | 5 s | {verdict(imported['seconds'], 5)} |",
        f"| `export-roster`, {people:,} people | {exported['seconds']:.1f} s | {exported['peak_rss_mb']:.0f} MB | "
        f"10 s, 500 MB | {verdict(exported['seconds'], 10)} / {verdict(exported['peak_rss_mb'], 500)} |",
        "",
        "Each is the whole command in a fresh process (`bench/roster_io.py`), interpreter start and imports included; "
        "the import reads a roster exported by the app (full IDs), so every row passes every check.",
        "",
    ]
    if month_end:
        lines += [
            "## Month end: the bulletin and the branch return",
            "",
            "| measure | median | target | |",
            "|---|---|---|---|",
            f"| monthly bulletin PDF ({month_end['pages']} pages), {month_end['people']:,} people, "
            f"{month_end['visits']:,} visits in the month | {month_end['bulletin']:.2f} s | 3 s | "
            f"{verdict(month_end['bulletin'], 3)} |",
            f"| branch return .xlsx, the same month | {month_end['return']:.2f} s | 3 s | "
            f"{verdict(month_end['return'], 3)} |",
            f"| baseline: a `LIKE` scan of `person` ({month_end['people']:,} rows) | "
            f"{month_end['baseline_ms']:.1f} ms | | |",
            "",
            f"The demo club of {month_end['people']:,} people with {month_end['visits']:,} visits logged in "
            f"{month_end['month']} (`bench/month_end.py`); each output gathered from the database and rendered as the "
            f"CLI does it, in one process after a warm-up run; medians of {month_end['repeat']}.",
            "",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=["roster"], help="measure this section alone and put it in place in --out")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import roster_speed

    command = "python bench/run.py" + (" --only roster" if args.only else "") + " --people " + " ".join(
        str(n) for n in args.people)
    info = machine()
    roster = roster_speed.section([roster_speed.measure(n, args.repeat) for n in args.people], command,
                                  info if args.only else None)
    if args.only == "roster":
        # The other sections keep their own run, date and machine; this one names its own.
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else "\n".join(header(args.people, info))
        text = roster_speed.splice(old, roster)
    else:
        db = build_database(args.people[0])
        import roster_io

        imported = roster_io.measure_import(10_000, repeat=3)
        exported = roster_io.measure_export(db, repeat=3)
        due = measure_due(db, max(5, args.repeat))
        import aid_suggest

        aid = aid_suggest.measure(2000, 3000)
        import rota as rota_bench

        rota = rota_bench.measure(40)
        import month_end

        month_end_result = month_end.measure(5000, 1000, repeat=max(5, args.repeat))
        text = "\n".join(header(args.people, info)) + roster + "\n" + report(
            args.people[0], imported, exported, due, aid, rota, month_end_result)
        import timebank as timebank_bench

        text += "\n" + timebank_bench.section(timebank_bench.measure(db, repeat=max(3, args.repeat)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
