"""The SQL of the meetings register (会议): attendees are a JSON array of person ids on the meeting row."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import where


def _meeting(row: dict[str, Any]) -> dict[str, Any]:
    row["attendee_ids"] = json.loads(row["attendee_ids"] or "[]")
    return row


def insert_meeting(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    row = {**values, "attendee_ids": json.dumps(list(values["attendee_ids"])), "created_at": audit.now()}
    return audit.insert(db, "meeting", row, actor=actor)


def update_meeting(db: sqlite_utils.Database, meeting_id: int, values: dict[str, Any], *, actor: str) -> dict:
    row = dict(values)
    if "attendee_ids" in row:
        row["attendee_ids"] = json.dumps(list(row["attendee_ids"]))
    return audit.update(db, "meeting", meeting_id, row, actor=actor)


def get_meeting(db: sqlite_utils.Database, meeting_id: int) -> dict[str, Any]:
    return _meeting(audit.get_row(db, "meeting", meeting_id))


def list_meetings(db: sqlite_utils.Database, *, start: str | None = None, end: str | None = None,
                  valid_only: bool = False) -> list[dict[str, Any]]:
    """Meetings newest first, optionally held between ``start`` and ``end`` (inclusive), without the void ones if
    ``valid_only``."""
    condition, params = where(("held_on >= ?", start), ("held_on <= ?", end),
                              ("state != ?", "void" if valid_only else None))
    return [_meeting(row) for row in db.query(f"SELECT * FROM meeting{condition} ORDER BY held_on DESC, id DESC",
                                              params)]


def count_kind_between(db: sqlite_utils.Database, kind: str, start: str, end: str) -> int:
    return db.execute("SELECT count(*) FROM meeting WHERE kind = ? AND held_on BETWEEN ? AND ? AND state != 'void'",
                      [kind, start, end]).fetchone()[0]
