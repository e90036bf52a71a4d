"""Duty rotas (值班表): the desk's shifts and the service projects, availability, holidays, generating and
repairing a month, swaps, attendance, and today's duty.

Generating is repairing: the current month's assignments go to the solver as the plan to keep, so a rerun
after someone drops out changes only what must change. Past days and places the director fixed by hand never
move. Attendance and swaps are corrected or voided with a reason (app.corrections): a swap voided gives the place
back, attendance corrected moves the shift's hours in the time bank with it.
"""

from __future__ import annotations

import calendar
import re
import datetime
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app import corrections, ids, rota_solver, timebank
from app.accounts import Session
from app.db import corrections as corrections_db
from app.db import people as people_db
from app.db import rota as rota_db
from app.db import timebank as bank_db
from app.db.connection import transaction
from app.db.settings import get_setting, set_setting
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

PARTS = {"morning": "上午", "afternoon": "下午", "evening": "晚上"}
# The desk every day, morning and afternoon; the weekly and monthly service projects the seeds describe.
DEFAULT_SLOTS = [
    {"key": "desk_am", "name": "上午值班", "kind": "desk", "part": "morning", "start_time": "08:30", "end_time": "11:30",
     "need": 2, "weekdays": [1, 2, 3, 4, 5, 6, 7], "place": "服务社值班室", "skill": "", "sort": 1},
    {"key": "desk_pm", "name": "下午值班", "kind": "desk", "part": "afternoon", "start_time": "14:30", "end_time": "17:30",
     "need": 2, "weekdays": [1, 2, 3, 4, 5, 6, 7], "place": "服务社值班室", "skill": "", "sort": 2},
    {"key": "knife", "name": "磨刀", "kind": "project", "part": "morning", "start_time": "09:00", "end_time": "11:00",
     "need": 1, "weekdays": [2], "place": "服务社门口", "skill": "磨刀", "sort": 3},
    {"key": "repair", "name": "小家电维修", "kind": "project", "part": "afternoon", "start_time": "14:30",
     "end_time": "16:30", "need": 1, "weekdays": [4], "place": "服务社活动室", "skill": "维修", "sort": 4},
    {"key": "haircut", "name": "义务理发", "kind": "project", "part": "morning", "start_time": "08:30", "end_time": "11:00",
     "need": 2, "weekdays": [5], "place": "服务社活动室", "skill": "理发", "sort": 5},
    {"key": "clinic", "name": "义诊", "kind": "project", "part": "morning", "start_time": "08:30", "end_time": "11:30",
     "need": 2, "weekdays": [], "monthly_day": 15, "place": "服务社活动室", "skill": "医护", "sort": 6},
]


def month_bounds(text: str) -> tuple[datetime.date, datetime.date]:
    try:
        year, month = (int(part) for part in text.split("-"))
        first = datetime.date(year, month, 1)
    except (ValueError, TypeError):
        raise ValidationError(f"月份应写成 YYYY-MM：{text}", "month") from None
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def ensure_defaults(db: sqlite_utils.Database, *, actor: str, today: datetime.date | None = None) -> None:
    """First use: the default slots, and the official holidays for the years the package knows."""
    today = today or datetime.date.today()
    with transaction(db):
        if not rota_db.slots(db, active_only=False):
            for slot in DEFAULT_SLOTS:
                rota_db.insert_slot(db, {"monthly_day": None, **slot}, actor=actor)
        known = rota_db.holiday_years(db)
        for year in range(today.year - 1, today.year + 2):
            if year not in known:
                seed_holidays(db, year, actor=actor)


def seed_holidays(db: sqlite_utils.Database, year: int, *, actor: str) -> int:
    """Copy a year's official days off and make-up workdays from lunar-python into the app's own table.

    The table is the app's, so the director can correct it when a year's notice comes out; no package
    knows a year before its State Council notice. Returns how many days were added.
    """
    from lunar_python.util import HolidayUtil

    count = 0
    for item in HolidayUtil.getHolidays(year):
        day = item.getDay()
        if day.startswith(str(year)):
            rota_db.put_holiday(db, day, "workday" if item.isWork() else "off", item.getName(), "lunar-python",
                                actor=actor)
            count += 1
    return count


