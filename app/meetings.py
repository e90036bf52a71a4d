"""The meetings register (会议): recording meetings, their rules, and the quarterly 党建联席会 reminder."""

from __future__ import annotations

import datetime
from typing import Any

import sqlite_utils

from app import ids
from app.db import meetings as meetings_db
from app.db import people as people_db
from app.db import visits as visits_db
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

MEETING_KINDS = {"council": "议事会", "release": "发布会", "joint": "党建联席会", "affairs": "社务会"}


def _active_person(db, person_id: Any) -> dict[str, Any]:
    """The active person with this id, or a ValidationError naming why not."""
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {person_id} 的人", "attendee_ids") from None
    if person["status"] != "active":
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise ValidationError(f"{person['name']}{word}，不能再记为参会人", "attendee_ids")
    return person


def check_meeting(db: sqlite_utils.Database, raw: dict[str, Any], *,
                  today: datetime.date | None = None) -> dict[str, Any]:
    """Check a meeting as typed; returns the values to store or raises InvalidRecord with a reason per field."""
    today = today or datetime.date.today()
    f = Fields()
    out: dict[str, Any] = {}
    kind = raw.get("kind")
    f.rule("kind", kind in MEETING_KINDS, "请选择会议类别（议事会、发布会、党建联席会、社务会）")
    out["kind"] = kind
    held = raw.get("held_on")
    held_on = f.check("held_on", ids.past_date, held, "held_on", today, future="开会日期晚于今天") \
        if f.rule("held_on", held not in (None, ""), "请填写开会日期") else None
    out["held_on"] = held_on.isoformat() if held_on else None
    topics = ids.free_text(raw.get("topics"))
    f.rule("topics", topics, "请写明会议议题")
    out["topics"] = topics
    attendees: list[int] = []
    for value in raw.get("attendee_ids") or []:
        person = f.check("attendee_ids", _active_person, db, value)
        if person and person["id"] not in attendees:
            attendees.append(person["id"])
    out["attendee_ids"] = attendees
    for key in ("place", "decisions", "follow_ups", "notes"):
        out[key] = ids.free_text(raw.get(key))
    f.raise_if_any()
    return out


def record_meeting(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str,
                   today: datetime.date | None = None) -> int:
    """Check and store a meeting; returns its id. Raises InvalidRecord."""
    return meetings_db.insert_meeting(db, check_meeting(db, raw, today=today), actor=actor)


def edit_meeting(db: sqlite_utils.Database, meeting_id: int, raw: dict[str, Any], *, actor: str,
                 today: datetime.date | None = None) -> dict:
    """Check and store a correction to a meeting; returns the changed columns. Raises InvalidRecord or NotFound."""
    meetings_db.get_meeting(db, meeting_id)
    return meetings_db.update_meeting(db, meeting_id, check_meeting(db, raw, today=today), actor=actor)


def list_meetings(db: sqlite_utils.Database, year: int | None = None) -> list[dict[str, Any]]:
    """Meetings newest first (of one year if given), each with ``attendees`` (names) and ``kind_label``."""
    if year is None:
        rows = meetings_db.list_meetings(db)
    else:
        rows = meetings_db.list_meetings(db, start=f"{int(year):04d}-01-01", end=f"{int(year):04d}-12-31")
    names = visits_db.names_of(db, [pid for row in rows for pid in row["attendee_ids"]])
    for row in rows:
        row["attendees"] = [names.get(pid, str(pid)) for pid in row["attendee_ids"]]
        row["kind_label"] = MEETING_KINDS[row["kind"]]
    return rows


get_meeting = meetings_db.get_meeting


def quarter_of(day: datetime.date) -> tuple[int, datetime.date, datetime.date]:
    """The quarter number (1–4) of ``day`` with its first and last days."""
    quarter = (day.month - 1) // 3 + 1
    first = datetime.date(day.year, 3 * quarter - 2, 1)
    last = datetime.date(day.year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) \
        - datetime.timedelta(days=1)
    return quarter, first, last


def joint_meeting_due(db: sqlite_utils.Database, on: datetime.date) -> dict[str, Any] | None:
    """The quarterly 党建联席会 reminder when the quarter of ``on`` has none yet (due its last day), else None."""
    quarter, first, last = quarter_of(on)
    if meetings_db.count_kind_between(db, "joint", first.isoformat(), last.isoformat()):
        return None
    return {"kind": "meeting", "due": last,
            "reason": f"本季度（{on.year}年第{quarter}季度）还没有召开{MEETING_KINDS['joint']}"}


# A quarterly duty needs more notice than a visit: the reminder joins the due list a month before the quarter ends.
NOTICE_DAYS = 31


def due(db: sqlite_utils.Database, on: datetime.date, days: int = 14) -> list[dict[str, Any]]:
    """Meeting items for the due list: the joint-meeting reminder when its due date falls by ``on`` plus ``days``
    or a month, whichever is longer."""
    item = joint_meeting_due(db, on)
    if item is None or item["due"] > on + datetime.timedelta(days=max(days, NOTICE_DAYS)):
        return []
    return [item]
