"""The SQL of the volunteer time bank: the append-only hours ledger, the rewards catalogue, and the sums read from them."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.db import audit

# Earned hours count deposits and the reversals of deposits, never a withdrawal, an exchange or their reversal:
# spending hours must not lower a level, and returning spent hours must not raise one.
_EARNED = ("CASE WHEN h.kind = 'deposit' OR (h.kind = 'correction' AND o.kind = 'deposit') "
           "THEN h.hours ELSE 0 END")
_FROM = "FROM hours_entry h LEFT JOIN hours_entry o ON o.id = h.corrects_id"


def insert_entry(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "hours_entry", {"source_id": None, "corrects_id": None, "note": "", **values,
                                            "recorded_by": actor, "created_at": audit.now()}, actor=actor)


def insert_entries(db: sqlite_utils.Database, rows: list[dict[str, Any]], *, actor: str) -> list[int]:
    stamp = audit.now()
    return audit.insert_many(db, "hours_entry", [{"person_id": r["person_id"], "on_date": r["on_date"], "kind": r["kind"],
                                                  "hours": r["hours"], "source": r["source"],
                                                  "source_id": r.get("source_id"), "corrects_id": None,
                                                  "note": r.get("note", ""), "recorded_by": actor, "created_at": stamp}
                                                 for r in rows], actor=actor)


def get_entry(db: sqlite_utils.Database, entry_id: int) -> dict[str, Any]:
    return audit.get_row(db, "hours_entry", entry_id)


def live_deposits(db: sqlite_utils.Database, source: str, source_id: int) -> list[dict[str, Any]]:
    """The deposits credited from one visit, shift or activity that no entry has reversed, oldest first."""
    return list(db.query(
        "SELECT h.* FROM hours_entry h WHERE h.source = ? AND h.source_id = ? AND h.kind = 'deposit' "
        "AND NOT EXISTS (SELECT 1 FROM hours_entry c WHERE c.corrects_id = h.id) ORDER BY h.id",
        [source, int(source_id)]))


def next_credit_no(db: sqlite_utils.Database, source: str, source_id: int, person_id: int) -> int:
    """The number the next credit of this source to this person takes (0 for the first, 1 after one reversed…)."""
    return db.execute("SELECT coalesce(max(credit_no) + 1, 0) FROM hours_entry WHERE source = ? AND source_id = ? "
                      "AND person_id = ? AND kind = 'deposit'", [source, int(source_id), int(person_id)]).fetchone()[0]


def ever_credited(db: sqlite_utils.Database, source: str, source_id: int, person_id: int) -> bool:
    return db.execute("SELECT 1 FROM hours_entry WHERE source = ? AND source_id = ? AND person_id = ? "
                      "AND kind = 'deposit' LIMIT 1", [source, int(source_id), int(person_id)]).fetchone() is not None


def reversed_ids(db: sqlite_utils.Database, person_id: int) -> set[int]:
    """The person's entries that a correction has reversed."""
    return {row[0] for row in db.execute("SELECT corrects_id FROM hours_entry WHERE person_id = ? "
                                         "AND corrects_id IS NOT NULL", [person_id])}


def correction_of(db: sqlite_utils.Database, entry_id: int) -> int | None:
    row = db.execute("SELECT id FROM hours_entry WHERE corrects_id = ?", [entry_id]).fetchone()
    return row[0] if row else None


def balance(db: sqlite_utils.Database, person_id: int) -> float:
    return db.execute("SELECT coalesce(sum(hours), 0) FROM hours_entry WHERE person_id = ?", [person_id]).fetchone()[0]


def entries(db: sqlite_utils.Database, person_id: int | None = None) -> list[tuple]:
    """Ledger rows (on_date, kind, hours, source, note, id, person_id, corrects_id) in id order: one person's or all.

    For everyone, a plain table scan in id order: twice as fast as reading 200,000 rows through the person
    index in date order, and the caller groups and sorts them in Python anyway.
    """
    where, params = ("WHERE person_id = ?", [person_id]) if person_id is not None else ("", [])
    return db.execute(f"SELECT on_date, kind, hours, source, note, id, person_id, corrects_id FROM hours_entry "
                      f"{where} ORDER BY id", params).fetchall()


