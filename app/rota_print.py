"""The month's rota as printed rows: days by slots, the names, the gaps and why, the counts (rendered by
app.reports.rota)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import sqlite_utils

from app import rota
from app.db import rota as rota_db


@dataclass(frozen=True)
class RotaColumn:
    key: str  # slot key, e.g. "desk_am"
    name: str  # e.g. "上午值班"
    time: str  # e.g. "08:30–11:30"


@dataclass(frozen=True)
class RotaDay:
    day: datetime.date
    note: str  # e.g. "元旦节 放假", "调休上班", ""
    # slot key -> names on duty; None (or no key) = no such shift that day; () = scheduled but nobody
    cells: dict[str, tuple[str, ...] | None]
    unfilled: dict[str, str]  # slot key -> reason a place is empty
    # slot key -> how many people the shift wants, so a gap reads "（缺 N 人）". Without it a key in ``unfilled``
    # (or a shift with nobody) reads "（缺人）"; with it a shift holding ``need`` names has no gap.
    need: dict[str, int] = field(default_factory=dict)
    # A day off (shaded)? None: a weekend unless the note says 上班 (调休上班), or a day whose note says 放假 / 休.
    off: bool | None = None


def rota_rows(db: sqlite_utils.Database, month: str):
    """(columns, days, counts) for app.reports.rota, from the month as planned."""
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

