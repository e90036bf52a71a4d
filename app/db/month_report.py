"""The SQL behind the month's figures (the bulletin and the branch return): what happened between two dates.

Every query takes ISO dates and reads history where the schema keeps it (report events, group and helper
dates, ledger dates, a person's status date), so a past month reads the same whenever it is printed.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

_ADDRESS = "p.building, p.unit, p.room"
# A person counted as on the roster at a date: still active, or their move or death came later.
_ACTIVE_ON = "(p.status = 'active' OR (p.status_date IS NOT NULL AND p.status_date > :on))"
# Earned hours as the time bank counts them: deposits and the reversals of deposits.
_EARNED = ("CASE WHEN h.kind = 'deposit' OR (h.kind = 'correction' AND o.kind = 'deposit') "
           "THEN h.hours ELSE 0 END")


def roster_size(db: sqlite_utils.Database, on: str) -> tuple[int, int]:
    """(people, party members) on the roster at the end of day ``on``."""
    people, members = db.execute(
        f"SELECT count(*), coalesce(sum(p.is_member), 0) FROM person p WHERE {_ACTIVE_ON}", {"on": on}).fetchone()
    return people, members


def roster_changes(db: sqlite_utils.Database, first: str, last: str) -> list[dict[str, Any]]:
    """People who registered with the club (报到), moved away or died between ``first`` and ``last``."""
    columns = f"p.id AS person_id, p.name, p.sex, p.birth_date, p.id_number, p.is_member, {_ADDRESS}, p.sort_key"
    return list(db.query(
        f"SELECT 'joined' AS change, p.registered_on AS on_date, {columns} FROM person p "
        "WHERE p.registered_on BETWEEN :first AND :last "
        f"UNION ALL SELECT p.status AS change, p.status_date AS on_date, {columns} FROM person p "
        "WHERE p.status IN ('moved_away', 'deceased') AND p.status_date BETWEEN :first AND :last "
        "ORDER BY on_date, sort_key, person_id", {"first": first, "last": last}))


def reports_of_month(db: sqlite_utils.Database, first: str, last: str) -> list[dict[str, Any]]:
    """Must-reports known by ``last`` with what happened to each in the month and its status at the month's end.

    ``opened``/``reported``/``closed`` are 1 when the report's history has that step dated in the month;
    ``end_status`` is the status of its last history entry dated by ``last``.
    """
    step = ("EXISTS (SELECT 1 FROM must_report_event e WHERE e.report_id = r.id AND e.status = '{}' "
            "AND e.on_date BETWEEN :first AND :last)")
    return list(db.query(
        f"SELECT r.id, r.kind, r.summary, r.learnt_on, r.reported_to, r.reported_on, r.closed_on, p.name, "
        f"{step.format('open')} AS opened, {step.format('reported')} AS reported, {step.format('closed')} AS closed, "
        "(SELECT e.status FROM must_report_event e WHERE e.report_id = r.id AND e.on_date <= :last "
        " ORDER BY e.on_date DESC, e.id DESC LIMIT 1) AS end_status "
        "FROM must_report r JOIN person p ON p.id = r.person_id WHERE r.learnt_on <= :last AND r.state != 'void' "
        "ORDER BY r.learnt_on, r.id", {"first": first, "last": last}))


def groups_of_month(db: sqlite_utils.Database, first: str, last: str) -> list[dict[str, Any]]:
    """Mutual-aid groups that were open at some time between ``first`` and ``last``, with the helped person."""
    return list(db.query(
        "SELECT g.id, g.person_id, g.mode, g.started_on, g.ended_on, g.end_reason, p.name, p.situations, "
        "p.sort_key FROM aid_group g JOIN person p ON p.id = g.person_id "
        "WHERE g.started_on <= :last AND (g.ended_on IS NULL OR g.ended_on >= :first) "
        "ORDER BY p.sort_key, g.id", {"first": first, "last": last}))


def helpers_of(db: sqlite_utils.Database, group_ids: list[int]) -> list[dict[str, Any]]:
    """Every membership of these groups, with the helper's name, status and the date of that status."""
    if not group_ids:
        return []
    return list(db.query(
        "SELECT h.group_id, h.helper_id, h.is_lead, h.joined_on, h.left_on, h.left_reason, p.name, p.status, "
        "p.status_date, p.helper_unavailable FROM aid_helper h JOIN person p ON p.id = h.helper_id "
        "WHERE h.group_id IN (SELECT value FROM json_each(:ids)) ORDER BY h.group_id, h.joined_on, h.id",
        {"ids": json.dumps(group_ids)}))


