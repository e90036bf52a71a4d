"""Every write to the club's registers goes through here, and leaves an audit row (who, when, what, before, after);
what it wrote is noted for whoever records the changes of a write (app.db.changes).

Each audit row carries a link of a hash chain: an HMAC (under a key derived from the club's data key, so nobody
without the key can recompute it) of the previous link and the row's own fields. Files from before encryption have
plain SHA-256 links up to the point they were encrypted; rows from before the chain began have none and are folded
into its first link. ``tamper_problems`` finds a row changed, removed or inserted anywhere, an emptied chain, a
cut tail (the newest link is also kept in the key file, outside the club file) and a register row changed with
no audit row behind it (each row is compared with what its audit rows say it should hold).
"""

from __future__ import annotations

import hashlib
import hmac
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


KEYED = "k1:"  # the prefix of a keyed link; a plain SHA-256 link is bare hex


def _chain_key(db) -> bytes | None:
    key = getattr(db, "key", None)
    if key is None:
        return None
    from app.db.keyfile import derived

    return derived(key, "audit chain")


def _link(previous: str, fields, chain_key: bytes | None = None) -> str:
    data = previous.encode("ascii") + b"\n" + _line(fields)
    if chain_key is None:
        return hashlib.sha256(data).hexdigest()
    return KEYED + hmac.new(chain_key, data, hashlib.sha256).hexdigest()


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
    chain_key = _chain_key(db)
    out = []
    for entry in entries:
        fields = (next_id, *entry)
        previous = _link(previous, fields, chain_key)
        out.append((*fields, previous))
        next_id += 1
    return out


def chain_problems(db: sqlite_utils.Database, *, anchor: dict | None = None, keyed_from: int | None = None) -> list[str]:
    """Where the audit log's hash chain breaks, in Chinese (empty when every row is as it was written).

    ``anchor`` is the newest link as recorded outside the file; ``keyed_from`` the first row id that must carry a
    keyed link (the club was encrypted before it was written)."""
    if "hash" not in {row[1] for row in db.execute("PRAGMA table_info(audit_log)")}:
        return []  # a file from before the chain (schema version 9 or older): nothing to check yet
    chain_key = _chain_key(db)
    unchained: list[tuple] = []
    previous = None
    phase = 0  # 0: before the chain, 1: plain links, 2: keyed links; never goes back
    newest = None
    for row in db.execute(f"SELECT {_FIELDS}, hash FROM audit_log ORDER BY id"):
        fields, stored = row[:-1], row[-1]
        newest = (fields[0], stored)
        if keyed_from is not None and fields[0] >= keyed_from and not (stored or "").startswith(KEYED):
            return [f"审计日志第 {fields[0]} 条没有钥匙校验值：日志在程序之外被改动过"]
        if stored is None:
            if previous is not None:
                return [f"审计日志第 {fields[0]} 条没有校验值：日志在程序之外被改动过"]
            unchained.append(fields)
            continue
        keyed = stored.startswith(KEYED)
        if phase == 2 and not keyed:
            return [f"审计日志第 {fields[0]} 条的校验值不对：日志在程序之外被改动过"]
        phase = 2 if keyed else 1
        if previous is None:
            previous = _fold(unchained)
        if keyed and chain_key is None:
            return ["审计日志需要钥匙才能核对"]
        if _link(previous, fields, chain_key if keyed else None) != stored:
            return [f"审计日志第 {fields[0]} 条与记录时不一致：日志在程序之外被改动或删除过"]
        previous = stored
    if anchor:
        anchored = db.execute("SELECT hash FROM audit_log WHERE id = ?", [anchor.get("id")]).fetchone()
        if anchored is None:
            return [f"审计日志少了最后的记录（钥匙文件里记着第 {anchor.get('id')} 条，日志只到第 "
                    f"{newest[0] if newest else 0} 条）：日志末尾在程序之外被删除过"]
        if anchored[0] != anchor.get("hash"):
            return [f"审计日志第 {anchor.get('id')} 条与钥匙文件里记下的不一致：日志在程序之外被改动过"]
    return []


def newest_link(db: sqlite_utils.Database) -> dict | None:
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return {"id": row[0], "hash": row[1]} if row else None