def holiday_warning(db: sqlite_utils.Database, today: datetime.date | None = None) -> str | None:
    """A sentence when the coming year's holidays are missing (from October on), else None."""
    today = today or datetime.date.today()
    years = rota_db.holiday_years(db)
    if today.year not in years:
        return f"{today.year} 年的放假安排还没有录入，请在“值班表 → 节假日”里补上"
    if today.month >= 10 and today.year + 1 not in years:
        return f"{today.year + 1} 年的放假安排还没有录入：国务院通知发布后，请在“值班表 → 节假日”里补上"
    return None


def missing_holidays(db: sqlite_utils.Database, month: str) -> str | None:
    """A sentence when the official days off of ``month``'s year are not in the table yet (the State Council's notice
    comes out each December): a rota made now would staff 元旦 and the Spring Festival as ordinary days."""
    year = month_bounds(month)[0].year
    if year in rota_db.holiday_years(db):
        return None
    return (f"{year} 年的放假安排还没有录入：这个月的值班表会把节假日当成平常日子排班（比如元旦）。"
            f"国务院通知发布后，请在“值班表 → 节假日”里补上")


def set_holiday(db: sqlite_utils.Database, day: Any, kind: str, name: str, *, actor: str) -> None:
    """The director corrects or adds a day off (off) or a make-up workday (workday)."""
    if kind not in ("off", "workday"):
        raise InvalidRecord({"kind": "请选择“放假”或“调休上班”"})
    try:
        on = ids.event_date(day, "day", ahead=True)
    except ValidationError as exc:
        raise InvalidRecord({"day": exc.reason}) from None
    rota_db.put_holiday(db, on.isoformat(), kind, ids.free_text(name), "director", actor=actor)


@dataclass(frozen=True)
class MonthSlot:
    slot: rota_solver.Slot
    slot_id: int
    start_time: str
    end_time: str
    place: str


def month_slots(db: sqlite_utils.Database, month: str) -> list[MonthSlot]:
    """Every place to fill in the month: desk shifts on open days, projects on their weekday or date."""
    first, last = month_bounds(month)
    days_off = rota_db.holidays(db, first.isoformat(), last.isoformat())
    desk_on_holidays = bool(get_setting(db, "desk_open_on_holidays", False))
    out = []
    day = first
    while day <= last:
        holiday = days_off.get(day.isoformat())
        off = holiday is not None and holiday["kind"] == "off"
        workday = holiday is not None and holiday["kind"] == "workday"
        for slot in rota_db.slots(db):
            if slot["monthly_day"]:
                scheduled = day.day == slot["monthly_day"]
            else:
                scheduled = day.isoweekday() in slot["weekdays"] or (workday and slot["kind"] == "desk")
            if not scheduled or (off and (slot["kind"] == "project" or not desk_on_holidays)):
                continue
            out.append(MonthSlot(rota_solver.Slot(f"{day.isoformat()}/{slot['key']}", day, slot["name"], slot["part"],
                                                  slot["need"], slot["skill"] or None),
                                 slot["id"], slot["start_time"], slot["end_time"], slot["place"]))
        day += datetime.timedelta(days=1)
    return out


def month_volunteers(db: sqlite_utils.Database, month: str) -> list[rota_solver.Volunteer]:
    first, last = month_bounds(month)
    away: dict[int, set[datetime.date]] = {}
    for absence in rota_db.absences(db, first.isoformat(), last.isoformat()):
        day = max(first, datetime.date.fromisoformat(absence["start_on"]))
        end = min(last, datetime.date.fromisoformat(absence["end_on"]))
        while day <= end:
            away.setdefault(absence["person_id"], set()).add(day)
            day += datetime.timedelta(days=1)
    out = []
    for row in rota_db.rota_people(db):
        off = set(away.get(row["id"], set()))
        day = first
        while day <= last:
            if day.isoweekday() in row["rota_weekdays_off"]:
                off.add(day)
            day += datetime.timedelta(days=1)
        out.append(rota_solver.Volunteer(row["id"], row["name"], frozenset(row["skills"]), frozenset(off),
                                         row["rota_max_month"], row["rota_prefers"] or None))
    return out


