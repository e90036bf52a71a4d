"""Activities (活动): service sessions, events and classes, their participants and hours, and crediting them.

An activity is recorded as it happened (its date, place, project, who took part and the actual hours of service,
travel excluded, as the national recording rules ask). Confirming it credits each participant's hours to the
time bank once; after that it cannot be edited, and a mistake is put right by a correction in the ledger.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

import sqlite_utils

from app import ids
from app.db import activities as activities_db
from app.db import people as people_db
from app.db import visits as visits_db
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

ACTIVITY_KINDS = {"service": "服务", "event": "活动", "class": "课堂"}
# The projects the seed articles name; the dialog offers them together with those already in use.
PROJECTS = ["磨刀", "义诊", "维修", "理发", "志愿者日", "剪纸", "戏曲", "舞蹈", "合唱", "法律咨询", "卫生清扫"]


def _participant(db, value: Any) -> dict[str, Any]:
    try:
        person = people_db.get_person(db, int(value))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {value} 的人", "participants") from None
    if person["status"] != "active":
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


def check_activity(db: sqlite_utils.Database, raw: dict[str, Any], *,
                   today: datetime.date | None = None) -> dict[str, Any]:
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
        person = f.check("participants", _participant, db, pid)
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


def edit_activity(db: sqlite_utils.Database, activity_id: int, raw: dict[str, Any], *, actor: str,
                  today: datetime.date | None = None) -> dict:
    """Correct an activity not yet confirmed; returns the changed columns. Raises InvalidRecord or NotFound."""
    if get_activity(db, activity_id)["confirmed_at"]:
        raise InvalidRecord({"confirmed": "活动已确认并记入时长，不能再修改；如有错，请在时间银行里更正那几笔时长"})
    return activities_db.update_activity(db, activity_id, check_activity(db, raw, today=today), actor=actor)


def confirm_activity(db: sqlite_utils.Database, activity_id: int, *, actor: str,
                     today: datetime.date | None = None) -> int:
    """Confirm an activity and credit each participant's hours to the time bank; returns how many were credited."""
    today = today or datetime.date.today()
    activity = get_activity(db, activity_id)
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


def list_activities(db: sqlite_utils.Database, year: int | None = None) -> list[dict[str, Any]]:
    """Activities newest first (of one year if given), with ``kind_label``, participant ``names`` and ``total_hours``."""
    if year is None:
        rows = activities_db.list_activities(db)
    else:
        rows = activities_db.list_activities(db, start=f"{int(year):04d}-01-01", end=f"{int(year):04d}-12-31")
    names = visits_db.names_of(db, [pid for row in rows for pid, _ in row["participants"]])
    for row in rows:
        row["kind_label"] = ACTIVITY_KINDS[row["kind"]]
        row["names"] = [names.get(pid, str(pid)) for pid, _ in row["participants"]]
        row["total_hours"] = round(sum(hours for _, hours in row["participants"]), 2)
    return rows


def projects(db: sqlite_utils.Database) -> list[str]:
    """Projects to offer: those in use first, then the usual ones."""
    found = activities_db.projects_in_use(db)
    return found + [name for name in PROJECTS if name not in found]
