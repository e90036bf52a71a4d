"""The SQL of the visit log (五必访) and the must-report log (五必报), and the queries behind the due list.

Visitors are a JSON array of person ids on the visit row, so one audited row holds the whole visit and a
correction is one audited update. A voided visit or report (``state = 'void'``) stays in the log and counts for
nothing the due list reads.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import transaction, where

_PERSON = "p.name, p.building, p.unit, p.room, p.phone, p.birth_date, p.sort_key"


def _visit(row: dict[str, Any]) -> dict[str, Any]:
    row["visitor_ids"] = json.loads(row["visitor_ids"])
    return row


def insert_visit(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    row = {**values, "visitor_ids": json.dumps(list(values["visitor_ids"])), "created_at": audit.now()}
    return audit.insert(db, "visit", row, actor=actor)


def update_visit(db: sqlite_utils.Database, visit_id: int, values: dict[str, Any], *, actor: str) -> dict:
    row = dict(values)
    if "visitor_ids" in row:
        row["visitor_ids"] = json.dumps(list(row["visitor_ids"]))
    return audit.update(db, "visit", visit_id, row, actor=actor)


def get_visit(db: sqlite_utils.Database, visit_id: int) -> dict[str, Any]:
    return _visit(audit.get_row(db, "visit", visit_id))


def list_visits(db: sqlite_utils.Database, *, person_id: int | None = None, start: str | None = None,
                end: str | None = None, limit: int | None = None, valid_only: bool = False) -> list[dict[str, Any]]:
    """Visits newest first, with the visited person's name and address (without the void ones if ``valid_only``)."""
    condition, params = where(("v.person_id = ?", person_id), ("v.visit_date >= ?", start),
                              ("v.visit_date <= ?", end), ("v.state != ?", "void" if valid_only else None))
    tail = f" LIMIT {int(limit)}" if limit else ""
    rows = db.query(f"SELECT v.*, {_PERSON} FROM visit v JOIN person p ON p.id = v.person_id{condition} "
                    f"ORDER BY v.visit_date DESC, v.id DESC{tail}", params)
    return [_visit(row) for row in rows]


def names_of(db: sqlite_utils.Database, person_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"SELECT id, name FROM person WHERE id IN ({marks})", chunk).fetchall())
    return found


def insert_report(db: sqlite_utils.Database, values: dict[str, Any], *, note: str, actor: str) -> int:
    """A new must-report and the first entry of its history, in one transaction."""
    with transaction(db):
        report_id = audit.insert(db, "must_report", {**values, "status": "open", "created_at": audit.now()},
                                 actor=actor)
        _event(db, report_id, values["learnt_on"], "open", note, actor)
    return report_id


def change_report(db: sqlite_utils.Database, report_id: int, changes: dict[str, Any], *, on: str, note: str,
                  actor: str) -> dict:
    """Move a report on (reported, closed) or correct it; a status change adds a dated history entry."""
    with transaction(db):
        changed = audit.update(db, "must_report", report_id, changes, actor=actor)
        if "status" in changed:
            _event(db, report_id, on, changed["status"], note, actor)
    return changed


def _event(db, report_id: int, on: str, status: str, note: str, actor: str) -> None:
    audit.insert(db, "must_report_event", {"report_id": report_id, "on_date": on, "status": status, "note": note,
                                           "actor": actor, "at": audit.now()}, actor=actor)


def update_report(db: sqlite_utils.Database, report_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    """Correct a report's facts; a corrected date of learning moves the first entry of its history with it."""
    with transaction(db):
        changed = audit.update(db, "must_report", report_id, changes, actor=actor)
        if "learnt_on" in changed:
            for (event_id,) in db.execute("SELECT id FROM must_report_event WHERE report_id = ? AND status = 'open'",
                                          [report_id]).fetchall():
                audit.update(db, "must_report_event", event_id, {"on_date": changed["learnt_on"]}, actor=actor)
    return changed


def get_report(db: sqlite_utils.Database, report_id: int) -> dict[str, Any]:
    return audit.get_row(db, "must_report", report_id)


def list_reports(db: sqlite_utils.Database, *, status: str | None = None, person_id: int | None = None,
                 valid_only: bool = False) -> list[dict[str, Any]]:
    condition, params = where(("r.status = ?", status), ("r.person_id = ?", person_id),
                              ("r.state != ?", "void" if valid_only else None))
    return list(db.query(f"SELECT r.*, {_PERSON} FROM must_report r JOIN person p ON p.id = r.person_id{condition} "
                         "ORDER BY r.learnt_on DESC, r.id DESC", params))


def report_events(db: sqlite_utils.Database, report_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT on_date, status, note, actor, at FROM must_report_event WHERE report_id = ? "
                         "ORDER BY id", [report_id]))


