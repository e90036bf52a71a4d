"""The SQL of accounts: who may use the app, with what role; passwords only as salted hashes."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import where


def insert_account(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "account", {"active": 1, "failed_attempts": 0, "locked_until": None, **values,
                                        "created_at": audit.now()}, actor=actor)


def update_account(db: sqlite_utils.Database, account_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "account", account_id, changes, actor=actor)


def get_account(db: sqlite_utils.Database, account_id: int) -> dict[str, Any]:
    return audit.get_row(db, "account", account_id)


def find_account(db: sqlite_utils.Database, name: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM account WHERE name = ?", [name]))
    return rows[0] if rows else None


def accounts(db: sqlite_utils.Database, *, active_only: bool = False) -> list[dict[str, Any]]:
    """Accounts, directors first, then in the order they were made (the password hash left out)."""
    only = " WHERE active = 1" if active_only else ""
    return list(db.query(f"SELECT id, name, role, active, failed_attempts, locked_until, created_at FROM account"
                         f"{only} ORDER BY role = 'duty', id"))


def count_directors(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM account WHERE role = 'director' AND active = 1").fetchone()[0]


def audit_rows(db: sqlite_utils.Database, *, actor: str | None = None, table: str | None = None,
               person_id: int | None = None, start: str | None = None, end: str | None = None,
               limit: int = 2000) -> list[dict[str, Any]]:
    """The audit log newest first, filtered by who did it, which table, which person it concerns, and when."""
    concerns = ("((table_name = 'person' AND row_id = ?) OR json_extract(after, '$.person_id') = ? "
                "OR json_extract(before, '$.person_id') = ?)")
    condition, params = where(("actor = ?", actor), ("table_name = ?", table),
                              (concerns, None if person_id is None else [person_id] * 3),
                              ("at >= ?", start), ("at < ?", end))
    return list(db.query(f"SELECT id, at, actor, action, table_name, row_id, before, after FROM audit_log{condition} "
                         f"ORDER BY id DESC LIMIT ?", [*params, limit]))


def audit_actors(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT actor FROM audit_log ORDER BY actor")]


def audit_tables(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT table_name FROM audit_log ORDER BY table_name")]
