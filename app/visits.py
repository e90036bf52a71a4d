"""The five must-visits and the five must-reports: logging them, their rules, and what is due (待办).

What is due is computed from the data every time, never stored: an item disappears when the visit it asks
for is logged (or the report is passed upward), and comes back when that visit is voided or corrected to another
person. A corrected or voided visit keeps its history (app.corrections); hours credited from it follow.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Iterable

import sqlite_utils

from app import calendar_cn, corrections, ids, timebank
from app.accounts import Session
from app.db import corrections as corrections_db
from app.db import people as people_db
from app.db import visits as visits_db
from app.db.connection import transaction
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


def _active_person(db, person_id: Any, key: str, known: Iterable[int] = ()) -> dict[str, Any]:
    """The person, refused when not on the roster or no longer active (unless ``known``: already on the entry
    being corrected, who may have moved away or died since)."""
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise ValidationError(f"花名册里没有编号为 {person_id} 的人", key) from None
    if person["status"] != "active" and person["id"] not in set(known):
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise ValidationError(f"{person['name']}{word}，不能再记录", key)
    return person


# ---------------------------------------------------------------- visits

def check_visit(db: sqlite_utils.Database, raw: dict[str, Any], *, today: datetime.date | None = None,
                known: Iterable[int] = ()) -> dict[str, Any]:
    """Check a visit as typed; returns the values to store or raises InvalidRecord with a reason per field.

    ``known``: the people already on a visit being corrected, accepted even if no longer active."""
    known = set(known)
    today = today or datetime.date.today()
    f = Fields()
    out: dict[str, Any] = {}

    person = f.check("person_id", _active_person, db, raw.get("person_id"), "person_id", known) \
        if f.rule("person_id", raw.get("person_id") not in (None, ""), "请选择被走访的人") else None
    out["person_id"] = person["id"] if person else None
    kind = raw.get("kind")
    f.rule("kind", kind in VISIT_KINDS, "请选择走访类别（报到、住院、特殊情况、节日慰问、支持党建）")
    out["kind"] = kind
    visit_day = f.check("visit_date", _day, raw.get("visit_date") or today, "visit_date", today=today)
    out["visit_date"] = visit_day.isoformat() if visit_day else None
    visitors: list[int] = []
    for value in raw.get("visitor_ids") or []:
        visitor = f.check("visitor_ids", _active_person, db, value, "visitor_ids", known)
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


# What a correction of a visit may change, with the words its history uses.
VISIT_FIELDS = {"person_id": "被走访人", "kind": "类别", "visit_date": "走访日期", "visitor_ids": "走访人",
                "done": "所做的事", "notes": "备注", "follow_up_on": "约定回访"}


def _visit_to_change(db: sqlite_utils.Database, visit_id: Any, by: Session,
                     today: datetime.date | None) -> dict[str, Any]:
    """The visit, refused when it does not exist, is void, or ``by`` may not change it."""
    try:
        visit = visits_db.get_visit(db, int(visit_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"visit_id": f"没有编号为 {visit_id} 的走访记录"}) from None
    corrections.check_not_void(visit, "走访")
    corrections.check_allowed(by, corrections_db.inserted_by(db, "visit", visit["id"]), today)
    return visit


def correct_visit(db: sqlite_utils.Database, visit_id: Any, raw: dict[str, Any], *, reason: Any, by: Session,
                  today: datetime.date | None = None) -> dict[str, Any]:
    """Correct a visit: ``raw`` holds the fields to change (any of VISIT_FIELDS), checked as the form checks a
    new visit. Returns the changed fields with their new values. Raises InvalidRecord.

    The earlier values stay in the visit's history with the reason. What the due list shows follows by itself (a
    visit moved to the right person brings the first person's item back); hours credited to a visitor taken off
    the visit are reversed, and those of a visit moved to another date are credited again on that date.
    """
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    visit = _visit_to_change(db, visit_id, by, today)
    unknown = set(raw) - set(VISIT_FIELDS) - {"report_id"}
    if unknown:
        raise InvalidRecord({"status": f"走访记录没有这些项：{'、'.join(sorted(unknown))}"})
    merged = {key: visit[key] for key in (*VISIT_FIELDS, "report_id")}
    merged.update(raw)
    try:
        values = check_visit(db, merged, today=today, known={visit["person_id"], *visit["visitor_ids"]})
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    if values["person_id"] != visit["person_id"] and values.get("report_id") is not None \
            and visits_db.get_report(db, values["report_id"])["person_id"] != values["person_id"]:
        values["report_id"] = None  # the report was about the person the visit wrongly named
    before, after = corrections.changed({k: visit[k] for k in values}, values)
    with transaction(db):
        visits_db.update_visit(db, visit["id"], {**after, "state": "corrected"}, actor=by.name)
        corrections.record(db, "visit", visit["id"], "correct", reason, before, after, by=by)
        _follow_hours(db, visit, values, reason, by)
    return after


def _follow_hours(db: sqlite_utils.Database, old: dict[str, Any], new: dict[str, Any], reason: str,
                  by: Session) -> None:
    """Hours credited from a corrected visit: reversed for a visitor taken off it, moved to its new date."""
    why = f"走访更正：{reason}"
    gone = set(old["visitor_ids"]) - set(new["visitor_ids"])
    if gone:
        timebank.reverse_credits(db, "visit", old["id"], reason=why, actor=by.name, person_ids=gone)
    if new["visit_date"] != old["visit_date"]:
        for entry in timebank.reverse_credits(db, "visit", old["id"], reason=why, actor=by.name):
            timebank.credit_again(db, "visit", old["id"], entry["person_id"], entry["hours"], on=new["visit_date"],
                                  note=entry["note"], actor=by.name)


def void_visit(db: sqlite_utils.Database, visit_id: Any, *, reason: Any, by: Session,
               today: datetime.date | None = None) -> None:
    """Void a visit logged by mistake: it stays in the log marked 已作废, the due item it cleared comes back, and
    the hours credited from it are reversed. Raises InvalidRecord."""
    reason = corrections.reason_of(reason)
    visit = _visit_to_change(db, visit_id, by, today)
    with transaction(db):
        corrections_db.set_state(db, "visit", visit["id"], "void", actor=by.name)
        corrections.record(db, "visit", visit["id"], "void", reason, {}, {}, by=by)
        timebank.reverse_credits(db, "visit", visit["id"], reason=f"走访作废：{reason}", actor=by.name)


def may_change_visit(db: sqlite_utils.Database, visit: dict[str, Any], by: Session,
                     today: datetime.date | None = None) -> str | None:
    """Why ``by`` may not correct or void the visit (its state, or the role), or None when they may."""
    if visit.get("state") == "void":
        return "这条走访已经作废了"
    return corrections.refusal(by, corrections_db.inserted_by(db, "visit", visit["id"]), today)


def visit_history(db: sqlite_utils.Database, visit_id: int) -> list[corrections.Step]:
    """When the visit was logged and each correction or void since, with the earlier values."""
    def show(key: str, value: Any) -> str:
        if value in (None, "", []):
            return "（空）"
        if key == "person_id":
            return visits_db.names_of(db, [value]).get(value, str(value))
        if key == "visitor_ids":
            names = visits_db.names_of(db, value)
            return "、".join(names.get(pid, str(pid)) for pid in value)
        if key == "kind":
            return VISIT_KINDS.get(value, str(value))
        return str(value)

    return corrections.history(db, "visit", visit_id, VISIT_FIELDS, show)


def describe_visit(db: sqlite_utils.Database, visit_id: int) -> str:
    """The visit in a few words, as a confirmation names it: "12月3日 住院看望 韦芳玉"."""
    visit = visits_db.get_visit(db, int(visit_id))
    name = visits_db.names_of(db, [visit["person_id"]]).get(visit["person_id"], "")
    return f"{corrections.md(visit['visit_date'])} {VISIT_KINDS[visit['kind']]} {name}"


def describe_report(db: sqlite_utils.Database, report_id: int) -> str:
    """"12月3日 重大疾病 韦芳玉"."""
    report = visits_db.get_report(db, int(report_id))
    name = visits_db.names_of(db, [report["person_id"]]).get(report["person_id"], "")
    return f"{corrections.md(report['learnt_on'])} {REPORT_KINDS[report['kind']]} {name}"


def list_visits(db: sqlite_utils.Database, **filters) -> list[dict[str, Any]]:
    """Visits newest first, each with ``visitors`` (names), ``kind_label`` and ``state_label`` (已更正, 已作废 or
    empty); ``valid_only=True`` leaves the void ones out."""
    rows = visits_db.list_visits(db, **filters)
    names = visits_db.names_of(db, [pid for row in rows for pid in row["visitor_ids"]])
    for row in rows:
        row["visitors"] = [names.get(pid, str(pid)) for pid in row["visitor_ids"]]
        row["kind_label"] = VISIT_KINDS[row["kind"]]
        row["state_label"] = "" if row["state"] == "valid" else corrections.STATES[row["state"]]
    return rows


def visits_json(db: sqlite_utils.Database, person_id: int | None = None) -> list[dict[str, Any]]:
    """The visits as the command line lists them: ``visit_id``, ``person_id``, ``date``, ``kind``, ``by`` (the
    visitors' ids), ``note`` and ``state`` (valid, corrected or void), newest first."""
    return [{"visit_id": r["id"], "person_id": r["person_id"], "date": r["visit_date"], "kind": r["kind"],
             "by": r["visitor_ids"], "note": r["notes"], "state": r["state"]}
            for r in visits_db.list_visits(db, person_id=person_id)]


# ---------------------------------------------------------------- must-reports

def check_report(db: sqlite_utils.Database, raw: dict[str, Any], *, today: datetime.date | None = None,
                 known: Iterable[int] = ()) -> dict[str, Any]:
    """Check a must-report as typed (person, kind, summary, date learnt of, notes); returns the values to store
    or raises InvalidRecord with a reason per field. ``known``: as for ``check_visit``."""
    today = today or datetime.date.today()
    f = Fields()
    values: dict[str, Any] = {}
    person = f.check("person_id", _active_person, db, raw.get("person_id"), "person_id", known) \
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
    return values


def open_report(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str,
                today: datetime.date | None = None) -> int:
    """Record a must-report the club has learnt of (status open). Raises InvalidRecord."""
    values = check_report(db, raw, today=today)
    return visits_db.insert_report(db, values, note=values["notes"], actor=actor)


REPORT_FIELDS = {"person_id": "涉及的人", "kind": "类别", "summary": "事情经过", "learnt_on": "得知日期",
                 "notes": "备注"}


def _report_to_change(db: sqlite_utils.Database, report_id: Any, by: Session,
                      today: datetime.date | None) -> dict[str, Any]:
    try:
        report = visits_db.get_report(db, int(report_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"report_id": f"没有编号为 {report_id} 的必报事项"}) from None
    corrections.check_not_void(report, "必报事项")
    corrections.check_allowed(by, corrections_db.inserted_by(db, "must_report", report["id"]), today)
    return report


def correct_report(db: sqlite_utils.Database, report_id: Any, raw: dict[str, Any], *, reason: Any, by: Session,
                   today: datetime.date | None = None) -> dict[str, Any]:
    """Correct a must-report's facts (any of REPORT_FIELDS); returns the changed fields. Its progress upward
    (reported, closed) is kept; a date of learning later than that progress is refused."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    report = _report_to_change(db, report_id, by, today)
    merged = {key: report[key] for key in REPORT_FIELDS}
    merged.update({key: value for key, value in raw.items() if key in REPORT_FIELDS})
    try:
        values = check_report(db, merged, today=today, known={report["person_id"]})
    except InvalidRecord as exc:
        errors.update(exc.errors)
        values = None
    if values is not None:
        for key, word in (("reported_on", "上报"), ("closed_on", "结案")):
            if report[key] and values["learnt_on"] > report[key]:
                errors["learnt_on"] = f"得知日期晚于{word}日期（{report[key]}）"
    if errors:
        raise InvalidRecord(errors)
    before, after = corrections.changed({k: report[k] for k in values}, values)
    with transaction(db):
        visits_db.update_report(db, report["id"], {**after, "state": "corrected"}, actor=by.name)
        corrections.record(db, "must_report", report["id"], "correct", reason, before, after, by=by)
    return after


def void_report(db: sqlite_utils.Database, report_id: Any, *, reason: Any, by: Session,
                today: datetime.date | None = None) -> None:
    """Void a must-report recorded by mistake: kept, marked 已作废, and no longer due, overdue or counted."""
    reason = corrections.reason_of(reason)
    report = _report_to_change(db, report_id, by, today)
    with transaction(db):
        corrections_db.set_state(db, "must_report", report["id"], "void", actor=by.name)
        corrections.record(db, "must_report", report["id"], "void", reason, {}, {}, by=by)


def may_change_report(db: sqlite_utils.Database, report: dict[str, Any], by: Session,
                      today: datetime.date | None = None) -> str | None:
    if report.get("state") == "void":
        return "这条必报事项已经作废了"
    return corrections.refusal(by, corrections_db.inserted_by(db, "must_report", report["id"]), today)


def report_corrections(db: sqlite_utils.Database, report_id: int) -> list[corrections.Step]:
    """The report's corrections and void, oldest first (its progress upward is ``report_history``)."""
    def show(key: str, value: Any) -> str:
        if value in (None, ""):
            return "（空）"
        if key == "person_id":
            return visits_db.names_of(db, [value]).get(value, str(value))
        if key == "kind":
            return REPORT_KINDS.get(value, str(value))
        return str(value)

    return [step for step in corrections.history(db, "must_report", report_id, REPORT_FIELDS, show)
            if step.action != "record"]


def mark_reported(db: sqlite_utils.Database, report_id: int, *, reported_to: str, reported_on: Any, note: str = "",
                  actor: str, today: datetime.date | None = None) -> None:
    """The report was passed upward: to whom and when."""
    today = today or datetime.date.today()
    report = visits_db.get_report(db, report_id)
    corrections.check_not_void(report, "必报事项")
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
    corrections.check_not_void(report, "必报事项")
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
    """Must-reports, the latest learnt of first, with ``kind_label``, ``status_label`` and ``state_label``."""
    rows = visits_db.list_reports(db, **filters)
    for row in rows:
        row["kind_label"] = REPORT_KINDS[row["kind"]]
        row["status_label"] = REPORT_STATUSES[row["status"]]
        row["state_label"] = "" if row["state"] == "valid" else corrections.STATES[row["state"]]
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
    for visit in list_visits(db, person_id=person_id, valid_only=True):
        detail = "、".join(visit["visitors"])
        if visit["done"]:
            detail += f"：{visit['done']}"
        items.append(TimelineItem(visit["visit_date"], "visit", visit["kind_label"], detail))
    for report in list_reports(db, person_id=person_id, valid_only=True):
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