def check_code(link: dict | None) -> str:
    """The 审计校验码 printed on the monthly bulletin: the newest link's number and 8 characters of it, so a log
    whose tail was cut or rewritten no longer matches the paper."""
    if not link or not link.get("hash"):
        return "—"
    digest = hashlib.sha256(str(link["hash"]).encode("ascii")).hexdigest()[:8].upper()
    return f"{link['id']}-{digest[:4]}-{digest[4:]}"


# ---------------------------------------------------------------- register rows against their audit rows


def unaudited_changes(db: sqlite_utils.Database, *, limit: int = 20) -> list[str]:
    """Register rows that differ from what their audit rows say (changed, added or removed with no audit row).

    Each audited table's rows are rebuilt from the log (an insert's values, then each update's new values) and
    compared, column by column, with the rows as they are; columns the log never named (filled by a default, or
    added by a later schema step) are not compared."""
    problems: list[str] = []
    expected: dict[str, dict[int, dict]] = {}
    for table, row_id, action, after in db.execute(
            "SELECT table_name, row_id, action, after FROM audit_log ORDER BY id"):
        values = json.loads(after or "null") or {}
        rows = expected.setdefault(table, {})
        if action == "insert":
            rows[row_id] = dict(values)
        else:
            rows.setdefault(row_id, {}).update(values)
    for table in audited_tables(db):
        rows = expected.get(table, {})
        seen = set()
        for current in db.query(f"SELECT * FROM [{table}]"):
            row_id = current["id"]
            seen.add(row_id)
            wanted = rows.get(row_id)
            if wanted is None:
                problems.append(f"{table} 第 {row_id} 行没有审计记录：在程序之外加进去的")
            else:
                for column, value in wanted.items():
                    if column in SECRET or column in DERIVED or column not in current:
                        continue
                    if _comparable(current[column]) != _comparable(value):
                        problems.append(f"{table} 第 {row_id} 行的 {column} 与审计记录不一致：在程序之外被改动过")
                        break
            if len(problems) >= limit:
                return problems
        for row_id in sorted(set(rows) - seen):
            problems.append(f"{table} 第 {row_id} 行不见了：在程序之外被删除过")
            if len(problems) >= limit:
                return problems
    return problems


# Columns the app derives from others (the roster's search words and sort key): a schema step or a rebuilt search
# index may make them again without an audit row, so they are not compared; the columns they come from are.
DERIVED = {"search_text", "sort_key"}


def audited_tables(db) -> list[str]:
    """The register tables: every table with an ``id`` key but the audit log itself and a full-text index's own."""
    tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    out = []
    for name, sql in tables:
        if name == "audit_log" or name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{name}])")]
        if "id" in columns:
            out.append(name)
    return sorted(out)


def _comparable(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _plain(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def tamper_problems(db: sqlite_utils.Database) -> list[str]:
    """Everything ``check`` and the audit viewer look for beyond SQLite's own checks: the schema against the
    migrations', the chain with its anchor in the key file, register rows against their audit rows."""
    from app.db import keyfile
    from app.db.connection import schema_problems

    problems = schema_problems(db.conn)
    anchor = keyed_from = None
    path, key = getattr(db, "path", None), getattr(db, "key", None)
    if path is not None and key is not None:
        try:
            content = keyfile.read(path)
            keyfile.verify(content, key, path)
        except Exception as exc:  # a missing or changed key file is itself a finding
            problems.append(str(exc))
        else:
            anchor = content.get("anchor")
            keyed_from = (content.get("chain") or {}).get("keyed_from")
    problems += chain_problems(db, anchor=anchor, keyed_from=keyed_from)
    problems += unaudited_changes(db)
    return problems


def _plain(value: Any) -> str:
    """A value JSON cannot hold, as text: a photo is logged by its size and digest, not its bytes."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return f"<{len(data)} bytes sha256:{hashlib.sha256(data).hexdigest()[:16]}>"
    return str(value)


SECRET = ("password_hash",)  # never copied into the log
# json.dumps with these arguments makes an encoder per call: nearly half the time of encoding a person's row.
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_plain)


def _dump(values) -> str | None:
    if values is None:
        return None
    if not values.keys().isdisjoint(SECRET):
        values = {key: ("<不记录>" if key in SECRET else value) for key, value in values.items()}
    return _JSON.encode(values)


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
