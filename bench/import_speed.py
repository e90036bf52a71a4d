"""How long importing a roster takes against merely reading the same file with python-calamine, phase by phase.

    python bench/import_speed.py [--rows 10000 50000] [--repeat 3] [--parts]

For each size a demo club is exported (full IDs, the app's own layout, so every row passes every check) and the
file is imported into an empty database in this process, as the window's background job does. The floor is
python-calamine reading the same sheet into Python values (``get_sheet_by_name(...).to_python()``), measured in the
same run; the ratio is the import's median over the floor's median. The import's phases come from the report
(read: open, find the header and read the rows; check: every row through the person rules; match: duplicates in
the file and on the roster; write: the one transaction). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import python_calamine  # noqa: E402

from app import demo  # noqa: E402
from app.db import audit, people as people_db  # noqa: E402
from app.db.connection import open_database  # noqa: E402
from app.reports.roster import export_roster, import_roster  # noqa: E402
from app.roster_import import _layout, check_row  # noqa: E402
from app.workbook_safety import open_roster  # noqa: E402


def make_roster(rows: int, folder: Path) -> Path:
    db = open_database(folder / f"source-{rows}.sqlite")
    demo.make_demo(db, count=rows, seed=7)
    sheet = folder / f"roster-{rows}.xlsx"
    export_roster(db, sheet, actor="bench", full_ids=True)
    db.close()
    return sheet


def calamine_read(sheet: Path) -> float:
    started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(sheet))
    book.get_sheet_by_name(book.sheet_names[0]).to_python()
    book.close()
    return time.perf_counter() - started


def import_once(sheet: Path, folder: Path, run: int) -> tuple[float, dict[str, float], int]:
    db = open_database(folder / f"target-{sheet.stem}-{run}.sqlite")
    started = time.perf_counter()
    report = import_roster(db, sheet, actor="bench")
    seconds = time.perf_counter() - started
    db.close()
    return seconds, report.phases, report.imported


def measure(rows: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = make_roster(rows, folder)
        floor = [calamine_read(sheet) for _ in range(repeat)]
        runs = [import_once(sheet, folder, i) for i in range(repeat)]
        size = sheet.stat().st_size
    imported = {r[2] for r in runs}
    assert imported == {rows}, imported
    median = statistics.median(r[0] for r in runs)
    phases = {name: statistics.median(r[1][name] for r in runs) for name in runs[0][1]}
    return {"rows": rows, "file_mb": size / 2**20, "calamine_s": statistics.median(floor), "import_s": median,
            "ratio": median / statistics.median(floor), "phases": phases}


def checked_people(sheet: Path) -> list[dict]:
    book = open_roster(sheet)
    try:
        layout = _layout(book, None)
        rows = [values for number, values in book.rows(layout.sheet) if number > layout.header_row]
    finally:
        book.close()
    return [check_row(values, layout.mapping)[0] for values in rows]


def write_parts(records: list[dict], target: Path) -> dict[str, float]:
    """Seconds for each part of storing ``records`` (see the module docstring)."""
    db = open_database(target)
    conn, parts = db.conn, {}

    def timed(name, work):
        started = time.perf_counter()
        result = work()
        parts[name] = time.perf_counter() - started
        return result

    stamp = audit.now()
    rows = timed("Python: rows as stored", lambda: [
        {**people_db._encode(values), "created_at": stamp, "updated_at": stamp} for values in records])
    columns = list(rows[0])
    conn.execute("BEGIN IMMEDIATE")
    timed("SQLite: person rows and their indexes", lambda: conn.executemany(
        f"INSERT INTO person (id, {', '.join(columns)}) VALUES ({', '.join('?' * (len(columns) + 1))})",
        ([number, *(row[c] for c in columns)] for number, row in enumerate(rows, 1))))
    entries = timed("Python: audit records' JSON", lambda: [
        (stamp, "bench", "insert", "person", number, None, audit._dump(row)) for number, row in enumerate(rows, 1)])
    chained = timed("Python: audit chain's HMAC links", lambda: audit._chained(db, entries))
    timed("SQLite: audit rows and their indexes", lambda: conn.executemany(
        "INSERT INTO audit_log (id, at, actor, action, table_name, row_id, before, after, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chained))
    timed("SQLite: search-index rows", lambda: conn.execute(
        f"INSERT OR IGNORE INTO person_key (kind, key, person_id) {people_db._KEYS_FROM}", {"first": 1}))
    timed("SQLite: commit (encrypt and write the pages)", lambda: conn.execute("COMMIT"))
    parts["search-index rows written"] = conn.execute("SELECT count(*) FROM person_key").fetchone()[0]
    db.close()
    return parts


def print_parts(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = make_roster(rows, folder)
        floor = statistics.median(calamine_read(sheet) for _ in range(repeat))
        records = checked_people(sheet)
        runs = [write_parts(records, folder / f"parts-{i}.sqlite") for i in range(repeat)]
    print(f"\n{rows:,} rows, calamine reads the file in {floor:.2f} s\n")
    print("| part of the write | seconds | × the floor |")
    print("|---|---|---|")
    for name in runs[0]:
        value = statistics.median(run[name] for run in runs)
        if isinstance(value, int):
            print(f"| {name} | {value:,} | |")
        else:
            print(f"| {name} | {value:.3f} s | {value / floor:.1f}× |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parts", action="store_true", help="take the write apart too")
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"python-calamine {importlib.metadata.version('python-calamine')}")
    print("| rows | file | calamine reads it | import | ratio | read | check | match | write | write alone |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for rows in args.rows:
        m = measure(rows, args.repeat)
        p = m["phases"]
        print(f"| {rows:,} | {m['file_mb']:.1f} MB | {m['calamine_s']:.2f} s | {m['import_s']:.2f} s | "
              f"{m['ratio']:.1f}× | {p['read']:.2f} s | {p['check']:.2f} s | {p['match']:.2f} s | {p['write']:.2f} s | "
              f"{p['write'] / m['calamine_s']:.1f}× |",
              flush=True)
    if args.parts:
        for rows in args.rows:
            print_parts(rows, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