def generate(db: sqlite_utils.Database, month: str, *, actor: str, today: datetime.date | None = None) -> rota_solver.Plan:
    """Plan or repair the month: keep past days and fixed places, change as little else as possible."""
    today = today or datetime.date.today()
    ensure_defaults(db, actor=actor, today=today)
    first, last = month_bounds(month)
    places = month_slots(db, month)
    by_key = {p.slot.key: p for p in places}
    current = rota_db.assignments(db, first.isoformat(), last.isoformat())
    keyed = [(f"{row['day']}/{row['slot_key']}", row) for row in current]
    frozen = [rota_solver.Assignment(key, row["person_id"]) for key, row in keyed
              if key in by_key and (row["fixed"] or row["day"] < today.isoformat())]
    previous = [rota_solver.Assignment(key, row["person_id"]) for key, row in keyed if key in by_key]
    plan = rota_solver.solve([p.slot for p in places], month_volunteers(db, month), fixed=frozen, previous=previous)
    wanted = {(a.slot_key, a.person_id) for a in plan.assignments}
    remove = [(row["id"], "重新排班：此班次已取消" if key not in by_key else "重新排班：调整") for key, row in keyed
              if key not in by_key or (key, row["person_id"]) not in wanted]
    have = {(key, row["person_id"]) for key, row in keyed}
    add = [{"day": by_key[a.slot_key].slot.day.isoformat(), "slot_id": by_key[a.slot_key].slot_id,
            "person_id": a.person_id} for a in plan.assignments if (a.slot_key, a.person_id) not in have]
    unfilled = {key: [missing, reason] for key, missing, reason in plan.unfilled}
    rota_db.replace_assignments(db, remove, add, month, unfilled, actor=actor)
    return plan


@dataclass(frozen=True)
class Shift:
    day: datetime.date
    slot_key: str
    slot_name: str
    part: str
    time: str
    place: str
    need: int
    people: tuple[tuple[int, str, int], ...]  # (person_id, name, assignment id)
    unfilled_reason: str | None


def month_rota(db: sqlite_utils.Database, month: str) -> list[Shift]:
    """The month as planned: every place, who is on it, and why a place is empty."""
    first, last = month_bounds(month)
    row = rota_db.month_row(db, month)
    unfilled = row["unfilled"] if row else {}
    on: dict[str, list[tuple[int, str, int]]] = {}
    for a in rota_db.assignments(db, first.isoformat(), last.isoformat()):
        on.setdefault(f"{a['day']}/{a['slot_key']}", []).append((a["person_id"], a["name"], a["id"]))
    shifts = []
    for place in month_slots(db, month):
        people = tuple(on.get(place.slot.key, []))
        reason = None
        if len(people) < place.slot.need:
            reason = unfilled.get(place.slot.key, [None, "还没有排班"])[1] if row else "还没有排班"
        time = f"{place.start_time}–{place.end_time}" if place.start_time else PARTS[place.slot.part]
        shifts.append(Shift(place.slot.day, place.slot.key.split("/", 1)[1], place.slot.name, place.slot.part, time,
                            place.place, place.slot.need, people, reason))
    return shifts


def rota_json(db: sqlite_utils.Database, month: str) -> dict[str, Any]:
    shifts = month_rota(db, month)
    counts: dict[str, int] = {str(v["id"]): 0 for v in rota_db.rota_people(db)}
    for shift in shifts:
        for person_id, _, _ in shift.people:
            counts[str(person_id)] = counts.get(str(person_id), 0) + 1
    return {"month": month, "shifts": [{"date": s.day.isoformat(), "slot": s.slot_key, "need": s.need,
                                        "volunteer_ids": [p[0] for p in s.people], "unfilled_reason": s.unfilled_reason}
                                       for s in shifts], "counts": counts}


