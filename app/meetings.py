"""The meetings register (会议): recording and correcting meetings, their rules, and the quarterly 党建联席会
reminder (which a voided meeting no longer meets)."""

from __future__ import annotations

import datetime
from typing import Any

import sqlite_utils

from app import corrections, ids
from app.accounts import Session
from app.db import corrections as corrections_db
from app.db import meetings as meetings_db
from app.db import people as people_db
from app.db import visits as visits_db
from app.db.connection import transaction
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

MEETING_KINDS = {"council": "议事会", "release": "发布会", "joint": "党建联席会", "affairs": "社务会"}


def _active_person(db, person_id: Any, known: set[int] = frozenset()) -> dict[str, Any]:
    """The active person with this id (or one of ``known``, already on the meeting being corrected), or a
    ValidationError naming why not."""
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {person_id} 的人", "attendee_ids") from None
    if person["status"] != "active" and person["id"] not in known:
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise ValidationError(f"{person['name']}{word}，不能再记为参会人", "attendee_ids")
    return person


def check_meeting(db: sqlite_utils.Database, raw: dict[str, Any], *, today: datetime.date | None = None,
                  known: set[int] = frozenset()) -> dict[str, Any]:
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
        person = f.check("attendee_ids", _active_person, db, value, known)
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


MEETING_FIELDS = {"kind": "类别", "held_on": "开会日期", "place": "地点", "attendee_ids": "参会人",
                  "topics": "议题", "decisions": "决定", "follow_ups": "后续落实", "notes": "备注"}


def _meeting_to_change(db: sqlite_utils.Database, meeting_id: Any, by: Session,
                       today: datetime.date | None) -> dict[str, Any]:
    try:
        meeting = meetings_db.get_meeting(db, int(meeting_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"meeting_id": f"没有编号为 {meeting_id} 的会议记录"}) from None
    corrections.check_not_void(meeting, "会议记录")
    corrections.check_allowed(by, corrections_db.inserted_by(db, "meeting", meeting["id"]), today)
    return meeting


def correct_meeting(db: sqlite_utils.Database, meeting_id: Any, raw: dict[str, Any], *, reason: Any,
                    by: Session, today: datetime.date | None = None) -> dict[str, Any]:
    """Correct a meeting (``raw``: the fields to change, checked as for a new one); returns the changed fields.
    The earlier values stay in its history with the reason. Raises InvalidRecord."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    meeting = _meeting_to_change(db, meeting_id, by, today)
    merged = {key: meeting[key] for key in MEETING_FIELDS}
    merged.update({key: value for key, value in raw.items() if key in MEETING_FIELDS})
    try:
        values = check_meeting(db, merged, today=today, known=set(meeting["attendee_ids"]))
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    before, after = corrections.changed({k: meeting[k] for k in values}, values)
    with transaction(db):
        meetings_db.update_meeting(db, meeting["id"], {**after, "state": "corrected"}, actor=by.name)
        corrections.record(db, "meeting", meeting["id"], "correct", reason, before, after, by=by)
    return after


def void_meeting(db: sqlite_utils.Database, meeting_id: Any, *, reason: Any, by: Session,
                 today: datetime.date | None = None) -> None:
    """Void a meeting recorded by mistake: kept, marked 已作废, counted nowhere."""
    reason = corrections.reason_of(reason)
    meeting = _meeting_to_change(db, meeting_id, by, today)
    with transaction(db):
        corrections_db.set_state(db, "meeting", meeting["id"], "void", actor=by.name)
        corrections.record(db, "meeting", meeting["id"], "void", reason, {}, {}, by=by)


def may_change_meeting(db: sqlite_utils.Database, meeting: dict[str, Any], by: Session,
                       today: datetime.date | None = None) -> str | None:
    if meeting.get("state") == "void":
        return "这条会议记录已经作废了"
    return corrections.refusal(by, corrections_db.inserted_by(db, "meeting", meeting["id"]), today)


def meeting_history(db: sqlite_utils.Database, meeting_id: int) -> list[corrections.Step]:
    def show(key: str, value: Any) -> str:
        if value in (None, "", []):
            return "（空）"
        if key == "attendee_ids":
            names = visits_db.names_of(db, value)
            return "、".join(names.get(pid, str(pid)) for pid in value)
        if key == "kind":
            return MEETING_KINDS.get(value, str(value))
        return str(value)

    return corrections.history(db, "meeting", meeting_id, MEETING_FIELDS, show)


def list_meetings(db: sqlite_utils.Database, year: int | None = None, *,
                  valid_only: bool = False) -> list[dict[str, Any]]:
    """Meetings newest first (of one year if given), each with ``attendees`` (names), ``kind_label`` and
    ``state_label``."""
    if year is None:
        rows = meetings_db.list_meetings(db, valid_only=valid_only)
    else:
        rows = meetings_db.list_meetings(db, start=f"{int(year):04d}-01-01", end=f"{int(year):04d}-12-31",
                                         valid_only=valid_only)
    names = visits_db.names_of(db, [pid for row in rows for pid in row["attendee_ids"]])
    for row in rows:
        row["attendees"] = [names.get(pid, str(pid)) for pid in row["attendee_ids"]]
        row["kind_label"] = MEETING_KINDS[row["kind"]]
        row["state_label"] = "" if row["state"] == "valid" else corrections.STATES[row["state"]]
    return rows


get_meeting = meetings_db.get_meeting


def describe_meeting(db: sqlite_utils.Database, meeting_id: int) -> str:
    """"12月3日 议事会"."""
    meeting = meetings_db.get_meeting(db, int(meeting_id))
    return f"{corrections.md(meeting['held_on'])} {MEETING_KINDS[meeting['kind']]}"


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
