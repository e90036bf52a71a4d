"""The yearly awards: 最美志愿者 (most beautiful volunteer) and 功勋志愿者 (meritorious volunteer), and feedback notes.

The app proposes; the director decides. ``ranking`` scores every volunteer with service in the year from the hours
earned that year, the confirmed activities taken part in and the feedback noted (praise counts for, a complaint
against), and proposes awardees: 功勋 for long service (cumulative hours at the fourth level, 钻石, or more),
最美 for the year's best among the rest with no complaint that year. ``confirm`` records the director's choice
with the figures it rested on; a confirmed award can be withdrawn with a reason but never deleted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app import corrections, ids, timebank
from app.accounts import Session
from app.db import activities as activities_db
from app.db import audit
from app.db import awards as awards_db
from app.db import corrections as corrections_db
from app.db.connection import transaction
from app.db import timebank as bank_db
from app.db import people as people_db
from app.db.settings import get_setting
from app.errors import InvalidRecord, NotFound
from app.fields import Fields

AWARD_KINDS = {"meritorious": "功勋志愿者", "most_beautiful": "最美志愿者"}
FEEDBACK_KINDS = {"praise": "表扬", "complaint": "意见"}
# Weights of the score: an hour of service counts 1, a confirmed activity 5, a praise 10, a complaint -20.
WEIGHTS = {"hours": 1.0, "activities": 5.0, "praise": 10.0, "complaints": -20.0}
DEFAULT_COUNTS = {"most_beautiful": 5, "meritorious": 2}


@dataclass
class Candidate:
    person_id: int
    name: str
    hours: float          # earned in the year
    earned_total: float   # earned in all years up to the end of the year
    level: str | None
    activities: int
    praise: int
    complaints: int
    score: float
    proposed: str | None = None     # a key of AWARD_KINDS
    awarded: list[str] | None = None  # kinds already confirmed this year

    def citation(self, year: int, kind: str) -> str:
        parts = [f"{year}年志愿服务 {timebank.fmt(self.hours)} 小时"]
        if kind == "meritorious":
            parts.append(f"累计服务 {timebank.fmt(self.earned_total)} 小时")
        if self.activities:
            parts.append(f"参加服务活动 {self.activities} 次")
        if self.praise:
            parts.append(f"受到群众表扬 {self.praise} 次")
        return "，".join(parts)


def _year(value: Any, today: datetime.date) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidRecord({"year": f"年份应是数字：{value}"}) from None
    if year < 2000 or year > today.year:
        raise InvalidRecord({"year": f"年份应在 2000 到 {today.year} 之间"})
    return year


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many of each award to propose: the "award_counts" setting, else DEFAULT_COUNTS."""
    found = get_setting(db, "award_counts") or {}
    return {kind: int(found.get(kind, default)) for kind, default in DEFAULT_COUNTS.items()}


def ranking(db: sqlite_utils.Database, year: Any, *, today: datetime.date | None = None) -> list[Candidate]:
    """Every volunteer with service in the year, best score first, with the proposal marked."""
    today = today or datetime.date.today()
    year = _year(year, today)
    start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
    table = timebank.levels(db)
    meritorious_hours = table[min(3, len(table) - 1)][1]
    activity = activities_db.activity_counts(db, start, end)
    feedback = awards_db.feedback_counts(db, start, end)
    already: dict[int, list[str]] = {}
    for award in awards_db.awards_of_year(db, year):
        already.setdefault(award["person_id"], []).append(award["kind"])
    found = []
    # Earned hours only (spending never counts against anyone), in the year and in all years up to its end.
    for row in bank_db.earned_between(db, start, end):
        hours, total = round(row["until"] - row["before"], 2), round(row["until"], 2)
        if hours <= 0:
            continue
        praise, complaints = feedback.get(row["person_id"], (0, 0))
        acts = activity.get(row["person_id"], 0)
        score = (WEIGHTS["hours"] * hours + WEIGHTS["activities"] * acts
                 + WEIGHTS["praise"] * praise + WEIGHTS["complaints"] * complaints)
        found.append(Candidate(row["person_id"], row["name"], hours, total, timebank.level_of(total, table), acts,
                               praise, complaints, round(score, 2), awarded=already.get(row["person_id"], [])))
    found.sort(key=lambda c: (-c.score, -c.hours, c.person_id))
    want = counts(db)
    long_service = sorted((c for c in found if c.earned_total >= meritorious_hours and not c.complaints),
                          key=lambda c: (-c.earned_total, c.person_id))
    for c in long_service[:want["meritorious"]]:
        c.proposed = "meritorious"
    for c in [c for c in found if c.proposed is None and not c.complaints][:want["most_beautiful"]]:
        c.proposed = "most_beautiful"
    return found


