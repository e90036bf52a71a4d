"""The five must-visits and the five must-reports: logging them, their rules, and what is due (待办).

What is due is computed from the data every time, never stored: an item disappears when the visit it asks
for is logged (or the report is passed upward).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Iterable

import sqlite_utils

from app import calendar_cn, ids
from app.db import people as people_db
from app.db import visits as visits_db
from app.db.settings import get_setting
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields

VISIT_KINDS = {"registration": "报到走访", "hospital": "住院看望", "special": "特殊情况走访",
               "festival": "高龄党员节日慰问", "supporter": "走访支持党建工作的人"}
REPORT_KINDS = {"concern": "党员关注的问题", "cadre_event": "老干部大事", "emergency": "突发事件",
                "wide_impact": "影响力大的行为", "serious_illness": "重大疾病"}
REPORT_STATUSES = {"open": "待上报", "reported": "已上报", "closed": "已结案"}
DUE_KINDS = {"registration": "报到走访", "hospital": "住院看望", "special": "特殊情况走访", "festival": "节日慰问",
             "birthday": "生日慰问", "follow_up": "回访", "report_overdue": "必报事项逾期未报"}
# A report of these kinds makes a visit of this kind due (a serious illness: go and see them in hospital).
REPORT_VISITS = {"serious_illness": "hospital", "emergency": "special"}
DEFAULTS = {"elderly_age": 80, "registration_visit_days": 30, "report_overdue_days": 3, "report_visit_days": 3,
            "observed_days": list(calendar_cn.DEFAULT_OBSERVED)}
# A festival or birthday visit counts when made from this many days before to this many days after the day;
# after that the item drops off the list (a festival greeting a month late is no longer one).
GREETING_BEFORE, GREETING_AFTER = 30, 7


def setting(db: sqlite_utils.Database, key: str) -> Any:
    return get_setting(db, key, DEFAULTS[key])


def _day(value: Any, key: str, *, required: bool = True, today: datetime.date) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError("请填写日期", key)
        return None
    return ids.past_date(value, key, today)


def _active_person(db, person_id: Any, key: str) -> dict[str, Any]:
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {person_id} 的人", key) from None
    if person["status"] != "active":
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise ValidationError(f"{person['name']}{word}，不能再记录", key)
    return person


# ---------------------------------------------------------------- visits

def check_visit(db: sqlite_utils.Database, raw: dict[str, Any], *,
                today: datetime.date | None = None) -> dict[str, Any]:
    """Check a visit as typed; returns the values to store or raises InvalidRecord with a reason per field."""
    today = today or datetime.date.today()
    f = Fields()
    out: dict[str, Any] = {}

    person = f.check("person_id", _active_person, db, raw.get("person_id"), "person_id") \
        if f.rule("person_id", raw.get("person_id") not in (None, ""), "请选择被走访的人") else None
    out["person_id"] = person["id"] if person else None
    kind = raw.get("kind")
    f.rule("kind", kind in VISIT_KINDS, "请选择走访类别（报到、住院、特殊情况、节日慰问、支持党建）")
    out["kind"] = kind
    visit_day = f.check("visit_date", _day, raw.get("visit_date") or today, "visit_date", today=today)
    out["visit_date"] = visit_day.isoformat() if visit_day else None
    visitors: list[int] = []
    for value in raw.get("visitor_ids") or []:
        visitor = f.check("visitor_ids", _active_person, db, value, "visitor_ids")
        if visitor and f.rule("visitor_ids", visitor["id"] != out["person_id"], "走访人不能是被走访的人自己") \
                and visitor["id"] not in visitors:
            visitors.append(visitor["id"])
    if "visitor_ids" not in f:
        f.rule("visitor_ids", visitors, "请至少填一位走访的志愿者")
    out["visitor_ids"] = visitors
    follow = raw.get("follow_up_on")
    out["follow_up_on"] = None
    if follow not in (None, ""):
        follow_day = f.check("follow_up_on", ids.event_date, follow, "follow_up_on", today=today, ahead=True)
        if follow_day:
            f.rule("follow_up_on", not (visit_day and follow_day <= visit_day), "回访日期应在走访日期之后")
            out["follow_up_on"] = follow_day.isoformat()
    out["done"] = ids.free_text(raw.get("done"))
    out["notes"] = ids.free_text(raw.get("notes"))
    if raw.get("report_id") not in (None, ""):
        out["report_id"] = int(raw["report_id"])
    f.raise_if_any()
    return out


def log_visit(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str,
              today: datetime.date | None = None) -> int:
    """Check and store a visit; returns its id. Raises InvalidRecord."""
    return visits_db.insert_visit(db, check_visit(db, raw, today=today), actor=actor)


def edit_visit(db: sqlite_utils.Database, visit_id: int, raw: dict[str, Any], *, actor: str,
               today: datetime.date | None = None) -> dict:
    visits_db.get_visit(db, visit_id)
    return visits_db.update_visit(db, visit_id, check_visit(db, raw, today=today), actor=actor)


def list_visits(db: sqlite_utils.Database, **filters) -> list[dict[str, Any]]:
    """Visits newest first, each with ``visitors`` (names) and ``kind_label``."""
    rows = visits_db.list_visits(db, **filters)
    names = visits_db.names_of(db, [pid for row in rows for pid in row["visitor_ids"]])
    for row in rows:
        row["visitors"] = [names.get(pid, str(pid)) for pid in row["visitor_ids"]]
        row["kind_label"] = VISIT_KINDS[row["kind"]]
    return rows


# ---------------------------------------------------------------- must-reports

def open_report(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str,
                today: datetime.date | None = None) -> int:
    """Record a must-report the club has learnt of (status open). Raises InvalidRecord."""
    today = today or datetime.date.today()
    f = Fields()
    values: dict[str, Any] = {}
    person = f.check("person_id", _active_person, db, raw.get("person_id"), "person_id") \
        if f.rule("person_id", raw.get("person_id") not in (None, ""), "请选择这件事涉及的人") else None
    values["person_id"] = person["id"] if person else None
    f.rule("kind", raw.get("kind") in REPORT_KINDS, "请选择必报事项类别")
    values["kind"] = raw.get("kind")
    summary = ids.free_text(raw.get("summary"))
    f.rule("summary", summary, "请写明发生了什么")
    values["summary"] = summary
    learnt = f.check("learnt_on", _day, raw.get("learnt_on") or today, "learnt_on", today=today)
    if learnt:
        values["learnt_on"] = learnt.isoformat()
    values["notes"] = ids.free_text(raw.get("notes"))
    f.raise_if_any()
    return visits_db.insert_report(db, values, note=values["notes"], actor=actor)


def mark_reported(db: sqlite_utils.Database, report_id: int, *, reported_to: str, reported_on: Any, note: str = "",
                  actor: str, today: datetime.date | None = None) -> None:
    """The report was passed upward: to whom and when."""
    today = today or datetime.date.today()
    report = visits_db.get_report(db, report_id)
    f = Fields()
    f.rule("status", report["status"] == "open", f"这件事已经是“{REPORT_STATUSES[report['status']]}”了")
    reported_to = ids.free_text(reported_to)
    f.rule("reported_to", reported_to, "请填写报给了谁（如 老年服务部党支部）")
    day = f.check("reported_on", _day, reported_on or today, "reported_on", today=today)
    if day:
        f.rule("reported_on", day.isoformat() >= report["learnt_on"], "上报日期早于得知日期")
    f.raise_if_any()
    visits_db.change_report(db, report_id, {"status": "reported", "reported_to": reported_to,
                                            "reported_on": day.isoformat()}, on=day.isoformat(),
                            note=ids.free_text(note), actor=actor)


def close_report(db: sqlite_utils.Database, report_id: int, *, closed_on: Any, note: str = "", actor: str,
                 today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    report = visits_db.get_report(db, report_id)
    if report["status"] == "closed":
        raise InvalidRecord({"status": "这件事已经结案了"})
    try:
        day = _day(closed_on or today, "closed_on", today=today)
    except ValidationError as exc:
        raise InvalidRecord({"closed_on": exc.reason}) from None
    if day.isoformat() < report["learnt_on"]:
        raise InvalidRecord({"closed_on": "结案日期早于得知日期"})
    visits_db.change_report(db, report_id, {"status": "closed", "closed_on": day.isoformat()}, on=day.isoformat(),
                            note=ids.free_text(note), actor=actor)


def list_reports(db: sqlite_utils.Database, **filters) -> list[dict[str, Any]]:
    rows = visits_db.list_reports(db, **filters)
    for row in rows:
        row["kind_label"] = REPORT_KINDS[row["kind"]]
        row["status_label"] = REPORT_STATUSES[row["status"]]
    return rows


report_history = visits_db.report_events
get_report = visits_db.get_report
get_visit = visits_db.get_visit


# ---------------------------------------------------------------- a person's timeline

@dataclass(frozen=True)
class TimelineItem:
    day: str
    kind: str  # "visit" or "report"
    title: str
    detail: str


def timeline(db: sqlite_utils.Database, person_id: int) -> list[TimelineItem]:
    """The person's visits and must-reports, newest first."""
    items = []
    for visit in list_visits(db, person_id=person_id):
        detail = "、".join(visit["visitors"])
        if visit["done"]:
            detail += f"：{visit['done']}"
        items.append(TimelineItem(visit["visit_date"], "visit", visit["kind_label"], detail))
    for report in list_reports(db, person_id=person_id):
        items.append(TimelineItem(report["learnt_on"], "report", f"{report['kind_label']}（{report['status_label']}）",
                                  report["summary"]))
    return sorted(items, key=lambda item: item.day, reverse=True)


