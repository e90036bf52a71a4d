"""Every write to the club's registers goes through here, and leaves an audit row (who, when, what, before, after);
what it wrote is noted for whoever records the changes of a write (app.db.changes)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import sqlite_utils

from app.db import changes
from app.db.connection import transaction
from app.errors import NotFound


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def insert(db: sqlite_utils.Database, table: str, values: dict[str, Any], *, actor: str) -> int:
    """Insert one row and its audit row in one transaction; returns the new row's id."""
    with transaction(db):
        row_id = db.table(table).insert(values).last_pk
        _log(db, actor, "insert", table, row_id, None, values)
    return row_id


def insert_many(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], *, actor: str) -> list[int]:
    """Insert many rows with the same columns, each with its audit row, in one transaction; returns their ids.

    Ids are given explicitly (after the largest in use, under the write lock) so that both tables can be
    written with ``executemany``: about ten times faster than one insert at a time for the demo club or
    an import of thousands of rows.
    """
    if not rows:
        return []
    columns = list(rows[0])
    if any(len(row) != len(columns) or row.keys() != rows[0].keys() for row in rows):
        raise ValueError("insert_many needs every row to have the same columns")
    with transaction(db):
        first = db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]
        row_ids = list(range(first, first + len(rows)))
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" * (len(columns) + 1))
        db.conn.executemany(
            f"INSERT INTO [{table}] (id, {names}) VALUES ({marks})",
            ([row_id, *(row[c] for c in columns)] for row_id, row in zip(row_ids, rows)),
        )
        stamp = now()
        entries = [(stamp, actor, "insert", table, row_id, None, _dump(row)) for row_id, row in zip(row_ids, rows)]
        db.conn.executemany(
            "INSERT INTO audit_log (id, at, actor, action, table_name, row_id, before, after, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _chained(db, entries))
        for row_id in row_ids:
            changes.noted(db, table, row_id, created=True)
    return row_ids


def update(db: sqlite_utils.Database, table: str, row_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    """Change one row; the audit row keeps the old and new values of the columns that changed.

    Returns the changed columns with their new values (empty when nothing changed, and then no audit row).
    """
    with transaction(db):
        before = get_row(db, table, row_id)
        changed = {key: value for key, value in changes.items() if before.get(key) != value}
        if changed:
            db.table(table).update(row_id, changed)
            _log(db, actor, "update", table, row_id, {key: before[key] for key in changed}, changed)
    return changed


def get_row(db: sqlite_utils.Database, table: str, row_id: int) -> dict:
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]))
    if not rows:
        raise NotFound(f"没有编号为 {row_id} 的记录")
    return rows[0]


def _log(db, actor: str, action: str, table: str, row_id: int, before, after) -> None:
    entry = (now(), actor, action, table, row_id, _dump(before), _dump(after))
    db.execute("INSERT INTO audit_log (id, at, actor, action, table_name, row_id, before, after, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _chained(db, [entry])[0])
    changes.noted(db, table, row_id, created=action == "insert")


# ---------------------------------------------------------------- the hash chain

_FIELDS = "id, at, actor, action, table_name, row_id, before, after"


def _line(fields) -> bytes:
    return "\x1f".join("" if f is None else str(f) for f in fields).encode("utf-8")


def _link(previous: str, fields) -> str:
    return hashlib.sha256(previous.encode("ascii") + b"\n" + _line(fields)).hexdigest()


def _fold(rows) -> str:
    """The digest of the rows written before the chain began (all of them, in id order): its first link."""
    digest = hashlib.sha256()
    for fields in rows:
        digest.update(_line(fields) + b"\n")
    return digest.hexdigest()


def _chained(db, entries: list[tuple]) -> list[tuple]:
    """The entries (at, actor, action, table, row_id, before, after) with their ids and hashes, each linked to the
    one before; called under the write lock, so nobody else writes between reading the head and inserting."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        next_id, previous = 1, _fold([])
    else:
        next_id = last[0] + 1
        previous = last[1] if last[1] is not None else _fold(db.execute(f"SELECT {_FIELDS} FROM audit_log ORDER BY id"))
    out = []
    for entry in entries:
        fields = (next_id, *entry)
        previous = _link(previous, fields)
        out.append((*fields, previous))
        next_id += 1
    return out


def chain_problems(db: sqlite_utils.Database) -> list[str]:
    """Where the audit log's hash chain breaks, in Chinese (empty when every row is as it was written)."""
    unchained: list[tuple] = []
    previous = None
    for row in db.execute(f"SELECT {_FIELDS}, hash FROM audit_log ORDER BY id"):
        fields, stored = row[:-1], row[-1]
        if stored is None:
            if previous is not None:
                return [f"审计日志第 {fields[0]} 条没有校验值：日志在程序之外被改动过"]
            unchained.append(fields)
            continue
        if previous is None:
            previous = _fold(unchained)
        if _link(previous, fields) != stored:
            return [f"审计日志第 {fields[0]} 条与记录时不一致：日志在程序之外被改动或删除过"]
        previous = stored
    return []


def _plain(value: Any) -> str:
    """A value JSON cannot hold, as text: a photo is logged by its size and digest, not its bytes."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return f"<{len(data)} bytes sha256:{hashlib.sha256(data).hexdigest()[:16]}>"
    return str(value)


SECRET = ("password_hash",)  # never copied into the log


def _dump(values) -> str | None:
    if values is None:
        return None
    shown = {key: ("<不记录>" if key in SECRET else value) for key, value in values.items()}
    return json.dumps(shown, ensure_ascii=False, sort_keys=True, default=_plain)


def history(db: sqlite_utils.Database, table: str, row_id: int) -> list[dict]:
    """The audit rows of one record, oldest first, with before/after decoded."""
    rows = db.query(
        "SELECT at, actor, action, before, after FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id",
        [table, row_id],
    )
    return [
        {**row, "before": json.loads(row["before"] or "null"), "after": json.loads(row["after"] or "null")}
        for row in rows
    ]
