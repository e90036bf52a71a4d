"""Benchmark: the month's bulletin (PDF) and branch return (.xlsx) for a 5,000-person club with 1,000 visits in the month.

    python bench/month_end.py [--people 5000] [--visits 1000] [--repeat 5]

The club is the demo club (``make_demo``) with ``--visits`` more visits logged over last month by its
volunteers; both outputs are made the way the CLI makes them (gather the month, then render), in this process,
after one warm-up run. A baseline measured in the same run (a full scan of the person table) is the yardstick
between noisy runs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import month_report  # noqa: E402
from app.reports.bulletin import save_bulletin  # noqa: E402
from app.reports.returns import save_return  # noqa: E402
from app.db.connection import open_database  # noqa: E402
from app.db import rota as rota_db  # noqa: E402
from app.db import visits as visits_db  # noqa: E402
from app.demo import make_demo  # noqa: E402
from app.people import RosterFilter, search_ids  # noqa: E402


def build(folder: Path, people: int, visits: int, month: str) -> Path:
    path = folder / f"month-end-{people}.sqlite"
    db = open_database(path)
    make_demo(db, count=people, seed=1)
    first = datetime.date.fromisoformat(month + "-01")
    days = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - first
    rng = random.Random(5)
    volunteers = [row["id"] for row in rota_db.rota_people(db)]
    residents = search_ids(db, RosterFilter())
    rows = [{"person_id": pid, "kind": rng.choice(("supporter", "special", "hospital", "festival")),
             "visit_date": (first + datetime.timedelta(days=rng.randrange(days.days))).isoformat(),
             "visitor_ids": [v for v in rng.sample(volunteers, k=2) if v != pid] or volunteers[:1],
             "done": "慰问", "notes": "", "follow_up_on": None}
            for pid in rng.choices(residents, k=visits)]
    visits_db.insert_many(db, rows, [], [], actor="bench")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up: imports, the font, the page cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def measure(people: int = 5000, visits: int = 1000, repeat: int = 5) -> dict:
    today = datetime.date.today()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    with tempfile.TemporaryDirectory(prefix="fuwushe-bench-") as folder:
        folder = Path(folder)
        path = build(folder, people, visits, month)
        db = open_database(path)
        report = month_report.gather(db, month)
        bulletin = timed(lambda: save_bulletin(db, month, folder / "bulletin.pdf"), repeat)
        returns = timed(lambda: save_return(db, month, folder / "return.xlsx"), repeat)
        baseline = timed(lambda: db.execute("SELECT count(*) FROM person WHERE search_text LIKE '%zzz%'").fetchone(),
                         repeat)
        pages = save_bulletin(db, month, folder / "bulletin.pdf")
        db.close()
    return {"people": people, "visits": report.figures()["visits"], "month": month, "pages": pages,
            "bulletin": statistics.median(bulletin), "return": statistics.median(returns),
            "baseline_ms": statistics.median(baseline) * 1000, "repeat": repeat}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.people, args.visits, args.repeat)
    print(f"{result['people']:,} people, {result['visits']:,} visits in {result['month']}: "
          f"bulletin {result['bulletin']:.2f} s ({result['pages']} pages), return {result['return']:.2f} s, "
          f"baseline {result['baseline_ms']:.1f} ms (medians of {result['repeat']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