def confirm(db: sqlite_utils.Database, year: Any, choices: list[tuple[int, str]], *, actor: str,
            today: datetime.date | None = None) -> list[int]:
    """Record the director's awards for the year, each with the figures it rested on; returns their ids."""
    today = today or datetime.date.today()
    year = _year(year, today)
    by_id = {c.person_id: c for c in ranking(db, year, today=today)}
    rows = []
    for person_id, kind in choices:
        if kind not in AWARD_KINDS:
            raise InvalidRecord({"kind": "请选择奖项（功勋志愿者、最美志愿者）"})
        candidate = by_id.get(int(person_id))
        if candidate is None:
            raise InvalidRecord({"person_id": f"编号为 {person_id} 的人{year}年没有服务时长，不能评选"})
        if kind in (candidate.awarded or []):
            raise InvalidRecord({"person_id": f"{candidate.name}已经是{year}年{AWARD_KINDS[kind]}了"})
        rows.append({"year": year, "kind": kind, "person_id": candidate.person_id, "hours": candidate.hours,
                     "activities": candidate.activities, "praise": candidate.praise,
                     "citation": candidate.citation(year, kind), "confirmed_at": audit.now(),
                     "confirmed_by": actor, "withdrawn_at": None, "withdrawn_reason": ""})
    return awards_db.insert_awards(db, rows, actor=actor)


def withdraw(db: sqlite_utils.Database, award_id: Any, *, reason: str, actor: str) -> None:
    """Withdraw a confirmed award (kept in the register with the reason)."""
    reason = ids.free_text(reason)
    if not reason:
        raise InvalidRecord({"reason": "请写明撤销的原因"})
    try:
        award = awards_db.get_award(db, int(award_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"award_id": f"没有编号为 {award_id} 的评选记录"}) from None
    if award["withdrawn_at"]:
        raise InvalidRecord({"award_id": "这项评选已经撤销过了"})
    awards_db.withdraw_award(db, award["id"], {"withdrawn_at": audit.now(), "withdrawn_reason": reason},
                             actor=actor)


def awards(db: sqlite_utils.Database, year: int) -> list[dict[str, Any]]:
    """The year's confirmed awards (not withdrawn), 功勋 first, with ``kind_label`` and the awardee's name."""
    rows = awards_db.awards_of_year(db, int(year))
    for row in rows:
        row["kind_label"] = AWARD_KINDS[row["kind"]]
    return rows


# ---------------------------------------------------------------- feedback notes

def check_feedback(db: sqlite_utils.Database, person_id: Any, kind: str, note: str, *, given_by: str = "",
                   on: Any = None, today: datetime.date | None = None) -> dict[str, Any]:
    """Check a feedback note as typed; returns the values to store or raises InvalidRecord."""
    today = today or datetime.date.today()
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"person_id": f"花名册里没有编号为 {person_id} 的人"}) from None
    f = Fields()
    f.rule("kind", kind in FEEDBACK_KINDS, "请选择表扬或意见")
    note = ids.free_text(note)
    f.rule("note", note, "请写明评价的内容")
    day = today if on in (None, "") else f.check("on_date", ids.past_date, on, "on_date", today)
    f.raise_if_any()
    return {"person_id": person["id"], "on_date": day.isoformat(), "kind": kind, "given_by": ids.free_text(given_by),
            "note": note}


def record_feedback(db: sqlite_utils.Database, person_id: Any, kind: str, note: str, *, actor: str,
                    given_by: str = "", on: Any = None, today: datetime.date | None = None) -> int:
    """Note praise or a complaint about a volunteer's service (who said it, when, what)."""
    values = check_feedback(db, person_id, kind, note, given_by=given_by, on=on, today=today)
    return awards_db.insert_feedback(db, values, actor=actor)


FEEDBACK_FIELDS = {"person_id": "志愿者", "kind": "类别", "given_by": "评价人", "on_date": "日期", "note": "内容"}


