"""The SQL of duty rotas: slots, holidays, absences, a month's assignments, swaps."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import transaction


def slots(db: sqlite_utils.Database, *, active_only: bool = True) -> list[dict[str, Any]]:
    where = " WHERE active = 1" if active_only else ""
    rows = list(db.query(f"SELECT * FROM shift_slot{where} ORDER BY sort, id"))
    for row in rows:
        row["weekdays"] = json.loads(row["weekdays"])
    return rows


def insert_slot(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "shift_slot", {**values, "weekdays": json.dumps(values.get("weekdays", [1, 2, 3, 4, 5, 6, 7]))},
                        actor=actor)


def update_slot(db: sqlite_utils.Database, slot_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    if "weekdays" in changes:
        changes = {**changes, "weekdays": json.dumps(changes["weekdays"])}
    return audit.update(db, "shift_slot", slot_id, changes, actor=actor)


def holidays(db: sqlite_utils.Database, start: str, end: str) -> dict[str, dict[str, Any]]:
    return {row["day"]: row for row in db.query("SELECT * FROM holiday WHERE day BETWEEN ? AND ? ORDER BY day",
                                                 [start, end])}


def holiday_years(db: sqlite_utils.Database) -> set[int]:
    return {int(row[0]) for row in db.execute("SELECT DISTINCT substr(day, 1, 4) FROM holiday")}


def put_holiday(db: sqlite_utils.Database, day: str, kind: str, name: str, source: str, *, actor: str) -> int:
    row = db.execute("SELECT id FROM holiday WHERE day = ?", [day]).fetchone()
    values = {"day": day, "kind": kind, "name": name, "source": source}
    if row:
        audit.update(db, "holiday", row[0], values, actor=actor)
        return row[0]
    return audit.insert(db, "holiday", values, actor=actor)


def rota_people(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Active people on the duty rota, with their skills and availability settings."""
    rows = list(db.query("SELECT id, name, skills, tags, rota_weekdays_off, rota_max_month, rota_prefers, sort_key "
                         "FROM person WHERE status = 'active' AND on_rota = 1 ORDER BY sort_key, id"))
    for row in rows:
        for key in ("skills", "tags", "rota_weekdays_off"):
            row[key] = json.loads(row[key])
    return rows


def absences(db: sqlite_utils.Database, start: str, end: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT a.*, p.name FROM rota_absence a JOIN person p ON p.id = a.person_id "
                         "WHERE a.cancelled = 0 AND a.end_on >= ? AND a.start_on <= ? ORDER BY a.start_on",
                         [start, end]))


def insert_absence(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "rota_absence", {**values, "cancelled": 0}, actor=actor)


def assignments(db: sqlite_utils.Database, start: str, end: str) -> list[dict[str, Any]]:
    """Current assignments between two dates, with slot and person names."""
    return list(db.query(
        "SELECT a.*, s.key AS slot_key, s.name AS slot_name, s.part, s.kind, s.sort, p.name "
        "FROM rota_assignment a JOIN shift_slot s ON s.id = a.slot_id JOIN person p ON p.id = a.person_id "
        "WHERE a.removed_at IS NULL AND a.day BETWEEN ? AND ? ORDER BY a.day, s.sort, s.id, a.id", [start, end]))


def replace_assignments(db: sqlite_utils.Database, remove: list[tuple[int, str]], add: list[dict[str, Any]],
                        month: str, unfilled: dict[str, Any], *, actor: str) -> None:
    """Apply a plan's differences in one transaction: mark removed rows with why, insert new ones."""
    stamp = audit.now()
    with transaction(db):
        for assignment_id, reason in remove:
            audit.update(db, "rota_assignment", assignment_id, {"removed_at": stamp, "removed_reason": reason},
                         actor=actor)
        if add:
            audit.insert_many(db, "rota_assignment", [{**row, "fixed": row.get("fixed", 0), "confirmed": None,
                                                       "removed_at": None, "removed_reason": "", "created_at": stamp}
                                                      for row in add], actor=actor)
        row = db.execute("SELECT id FROM rota_month WHERE month = ?", [month]).fetchone()
        values = {"generated_at": stamp, "unfilled": json.dumps(unfilled, ensure_ascii=False)}
        if row:
            audit.update(db, "rota_month", row[0], values, actor=actor)
        else:
            audit.insert(db, "rota_month", {"month": month, "published": 0, **values}, actor=actor)


def month_row(db: sqlite_utils.Database, month: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM rota_month WHERE month = ?", [month]))
    if not rows:
        return None
    rows[0]["unfilled"] = json.loads(rows[0]["unfilled"])
    return rows[0]


def set_published(db: sqlite_utils.Database, month: str, published: bool, *, actor: str) -> None:
    row = month_row(db, month)
    if row is None:
        audit.insert(db, "rota_month", {"month": month, "published": int(published), "generated_at": None,
                                        "unfilled": "{}"}, actor=actor)
    else:
        audit.update(db, "rota_month", row["id"], {"published": int(published)}, actor=actor)


def update_assignment(db: sqlite_utils.Database, assignment_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "rota_assignment", assignment_id, changes, actor=actor)


def get_assignment(db: sqlite_utils.Database, assignment_id: int) -> dict[str, Any]:
    return audit.get_row(db, "rota_assignment", assignment_id)


def insert_assignment(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "rota_assignment", {"fixed": 0, "confirmed": None, "removed_at": None, "removed_reason": "",
                                                "created_at": audit.now(), **values}, actor=actor)


def record_swap(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "rota_swap", {**values, "at": audit.now(), "actor": actor}, actor=actor)


def get_swap(db: sqlite_utils.Database, swap_id: int) -> dict[str, Any]:
    return audit.get_row(db, "rota_swap", swap_id)


def update_swap(db: sqlite_utils.Database, swap_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "rota_swap", swap_id, changes, actor=actor)


def current_assignment(db: sqlite_utils.Database, day: str, slot_id: int, person_id: int) -> dict[str, Any] | None:
    """The person's assignment to the place that is not removed, if any."""
    rows = list(db.query("SELECT * FROM rota_assignment WHERE day = ? AND slot_id = ? AND person_id = ? "
                         "AND removed_at IS NULL ORDER BY id DESC LIMIT 1", [day, slot_id, person_id]))
    return rows[0] if rows else None


def swaps(db: sqlite_utils.Database, start: str, end: str) -> list[dict[str, Any]]:
    return list(db.query(
        "SELECT w.*, s.key AS slot_key, s.name AS slot_name, f.name AS from_name, t.name AS to_name FROM rota_swap w "
        "JOIN shift_slot s ON s.id = w.slot_id JOIN person f ON f.id = w.from_person JOIN person t ON t.id = w.to_person "
        "WHERE w.day BETWEEN ? AND ? ORDER BY w.day, w.id", [start, end]))
