"""The club's settings, kept in the database so that a backup carries them."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import transaction


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: sqlite_utils.Database, key: str, value: Any, *, actor: str) -> None:
    encoded = json.dumps(value, ensure_ascii=False)
    with transaction(db):
        row = db.execute("SELECT id FROM setting WHERE key = ?", [key]).fetchone()
        if row is None:
            audit.insert(db, "setting", {"key": key, "value": encoded}, actor=actor)
        else:
            audit.update(db, "setting", row[0], {"value": encoded}, actor=actor)