def entry_rows(db: sqlite_utils.Database, person_id: int) -> list[dict[str, Any]]:
    """One person's entries as whole rows, in id order."""
    return list(db.query("SELECT * FROM hours_entry WHERE person_id = ? ORDER BY id", [person_id]))


def ledger_people(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(id, name) of volunteers, and of anyone else with an entry in the ledger, in roster order."""
    return db.execute("SELECT id, name FROM person WHERE is_volunteer = 1 "
                      "OR id IN (SELECT DISTINCT person_id FROM hours_entry) ORDER BY sort_key, id").fetchall()


def earned_between(db: sqlite_utils.Database, start: str, end: str) -> list[dict[str, Any]]:
    """Per person with earnings in the period: earned before ``start`` and earned up to ``end``."""
    return list(db.query(
        f"SELECT h.person_id, p.name, sum(CASE WHEN h.on_date < ? THEN {_EARNED} ELSE 0 END) AS before, "
        f"sum({_EARNED}) AS until {_FROM} JOIN person p ON p.id = h.person_id WHERE h.on_date <= ? "
        "GROUP BY h.person_id HAVING sum(CASE WHEN h.on_date >= ? THEN 1 ELSE 0 END) > 0 ORDER BY p.sort_key, p.id",
        [start, end, start]))


def uncredited_visits(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """(visit, visitor) pairs with no visit deposit yet."""
    return list(db.query(
        "SELECT v.id AS visit_id, v.visit_date, CAST(j.value AS INTEGER) AS person_id "
        "FROM visit v, json_each(v.visitor_ids) j JOIN person p ON p.id = j.value "
        "WHERE v.state != 'void' AND NOT EXISTS (SELECT 1 FROM hours_entry h WHERE h.source = 'visit' "
        "  AND h.source_id = v.id AND h.person_id = j.value AND h.kind = 'deposit') ORDER BY v.visit_date, v.id"))


def uncredited_shifts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Attended rota assignments (not removed) with no shift deposit yet, with the slot's times."""
    return list(db.query(
        "SELECT a.id AS assignment_id, a.day, a.person_id, s.name AS slot_name, s.start_time, s.end_time "
        "FROM rota_assignment a JOIN shift_slot s ON s.id = a.slot_id "
        "WHERE a.confirmed = 'attended' AND a.removed_at IS NULL AND NOT EXISTS ("
        "  SELECT 1 FROM hours_entry h WHERE h.source = 'shift' AND h.source_id = a.id "
        "  AND h.person_id = a.person_id AND h.kind = 'deposit') ORDER BY a.day, a.id"))


def rewards(db: sqlite_utils.Database, *, active_only: bool = True) -> list[dict[str, Any]]:
    where = " WHERE active = 1" if active_only else ""
    return list(db.query(f"SELECT * FROM reward{where} ORDER BY hours, id"))


def get_reward(db: sqlite_utils.Database, reward_id: int) -> dict[str, Any]:
    return audit.get_row(db, "reward", reward_id)


def insert_reward(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "reward", {"active": 1, **values}, actor=actor)


def update_reward(db: sqlite_utils.Database, reward_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "reward", reward_id, changes, actor=actor)


def sums(db: sqlite_utils.Database, year: str) -> list[tuple]:
    """(id, name, balance, earned, earned in ``year``) of everyone ``ledger_people`` lists, in roster order: one
    grouped pass over the ledger, for the listing of every volunteer (statements' entries are read when opened)."""
    return db.execute(
        f"WITH s AS (SELECT h.person_id, sum(h.hours) AS balance, sum({_EARNED}) AS earned, "
        f"sum(CASE WHEN substr(h.on_date, 1, 4) = ? THEN {_EARNED} ELSE 0 END) AS this_year {_FROM} "
        "GROUP BY h.person_id) "
        "SELECT p.id, p.name, coalesce(s.balance, 0), coalesce(s.earned, 0), coalesce(s.this_year, 0) "
        "FROM person p LEFT JOIN s ON s.person_id = p.id WHERE p.is_volunteer = 1 OR s.person_id IS NOT NULL "
        "ORDER BY p.sort_key, p.id", [year]).fetchall()
