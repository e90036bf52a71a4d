"""The SQL of corrections (更正、作废): the correction register, an entry's state, and who recorded an entry.

An entry is never deleted: a correction changes its row (through the audited path) and adds a row here with the
reason and the values before and after; a void marks the row ``void`` and adds a row here. Who recorded an entry,
and when, is read from the audit log's insert row (or, for a shift's attendance, the update that set it), the one
place every register writes it.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit


def record(db: sqlite_utils.Database, table: str, row_id: int, action: str, reason: str, before: dict[str, Any],
           after: dict[str, Any], *, actor: str) -> int:
    """Add a correction or void of ``table`` row ``row_id`` to the register; returns its id."""
    return audit.insert(db, "correction", {
        "table_name": table, "row_id": int(row_id), "action": action, "reason": reason,
        "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
        "after": json.dumps(after, ensure_ascii=False, sort_keys=True), "actor": actor, "at": audit.now()},
        actor=actor)


def history(db: sqlite_utils.Database, table: str, row_id: int) -> list[dict[str, Any]]:
    """The corrections and voids of one entry, oldest first, with ``before``/``after`` decoded."""
    rows = db.query("SELECT id, action, reason, before, after, actor, at FROM correction "
                    "WHERE table_name = ? AND row_id = ? ORDER BY id", [table, int(row_id)])
    return [{**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])} for row in rows]


def corrected(db: sqlite_utils.Database, table: str, row_ids: list[int]) -> set[int]:
    """Which of these rows have a correction or void in the register."""
    if not row_ids:
        return set()
    return {row[0] for row in db.execute(
        "SELECT DISTINCT row_id FROM correction WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))",
        [table, json.dumps([int(r) for r in row_ids])])}


def inserted_by(db: sqlite_utils.Database, table: str, row_id: int) -> tuple[str, str] | None:
    """(who, when) the row was recorded, from its audit insert row; None when the log has none."""
    row = db.execute("SELECT actor, at FROM audit_log WHERE table_name = ? AND row_id = ? AND action = 'insert' "
                     "ORDER BY id LIMIT 1", [table, int(row_id)]).fetchone()
    return (row[0], row[1]) if row else None


def last_set_by(db: sqlite_utils.Database, table: str, row_id: int, column: str) -> tuple[str, str] | None:
    """(who, when) the row's ``column`` was last set, from the audit log (an insert or an update naming it)."""
    for actor, at, after in db.execute(
            "SELECT actor, at, after FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id DESC",
            [table, int(row_id)]):
        if column in json.loads(after or "{}"):
            return actor, at
    return None


def set_state(db: sqlite_utils.Database, table: str, row_id: int, state: str, *, actor: str) -> dict:
    return audit.update(db, table, int(row_id), {"state": state}, actor=actor)
