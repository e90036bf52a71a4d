"""Benchmark of the roster's Excel import and export, through the real command lines, with peak memory.

    python bench/roster_io.py [--people 100000]

Each measurement runs ``python -m app …`` in a fresh process and reads that process's peak RSS, so the
figures are what a director's PC would see (interpreter and imports included). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one ``python -m app`` command in a child process."""
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              "subprocess.run([sys.executable, '-m', 'app', *sys.argv[1:]], check=True, stdout=subprocess.DEVNULL)\n"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    out = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    return float(out[0]), float(out[1])


def measure_export(db: Path, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        runs = [_run("export-roster", "--db", str(db), "--out", str(Path(tmp) / f"out{i}.xlsx")) for i in range(repeat)]
    return {"seconds": statistics.median(r[0] for r in runs), "peak_rss_mb": max(r[1] for r in runs)}


def measure_import(rows: int = 10_000, repeat: int = 3) -> dict:
    """Import an exported roster of ``rows`` people (full IDs) into an empty database."""
    with tempfile.TemporaryDirectory() as tmp:
        source_db = Path(tmp) / "source.sqlite"
        subprocess.run([sys.executable, "-m", "app", "demo", "--db", str(source_db), "--people", str(rows)], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        sheet = Path(tmp) / "roster.xlsx"
        _run("export-roster", "--db", str(source_db), "--out", str(sheet), "--full-ids")
        runs = [_run("import-roster", str(sheet), "--db", str(Path(tmp) / f"target{i}.sqlite"), "--json")
                for i in range(repeat)]
    return {"rows": rows, "seconds": statistics.median(r[0] for r in runs), "peak_rss_mb": max(r[1] for r in runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to export (default: bench/out/demo-100000.sqlite)")
    args = parser.parse_args()
    db = args.db or next((ROOT / "bench" / "out").glob("demo-100000*.sqlite"), None)
    print("import", measure_import())
    if db is not None and db.exists():
        print("export", measure_export(db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
