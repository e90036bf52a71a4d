"""The month's rota as printed rows: days by slots, the names, the gaps and why, the counts; then PDF or .xlsx."""

from __future__ import annotations

import datetime
from pathlib import Path

import sqlite_utils

from app import rota
from app.db import rota as rota_db
from app.db.settings import get_setting


def rota_rows(db: sqlite_utils.Database, month: str):
    """(columns, days, counts) for app.reports.rota, from the month as planned."""
    from app.reports.rota import RotaColumn, RotaDay

    first, last = rota.month_bounds(month)
    shifts = rota.month_rota(db, month)
    columns = [RotaColumn(s["key"], s["name"], f"{s['start_time']}–{s['end_time']}" if s["start_time"] else "")
               for s in rota_db.slots(db)]
    notes = {day: (f"{row['name']} 放假" if row["kind"] == "off" else "调休上班")
             for day, row in rota_db.holidays(db, first.isoformat(), last.isoformat()).items()}
    by_day: dict[datetime.date, dict] = {}
    gaps: dict[datetime.date, dict] = {}
    needs: dict[datetime.date, dict] = {}
    counts: dict[str, int] = {}
    for shift in shifts:
        by_day.setdefault(shift.day, {})[shift.slot_key] = tuple(name for _, name, _ in shift.people)
        needs.setdefault(shift.day, {})[shift.slot_key] = shift.need
        if shift.unfilled_reason:
            gaps.setdefault(shift.day, {})[shift.slot_key] = shift.unfilled_reason
        for _, name, _ in shift.people:
            counts[name] = counts.get(name, 0) + 1
    days = []
    day = first
    while day <= last:
        cells = {c.key: by_day.get(day, {}).get(c.key) for c in columns}
        days.append(RotaDay(day, notes.get(day.isoformat(), ""), cells, gaps.get(day, {}), need=needs.get(day, {})))
        day += datetime.timedelta(days=1)
    return columns, days, sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def save_rota_pdf(db: sqlite_utils.Database, month: str, path: str | Path) -> int:
    from app.reports.rota import write_rota_pdf

    columns, days, counts = rota_rows(db, month)
    return write_rota_pdf(Path(path), club_name=get_setting(db, "club_name", ""), month=rota.month_bounds(month)[0],
                          columns=columns, days=days, counts=counts)


def save_rota_xlsx(db: sqlite_utils.Database, month: str, path: str | Path) -> None:
    from app.reports.rota import write_rota_xlsx

    columns, days, counts = rota_rows(db, month)
    write_rota_xlsx(Path(path), club_name=get_setting(db, "club_name", ""), month=rota.month_bounds(month)[0],
                    columns=columns, days=days, counts=counts)
