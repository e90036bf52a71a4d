"""Mutual-aid groups (互助组): forming and changing them, who must be covered, coverage, and proposals.

A group helps one person: one-on-one (一对一, one helper) or many-help-one (多帮一, several helpers, the first
the lead). Nothing is deleted: helpers leave on a date with a reason, groups end on a date with a reason.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Sequence
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


@functools.lru_cache(maxsize=512)
def _decoded(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def situations_of(value: Any) -> Sequence[str]:
    """A person's household situations from a roster row, as stored (JSON) or already decoded. A club has only a
    few dozen distinct combinations: each is decoded once, not once for each of 40,000 people in need."""
    return value if isinstance(value, (list, tuple)) else _decoded(value or "[]")


def must_cover_reason(row: dict, rules: list[dict], on: datetime.date) -> str | None:
    """Why this person must be covered ("特困", "独居 · 83 岁"), or None when no rule applies."""
    situations = situations_of(row["situations"])
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


def _check_group(f: Fields, person: dict | None, group: dict | None, helper_ids: list[int], mode: str,
                 helpers: dict[int, dict], loads: dict[int, int], *, override: bool) -> None:
    """Refuse beside its field what stops this group being formed: the person's state and open group (``group``),
    the mode, and each helper (``helpers``: the roster rows found, ``loads``: how many each helps now)."""
    if person is not None:
        f.rule("person_id", person["status"] == "active", f"{person['name']}已不在册")
    if group is not None:
        f.refuse("person_id", f"{person['name']}已有互助组（编号 {group['id']}），请在原组里增减帮扶人")
    helper_problems: list[str] = []
    if not helper_ids:
        helper_problems.append("请至少选一位帮扶人")
    elif f.rule("mode", mode in MODES, "互助方式应为一对一或多帮一"):
        if mode == "one_on_one" and len(helper_ids) != 1:
            helper_problems.append("一对一互助组只有一位帮扶人")
        elif mode == "many_help_one" and len(helper_ids) < 2:
            helper_problems.append("多帮一互助组至少要两位帮扶人")
    for helper_id in helper_ids:
        helper = helpers.get(helper_id)
        if helper is None:
            helper_problems.append(f"花名册里没有编号为 {helper_id} 的人")
        elif problem := _helper_problem(helper, person["id"] if person else None, loads.get(helper_id, 0),
                                        override=override):
            helper_problems.append(problem)
    f.rule("helper_ids", not helper_problems, "；".join(helper_problems))


def create_group(db: sqlite_utils.Database, person_id: int, helper_ids: list[int], *, actor: str,
                 mode: str | None = None, started_on: Any = None, notes: str = "", override: bool = False,
                 today: datetime.date | None = None) -> int:
    """Form a group for ``person_id``; the first helper leads. Raises InvalidRecord with Chinese reasons."""
    today = today or datetime.date.today()
    f = Fields()
    person = f.check("person_id", _person, db, person_id) \
        if f.rule("person_id", person_id not in (None, ""), "请选择被帮扶的人") else None
    group = next(iter(aid_db.groups(db, person_id=person["id"])), None) if person else None
    helper_ids = list(dict.fromkeys(int(h) for h in helper_ids))
    mode = mode or ("one_on_one" if len(helper_ids) == 1 else "many_help_one")
    helpers = {row["id"]: row for row in people_db.people_by_ids(db, helper_ids)}
    _check_group(f, person, group, helper_ids, mode, helpers, aid_db.loads(db, helper_ids), override=override)
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
    problem = _helper_problem(helper, group["person_id"], aid_db.loads(db, [helper["id"]]).get(helper["id"], 0),
                              override=override)
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


@dataclass(frozen=True)
class _Standing:
    """Who must be covered and the open groups as they stand: read once for the coverage and the proposals."""
    needing: list[tuple[dict, str]]        # (person, why they must be covered), in roster order
    group_of: dict[int, int]               # person -> their open group
    helpers_of: dict[int, list[dict]]      # open group -> its current helpers, in joining order


def _standing(db: sqlite_utils.Database, on: datetime.date) -> _Standing:
    rules = must_cover_rules(db)
    needing = []
    for row in aid_db.people_with_situations(db):
        why = must_cover_reason(row, rules, on)
        if why:
            needing.append((row, why))
    needing.sort(key=lambda item: item[0]["sort_key"])
    helpers_of: dict[int, list[dict]] = {}
    for m in aid_db.current_helpers(db):
        helpers_of.setdefault(m["group_id"], []).append(m)
    return _Standing(needing, aid_db.open_groups(db), helpers_of)


def _coverage(standing: _Standing) -> Coverage:
    gaps = []
    for row, why in standing.needing:
        group = standing.group_of.get(row["person_id"])
        if group is None:
            gaps.append(Gap(row["person_id"], row["name"], f"{why}，没有互助组", why))
            continue
        helpers = standing.helpers_of.get(group, [])
        working = [h for h in helpers if h["status"] == "active" and not h["helper_unavailable"]]
        if not working:
            gone = "、".join(f"{h['name']}{_gone(h)}" for h in helpers) or "没有帮扶人"
            gaps.append(Gap(row["person_id"], row["name"], f"{why}，互助组的帮扶人都不能帮扶了（{gone}）", why))
    return Coverage(len(standing.needing), len(standing.needing) - len(gaps), tuple(gaps))


def coverage(db: sqlite_utils.Database, on: datetime.date | None = None) -> Coverage:
    """Who must be covered, who is, and why each of the others is not."""
    return _coverage(_standing(db, on or datetime.date.today()))


def _gone(helper: dict) -> str:
    return {"moved_away": "已迁出", "deceased": "已去世"}.get(helper["status"], "已暂停帮扶")


# ---------------------------------------------------------------- proposals

def _slots(row: dict, on: datetime.date) -> int:
    """Helpers wanted: two (多帮一) for someone with several hardships or aged 90 and over, else one."""
    situations = situations_of(row["situations"])
    age = _age(row, on)
    return 2 if len(situations) >= 2 or (age is not None and age >= 90) else 1


def suggest(db: sqlite_utils.Database, *, on: datetime.date | None = None,
            allow_hardship_helpers: bool = False) -> aid_solver.Suggestion:
    """Propose helpers for everyone uncovered, all at once (see app.aid_solver)."""
    from app import aid_solver

    on = on or datetime.date.today()
    standing = _standing(db, on)
    wanted = {g.person_id for g in _coverage(standing).uncovered}
    needy = []
    for row, _ in standing.needing:
        if row["person_id"] in wanted:
            group = standing.group_of.get(row["person_id"])
            existing = tuple(m["helper_id"] for m in standing.helpers_of.get(group, ())) if group else ()
            needy.append(aid_solver.Needy(row["person_id"], row["name"], _building(row["building"]), _age(row, on),
                                          row["sex"], _slots(row, on), existing))
    loads = aid_db.loads(db)
    helpers = [aid_solver.Helper(
        row["person_id"], row["name"], _building(row["building"]), _age(row, on), row["sex"],
        max(0, row["aid_capacity"] - loads.get(row["person_id"], 0)), loads.get(row["person_id"], 0),
        bool(row["same_sex_only"]), row["situations"] != "[]") for row in aid_db.candidate_helpers(db)]
    return aid_solver.propose(needy, helpers, allow_hardship_helpers=allow_hardship_helpers)


def apply_proposals(db: sqlite_utils.Database, proposals: list[aid_solver.Proposal], *, actor: str,
                    on: datetime.date | None = None) -> list[int]:
    """Accept proposals: a new group for each person without one, new helpers in an existing one. One transaction.

    Each proposal is checked as create_group and add_helper check one (the director's acceptance stands in for
    the hardship rule), against the roster rows and helpers' loads read once for all of them and counted on as
    the proposals are taken in turn; then every group and membership is written in one batch. Returns the
    groups' ids in the proposals' order. Raises InvalidRecord for the first proposal that no longer holds (a
    helper who has since reached their limit, say), and nothing is written."""
    on = on or datetime.date.today()
    started = _day(on, "started_on", on)
    person_ids = [int(p.person_id) for p in proposals]
    if len(set(person_ids)) != len(person_ids):
        raise ValueError("a person appears in more than one proposal")
    helper_ids = sorted({int(h) for p in proposals for h in p.helper_ids})
    rows = {row["id"]: row for row in people_db.people_by_ids(db, sorted(set(person_ids) | set(helper_ids)))}
    loads = aid_db.loads(db, helper_ids)
    open_groups: dict[int, dict] = {}
    for group in aid_db.groups(db, person_ids=person_ids):    # newest first: a person's newest open group
        open_groups.setdefault(group["person_id"], group)
    current: dict[int, list[int]] = {}
    for m in aid_db.memberships(db, [g["id"] for g in open_groups.values()], current_only=True):
        current.setdefault(m["group_id"], []).append(m["helper_id"])

    new_groups: list[tuple[dict, list[int]]] = []
    joining: list[tuple[int, int, bool]] = []                 # (group id, helper id, lead) for open groups
    becoming_many: set[int] = set()
    made: list[int | None] = []                               # an open group's id, or None for a new group
    for proposal, person_id in zip(proposals, person_ids):
        wanted = list(dict.fromkeys(int(h) for h in proposal.helper_ids))
        group = open_groups.get(person_id)
        if group is None:
            mode = "one_on_one" if len(wanted) == 1 else "many_help_one"
            f = Fields()
            person = rows.get(person_id)
            f.rule("person_id", person is not None, f"花名册里没有编号为 {person_id} 的人")
            _check_group(f, person, None, wanted, mode, rows, loads, override=True)
            f.raise_if_any()
            new_groups.append(({"person_id": person_id, "mode": mode, "started_on": started, "ended_on": None,
                                "end_reason": "", "notes": "按推荐成立"}, wanted))
        else:
            members = current.setdefault(group["id"], [])
            for helper_id in wanted:
                helper = rows.get(helper_id)
                if helper_id in members:
                    problem = "此人已在这个互助组里"
                elif helper is None:
                    problem = f"花名册里没有编号为 {helper_id} 的人"
                else:
                    problem = _helper_problem(helper, person_id, loads.get(helper_id, 0), override=True)
                if problem:
                    raise InvalidRecord({"helper_ids": problem})
                joining.append((group["id"], helper_id, not members))
                if members and group["mode"] == "one_on_one":
                    becoming_many.add(group["id"])
                members.append(helper_id)
        made.append(group["id"] if group else None)
        for helper_id in wanted:
            loads[helper_id] = loads.get(helper_id, 0) + 1
    with transaction(db):
        new_ids = aid_db.insert_groups(db, new_groups, started, actor=actor)
        aid_db.add_helpers(db, joining, started, actor=actor)
        for group_id in sorted(becoming_many):
            aid_db.update_group(db, group_id, {"mode": "many_help_one"}, actor=actor)
    formed = iter(new_ids)
    return [group_id if group_id is not None else next(formed) for group_id in made]
