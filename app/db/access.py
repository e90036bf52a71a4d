"""The record of personal data disclosed: full ID numbers exported or shown, by whom and when."""

from __future__ import annotations

import sqlite_utils

from app.db import audit


def record_access(db: sqlite_utils.Database, action: str, detail: str, *, actor: str) -> int:
    return audit.insert(db, "access_log", {"at": audit.now(), "actor": actor, "action": action, "detail": detail},
                        actor=actor)


def list_access(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT at, actor, action, detail FROM access_log ORDER BY id"))