# ---------------------------------------------------------------- what is due

@dataclass(frozen=True)
class DueItem:
    person_id: int
    name: str
    kind: str  # one of DUE_KINDS
    due: datetime.date
    reason: str
    address: str
    phone: str
    visit_kind: str | None  # what to log for it (None: the action is a report, not a visit)
    report_id: int | None = None
    sort_key: str = ""

    def overdue_days(self, on: datetime.date) -> int:
        return max(0, (on - self.due).days)

    def as_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "kind": self.kind, "due": self.due.isoformat(),
                "reason": self.reason}


def _md(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日"


def address_of(row: dict[str, Any]) -> str:
    parts = [f"{row['building']}号楼" if row["building"] else "", f"{row['unit']}单元" if row["unit"] else "",
             f"{row['room']}室" if row["room"] else ""]
    return " ".join(p for p in parts if p)


def _item(row: dict[str, Any], kind: str, due: datetime.date, reason: str, visit_kind: str | None,
          report_id: int | None = None) -> DueItem:
    return DueItem(row["person_id"], row["name"], kind, due, reason, address_of(row), row["phone"], visit_kind,
                   report_id, row["sort_key"])


def due_items(db: sqlite_utils.Database, on: datetime.date, days: int = 14) -> list[DueItem]:
    """Everything due by ``on`` + ``days`` (overdue included), soonest first, each saying why."""
    if days < 0:
        raise ValidationError("天数不能为负", "days")
    until = on + datetime.timedelta(days=days)
    items: list[DueItem] = []
    within = setting(db, "registration_visit_days")
    for row in visits_db.unvisited_registrations(db):
        registered = datetime.date.fromisoformat(row["registered_on"])
        due = registered + datetime.timedelta(days=within)
        if due <= until:
            items.append(_item(row, "registration", due, f"{_md(registered)}报到，应在{within}天内走访", "registration"))
    grace = setting(db, "report_visit_days")
    for report_kind, visit_kind in REPORT_VISITS.items():
        for row in visits_db.reports_awaiting_visit(db, report_kind, visit_kind):
            learnt = datetime.date.fromisoformat(row["learnt_on"])
            due = learnt + datetime.timedelta(days=grace)
            if due <= until:
                items.append(_item(row, visit_kind, due, f"{REPORT_KINDS[report_kind]}（{_md(learnt)}得知）：{row['summary']}",
                                   visit_kind, row["report_id"]))
    for row in visits_db.open_follow_ups(db):
        due = datetime.date.fromisoformat(row["follow_up_on"])
        if due <= until:
            visited = datetime.date.fromisoformat(row["visit_date"])
            items.append(_item(row, "follow_up", due, f"{_md(visited)}{VISIT_KINDS[row['kind']]}时约定回访", row["kind"]))
    items += _greetings(db, on, until)
    limit = setting(db, "report_overdue_days")
    for row in visits_db.unreported(db, (on - datetime.timedelta(days=limit)).isoformat()):
        learnt = datetime.date.fromisoformat(row["learnt_on"])
        due = learnt + datetime.timedelta(days=limit)
        items.append(_item(row, "report_overdue", due,
                           f"{REPORT_KINDS[row['report_kind']]}“{row['summary']}”{_md(learnt)}得知，"
                           f"已{(on - learnt).days}天未上报", None, row["report_id"]))
    return sorted(items, key=lambda item: (item.due, item.sort_key, item.kind))


def _greetings(db: sqlite_utils.Database, on: datetime.date, until: datetime.date) -> list[DueItem]:
    """Festival and birthday visits to elderly members, from a week ago (not yet visited) to the window's end."""
    age = setting(db, "elderly_age")
    start = on - datetime.timedelta(days=GREETING_AFTER)
    born_by = _years_before(until, age)
    festivals = calendar_cn.festivals_between(start, until, setting(db, "observed_days"))
    # From a month further back: a birth month's greeting counts from a month before the month's first day.
    visited = visits_db.festival_visit_dates(db, (start - datetime.timedelta(days=GREETING_BEFORE + 31)).isoformat(),
                                             (until + datetime.timedelta(days=GREETING_AFTER)).isoformat())
    items = []
    for row in visits_db.elderly_members(db, born_by.isoformat()):
        birth = datetime.date.fromisoformat(row["birth_date"])
        seen = [datetime.date.fromisoformat(d) for d in visited.get(row["person_id"], [])]
        for festival in festivals:
            years = ids.age_on(birth, festival.day)
            if years >= age and not _greeted(seen, festival.day):
                items.append(_item(row, "festival", festival.day,
                                   f"{festival.name}（{_md(festival.day)}）慰问{years}岁高龄党员", "festival"))
        lunar = (row["lunar_birth_month"], row["lunar_birth_day"], bool(row["lunar_birth_leap"])) \
            if row["lunar_birth_month"] else None
        if row["birth_month_only"] and not lunar:
            items += _month_birthdays(row, birth, seen, on, until, age)
            continue
        for birthday in calendar_cn.birthdays_between(start, until, birth=birth, lunar=lunar):
            years = birthday.year - birth.year
            if years >= age and not _greeted(seen, birthday):
                when = f"农历{calendar_cn.lunar_date_text(*lunar)}，{_md(birthday)}" if lunar else _md(birthday)
                items.append(_item(row, "birthday", birthday, f"{years}岁生日（{when}）", "festival"))
    return items


def _month_birthdays(row, birth: datetime.date, seen: list[datetime.date], on: datetime.date, until: datetime.date,
                     age: int) -> list[DueItem]:
    """A member whose birth is known by year and month only is greeted within that month: due by its last day,
    listed from the window before it, and greeted by a festival visit from a month before to the month's end."""
    items = []
    for year in range(on.year - 1, until.year + 1):
        first = datetime.date(year, birth.month, 1)
        last = (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
        years = year - birth.year
        if first > until or last + datetime.timedelta(days=GREETING_AFTER) < on or years < age:
            continue
        if any(first - datetime.timedelta(days=GREETING_BEFORE) <= v <= last for v in seen):
            continue
        items.append(_item(row, "birthday", last, f"{years}岁生日（只知出生年月：{birth.month}月，本月内慰问）", "festival"))
    return items


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _greeted(visits: Iterable[datetime.date], day: datetime.date) -> bool:
    return any(-GREETING_BEFORE <= (v - day).days <= GREETING_AFTER for v in visits)
