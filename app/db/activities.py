"""The SQL of activities (活动): service sessions, events and classes; participants are [person id, hours] pairs on the row."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db import timebank as bank_db
from app.db.connection import transaction, where


def _activity(row: dict[str, Any]) -> dict[str, Any]:
    row["participants"] = [(int(pid), float(hours)) for pid, hours in json.loads(row["participants"] or "[]")]
    return row


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    row = dict(values)
    if "participants" in row:
        row["participants"] = json.dumps([[pid, hours] for pid, hours in row["participants"]])
    return row


def insert_activity(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "activity", {**_stored(values), "confirmed_at": None, "confirmed_by": None,
                                         "created_at": audit.now()}, actor=actor)


def update_activity(db: sqlite_utils.Database, activity_id: int, values: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "activity", activity_id, _stored(values), actor=actor)


def get_activity(db: sqlite_utils.Database, activity_id: int) -> dict[str, Any]:
    return _activity(audit.get_row(db, "activity", activity_id))


def confirm_activity(db: sqlite_utils.Database, activity_id: int, entries: list[dict[str, Any]], *,
                     actor: str) -> None:
    """Stamp the activity confirmed and credit its participants, in one transaction."""
    with transaction(db):
        audit.update(db, "activity", activity_id, {"confirmed_at": audit.now(), "confirmed_by": actor}, actor=actor)
        bank_db.insert_entries(db, entries, actor=actor)


def list_activities(db: sqlite_utils.Database, *, start: str | None = None,
                    end: str | None = None) -> list[dict[str, Any]]:
    """Activities newest first, optionally held between ``start`` and ``end`` (inclusive)."""
    condition, params = where(("held_on >= ?", start), ("held_on <= ?", end))
    return [_activity(row) for row in db.query(f"SELECT * FROM activity{condition} ORDER BY held_on DESC, id DESC",
                                               params)]


def projects_in_use(db: sqlite_utils.Database) -> list[str]:
    """Project names already used by activities and rota slots, most used first."""
    return [row[0] for row in db.execute(
        "SELECT name FROM (SELECT project AS name FROM activity WHERE project != '' AND state != 'void' "
        "UNION ALL SELECT name FROM shift_slot WHERE kind != 'desk') GROUP BY name ORDER BY count(*) DESC, name")]


def activity_counts(db: sqlite_utils.Database, start: str, end: str) -> dict[int, int]:
    """How many confirmed activities each person took part in between ``start`` and ``end``."""
    return dict(db.execute(
        "SELECT CAST(json_extract(j.value, '$[0]') AS INTEGER) AS person_id, count(*) "
        "FROM activity a, json_each(a.participants) j WHERE a.confirmed_at IS NOT NULL AND a.state != 'void' "
        "AND a.held_on BETWEEN ? AND ? GROUP BY person_id", [start, end]).fetchall())
