"""Service-hours certificates (志愿服务证明) and their numbered register.

A certificate states what the ledger holds for one volunteer over a period: the hours of service actually given
(travel excluded, as recorded), what the service was, the issuing club, a number and a date. It is registered
when issued and never edited, so the register is the record of what was handed out; a reprint uses the row.
"""

from __future__ import annotations

import datetime
from typing import Any

import sqlite_utils

from app import ids
from app.db import awards as awards_db
from app.db import people as people_db
from app.db.settings import get_setting
from app.errors import InvalidRecord, NotFound, ValidationError
from app.timebank import fmt

_SOURCE_WORDS = {"visit": "走访困难群众", "shift": "服务社值班", "activity": "参加服务活动", "manual": "其他志愿服务"}


def _date(value: Any, field: str) -> datetime.date:
    try:
        return ids.event_date(value, field)
    except ValidationError as exc:
        raise InvalidRecord({field: exc.reason}) from None


def service_content(db: sqlite_utils.Database, person_id: int, start: str, end: str) -> tuple[float, str]:
    """The hours earned in the period and the service described in a sentence, from the ledger."""
    rows = [row for row in awards_db.earned_by_source(db, person_id, start, end) if round(row["hours"] or 0, 2) > 0]
    hours = round(sum(row["hours"] for row in rows), 2)
    parts = []
    for row in rows:
        word = _SOURCE_WORDS.get(row["source"])
        if word is None:
            continue
        part = f"{word} {row['times']} 次"
        if row["source"] == "activity":
            titles = awards_db.activity_titles(db, person_id, start, end)[:4]
            if titles:
                part += f"（{'、'.join(titles)}）"
        parts.append(part)
    return hours, "；".join(parts)


def issue(db: sqlite_utils.Database, person_id: Any, start: Any, end: Any, *, actor: str, purpose: str = "",
          content: str | None = None, today: datetime.date | None = None) -> dict[str, Any]:
    """Register a certificate for the service in [start, end]; returns the register row (with its number).

    Refused when the period is the wrong way round, reaches past today, or holds no service hours.
    """
    today = today or datetime.date.today()
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"person_id": f"花名册里没有编号为 {person_id} 的人"}) from None
    first, last = _date(start, "period_start"), _date(end, "period_end")
    if last < first:
        raise InvalidRecord({"period_end": "结束日期早于开始日期"})
    if last > today:
        raise InvalidRecord({"period_end": "结束日期晚于今天：证明只能写已经完成的服务"})
    hours, described = service_content(db, person["id"], first.isoformat(), last.isoformat())
    if hours <= 0:
        raise InvalidRecord({"period_start": f"{person['name']}在这段时间没有记入服务时长，不能开具证明"})
    content = ids.free_text(content) or described
    return awards_db.insert_certificate(db, {
        "person_id": person["id"], "issued_on": today.isoformat(), "period_start": first.isoformat(),
        "period_end": last.isoformat(), "hours": hours, "content": content,
        "purpose": ids.free_text(purpose)}, actor=actor)


def register(db: sqlite_utils.Database, year: int | None = None, person_id: int | None = None) -> list[dict[str, Any]]:
    """Certificates issued, newest first, each with the holder's name."""
    return awards_db.certificates(db, year, person_id)


def get(db: sqlite_utils.Database, number: str) -> dict[str, Any]:
    found = awards_db.get_certificate(db, str(number).strip())
    if found is None:
        raise NotFound(f"登记簿里没有编号为 {number} 的证明")
    return found


def wording(certificate: dict[str, Any], person: dict[str, Any], club: str) -> list[str]:
    """The certificate's paragraphs, as printed: identity with the ID masked, period, content, hours, issuer."""
    masked = ids.mask_id(person.get("id_number") or "") if person.get("id_number") else "（未登记）"
    sex = f"，性别{person['sex']}" if person.get("sex") else ""
    start, end = (datetime.date.fromisoformat(certificate[key]) for key in ("period_start", "period_end"))
    return [
        f"兹证明 {person['name']}（公民身份号码 {masked}{sex}）于 {start.year}年{start.month}月{start.day}日 至 "
        f"{end.year}年{end.month}月{end.day}日 期间，在{club or '本党员服务社'}参加志愿服务。",
        f"服务内容：{certificate['content'] or '志愿服务'}。",
        f"累计志愿服务时长 {fmt(certificate['hours'])} 小时（按实际服务时间记录，不含往返路程）。",
        "特此证明。",
    ]


def printed(db: sqlite_utils.Database, numbers: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """(the club's name, each registered certificate as printed) for app.reports.certificate: a reprint is
    made from the register row, so it says what the first print said."""
    club = get_setting(db, "club_name", "") or ""
    made = []
    for number in numbers:
        row = get(db, number)
        person = people_db.get_person(db, row["person_id"])
        made.append(dict(number=row["number"], paragraphs=wording(row, person, club),
                         issued_on=datetime.date.fromisoformat(row["issued_on"]), issued_by=row["issued_by"],
                         purpose=row["purpose"]))
    return club, made