def today_duty(db: sqlite_utils.Database, day: datetime.date | None = None) -> list[Shift]:
    day = day or datetime.date.today()
    return [s for s in month_rota(db, day.strftime("%Y-%m")) if s.day == day]


def assign(db: sqlite_utils.Database, day: Any, slot_key: str, person_id: int, *, actor: str) -> int:
    """The director puts someone on a place by hand: the assignment is fixed and never moved by a rerun."""
    on = ids.event_date(day, "day", ahead=True)
    place = next((p for p in month_slots(db, on.strftime("%Y-%m")) if p.slot.key == f"{on.isoformat()}/{slot_key}"), None)
    if place is None:
        raise InvalidRecord({"slot": f"{on.isoformat()} 没有“{slot_key}”这个班次"})
    _check_can_take(db, on, place, person_id)
    return rota_db.insert_assignment(db, {"day": on.isoformat(), "slot_id": place.slot_id, "person_id": int(person_id),
                                          "fixed": 1}, actor=actor)


def _check_can_take(db, on: datetime.date, place: MonthSlot, person_id: int) -> None:
    if person_id in (None, ""):
        raise InvalidRecord({"person_id": "请选择一位志愿者"})
    volunteer = next((v for v in month_volunteers(db, on.strftime("%Y-%m")) if v.person_id == int(person_id)), None)
    if volunteer is None:
        raise InvalidRecord({"person_id": "此人不在值班名单上（在人员资料里勾选“参加值班”）"})
    if on in volunteer.unavailable:
        raise InvalidRecord({"person_id": f"{volunteer.name}这天不能值班（请假或固定休息日）"})
    if place.slot.skill and place.slot.skill not in volunteer.skills:
        raise InvalidRecord({"person_id": f"{volunteer.name}没有“{place.slot.skill}”技能"})
    for a in rota_db.assignments(db, on.isoformat(), on.isoformat()):
        if a["person_id"] == volunteer.person_id and a["part"] == place.slot.part:
            raise InvalidRecord({"person_id": f"{volunteer.name}这天{PARTS[a['part']]}已经有班（{a['slot_name']}）"})


def swap(db: sqlite_utils.Database, assignment_id: int, to_person: int, *, reason: str, actor: str) -> int:
    """One volunteer takes another's place; recorded with who, when and why. Returns the new assignment's id."""
    reason = ids.free_text(reason)
    if not reason:
        raise InvalidRecord({"reason": "请写明换班的原因"})
    try:
        old = rota_db.get_assignment(db, int(assignment_id))
    except NotFound:
        raise InvalidRecord({"assignment": "没有这个班次安排"}) from None
    if old["removed_at"]:
        raise InvalidRecord({"assignment": "这个安排已经撤下了"})
    on = datetime.date.fromisoformat(old["day"])
    place = next(p for p in month_slots(db, on.strftime("%Y-%m")) if p.slot_id == old["slot_id"] and p.slot.day == on)
    _check_can_take(db, on, place, to_person)
    with transaction(db):
        rota_db.update_assignment(db, old["id"], {"removed_at": datetime.datetime.now().isoformat(timespec="seconds"),
                                                  "removed_reason": f"换班：{reason}"}, actor=actor)
        new_id = rota_db.insert_assignment(db, {"day": old["day"], "slot_id": old["slot_id"], "person_id": int(to_person),
                                                "fixed": 1}, actor=actor)
        rota_db.record_swap(db, {"day": old["day"], "slot_id": old["slot_id"], "from_person": old["person_id"],
                                 "to_person": int(to_person), "reason": reason}, actor=actor)
    return new_id


