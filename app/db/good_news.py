"""The SQL of the bulletin's good-news items (好人好事): one row per item, voided with a date stamp, never deleted."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.db import audit

_COLUMNS = "id, month, title, body, photo, photo_name, sort, created_at"


def items(db: sqlite_utils.Database, month: str) -> list[dict[str, Any]]:
    """The month's items that have not been removed, in the director's order."""
    return list(db.query(f"SELECT {_COLUMNS}, state FROM bulletin_item WHERE month = ? AND state != 'void' "
                         "ORDER BY sort, id", [month]))


def get_item(db: sqlite_utils.Database, item_id: int) -> dict[str, Any]:
    return audit.get_row(db, "bulletin_item", item_id)


def next_sort(db: sqlite_utils.Database, month: str) -> int:
    return db.execute("SELECT coalesce(max(sort), 0) + 1 FROM bulletin_item WHERE month = ?", [month]).fetchone()[0]


def insert_item(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "bulletin_item", {**values, "removed_at": None, "created_at": audit.now()}, actor=actor)


def update_item(db: sqlite_utils.Database, item_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "bulletin_item", item_id, changes, actor=actor)


def remove_item(db: sqlite_utils.Database, item_id: int, *, actor: str) -> dict:
    """Take an item out of the bulletin: void, stamped when."""
    return audit.update(db, "bulletin_item", item_id, {"removed_at": audit.now(), "state": "void"}, actor=actor)
