"""The practice club's fingerprint: the same seed must give the same club on every platform.

    python packaging/windows/demo_fingerprint.py FILE.sqlite

makes the demo club (seed 1, 300 people, as if made on 16 March 2026) in FILE, an empty or missing file, and
prints one line of JSON: {"rota": digest of both months' duty rota, "data": digest of every register}. The
Windows check runs it under Windows Python and compares both with the same script run on Linux, and the rota
digest with the one tests/test_same_plan_everywhere.py holds. Left out of the data digest is only what the
clock or chance writes by design: the times rows were written (`*_at`, `at`), the audit log and the access
log (their rows carry those times), and the salted password hashes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
from pathlib import Path

SEED, PEOPLE, TODAY = 1, 300, datetime.date(2026, 3, 16)
MONTHS = ("2026-03", "2026-04")
_UNSTABLE_TABLES = {"audit_log", "access_log"}
_UNSTABLE_COLUMNS = {"at", "hash", "password_hash"}


def rota_digest(db) -> str:
    """Every place of both months' rota and who is on it, one line each, in the order of the month."""
    from app import rota

    lines = []
    for month in MONTHS:
        for shift in rota.rota_json(db, month)["shifts"]:
            lines.append(f"{shift['date']} {shift['slot']} {','.join(map(str, shift['volunteer_ids']))}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def data_digest(db) -> str:
    """Every row of every register, its columns in schema order, the tables by name."""
    digest = hashlib.sha256()
    tables = list(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"))
    # A full-text index (a virtual table and its shadow tables) only repeats the registers in its own format.
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    for table, _ in tables:
        if (table in _UNSTABLE_TABLES or table.startswith("sqlite_") or table in virtual
                or any(table.startswith(f"{name}_") for name in virtual)):
            continue
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}])")
                   if row[1] not in _UNSTABLE_COLUMNS and not row[1].endswith("_at")]
        digest.update(f"[{table}] {columns}\n".encode("utf-8"))
        rows = sorted(repr(tuple(value.hex() if isinstance(value, bytes) else value for value in row))
                      for row in db.execute(f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}]"))
        digest.update("\n".join(rows).encode("utf-8") + b"\n")
    return digest.hexdigest()


def fingerprint(path: Path) -> dict[str, str]:
    from app.db.connection import open_database
    from app.demo import make_demo

    db = open_database(path)
    make_demo(db, count=PEOPLE, seed=SEED, today=TODAY)
    return {"rota": rota_digest(db), "data": data_digest(db)}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(fingerprint(Path(sys.argv[1]))))