def confirm(db: sqlite_utils.Database, assignment_id: int, attended: bool, *, actor: str,
            today: datetime.date | None = None) -> None:
    """Attendance of a shift that has happened (it later credits the volunteer's hours)."""
    today = today or datetime.date.today()
    row = rota_db.get_assignment(db, int(assignment_id))
    if row["day"] > today.isoformat():
        raise InvalidRecord({"assignment": "还没到这一天，不能确认出勤"})
    wanted = "attended" if attended else "absent"
    if row["confirmed"] not in (None, wanted):
        name = people_db.get_person(db, row["person_id"])["name"]
        raise InvalidRecord({"assignment": f"{name}的出勤已经确认为“{ATTENDANCE[row['confirmed']]}”；"
                                           "要改，请用“更正出勤…”并写明原因"})
    rota_db.update_assignment(db, row["id"], {"confirmed": wanted}, actor=actor)


def confirm_shift(db: sqlite_utils.Database, attendance: dict[int, bool], *, actor: str,
                  today: datetime.date | None = None) -> None:
    """The attendance of everyone on a shift (assignment id -> attended), all or none."""
    with transaction(db):
        for assignment_id, attended in attendance.items():
            confirm(db, assignment_id, attended, actor=actor, today=today)


ATTENDANCE = {"attended": "出勤", "absent": "缺勤"}
ATTENDANCE_FIELDS = {"confirmed": "出勤"}
SWAP_FIELDS = {"to_person": "顶班的人"}


def _attendance_to_change(db: sqlite_utils.Database, assignment_id: Any, by: Session,
                          today: datetime.date | None) -> dict[str, Any]:
    try:
        row = rota_db.get_assignment(db, int(assignment_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"assignment": "没有这个班次安排"}) from None
    if row["confirmed"] is None:
        raise InvalidRecord({"assignment": "这个班还没有确认出勤，没有可更正的"})
    corrections.check_allowed(by, corrections_db.last_set_by(db, "rota_assignment", row["id"], "confirmed"), today)
    return row


def _change_attendance(db, row: dict[str, Any], confirmed: str | None, action: str, reason: str, by: Session) -> None:
    """Store the attendance with its correction, and move the shift's hours with it: reversed when no longer
    attended, credited again when attended once more after a reversal (a first credit is the time bank's
    crediting, as for any attended shift)."""
    with transaction(db):
        rota_db.update_assignment(db, row["id"], {"confirmed": confirmed}, actor=by.name)
        corrections.record(db, "rota_assignment", row["id"], action, reason, {"confirmed": row["confirmed"]},
                           {"confirmed": confirmed}, by=by)
        if confirmed != "attended":
            timebank.reverse_credits(db, "shift", row["id"], reason=f"出勤更正：{reason}", actor=by.name)
        elif not bank_db.live_deposits(db, "shift", row["id"]) \
                and bank_db.ever_credited(db, "shift", row["id"], row["person_id"]):
            slot = next(s for s in rota_db.slots(db, active_only=False) if s["id"] == row["slot_id"])
            timebank.credit_again(db, "shift", row["id"], row["person_id"],
                                  timebank.shift_hours(slot["start_time"], slot["end_time"]), on=row["day"],
                                  note=slot["name"], actor=by.name)


def correct_attendance(db: sqlite_utils.Database, assignment_id: Any, attended: bool, *, reason: Any, by: Session,
                       today: datetime.date | None = None) -> None:
    """Correct a shift's attendance (出勤 ↔ 缺勤) with the reason; the shift's hours follow."""
    reason = corrections.reason_of(reason)
    row = _attendance_to_change(db, assignment_id, by, today)
    wanted = "attended" if attended else "absent"
    if row["confirmed"] == wanted:
        raise InvalidRecord({"status": f"出勤已经是“{ATTENDANCE[wanted]}”了"})
    _change_attendance(db, row, wanted, "correct", reason, by)


def void_attendance(db: sqlite_utils.Database, assignment_id: Any, *, reason: Any, by: Session,
                    today: datetime.date | None = None) -> None:
    """Void a shift's attendance confirmed by mistake: the shift is unconfirmed again, its hours reversed."""
    reason = corrections.reason_of(reason)
    row = _attendance_to_change(db, assignment_id, by, today)
    _change_attendance(db, row, None, "void", reason, by)


