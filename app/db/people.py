"""The SQL of the roster: store and change people, search and page through them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

import sqlite_utils

from app.db import audit
from app.db.connection import transaction
from app.errors import InvalidRecord

_LIST_COLUMNS = ("situations", "tags", "posts", "skills", "rota_weekdays_off")
# Sort orders the roster offers; ``id`` last makes every order total, so paging is stable.
SORTS = {
    "name": "sort_key",
    "sex": "sex",
    "birth_date": "birth_date",
    "building": "CAST(building AS INTEGER), building, CAST(unit AS INTEGER), CAST(room AS INTEGER)",
    "phone": "phone",
    "status": "status",
    "id": "id",
}


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    row = dict(values)
    for key in _LIST_COLUMNS:
        if key in row:
            row[key] = json.dumps(list(row[key]), ensure_ascii=False) if row[key] else "[]"  # most lists are empty
    return row


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _LIST_COLUMNS:
        if key in row:
            row[key] = json.loads(row[key])
    return row


def _check_unique_id(db: sqlite_utils.Database, id_number: str | None, person_id: int | None) -> None:
    if not id_number:
        return
    other = db.execute(
        "SELECT id, name FROM person WHERE id_number = ? AND id IS NOT ?", [id_number, person_id]
    ).fetchone()
    if other:
        raise InvalidRecord({"id_number": f"此身份证号已登记给 {other[1]}（编号 {other[0]}）"})


def insert_person(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    """Store a checked person (see ``people.clean_person``); returns the new person's id."""
    stamp = audit.now()
    with transaction(db):
        _check_unique_id(db, values.get("id_number"), None)
        return audit.insert(db, "person", {**_encode(values), "created_at": stamp, "updated_at": stamp}, actor=actor)


def update_person(db: sqlite_utils.Database, person_id: int, values: dict[str, Any], *, actor: str) -> dict:
    """Change a person's checked fields; returns what changed."""
    with transaction(db):
        _check_unique_id(db, values.get("id_number"), person_id)
        changes = _encode(values)
        current = audit.get_row(db, "person", person_id)
        if any(current.get(key) != value for key, value in changes.items()):
            changes["updated_at"] = audit.now()
        return audit.update(db, "person", person_id, changes, actor=actor)


def set_status(db: sqlite_utils.Database, person_id: int, status: str, on: str | None, *, actor: str) -> dict:
    """Mark a person active again, moved away or deceased, from a date; people are never deleted."""
    changes = {"status": status, "status_date": on if status != "active" else None, "updated_at": audit.now()}
    return audit.update(db, "person", person_id, changes, actor=actor)


def get_person(db: sqlite_utils.Database, person_id: int) -> dict[str, Any]:
    return _decode(audit.get_row(db, "person", person_id))


def count_people(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM person").fetchone()[0]


@dataclass(frozen=True)
class RosterQuery:
    """Which people to list and in what order; ``terms`` are (kind, value) pairs that must all match.

    Kinds: "text" (a name, or pinyin in ``search_text``), "building" (a building number),
    "digits" (the tail of an ID number, part of a phone number, or a building number).
    """

    terms: tuple[tuple[str, str], ...] = ()
    members: bool = False
    volunteers: bool = False
    hardship: bool = False
    tag: str | None = None
    include_inactive: bool = False
    sort: str = "name"
    descending: bool = False
    only_ids: tuple[int, ...] | None = None  # restrict to these people (e.g. the uncovered of the aid groups)


def _where(flt: RosterQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_inactive:
        clauses.append("status = 'active'")
    if flt.members:
        clauses.append("is_member = 1")
    if flt.volunteers:
        clauses.append("is_volunteer = 1")
    if flt.hardship:
        clauses.append("situations != '[]'")
    if flt.only_ids is not None:
        clauses.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.only_ids)))
    if flt.tag:
        clauses.append("instr(tags, ?) > 0")
        params.append(json.dumps(flt.tag, ensure_ascii=False))
    for kind, value in flt.terms:
        if kind == "text":
            clauses.append("instr(search_text, ?) > 0")
            params.append(value)
        elif kind == "building":
            clauses.append("building = ?")
            params.append(value)
        else:
            # Digits are the tail of an ID number, part of a phone number, or a building number.
            # Only the tail of an ID is searched: the middle is a birth date, and should not find people.
            clauses.append("(substr(id_number, -length(?)) = ? OR instr(phone, ?) > 0 OR building = ?)")
            params.extend([value, value, value, value])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def search_ids(db: sqlite_utils.Database, flt: RosterQuery) -> list[int]:
    """The ids of the people the filter shows, in the filter's order."""
    where, params = _where(flt)
    order = SORTS.get(flt.sort, SORTS["name"])
    direction = " DESC" if flt.descending else ""
    order_sql = ", ".join(f"{part}{direction}" for part in order.split(", ")) + f", id{direction}"
    cursor = db.execute(f"SELECT id FROM person{where} ORDER BY {order_sql}", params)
    return [row[0] for row in cursor]


_ROW_COLUMNS = ("id, name, sex, birth_date, birth_month_only, id_number, id_legacy, phone, building, unit, room, is_resident, "
                "is_member, party_joined, party_branch, is_volunteer, situations, tags, posts, status, status_date, notes, "
                "registered_on, lunar_birth_month, lunar_birth_day, lunar_birth_leap, aid_capacity, helper_unavailable, "
                "same_sex_only, on_rota, skills, rota_weekdays_off, rota_max_month, rota_prefers")


def people_by_ids(db: sqlite_utils.Database, person_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The roster rows of these people, in the order given."""
    if not person_ids:
        return []
    found: dict[int, dict] = {}
    for start in range(0, len(person_ids), 500):
        chunk = list(person_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT {_ROW_COLUMNS} FROM person WHERE id IN ({marks})", chunk):
            found[row["id"]] = _decode(row)
    return [found[pid] for pid in person_ids if pid in found]


def insert_many(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]], *, actor: str) -> list[int]:
    """Store many checked people in one transaction (demo club, imports); each still gets its audit row."""
    stamp = audit.now()
    encoded = [{**_encode(values), "created_at": stamp, "updated_at": stamp} for values in rows]
    try:
        return audit.insert_many(db, "person", encoded, actor=actor)
    except sqlite3.IntegrityError as exc:
        if "id_number" in str(exc):
            raise InvalidRecord({"id_number": "有重复的身份证号，未保存任何人"}) from exc
        raise InvalidRecord({"name": f"有不合格的记录，未保存任何人（{exc}）"}) from exc


def find_existing(db: sqlite_utils.Database, id_numbers: Sequence[str],
                  name_births: Sequence[tuple[str, str]]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """People already on the roster, matched by ID number, and by (name, birth date) for rows without one."""
    by_id: dict[str, int] = {}
    for start in range(0, len(id_numbers), 500):
        chunk = list(id_numbers[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for pid, number in db.execute(f"SELECT id, id_number FROM person WHERE id_number IN ({marks})", chunk):
            by_id[number] = pid
    by_name: dict[tuple[str, str], int] = {}
    wanted = set(name_births)
    names = sorted({name for name, _ in wanted})
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, name, birth in db.execute(
                f"SELECT id, name, birth_date FROM person WHERE name IN ({marks}) ORDER BY id", chunk):
            if (name, birth) in wanted:
                by_name.setdefault((name, birth), pid)
    return by_id, by_name


def iter_people(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every person on the roster, all statuses, in name order, one at a time (exports of 100,000 people)."""
    cursor = db.conn.execute(f"SELECT {_ROW_COLUMNS} FROM person ORDER BY sort_key, id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield _decode(dict(zip(names, values)))
