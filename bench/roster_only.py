"""A roster of N people and nothing else, for the roster benchmarks at sizes the demo club cannot reach yet.

    python bench/roster_only.py --people 300000 --out bench/out/roster-300000.sqlite

The people are the demo club's (``app.demo``'s generator, same seed, same names, IDs, phones and buildings),
stored through ``people.add_many`` in chunks like an import; no visits, groups, rota or time bank, which the
roster page and its search do not read. The demo itself builds every mutual-aid proposal and runs out of memory
at 300,000 people, which is another piece of work.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHUNK = 20_000


def build(path: Path, count: int, seed: int = 1) -> float:
    """Make ``path`` (which must not exist) with ``count`` people; returns the seconds it took."""
    from app import people
    from app.db.connection import open_database
    from app.demo import _person

    started = time.perf_counter()
    db = open_database(path)
    rng = random.Random(seed)
    used: set[str] = set()
    made = 0
    while made < count:
        rows = []
        for _ in range(min(CHUNK, count - made)):
            row = _person(rng, used)
            row.update(registered_on=None, lunar_birth_month=None, lunar_birth_day=None, lunar_birth_leap=0,
                       aid_capacity=2, helper_unavailable=0, same_sex_only=0, on_rota=0, skills=[],
                       rota_weekdays_off=[], rota_max_month=None, rota_prefers="")
            rows.append(row)
        people.add_many(db, rows, actor="基准测试")
        made += len(rows)
    from app import accounts
    from app.db.settings import set_setting
    from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    from app.db import keyfile

    set_setting(db, "club_name", "基准测试服务社", actor="基准测试")
    set_setting(db, "demo", True, actor="基准测试")  # made-up people: the practice club's rules and passwords
    if getattr(db, "key", None) is not None and keyfile.exists(db.path):
        keyfile.update(db.path, db.key, practice=True)
    for name, role in DEMO_ACCOUNTS:  # the probes log in as the practice club's director
        accounts.create_account(db, name, role, DEMO_PASSWORD, actor="基准测试")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(f"built {args.out} in {build(args.out, args.people, args.seed):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
