"""Activities (活动): service sessions, events and classes, their participants and hours, and crediting them.

An activity is recorded as it happened (its date, place, project, who took part and the actual hours of service,
travel excluded, as the national recording rules ask). Confirming it credits each participant's hours to the
time bank once. A correction keeps the earlier values in the activity's history; once it is confirmed the hours
follow (a participant taken off is reversed, changed hours or a changed date are credited again, one added is
credited), and a voided activity's hours are reversed.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

import sqlite_utils

from app import corrections, ids, timebank
from app.accounts import Session
from app.db import activities as activities_db
from app.db import corrections as corrections_db
from app.db import timebank as bank_db
from app.db import people as people_db
from app.db import visits as visits_db
from app.db.connection import transaction
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

ACTIVITY_KINDS = {"service": "服务", "event": "活动", "class": "课堂"}
# The projects the seed articles name; the dialog offers them together with those already in use.
PROJECTS = ["磨刀", "义诊", "维修", "理发", "志愿者日", "剪纸", "戏曲", "舞蹈", "合唱", "法律咨询", "卫生清扫"]


def _participant(db, value: Any, known: set[int] = frozenset()) -> dict[str, Any]:
    try:
        person = people_db.get_person(db, int(value))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {value} 的人", "participants") from None
    if person["status"] != "active" and person["id"] not in known:
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise ValidationError(f"{person['name']}{word}，不能再记为参加人", "participants")
    return person


def _hours(value: Any, field: str) -> float | str:
    """Hours as stored, or the Chinese reason they are wrong."""
    try:
        hours = round(float(value), 2)
    except (TypeError, ValueError):
        return f"时长应是数字：{value}"
    if not math.isfinite(hours) or hours <= 0:
        return "实际服务时长应大于 0 小时"
    if hours > 24:
        return "一次活动的服务时长不能超过 24 小时"
    return hours


def check_activity(db: sqlite_utils.Database, raw: dict[str, Any], *, today: datetime.date | None = None,
                   known: set[int] = frozenset()) -> dict[str, Any]:
    """Check an activity as typed; returns the values to store or raises InvalidRecord with a reason per field.

    ``participants`` is a list of person ids (each credited the activity's hours) or of (id, hours) pairs.
    """
    today = today or datetime.date.today()
    f = Fields()
    out: dict[str, Any] = {}
    kind = raw.get("kind")
    f.rule("kind", kind in ACTIVITY_KINDS, "请选择类别（服务、活动、课堂）")
    out["kind"] = kind
    out["title"] = ids.free_text(raw.get("title"))
    out["project"] = ids.free_text(raw.get("project"))
    out["title"] = out["title"] or out["project"]  # a service session is named by its project (义诊, 磨刀 …)
    f.rule("title", out["title"], "请填写活动名称")
    held = raw.get("held_on")
    held_on = f.check("held_on", ids.past_date, held, "held_on", today, future="活动日期晚于今天：活动结束后再记录") \
        if f.rule("held_on", held not in (None, ""), "请填写活动日期") else None
    out["held_on"] = held_on.isoformat() if held_on else None
    hours = _hours(raw.get("hours"), "hours")
    f.rule("hours", not isinstance(hours, str), hours)
    out["hours"] = hours if not isinstance(hours, str) else None
    participants: list[tuple[int, float]] = []
    for value in raw.get("participants") or []:
        pid, own = (value if isinstance(value, (tuple, list)) else (value, None))
        person = f.check("participants", _participant, db, pid, known)
        if not person:
            continue
        own_hours = out["hours"] if own in (None, "") else _hours(own, "participants")
        if not f.rule("participants", not isinstance(own_hours, str), f"{person['name']}：{own_hours}"):
            continue
        if own_hours is not None and person["id"] not in [p for p, _ in participants]:
            participants.append((person["id"], own_hours))
    out["participants"] = participants
    out["served_count"] = f.whole("served_count", raw.get("served_count") or 0, 0, 100000,
                                  "服务人次应是不小于 0 的整数")
    for key in ("place", "notes"):
        out[key] = ids.free_text(raw.get(key))
    f.raise_if_any()
    return out


def record_activity(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str,
                    today: datetime.date | None = None) -> int:
    """Check and store an activity (not yet confirmed); returns its id. Raises InvalidRecord."""
    return activities_db.insert_activity(db, check_activity(db, raw, today=today), actor=actor)


def get_activity(db: sqlite_utils.Database, activity_id: int) -> dict[str, Any]:
    try:
        return activities_db.get_activity(db, int(activity_id))
    except (NotFound, TypeError, ValueError):
        raise NotFound(f"没有编号为 {activity_id} 的活动") from None


ACTIVITY_FIELDS = {"kind": "类别", "title": "名称", "project": "服务项目", "held_on": "日期", "place": "地点",
                   "hours": "时长", "participants": "参加人", "served_count": "服务人次", "notes": "备注"}


def _activity_to_change(db: sqlite_utils.Database, activity_id: Any, by: Session,
                        today: datetime.date | None) -> dict[str, Any]:
    try:
        activity = activities_db.get_activity(db, int(activity_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"activity_id": f"没有编号为 {activity_id} 的活动"}) from None
    corrections.check_not_void(activity, "活动记录")
    corrections.check_allowed(by, corrections_db.inserted_by(db, "activity", activity["id"]), today)
    return activity


def correct_activity(db: sqlite_utils.Database, activity_id: Any, raw: dict[str, Any], *, reason: Any,
                     by: Session, today: datetime.date | None = None) -> dict[str, Any]:
    """Correct an activity (``raw``: the fields to change, checked as for a new one); returns the changed fields.
    Once it is confirmed, its hours in the time bank follow the correction. Raises InvalidRecord."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    activity = _activity_to_change(db, activity_id, by, today)
    merged = {key: activity[key] for key in ACTIVITY_FIELDS}
    merged.update({key: value for key, value in raw.items() if key in ACTIVITY_FIELDS})
    if "hours" in raw and "participants" not in raw:  # everyone took the activity's new hours
        merged["participants"] = [pid for pid, _ in activity["participants"]]
    try:
        values = check_activity(db, merged, today=today, known={pid for pid, _ in activity["participants"]})
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    old = {key: activity[key] for key in values}
    old["participants"] = [list(p) for p in activity["participants"]]
    new = {**values, "participants": [list(p) for p in values["participants"]]}
    before, after = corrections.changed(old, new)
    with transaction(db):
        activities_db.update_activity(db, activity["id"], {**values, "state": "corrected"}, actor=by.name)
        corrections.record(db, "activity", activity["id"], "correct", reason, before, after, by=by)
        if activity["confirmed_at"]:
            _follow_hours(db, activity, values, reason, by)
    return after


def _follow_hours(db: sqlite_utils.Database, old: dict[str, Any], new: dict[str, Any], reason: str,
                  by: Session) -> None:
    """A confirmed activity's credits made to match its corrected participants, hours and date: a credit that no
    longer matches is reversed (on its own date), and whoever has none is credited."""
    want = dict(new["participants"])
    stale = {entry["person_id"] for entry in bank_db.live_deposits(db, "activity", old["id"])
             if want.get(entry["person_id"]) != entry["hours"] or entry["on_date"] != new["held_on"]}
    if stale:
        timebank.reverse_credits(db, "activity", old["id"], reason=f"活动更正：{reason}", actor=by.name,
                                 person_ids=stale)
    credited = {entry["person_id"] for entry in bank_db.live_deposits(db, "activity", old["id"])}
    for pid, hours in new["participants"]:
        if pid not in credited:
            timebank.credit_again(db, "activity", old["id"], pid, hours, on=new["held_on"], note=new["title"],
                                  actor=by.name)


def void_activity(db: sqlite_utils.Database, activity_id: Any, *, reason: Any, by: Session,
                  today: datetime.date | None = None) -> None:
    """Void an activity recorded by mistake: kept, marked 已作废, counted nowhere, its credited hours reversed."""
    reason = corrections.reason_of(reason)
    activity = _activity_to_change(db, activity_id, by, today)
    with transaction(db):
        corrections_db.set_state(db, "activity", activity["id"], "void", actor=by.name)
        corrections.record(db, "activity", activity["id"], "void", reason, {}, {}, by=by)
        timebank.reverse_credits(db, "activity", activity["id"], reason=f"活动作废：{reason}", actor=by.name)


def may_change_activity(db: sqlite_utils.Database, activity: dict[str, Any], by: Session,
                        today: datetime.date | None = None) -> str | None:
    if activity.get("state") == "void":
        return "这条活动记录已经作废了"
    return corrections.refusal(by, corrections_db.inserted_by(db, "activity", activity["id"]), today)


def activity_history(db: sqlite_utils.Database, activity_id: int) -> list[corrections.Step]:
    def show(key: str, value: Any) -> str:
        if value in (None, "", []):
            return "（空）"
        if key == "participants":
            names = visits_db.names_of(db, [pid for pid, _ in value])
            return "、".join(f"{names.get(pid, str(pid))}（{timebank.fmt(hours)}）" for pid, hours in value)
        if key == "kind":
            return ACTIVITY_KINDS.get(value, str(value))
        if key == "hours":
            return f"{timebank.fmt(value)} 小时"
        return str(value)

    return corrections.history(db, "activity", activity_id, ACTIVITY_FIELDS, show)


def confirm_activity(db: sqlite_utils.Database, activity_id: int, *, actor: str,
                     today: datetime.date | None = None) -> int:
    """Confirm an activity and credit each participant's hours to the time bank; returns how many were credited."""
    today = today or datetime.date.today()
    activity = get_activity(db, activity_id)
    corrections.check_not_void(activity, "活动记录")
    if activity["confirmed_at"]:
        raise InvalidRecord({"confirmed": f"这次活动已经在 {activity['confirmed_at'][:10]} 确认过了"})
    if activity["held_on"] > today.isoformat():
        raise InvalidRecord({"held_on": "活动还没有举行，不能确认"})
    if not activity["participants"]:
        raise InvalidRecord({"participants": "没有参加人，无法记入时长；请先添加参加人"})
    for pid, _ in activity["participants"]:
        _participant(db, pid)
    entries = [{"person_id": pid, "on_date": activity["held_on"], "kind": "deposit", "hours": hours,
                "source": "activity", "source_id": activity["id"], "note": activity["title"]}
               for pid, hours in activity["participants"]]
    activities_db.confirm_activity(db, activity["id"], entries, actor=actor)
    return len(entries)


def describe_activity(db: sqlite_utils.Database, activity_id: int) -> str:
    """"12月3日 活动 重阳节文艺汇演"."""
    activity = activities_db.get_activity(db, int(activity_id))
    return f"{corrections.md(activity['held_on'])} {ACTIVITY_KINDS[activity['kind']]} {activity['title']}"


def list_activities(db: sqlite_utils.Database, year: int | None = None) -> list[dict[str, Any]]:
    """Activities newest first (of one year if given), with ``kind_label``, participant ``names``, ``total_hours``
    and ``state_label``."""
    if year is None:
        rows = activities_db.list_activities(db)
    else:
        rows = activities_db.list_activities(db, start=f"{int(year):04d}-01-01", end=f"{int(year):04d}-12-31")
    names = visits_db.names_of(db, [pid for row in rows for pid, _ in row["participants"]])
    for row in rows:
        row["kind_label"] = ACTIVITY_KINDS[row["kind"]]
        row["names"] = [names.get(pid, str(pid)) for pid, _ in row["participants"]]
        row["total_hours"] = round(sum(hours for _, hours in row["participants"]), 2)
        row["state_label"] = "" if row["state"] == "valid" else corrections.STATES[row["state"]]
    return rows


def projects(db: sqlite_utils.Database) -> list[str]:
    """Projects to offer: those in use first, then the usual ones."""
    found = activities_db.projects_in_use(db)
    return found + [name for name in PROJECTS if name not in found]