def attendance_refusal(db: sqlite_utils.Database, assignment_id: int, by: Session,
                       today: datetime.date | None = None) -> str | None:
    """Why ``by`` may not correct the attendance of this assignment, or None."""
    row = rota_db.get_assignment(db, int(assignment_id))
    if row["confirmed"] is None:
        return "这个班还没有确认出勤"
    return corrections.refusal(by, corrections_db.last_set_by(db, "rota_assignment", row["id"], "confirmed"), today)


def _names(db, value: Any) -> str:
    try:
        return people_db.get_person(db, int(value))["name"]
    except (NotFound, TypeError, ValueError):
        return corrections.blank(value)


def attendance_history(db: sqlite_utils.Database, assignment_id: int) -> list[corrections.Step]:
    """The corrections and voids of a shift's attendance, oldest first."""
    return [step for step in corrections.history(
        db, "rota_assignment", assignment_id, ATTENDANCE_FIELDS,
        lambda _key, value: ATTENDANCE.get(value, "未确认")) if step.action != "record"]


def _swap_to_change(db: sqlite_utils.Database, swap_id: Any, by: Session,
                    today: datetime.date | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The swap and the place it made (the replacement's current assignment), refused when it cannot change."""
    try:
        swap_row = rota_db.get_swap(db, int(swap_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"swap": f"没有编号为 {swap_id} 的换班记录"}) from None
    corrections.check_not_void(swap_row, "换班记录")
    corrections.check_allowed(by, (swap_row["actor"], swap_row["at"]), today)
    place = rota_db.current_assignment(db, swap_row["day"], swap_row["slot_id"], swap_row["to_person"])
    if place is None:
        raise InvalidRecord({"swap": "顶班的人已经不在这个班上了（又换过班或重新排过班），这次换班不能再改"})
    if place["confirmed"] is not None:
        raise InvalidRecord({"swap": f"这个班已经确认了{_names(db, place['person_id'])}的出勤；请先作废出勤"})
    return swap_row, place


def _put_on(db, swap_row: dict[str, Any], place: dict[str, Any], person_id: int, why: str, *, actor: str) -> int:
    """Take the replacement off the place and put ``person_id`` on it (fixed, as a swap is)."""
    on = datetime.date.fromisoformat(swap_row["day"])
    slot = next(p for p in month_slots(db, on.strftime("%Y-%m"))
                if p.slot_id == swap_row["slot_id"] and p.slot.day == on)
    rota_db.update_assignment(db, place["id"], {"removed_at": datetime.datetime.now().isoformat(timespec="seconds"),
                                                "removed_reason": why}, actor=actor)
    _check_can_take(db, on, slot, person_id)
    return rota_db.insert_assignment(db, {"day": swap_row["day"], "slot_id": swap_row["slot_id"],
                                          "person_id": int(person_id), "fixed": 1}, actor=actor)


def void_swap(db: sqlite_utils.Database, swap_id: Any, *, reason: Any, by: Session,
              today: datetime.date | None = None) -> int:
    """Void a swap made by mistake: the volunteer it replaced is back on the place; returns that assignment's id."""
    reason = corrections.reason_of(reason)
    swap_row, place = _swap_to_change(db, swap_id, by, today)
    with transaction(db):
        new_id = _put_on(db, swap_row, place, swap_row["from_person"], f"换班作废：{reason}", actor=by.name)
        corrections_db.set_state(db, "rota_swap", swap_row["id"], "void", actor=by.name)
        corrections.record(db, "rota_swap", swap_row["id"], "void", reason, {}, {}, by=by)
    return new_id


def correct_swap(db: sqlite_utils.Database, swap_id: Any, to_person: Any, *, reason: Any, by: Session,
                 today: datetime.date | None = None) -> int:
    """Correct who took the place in a swap; returns the new assignment's id."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if to_person in (None, ""):
        errors["person_id"] = "请选择一位志愿者"
    if errors:
        raise InvalidRecord(errors)
    swap_row, place = _swap_to_change(db, swap_id, by, today)
    before, after = corrections.changed({"to_person": swap_row["to_person"]}, {"to_person": int(to_person)})
    if int(to_person) == swap_row["from_person"]:
        raise InvalidRecord({"person_id": "这是被替下的人；要把班还给他，请作废这次换班"})
    with transaction(db):
        new_id = _put_on(db, swap_row, place, int(to_person), f"换班更正：{reason}", actor=by.name)
        rota_db.update_swap(db, swap_row["id"], {**after, "state": "corrected"}, actor=by.name)
        corrections.record(db, "rota_swap", swap_row["id"], "correct", reason, before, after, by=by)
    return new_id


def swap_refusal(db: sqlite_utils.Database, swap_row: dict[str, Any], by: Session,
                 today: datetime.date | None = None) -> str | None:
    if swap_row.get("state") == "void":
        return "这次换班已经作废了"
    return corrections.refusal(by, (swap_row["actor"], swap_row["at"]), today)


def describe_place(db: sqlite_utils.Database, assignment_id: int) -> str:
    """A person's place on a shift: "12月3日 上午值班 王志愿"."""
    row = rota_db.get_assignment(db, int(assignment_id))
    slot = next(s for s in rota_db.slots(db, active_only=False) if s["id"] == row["slot_id"])
    return f"{corrections.md(row['day'])} {slot['name']} {_names(db, row['person_id'])}"


def describe_swap(db: sqlite_utils.Database, swap_id: int) -> str:
    """"12月3日 上午值班 李志愿顶替王志愿"."""
    row = rota_db.get_swap(db, int(swap_id))
    slot = next(s for s in rota_db.slots(db, active_only=False) if s["id"] == row["slot_id"])
    return f"{corrections.md(row['day'])} {slot['name']} {_names(db, row['to_person'])}顶替{_names(db, row['from_person'])}"


def swap_of(db: sqlite_utils.Database, assignment_id: int) -> int | None:
    """The swap that put this assignment's person on its place, if a swap did."""
    row = rota_db.get_assignment(db, int(assignment_id))
    found = [s for s in rota_db.swaps(db, row["day"], row["day"])
             if s["slot_id"] == row["slot_id"] and s["to_person"] == row["person_id"] and s["state"] != "void"]
    return found[-1]["id"] if found else None


def void_attendances(db: sqlite_utils.Database, assignment_ids: list[int], *, reason: Any, by: Session) -> None:
    """Void the attendance of several people of a shift at once (the 撤销 of a confirmation), all or none."""
    with transaction(db):
        for assignment_id in assignment_ids:
            void_attendance(db, assignment_id, reason=reason, by=by)


def swap_history(db: sqlite_utils.Database, swap_id: int) -> list[corrections.Step]:
    swap_row = rota_db.get_swap(db, int(swap_id))
    return corrections.history(db, "rota_swap", swap_id, SWAP_FIELDS, lambda _key, value: _names(db, value),
                               recorded=(swap_row["actor"], swap_row["at"]))


def add_absence(db: sqlite_utils.Database, person_id: int, start: Any, end: Any, reason: str, *, actor: str) -> int:
    try:
        first = ids.event_date(start, "start_on", ahead=True)
        last = ids.event_date(end or start, "end_on", ahead=True)
    except ValidationError as exc:
        raise InvalidRecord({exc.field or "start_on": exc.reason}) from None
    if last < first:
        raise InvalidRecord({"end_on": "结束日期早于开始日期"})
    if person_id in (None, ""):
        raise InvalidRecord({"person_id": "请选择一位志愿者"})
    people_db.get_person(db, int(person_id))
    return rota_db.insert_absence(db, {"person_id": int(person_id), "start_on": first.isoformat(),
                                       "end_on": last.isoformat(), "reason": ids.free_text(reason)}, actor=actor)


def set_desk_open_on_holidays(db: sqlite_utils.Database, value: bool, *, actor: str) -> None:
    set_setting(db, "desk_open_on_holidays", bool(value), actor=actor)


# ---------------------------------------------------------------- what the rota screen reads

def month_holidays(db: sqlite_utils.Database, month: str) -> list[dict[str, Any]]:
    """The month's days off and make-up workdays, by date: day (ISO), kind ("off"/"workday"), name, source."""
    first, last = month_bounds(month)
    return list(rota_db.holidays(db, first.isoformat(), last.isoformat()).values())


def month_absences(db: sqlite_utils.Database, month: str) -> list[dict[str, Any]]:
    """Absences overlapping the month, with the volunteer's name, earliest first."""
    first, last = month_bounds(month)
    return rota_db.absences(db, first.isoformat(), last.isoformat())


def assignment_states(db: sqlite_utils.Database, month: str) -> dict[int, dict[str, Any]]:
    """assignment id -> {"fixed": bool, "confirmed": None | "attended" | "absent", "corrected": bool (its
    attendance was corrected or voided)} for the month's assignments."""
    first, last = month_bounds(month)
    rows = rota_db.assignments(db, first.isoformat(), last.isoformat())
    corrected = corrections_db.corrected(db, "rota_assignment", [row["id"] for row in rows])
    return {row["id"]: {"fixed": bool(row["fixed"]), "confirmed": row["confirmed"], "corrected": row["id"] in corrected}
            for row in rows}


def desk_open_on_holidays(db: sqlite_utils.Database) -> bool:
    return bool(get_setting(db, "desk_open_on_holidays", False))


slots = rota_db.slots
swaps = rota_db.swaps


def save_slot(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str, slot_id: int | None = None) -> int:
    """Add or change a shift template: the desk's shifts and the service projects. Raises InvalidRecord.

    ``raw``: name, kind ("desk"/"project"), part, start_time, end_time ("08:30"), need, weekdays (ISO 1-7) or
    monthly_day (1-31), place, skill (one of people.SKILLS or ""), active. A template is never deleted:
    switching it off keeps its past assignments.
    """
    from app.people import SKILLS

    f = Fields()
    name = ids.free_text(raw.get("name"))
    f.rule("name", name, "请填写班次名称（如 上午值班、磨刀）")
    kind = raw.get("kind") or "project"
    f.rule("kind", kind in ("desk", "project"), "类别应为值班或服务项目")
    part = raw.get("part")
    f.rule("part", part in PARTS, "请选择上午、下午或晚上")
    times = {}
    for key in ("start_time", "end_time"):
        text = ids.normalise(str(raw.get(key) or "")).replace("：", ":")
        f.rule(key, not text or re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", text), "时间应写成 08:30 这样")
        times[key] = text.zfill(5) if text else ""
    f.rule("end_time", not (times["start_time"] and times["end_time"] and times["end_time"] <= times["start_time"]),
           "结束时间应晚于开始时间")
    need = f.whole("need", raw.get("need") or 0, 1, 20, "需要人数应为 1 到 20", default=1)
    monthly = raw.get("monthly_day") or None
    weekdays = sorted({int(d) for d in raw.get("weekdays") or []})
    if monthly is not None:
        monthly = f.whole("monthly_day", monthly, 1, 31, "每月的日期应为 1 到 31", default=monthly)
        weekdays = []
    else:
        f.rule("weekdays", weekdays and all(1 <= d <= 7 for d in weekdays), "请选择每周哪几天，或填每月几号")
    skill = str(raw.get("skill") or "")
    f.rule("skill", not skill or skill in SKILLS, f"技能应为：{'、'.join(SKILLS)}")
    f.raise_if_any()
    values = {"name": name, "kind": kind, "part": part, **times, "need": need, "weekdays": weekdays,
              "monthly_day": monthly, "place": ids.free_text(raw.get("place")), "skill": skill,
              "active": int(raw.get("active", True))}
    if slot_id is None:
        existing = {s["key"] for s in rota_db.slots(db, active_only=False)}
        key = f"slot{len(existing) + 1}"
        while key in existing:
            key += "x"
        return rota_db.insert_slot(db, {**values, "key": key, "sort": len(existing) + 1}, actor=actor)
    rota_db.update_slot(db, slot_id, values, actor=actor)
    return slot_id
