"""The SQL of the yearly awards (最美志愿者 / 功勋志愿者), the feedback notes they draw on, and the certificates register."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import transaction, where

_EARNED = ("CASE WHEN h.kind = 'deposit' OR (h.kind = 'correction' AND o.kind = 'deposit') "
           "THEN h.hours ELSE 0 END")


# ---------------------------------------------------------------- feedback

def insert_feedback(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    return audit.insert(db, "feedback", {**values, "created_at": audit.now()}, actor=actor)


def feedback_of(db: sqlite_utils.Database, person_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM feedback WHERE person_id = ? ORDER BY on_date DESC, id DESC", [person_id]))


def get_feedback(db: sqlite_utils.Database, feedback_id: int) -> dict[str, Any]:
    return audit.get_row(db, "feedback", feedback_id)


def update_feedback(db: sqlite_utils.Database, feedback_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "feedback", feedback_id, changes, actor=actor)


def feedback_counts(db: sqlite_utils.Database, start: str, end: str) -> dict[int, tuple[int, int]]:
    """Per person: (praise, complaints) noted between ``start`` and ``end``."""
    return {row[0]: (row[1], row[2]) for row in db.execute(
        "SELECT person_id, sum(kind = 'praise'), sum(kind = 'complaint') FROM feedback "
        "WHERE on_date BETWEEN ? AND ? AND state != 'void' GROUP BY person_id", [start, end])}


# ---------------------------------------------------------------- awards

def insert_awards(db: sqlite_utils.Database, rows: list[dict[str, Any]], *, actor: str) -> list[int]:
    with transaction(db):
        return [audit.insert(db, "award", row, actor=actor) for row in rows]


def withdraw_award(db: sqlite_utils.Database, award_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "award", award_id, changes, actor=actor)


def get_award(db: sqlite_utils.Database, award_id: int) -> dict[str, Any]:
    return audit.get_row(db, "award", award_id)


def awards_of_year(db: sqlite_utils.Database, year: int) -> list[dict[str, Any]]:
    """The year's awards not withdrawn, with the awardee's name and sex, by kind then hours."""
    return list(db.query(
        "SELECT a.*, p.name, p.sex FROM award a JOIN person p ON p.id = a.person_id "
        "WHERE a.year = ? AND a.withdrawn_at IS NULL ORDER BY a.kind, a.hours DESC, p.sort_key", [year]))


# ---------------------------------------------------------------- certificates

def earned_by_source(db: sqlite_utils.Database, person_id: int, start: str, end: str) -> list[dict[str, Any]]:
    """Per source: how many deposits and the hours earned (deposits less their reversals) in the period."""
    return list(db.query(
        f"SELECT h.source, sum(h.kind = 'deposit') - sum(h.kind = 'correction' AND o.kind = 'deposit') AS times, "
        f"sum({_EARNED}) AS hours FROM hours_entry h LEFT JOIN hours_entry o ON o.id = h.corrects_id "
        "WHERE h.person_id = ? AND h.on_date BETWEEN ? AND ? GROUP BY h.source ORDER BY h.source",
        [person_id, start, end]))


def activity_titles(db: sqlite_utils.Database, person_id: int, start: str, end: str) -> list[str]:
    """Titles of the confirmed activities the person took part in during the period, most frequent first."""
    return [row[0] for row in db.execute(
        "SELECT a.title FROM activity a, json_each(a.participants) j WHERE a.confirmed_at IS NOT NULL "
        "AND a.state != 'void' "
        "AND json_extract(j.value, '$[0]') = ? AND a.held_on BETWEEN ? AND ? "
        "GROUP BY a.title ORDER BY count(*) DESC, min(a.held_on)", [person_id, start, end])]


def next_certificate_number(db: sqlite_utils.Database, year: int) -> str:
    last = db.execute("SELECT max(number) FROM certificate WHERE number LIKE ?", [f"{year:04d}-%"]).fetchone()[0]
    return f"{year:04d}-{(int(last.split('-')[1]) if last else 0) + 1:04d}"


def insert_certificate(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> dict[str, Any]:
    """Number the certificate (next in its year) and register it, under the write lock so numbers never repeat."""
    with transaction(db):
        number = next_certificate_number(db, int(values["issued_on"][:4]))
        row = {**values, "number": number, "issued_by": actor, "created_at": audit.now()}
        row["id"] = audit.insert(db, "certificate", row, actor=actor)
    return row


def certificates(db: sqlite_utils.Database, year: int | None = None,
                 person_id: int | None = None) -> list[dict[str, Any]]:
    """The register, newest first, with each holder's name."""
    condition, params = where(("c.number LIKE ?", None if year is None else f"{int(year):04d}-%"),
                              ("c.person_id = ?", person_id))
    return list(db.query(f"SELECT c.*, p.name FROM certificate c JOIN person p ON p.id = c.person_id{condition} "
                         "ORDER BY c.number DESC", params))


def get_certificate(db: sqlite_utils.Database, number: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT c.*, p.name FROM certificate c JOIN person p ON p.id = c.person_id "
                         "WHERE c.number = ?", [number]))
    return rows[0] if rows else None