# ---------------------------------------------------------------- what the due list reads

def unvisited_registrations(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Active people who registered with the club and have had no registration visit since."""
    return list(db.query(
        f"SELECT p.id AS person_id, p.registered_on, {_PERSON} FROM person p "
        "WHERE p.status = 'active' AND p.registered_on IS NOT NULL AND NOT EXISTS ("
        "  SELECT 1 FROM visit v WHERE v.person_id = p.id AND v.kind = 'registration' "
        "  AND v.visit_date >= p.registered_on AND v.state != 'void')"))


def reports_awaiting_visit(db: sqlite_utils.Database, report_kind: str, visit_kind: str) -> list[dict[str, Any]]:
    """Reports not closed whose person has had no visit of ``visit_kind`` since the club learnt of it."""
    return list(db.query(
        f"SELECT r.id AS report_id, r.person_id, r.learnt_on, r.summary, {_PERSON} "
        "FROM must_report r JOIN person p ON p.id = r.person_id "
        "WHERE r.kind = ? AND r.status != 'closed' AND r.state != 'void' AND p.status = 'active' AND NOT EXISTS ("
        "  SELECT 1 FROM visit v WHERE v.person_id = r.person_id AND v.kind = ? AND v.visit_date >= r.learnt_on "
        "  AND v.state != 'void')",
        [report_kind, visit_kind]))


def open_follow_ups(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Visits with a follow-up date and no later visit to the same person."""
    return list(db.query(
        f"SELECT v.id AS visit_id, v.person_id, v.kind, v.visit_date, v.follow_up_on, {_PERSON} "
        "FROM visit v JOIN person p ON p.id = v.person_id "
        "WHERE v.follow_up_on IS NOT NULL AND v.state != 'void' AND p.status = 'active' AND NOT EXISTS ("
        "  SELECT 1 FROM visit w WHERE w.person_id = v.person_id AND w.visit_date > v.visit_date "
        "  AND w.state != 'void')"))


def elderly_members(db: sqlite_utils.Database, born_by: str) -> list[dict[str, Any]]:
    """Active party members born on or before ``born_by`` (the age threshold applied at the window's end)."""
    return list(db.query(
        f"SELECT p.id AS person_id, p.lunar_birth_month, p.lunar_birth_day, p.lunar_birth_leap, p.birth_month_only, "
        f"{_PERSON} "
        "FROM person p WHERE p.status = 'active' AND p.is_member = 1 AND p.birth_date IS NOT NULL "
        "AND p.birth_date <= ?", [born_by]))


def festival_visit_dates(db: sqlite_utils.Database, start: str, end: str) -> dict[int, list[str]]:
    """Dates of festival visits (高龄慰问) per person between ``start`` and ``end``."""
    found: dict[int, list[str]] = {}
    for person_id, day in db.execute("SELECT person_id, visit_date FROM visit WHERE kind = 'festival' "
                                     "AND visit_date BETWEEN ? AND ? AND state != 'void'", [start, end]):
        found.setdefault(person_id, []).append(day)
    return found


def unreported(db: sqlite_utils.Database, learnt_by: str) -> list[dict[str, Any]]:
    """Open must-reports the club learnt of on or before ``learnt_by`` and has not passed upward."""
    return list(db.query(
        f"SELECT r.id AS report_id, r.person_id, r.kind AS report_kind, r.learnt_on, r.summary, {_PERSON} "
        "FROM must_report r JOIN person p ON p.id = r.person_id WHERE r.status = 'open' AND r.state != 'void' "
        "AND r.learnt_on <= ?",
        [learnt_by]))


def insert_many(db: sqlite_utils.Database, visits: list[dict[str, Any]], reports: list[dict[str, Any]],
                events: list[dict[str, Any]], *, actor: str) -> None:
    """Store many visits, reports and report events at once (the demo club), each with its audit row.

    ``visits`` may carry ``report_index`` (position in ``reports``) and ``events`` carry ``report_index``:
    they are linked to the new reports' ids here.
    """
    stamp = audit.now()
    with transaction(db):
        report_ids = audit.insert_many(db, "must_report", [{**r, "created_at": stamp} for r in reports], actor=actor)
        audit.insert_many(db, "must_report_event", [
            {**{k: v for k, v in e.items() if k != "report_index"}, "report_id": report_ids[e["report_index"]],
             "at": stamp, "actor": actor} for e in events], actor=actor)
        audit.insert_many(db, "visit", [
            {**{k: v for k, v in v.items() if k != "report_index"},
             "report_id": report_ids[v["report_index"]] if v.get("report_index") is not None else None,
             "visitor_ids": json.dumps(list(v["visitor_ids"])), "created_at": stamp} for v in visits], actor=actor)
