"""Benchmark: the time bank's statements for every volunteer, as the 时间银行 page loads them; prints a section.

    python bench/timebank.py DB.sqlite [--repeat 5] [--extra 200000]

Measured on the demo club as it is, then on a copy with ``--extra`` more ledger entries spread over the
volunteers (years of credited visits and shifts), against a baseline in the same run: a plain sum over the
whole ledger, the least any statement listing must do.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _time(fn, repeat: int) -> list[float]:
    fn()  # the first run warms the page cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def _add_entries(path: Path, extra: int) -> None:
    from app.db import timebank as bank_db
    from app.db.connection import open_database

    db = open_database(path)
    volunteers = [pid for pid, in db.execute("SELECT id FROM person WHERE is_volunteer = 1 AND status = 'active'")]
    rng = random.Random(1)
    rows = [{"person_id": rng.choice(volunteers), "on_date": f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-"
             f"{rng.randint(1, 28):02d}", "kind": "deposit", "hours": rng.choice((1, 1.5, 2, 3)), "source": "manual",
             "note": "往年服务补录"} for _ in range(extra)]
    bank_db.insert_entries(db, rows, actor="bench")
    db.close()


def measure(db_path: Path, repeat: int = 5, extra: int = 200_000) -> dict:
    from app import timebank
    from app.db.connection import open_database

    def run(path: Path) -> dict:
        db = open_database(path, readonly=True)
        found = {}
        statements = _time(lambda: found.__setitem__("n", len(timebank.statements(db))), repeat)
        listing = _time(lambda: timebank.summaries(db), repeat)
        baseline = _time(lambda: db.execute("SELECT sum(hours), count(*) FROM hours_entry").fetchone(), repeat)
        entries = db.execute("SELECT count(*) FROM hours_entry").fetchone()[0]
        db.close()
        return {"seconds": statistics.median(statements), "listing": statistics.median(listing),
                "baseline": statistics.median(baseline),
                "volunteers": found["n"], "entries": entries}

    as_is = run(db_path)
    with tempfile.TemporaryDirectory() as tmp:
        bigger = Path(tmp) / "bigger.sqlite"
        shutil.copy(db_path, bigger)
        _add_entries(bigger, extra)
        grown = run(bigger)
    return {"as_is": as_is, "grown": grown, "repeat": repeat}


def section(result: dict) -> str:
    def verdict(seconds: float) -> str:
        return "met" if seconds <= 1 else "**missed**"

    def rows(label: str, r: dict) -> list[str]:
        return [f"| {label}, {r['entries']:,} ledger entries: every statement with its entries | "
                f"{r['seconds']:.2f} s | {r['baseline'] * 1000:.0f} ms | 1 s | {verdict(r['seconds'])} |",
                f"| {label}: the page's listing (balance, earned, level, this year) | "
                f"{r['listing']:.2f} s | | 1 s | {verdict(r['listing'])} |"]

    return "\n".join([
        "## Time bank statements",
        "",
        f"{result['as_is']['volunteers']:,} volunteers.",
        "",
        "| measure | median | baseline: one sum over the ledger | target | |",
        "|---|---|---|---|---|",
        *rows("the demo club", result["as_is"]),
        *rows("with 200,000 more entries", result["grown"]),
        "",
        f"`bench/timebank.py`: every volunteer's statement (`timebank.statements`: balance, earned total, level, "
        f"hours this year and every entry) and the listing the 时间银行 page loads (`timebank.summaries`, one "
        f"grouped query; a statement's entries are read when it is opened), median of {result['repeat']} runs "
        "after a warm-up. The second pair runs on a copy with 200,000 more entries over the same volunteers.",
        "",
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--extra", type=int, default=200_000)
    args = parser.parse_args()
    print(section(measure(args.db, args.repeat, args.extra)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
