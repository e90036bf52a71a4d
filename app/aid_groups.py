"""Mutual-aid groups (互助组): forming and changing them, who must be covered, coverage, and proposals.

A group helps one person: one-on-one (一对一, one helper) or many-help-one (多帮一, several helpers, the first
the lead). Nothing is deleted: helpers leave on a date with a reason, groups end on a date with a reason.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from app import ids
from app.db import aid as aid_db
from app.db import people as people_db
from app.db.connection import transaction
from app.db.settings import get_setting
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

if TYPE_CHECKING:  # the solver brings numpy: loaded when proposals are made, not by every page that shows groups
    from app import aid_solver

MODES = {"one_on_one": "一对一", "many_help_one": "多帮一"}
# Who must be covered (全面覆盖特困群体): each rule is a household situation, optionally from an age.
DEFAULT_MUST_COVER = [{"situation": "特困"}, {"situation": "孤寡"}, {"situation": "独居", "min_age": 80},
                      {"situation": "重病"}, {"situation": "残疾"}]


def must_cover_rules(db: sqlite_utils.Database) -> list[dict]:
    return get_setting(db, "aid_must_cover", DEFAULT_MUST_COVER)


def _age(row: dict, on: datetime.date) -> int | None:
    return ids.age_on(datetime.date.fromisoformat(row["birth_date"]), on) if row.get("birth_date") else None


def must_cover_reason(row: dict, rules: list[dict], on: datetime.date) -> str | None:
    """Why this person must be covered ("特困", "独居 · 83 岁"), or None when no rule applies."""
    situations = row["situations"] if isinstance(row["situations"], list) else json.loads(row["situations"])
    age = _age(row, on)
    for rule in rules:
        if rule["situation"] in situations:
            if rule.get("min_age") is None:
                return rule["situation"]
            if age is not None and age >= rule["min_age"]:
                return f"{rule['situation']} · {age} 岁"
    return None


def _building(text: str) -> int | None:
    match = re.match(r"\d+", text or "")
    return int(match.group()) if match else None


def _helper_problem(helper: dict, person_id: int, load: int, *, override: bool) -> str | None:
    name = helper["name"]
    if helper["id"] == person_id:
        return "被帮扶的人不能做自己的帮扶人"
    if helper["status"] != "active":
        return f"{name}{'已迁出' if helper['status'] == 'moved_away' else '已去世'}"
    if helper.get("helper_unavailable"):
        return f"{name}已暂停帮扶"
    if load >= helper["aid_capacity"]:
        return f"{name}已帮扶 {load} 人，达到上限 {helper['aid_capacity']} 人"
    if helper["situations"] and not override:
        return f"{name}本身有困难情况（{'、'.join(helper['situations'])}），确需安排请由主任特批"
    return None


def _day(value: Any, key: str, today: datetime.date) -> str:
    return ids.past_date(value or today, key, today).isoformat()


def _person(db: sqlite_utils.Database, person_id: Any) -> dict[str, Any]:
    try:
        return people_db.get_person(db, int(person_id))
    except (NotFound, ValueError, TypeError):
        raise ValidationError(f"花名册里没有编号为 {person_id} 的人", "person_id") from None


def create_group(db: sqlite_utils.Database, person_id: int, helper_ids: list[int], *, actor: str,
                 mode: str | None = None, started_on: Any = None, notes: str = "", override: bool = False,
                 today: datetime.date | None = None) -> int:
    """Form a group for ``person_id``; the first helper leads. Raises InvalidRecord with Chinese reasons."""
    today = today or datetime.date.today()
    f = Fields()
    person = f.check("person_id", _person, db, person_id) \
        if f.rule("person_id", person_id not in (None, ""), "请选择被帮扶的人") else None
    if person is not None:
        f.rule("person_id", person["status"] == "active", f"{person['name']}已不在册")
    existing = aid_db.groups(db, person_id=person["id"]) if person else []
    if existing:
        f.refuse("person_id", f"{person['name']}已有互助组（编号 {existing[0]['id']}），请在原组里增减帮扶人")
    helper_ids = list(dict.fromkeys(int(h) for h in helper_ids))
    mode = mode or ("one_on_one" if len(helper_ids) == 1 else "many_help_one")
    helper_problems: list[str] = []
    if not helper_ids:
        helper_problems.append("请至少选一位帮扶人")
    elif f.rule("mode", mode in MODES, "互助方式应为一对一或多帮一"):
        if mode == "one_on_one" and len(helper_ids) != 1:
            helper_problems.append("一对一互助组只有一位帮扶人")
        elif mode == "many_help_one" and len(helper_ids) < 2:
            helper_problems.append("多帮一互助组至少要两位帮扶人")
    loads = aid_db.loads(db)
    for helper_id in helper_ids:
        try:
            helper = people_db.get_person(db, helper_id)
        except NotFound:
            helper_problems.append(f"花名册里没有编号为 {helper_id} 的人")
            continue
        problem = _helper_problem(helper, person["id"] if person else None, loads.get(helper_id, 0), override=override)
        if problem:
            helper_problems.append(problem)
    f.rule("helper_ids", not helper_problems, "；".join(helper_problems))
    started = f.check("started_on", _day, started_on, "started_on", today)
    f.raise_if_any()
    return aid_db.insert_group(db, {"person_id": person["id"], "mode": mode, "started_on": started,
                                    "ended_on": None, "end_reason": "", "notes": ids.free_text(notes)},
                               helper_ids, started, actor=actor)


def add_helper(db: sqlite_utils.Database, group_id: int, helper_id: int, *, actor: str, on: Any = None,
               override: bool = False, today: datetime.date | None = None) -> None:
    """Add a helper; a one-on-one group that gains a second helper becomes many-help-one."""
    today = today or datetime.date.today()
    group = _open_group(db, group_id)
    current = aid_db.memberships(db, [group_id], current_only=True)
    if any(m["helper_id"] == int(helper_id) for m in current):
        raise InvalidRecord({"helper_ids": "此人已在这个互助组里"})
    try:
        helper = people_db.get_person(db, int(helper_id))
    except NotFound:
        raise InvalidRecord({"helper_ids": f"花名册里没有编号为 {helper_id} 的人"}) from None
    problem = _helper_problem(helper, group["person_id"], aid_db.loads(db).get(helper["id"], 0), override=override)
    if problem:
        raise InvalidRecord({"helper_ids": problem})
    try:
        joined = _day(on, "joined_on", today)
    except ValidationError as exc:
        raise InvalidRecord({"joined_on": exc.reason}) from None
    with transaction(db):
        aid_db.add_helper(db, group_id, helper["id"], joined, lead=not current, actor=actor)
        if current and group["mode"] == "one_on_one":
            aid_db.update_group(db, group_id, {"mode": "many_help_one"}, actor=actor)


def remove_helper(db: sqlite_utils.Database, group_id: int, helper_id: int, *, reason: str, actor: str,
                  on: Any = None, today: datetime.date | None = None) -> None:
    """A helper leaves on a date; the next helper leads if the lead left. The last helper cannot leave."""
    today = today or datetime.date.today()
    _open_group(db, group_id)
    current = aid_db.memberships(db, [group_id], current_only=True)
    mine = next((m for m in current if m["helper_id"] == int(helper_id)), None)
    if mine is None:
        raise InvalidRecord({"helper_ids": "此人不在这个互助组里"})
    if len(current) == 1:
        raise InvalidRecord({"helper_ids": "这是最后一位帮扶人：请结束这个互助组，或先增加一位帮扶人"})
    reason = ids.free_text(reason)
    if not reason:
        raise InvalidRecord({"reason": "请写明原因"})
    try:
        left = _day(on, "left_on", today)
    except ValidationError as exc:
        raise InvalidRecord({"left_on": exc.reason}) from None
    with transaction(db):
        aid_db.update_helper(db, mine["id"], {"left_on": left, "left_reason": reason, "is_lead": 0}, actor=actor)
        if mine["is_lead"]:
            successor = next(m for m in current if m["id"] != mine["id"])
            aid_db.update_helper(db, successor["id"], {"is_lead": 1}, actor=actor)


def end_group(db: sqlite_utils.Database, group_id: int, *, reason: str, actor: str, on: Any = None,
              today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    group = _open_group(db, group_id)
    reason = ids.free_text(reason)
    if not reason:
        raise InvalidRecord({"reason": "请写明结束的原因"})
    try:
        ended = _day(on, "ended_on", today)
    except ValidationError as exc:
        raise InvalidRecord({"ended_on": exc.reason}) from None
    if ended < group["started_on"]:
        raise InvalidRecord({"ended_on": "结束日期早于成立日期"})
    with transaction(db):
        for membership in aid_db.memberships(db, [group_id], current_only=True):
            aid_db.update_helper(db, membership["id"], {"left_on": ended, "left_reason": "互助组结束"}, actor=actor)
        aid_db.update_group(db, group_id, {"ended_on": ended, "end_reason": reason}, actor=actor)


def _open_group(db, group_id: int) -> dict:
    try:
        group = aid_db.get_group(db, int(group_id))
    except NotFound:
        raise InvalidRecord({"group_id": f"没有编号为 {group_id} 的互助组"}) from None
    if group["ended_on"]:
        raise InvalidRecord({"group_id": f"这个互助组已于 {group['ended_on']} 结束"})
    return group


# ---------------------------------------------------------------- groups as shown

def list_groups(db: sqlite_utils.Database, *, active_only: bool = True) -> list[dict]:
    """Groups with ``helpers`` (current, lead first) and ``mode_label``."""
    rows = aid_db.groups(db, active_only=active_only)
    members = aid_db.memberships(db, [g["id"] for g in rows], current_only=True)
    by_group: dict[int, list[dict]] = {}
    for m in members:
        by_group.setdefault(m["group_id"], []).append(m)
    for row in rows:
        helpers = sorted(by_group.get(row["id"], []), key=lambda m: -m["is_lead"])
        row["helpers"] = [m["name"] for m in helpers]
        row["helper_ids"] = [m["helper_id"] for m in helpers]
        row["mode_label"] = MODES[row["mode"]]
    return rows


def history(db: sqlite_utils.Database, person_id: int) -> list[str]:
    """Who helped whom and when, for one person, newest first, as sentences."""
    lines = []
    for row in aid_db.group_history(db, person_id):
        if row["helper_id"] is None:
            continue
        span = f"{row['joined_on']} 至 {row['left_on'] or '今'}"
        lead = "（组长）" if row["is_lead"] else ""
        if row["person_id"] == person_id:
            line = f"{span}：{row['helper_name']}{lead}帮扶{row['helped_name']}（{MODES[row['mode']]}）"
        else:
            line = f"{span}：帮扶{row['helped_name']}{lead}（{MODES[row['mode']]}）"
        if row["left_reason"]:
            line += f"，{row['left_reason']}"
        lines.append(line)
    return lines


# ---------------------------------------------------------------- coverage

@dataclass(frozen=True)
class Gap:
    person_id: int
    name: str
    reason: str
    why_covered: str  # why the person must be covered


@dataclass(frozen=True)
class Coverage:
    must_cover: int
    covered: int
    uncovered: tuple[Gap, ...]

    def as_json(self) -> dict[str, Any]:
        return {"must_cover": self.must_cover, "covered": self.covered,
                "uncovered": [{"person_id": g.person_id, "name": g.name, "reason": g.reason} for g in self.uncovered]}


def coverage(db: sqlite_utils.Database, on: datetime.date | None = None) -> Coverage:
    """Who must be covered, who is, and why each of the others is not."""
    on = on or datetime.date.today()
    rules = must_cover_rules(db)
    needing = []
    for row in aid_db.people_with_situations(db):
        why = must_cover_reason(row, rules, on)
        if why:
            needing.append((row, why))
    groups = {g["person_id"]: g for g in aid_db.groups(db)}
    members = aid_db.memberships(db, [g["id"] for g in groups.values()], current_only=True)
    helpers_of: dict[int, list[dict]] = {}
    for m in members:
        helpers_of.setdefault(m["group_id"], []).append(m)
    gaps = []
    for row, why in sorted(needing, key=lambda item: item[0]["sort_key"]):
        group = groups.get(row["person_id"])
        if group is None:
            gaps.append(Gap(row["person_id"], row["name"], f"{why}，没有互助组", why))
            continue
        helpers = helpers_of.get(group["id"], [])
        working = [h for h in helpers if h["status"] == "active" and not h["helper_unavailable"]]
        if not working:
            gone = "、".join(f"{h['name']}{_gone(h)}" for h in helpers) or "没有帮扶人"
            gaps.append(Gap(row["person_id"], row["name"], f"{why}，互助组的帮扶人都不能帮扶了（{gone}）", why))
    return Coverage(len(needing), len(needing) - len(gaps), tuple(gaps))


def _gone(helper: dict) -> str:
    return {"moved_away": "已迁出", "deceased": "已去世"}.get(helper["status"], "已暂停帮扶")


# ---------------------------------------------------------------- proposals

def _slots(row: dict, on: datetime.date) -> int:
    """Helpers wanted: two (多帮一) for someone with several hardships or aged 90 and over, else one."""
    situations = row["situations"] if isinstance(row["situations"], list) else json.loads(row["situations"])
    age = _age(row, on)
    return 2 if len(situations) >= 2 or (age is not None and age >= 90) else 1


def suggest(db: sqlite_utils.Database, *, on: datetime.date | None = None,
            allow_hardship_helpers: bool = False) -> aid_solver.Suggestion:
    """Propose helpers for everyone uncovered, all at once (see app.aid_solver)."""
    from app import aid_solver

    on = on or datetime.date.today()
    gaps = coverage(db, on).uncovered
    wanted = {g.person_id for g in gaps}
    groups = {g["person_id"]: g for g in aid_db.groups(db)}
    members = aid_db.memberships(db, [g["id"] for g in groups.values()], current_only=True)
    existing: dict[int, tuple[int, ...]] = {}
    for m in members:
        existing.setdefault(m["group_id"], ())
        existing[m["group_id"]] += (m["helper_id"],)
    needy = []
    for row in aid_db.people_with_situations(db):
        if row["person_id"] in wanted:
            group = groups.get(row["person_id"])
            needy.append(aid_solver.Needy(
                row["person_id"], row["name"], _building(row["building"]), _age(row, on), row["sex"],
                _slots(row, on), existing.get(group["id"], ()) if group else ()))
    loads = aid_db.loads(db)
    helpers = [aid_solver.Helper(
        row["person_id"], row["name"], _building(row["building"]), _age(row, on), row["sex"],
        max(0, row["aid_capacity"] - loads.get(row["person_id"], 0)), loads.get(row["person_id"], 0),
        bool(row["same_sex_only"]), row["situations"] != "[]") for row in aid_db.candidate_helpers(db)]
    return aid_solver.propose(needy, helpers, allow_hardship_helpers=allow_hardship_helpers)


def apply_proposals(db: sqlite_utils.Database, proposals: list[aid_solver.Proposal], *, actor: str,
                    on: datetime.date | None = None) -> list[int]:
    """Accept proposals: a new group for each person without one, new helpers in an existing one. One transaction."""
    on = on or datetime.date.today()
    made = []
    with transaction(db):
        for proposal in proposals:
            group = next(iter(aid_db.groups(db, person_id=proposal.person_id)), None)
            if group is None:
                made.append(create_group(db, proposal.person_id, list(proposal.helper_ids), actor=actor,
                                         started_on=on, notes="按推荐成立", override=True, today=on))
            else:
                for helper_id in proposal.helper_ids:
                    add_helper(db, group["id"], helper_id, actor=actor, on=on, override=True, today=on)
                made.append(group["id"])
    return made