def people_with_situations_on(db: sqlite_utils.Database, on: str) -> list[dict[str, Any]]:
    """People on the roster at ``on`` with any household situation (the candidates for must-cover)."""
    return list(db.query(
        "SELECT p.id AS person_id, p.name, p.sex, p.birth_date, p.situations, p.sort_key FROM person p "
        f"WHERE p.situations != '[]' AND {_ACTIVE_ON}", {"on": on}))


def hours_of_month(db: sqlite_utils.Database, first: str, last: str) -> list[dict[str, Any]]:
    """Per person who earned hours in the month: earned in it, by source, and earned in all up to ``last``."""
    def by(source_sql: str) -> str:
        return (f"sum(CASE WHEN h.on_date >= :first AND {source_sql} THEN {_EARNED} ELSE 0 END)")

    sums = ", ".join(f"{by(test)} AS {name}" for name, test in (
        ("month", "1"), ("visit", "h.source = 'visit'"), ("shift", "h.source = 'shift'"),
        ("activity", "h.source = 'activity'"), ("other", "h.source NOT IN ('visit', 'shift', 'activity')")))
    return list(db.query(
        f"SELECT h.person_id, p.name, {sums}, sum({_EARNED}) AS until "
        "FROM hours_entry h LEFT JOIN hours_entry o ON o.id = h.corrects_id JOIN person p ON p.id = h.person_id "
        "WHERE h.on_date <= :last GROUP BY h.person_id "
        "HAVING sum(CASE WHEN h.on_date >= :first AND (h.kind = 'deposit' OR (h.kind = 'correction' "
        "AND o.kind = 'deposit')) THEN 1 ELSE 0 END) > 0 ORDER BY month DESC, p.sort_key, h.person_id",
        {"first": first, "last": last}))


def hours_spent(db: sqlite_utils.Database, first: str, last: str) -> float:
    """Hours withdrawn for help or exchanged for rewards in the month (a positive number)."""
    return -db.execute("SELECT coalesce(sum(hours), 0) FROM hours_entry WHERE kind IN ('withdrawal', 'exchange') "
                       "AND on_date BETWEEN ? AND ?", [first, last]).fetchone()[0]


def activities_of_month(db: sqlite_utils.Database, first: str, last: str) -> list[dict[str, Any]]:
    """Services, events and classes held between ``first`` and ``last``, participants decoded, oldest first."""
    rows = list(db.query("SELECT id, kind, title, project, held_on, place, hours, participants, served_count, "
                         "confirmed_at FROM activity WHERE held_on BETWEEN ? AND ? AND state != 'void' "
                         "ORDER BY held_on, id",
                         [first, last]))
    for row in rows:
        row["participants"] = json.loads(row["participants"] or "[]")
    return rows


def quiet_people(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Active residents with no visit, no must-report, no situation, not members nor volunteers, in roster order.

    The demo club gives them its month-end visits and moves: nothing on the due list or in the groups depends on them.
    """
    return list(db.query(
        "SELECT p.id, p.name FROM person p WHERE p.status = 'active' AND p.is_member = 0 AND p.is_volunteer = 0 "
        "AND p.situations = '[]' AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM must_report r WHERE r.person_id = p.id) ORDER BY p.sort_key, p.id"))
