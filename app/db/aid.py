"""The SQL of mutual-aid groups: groups, their helpers joining and leaving, and the loads and coverage they imply."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from app.db import audit
from app.db.connection import transaction

_PERSON = ("p.name, p.sex, p.birth_date, p.building, p.unit, p.room, p.situations, p.status, p.sort_key, "
           "p.aid_capacity, p.helper_unavailable, p.same_sex_only")


def insert_group(db: sqlite_utils.Database, values: dict[str, Any], helper_ids: list[int], on: str, *,
                 actor: str) -> int:
    """A new group and its helpers (the first is the lead), in one transaction."""
    with transaction(db):
        group_id = audit.insert(db, "aid_group", {**values, "created_at": audit.now()}, actor=actor)
        for index, helper_id in enumerate(helper_ids):
            add_helper(db, group_id, helper_id, on, lead=index == 0, actor=actor)
    return group_id


def insert_groups(db: sqlite_utils.Database, groups: list[tuple[dict[str, Any], list[int]]], on: str, *,
                  actor: str) -> list[int]:
    """Many new groups, each with its helpers (the first leads), written in two batches in one transaction;
    returns the groups' ids in the order given."""
    if not groups:
        return []
    stamp = audit.now()
    with transaction(db):
        group_ids = audit.insert_many(db, "aid_group", [{**values, "created_at": stamp} for values, _ in groups],
                                      actor=actor)
        audit.insert_many(db, "aid_helper", [_membership(group_id, helper_id, on, index == 0)
                                             for group_id, (_, helper_ids) in zip(group_ids, groups)
                                             for index, helper_id in enumerate(helper_ids)], actor=actor)
    return group_ids


def add_helpers(db: sqlite_utils.Database, joining: list[tuple[int, int, bool]], on: str, *, actor: str) -> list[int]:
    """Helpers joining groups, as (group id, helper id, lead), in one batch."""
    return audit.insert_many(db, "aid_helper", [_membership(g, h, on, lead) for g, h, lead in joining], actor=actor)


def _membership(group_id: int, helper_id: int, on: str, lead: bool) -> dict[str, Any]:
    return {"group_id": group_id, "helper_id": helper_id, "is_lead": int(lead), "joined_on": on, "left_on": None,
            "left_reason": ""}


def add_helper(db: sqlite_utils.Database, group_id: int, helper_id: int, on: str, *, lead: bool, actor: str) -> int:
    return audit.insert(db, "aid_helper", _membership(group_id, helper_id, on, lead), actor=actor)


def update_helper(db: sqlite_utils.Database, membership_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "aid_helper", membership_id, changes, actor=actor)


def update_group(db: sqlite_utils.Database, group_id: int, changes: dict[str, Any], *, actor: str) -> dict:
    return audit.update(db, "aid_group", group_id, changes, actor=actor)


def get_group(db: sqlite_utils.Database, group_id: int) -> dict[str, Any]:
    return audit.get_row(db, "aid_group", group_id)


def groups(db: sqlite_utils.Database, *, active_only: bool = True, person_id: int | None = None,
           person_ids: list[int] | None = None) -> list[dict]:
    """Groups with the helped person's details, newest first; of one person, or of these people."""
    clauses, params = [], []
    if active_only:
        clauses.append("g.ended_on IS NULL")
    if person_id is not None:
        clauses.append("g.person_id = ?")
        params.append(person_id)
    if person_ids is not None:
        clauses.append("g.person_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(person_ids)))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return list(db.query(f"SELECT g.*, {_PERSON} FROM aid_group g JOIN person p ON p.id = g.person_id{where} "
                         "ORDER BY g.started_on DESC, g.id DESC", params))


def memberships(db: sqlite_utils.Database, group_ids: list[int] | None = None, *, current_only: bool = False,
                helper_id: int | None = None) -> list[dict]:
    """Helpers' memberships with the helper's details, in joining order."""
    clauses, params = [], []
    if group_ids is not None:
        if not group_ids:
            return []
        clauses.append("h.group_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(group_ids)))
    if current_only:
        clauses.append("h.left_on IS NULL")
    if helper_id is not None:
        clauses.append("h.helper_id = ?")
        params.append(helper_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return list(db.query(f"SELECT h.*, {_PERSON} FROM aid_helper h JOIN person p ON p.id = h.helper_id{where} "
                         "ORDER BY h.group_id, h.joined_on, h.id", params))


def loads(db: sqlite_utils.Database, helper_ids: list[int] | None = None) -> dict[int, int]:
    """How many people each helper helps now (current memberships of groups not ended); of every helper, or of
    these (then read through the helper index, not the whole table)."""
    only = ""
    params: list[Any] = []
    if helper_ids is not None:
        only = " AND h.helper_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(helper_ids)))
    return dict(db.execute(
        "SELECT h.helper_id, count(*) FROM aid_helper h JOIN aid_group g ON g.id = h.group_id "
        f"WHERE h.left_on IS NULL AND g.ended_on IS NULL{only} GROUP BY h.helper_id", params).fetchall())


def people_with_situations(db: sqlite_utils.Database) -> list[dict]:
    """Active people with any household situation (the candidates for must-cover)."""
    return list(db.query("SELECT id AS person_id, name, sex, birth_date, building, situations, sort_key FROM person "
                         "WHERE status = 'active' AND situations != '[]'"))


def open_groups(db: sqlite_utils.Database) -> dict[int, int]:
    """Each helped person's open group (the newest, should there be two)."""
    return dict(db.execute("SELECT person_id, id FROM aid_group WHERE ended_on IS NULL ORDER BY started_on, id"))


def current_helpers(db: sqlite_utils.Database) -> list[dict]:
    """The current helpers of every open group, with the helper's name, status and pause, in joining order."""
    return list(db.query(
        "SELECT h.group_id, h.helper_id, p.name, p.status, p.helper_unavailable FROM aid_helper h "
        "JOIN aid_group g ON g.id = h.group_id JOIN person p ON p.id = h.helper_id "
        "WHERE h.left_on IS NULL AND g.ended_on IS NULL ORDER BY h.group_id, h.joined_on, h.id"))


def candidate_helpers(db: sqlite_utils.Database) -> list[dict]:
    """Active volunteers who have not paused helping, with their capacity."""
    return list(db.query("SELECT id AS person_id, name, sex, birth_date, building, situations, aid_capacity, "
                         "same_sex_only FROM person WHERE status = 'active' AND is_volunteer = 1 "
                         "AND helper_unavailable = 0 AND aid_capacity > 0"))


def group_history(db: sqlite_utils.Database, person_id: int) -> list[dict]:
    """Every group the person was helped in or helped in, with dates (for the person's history)."""
    return list(db.query(
        "SELECT g.id AS group_id, g.person_id, hp.name AS helped_name, g.mode, g.started_on, g.ended_on, g.end_reason, "
        "h.helper_id, p.name AS helper_name, h.is_lead, h.joined_on, h.left_on, h.left_reason "
        "FROM aid_group g JOIN person hp ON hp.id = g.person_id "
        "LEFT JOIN aid_helper h ON h.group_id = g.id LEFT JOIN person p ON p.id = h.helper_id "
        "WHERE g.person_id = ? OR h.helper_id = ? ORDER BY g.started_on DESC, h.joined_on DESC",
        [person_id, person_id]))