def _feedback_to_change(db: sqlite_utils.Database, feedback_id: Any, by: Session,
                        today: datetime.date | None) -> dict[str, Any]:
    try:
        row = awards_db.get_feedback(db, int(feedback_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"feedback_id": f"没有编号为 {feedback_id} 的群众评价"}) from None
    corrections.check_not_void(row, "群众评价")
    corrections.check_allowed(by, corrections_db.inserted_by(db, "feedback", row["id"]), today)
    return row


def correct_feedback(db: sqlite_utils.Database, feedback_id: Any, raw: dict[str, Any], *, reason: Any,
                     by: Session, today: datetime.date | None = None) -> dict[str, Any]:
    """Correct a feedback note (``raw``: any of FEEDBACK_FIELDS); returns the changed fields."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    row = _feedback_to_change(db, feedback_id, by, today)
    merged = {key: row[key] for key in FEEDBACK_FIELDS}
    merged.update({key: value for key, value in raw.items() if key in FEEDBACK_FIELDS})
    try:
        values = check_feedback(db, merged["person_id"], merged["kind"], merged["note"], given_by=merged["given_by"],
                                on=merged["on_date"], today=today)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    before, after = corrections.changed({k: row[k] for k in values}, values)
    with transaction(db):
        awards_db.update_feedback(db, row["id"], {**after, "state": "corrected"}, actor=by.name)
        corrections.record(db, "feedback", row["id"], "correct", reason, before, after, by=by)
    return after


def void_feedback(db: sqlite_utils.Database, feedback_id: Any, *, reason: Any, by: Session,
                  today: datetime.date | None = None) -> None:
    """Void a feedback note noted by mistake: kept, marked 已作废, no longer counted in the ranking."""
    reason = corrections.reason_of(reason)
    row = _feedback_to_change(db, feedback_id, by, today)
    with transaction(db):
        corrections_db.set_state(db, "feedback", row["id"], "void", actor=by.name)
        corrections.record(db, "feedback", row["id"], "void", reason, {}, {}, by=by)


def may_change_feedback(db: sqlite_utils.Database, row: dict[str, Any], by: Session,
                        today: datetime.date | None = None) -> str | None:
    if row.get("state") == "void":
        return "这条群众评价已经作废了"
    return corrections.refusal(by, corrections_db.inserted_by(db, "feedback", row["id"]), today)


def feedback_history(db: sqlite_utils.Database, feedback_id: int) -> list[corrections.Step]:
    def show(key: str, value: Any) -> str:
        if value in (None, ""):
            return "（空）"
        if key == "person_id":
            try:
                return people_db.get_person(db, int(value))["name"]
            except NotFound:
                return str(value)
        if key == "kind":
            return FEEDBACK_KINDS.get(value, str(value))
        return str(value)

    return corrections.history(db, "feedback", feedback_id, FEEDBACK_FIELDS, show)


def describe_feedback(db: sqlite_utils.Database, feedback_id: int) -> str:
    """"12月3日 对王志愿的表扬"."""
    row = awards_db.get_feedback(db, int(feedback_id))
    name = people_db.get_person(db, row["person_id"])["name"]
    return f"{corrections.md(row['on_date'])} 对{name}的{FEEDBACK_KINDS[row['kind']]}"


def feedback_of(db: sqlite_utils.Database, person_id: int) -> list[dict[str, Any]]:
    """A volunteer's feedback notes, newest first, with ``kind_label`` and ``state_label`` (void ones included)."""
    rows = awards_db.feedback_of(db, int(person_id))
    for row in rows:
        row["kind_label"] = FEEDBACK_KINDS[row["kind"]]
        row["state_label"] = "" if row["state"] == "valid" else corrections.STATES[row["state"]]
    return rows


def printed_awards(db: sqlite_utils.Database, year: int) -> tuple[str, list[dict[str, Any]]]:
    """(the club's name, each of the year's confirmed awards as its certificate says it); refused when none is
    confirmed yet."""
    made = [dict(name=row["name"], year=row["year"], title=row["kind_label"], citation=row["citation"])
            for row in awards(db, year)]
    if not made:
        raise InvalidRecord({"year": f"{year}年还没有确认的评选结果"})
    return get_setting(db, "club_name", "") or "", made
