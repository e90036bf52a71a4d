"""The month's figures (月度数据): one gathering of everything the bulletin and the branch return report.

``gather(db, "2026-10")`` reads the month once into plain dataclasses; the bulletin (app.reports.bulletin) and
the return (app.reports.returns) are both rendered from that one ``MonthReport``, and every total either shows
comes from ``MonthReport.figures()``, so the printed bulletin and the branch's workbook always agree.

Dates: the month's events are those dated in it. States ("open groups", "coverage", "pending reports") are
taken at ``as_of``: the month's last day, or today while the month is still running.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from app import aid_groups, calendar_cn, ids, rota, timebank, visits
from app.db import audit
from app.db import meetings as meetings_db
from app.db import month_report as month_db
from app.db import visits as visits_db
from app.db.settings import get_setting
from app.errors import KnownError, ValidationError
from app.good_news import GoodNews, list_items
from app.meetings import MEETING_KINDS

CHANGES = {"joined": "报到", "moved_away": "迁出", "deceased": "去世"}
ACTIVITY_TYPES = {"service": "志愿服务", "event": "活动", "class": "课堂"}
MEETING_TYPE = "会议"
GROUP_OPEN, GROUP_ENDED, GROUP_NONE = "在帮扶", "已结束", "无互助组"
COVERED, UNCOVERED = "已覆盖", "未覆盖"
YES = "是"

# Every total the bulletin and the return show, in the return's order: (code, label). The codes are the
# branch's stable keys (docs/branch-return.md); labels may be reworded, codes never change meaning.
FIGURES: tuple[tuple[str, str], ...] = (
    ("joined", "本月报到"),
    ("moved_away", "本月迁出"),
    ("deceased", "本月去世"),
    ("visits", "走访次数"),
    *((f"visits_{kind}", label) for kind, label in visits.VISIT_KINDS.items()),
    ("reports_opened", "必报事项：本月得知"),
    ("reports_reported", "必报事项：本月上报"),
    ("reports_closed", "必报事项：本月结案"),
    ("reports_pending", "必报事项：月末未结案"),
    ("aid_groups", "互助组：月末在帮扶"),
    ("aid_one_on_one", "互助组：一对一"),
    ("aid_many_help_one", "互助组：多帮一"),
    ("aid_formed", "互助组：本月成立"),
    ("aid_ended", "互助组：本月结束"),
    ("aid_must_cover", "应覆盖的困难群众"),
    ("aid_covered", "已覆盖"),
    ("aid_uncovered", "未覆盖"),
    ("hours", "志愿服务时长（小时）"),
    ("volunteers", "服务的志愿者人数"),
    ("level_ups", "本月升级的志愿者"),
    ("meetings", "会议次数"),
    *((f"meetings_{kind}", label) for kind, label in MEETING_KINDS.items()),
    ("services", "志愿服务场次"),
    ("people_served", "志愿服务受益人次"),
    ("activities", "活动和课堂场次"),
)


# ---------------------------------------------------------------- the rows


@dataclass(frozen=True)
class RosterChange:
    change: str  # joined, moved_away, deceased
    on: str
    name: str
    sex: str
    birth_date: str
    masked_id: str
    is_member: bool
    address: str

    @property
    def change_label(self) -> str:
        return CHANGES[self.change]


@dataclass(frozen=True)
class VisitRow:
    on: str
    name: str
    kind: str
    kind_label: str
    address: str
    visitors: str
    done: str
    follow_up: str
    person_id: int


@dataclass(frozen=True)
class ReportRow:
    learnt_on: str
    kind: str
    kind_label: str
    name: str
    summary: str
    reported_to: str
    reported_on: str
    closed_on: str
    end_status: str  # open, reported, closed: the status at the month's end
    opened: bool  # the club learnt of it in the month
    reported: bool  # passed upward in the month
    closed: bool  # closed in the month

    @property
    def end_status_label(self) -> str:
        return visits.REPORT_STATUSES[self.end_status]


@dataclass(frozen=True)
class GroupRow:
    name: str
    situations: str
    mode_label: str
    helpers: str
    started_on: str
    ended_on: str
    state: str  # GROUP_OPEN, GROUP_ENDED, GROUP_NONE (a person who must be covered and has no group)
    coverage: str  # COVERED, UNCOVERED, or "" for a person no rule asks to cover (and for ended groups)
    changes: str
    formed: bool
    ended: bool
    helpers_joined: int  # helpers who joined an existing group in the month
    helpers_left: int  # helpers who left a group that goes on


@dataclass(frozen=True)
class HoursRow:
    name: str
    month: float
    visit: float
    shift: float
    activity: float
    other: float
    earned_total: float
    level: str
    levelled_up: bool


@dataclass(frozen=True)
class EventRow:
    """A meeting or an activity held in the month, as one line of the register."""
    on: str
    type: str  # 会议, 志愿服务, 活动, 课堂
    category: str  # the meeting's kind, or the activity's project
    title: str
    place: str
    participants: int
    served: int | None
    hours: float | None


@dataclass(frozen=True)
class RotaLine:
    name: str
    time: str
    shifts: int
    places: int
    filled: int


@dataclass(frozen=True)
class Greeting:
    """A festival of the coming month and how many elderly members it calls to visit."""
    day: datetime.date
    name: str
    elderly: int


@dataclass(frozen=True)
class Birthday:
    day: datetime.date
    name: str
    age: int
    lunar: str  # "农历九月初九"; "只知出生年月，本月内慰问" for a birth known by month only; "" for a solar birthday


@dataclass(frozen=True)
class ComingMonth:
    month: str
    planned: bool
    rota: tuple[RotaLine, ...]
    duty_counts: tuple[tuple[str, int], ...]
    festivals: tuple[Greeting, ...]
    birthdays: tuple[Birthday, ...]
    elderly_age: int


@dataclass(frozen=True)
class MonthReport:
    club_name: str
    month: str
    first: datetime.date
    last: datetime.date
    made_on: datetime.date
    as_of: datetime.date
    people: int
    members: int
    roster_changes: tuple[RosterChange, ...]
    visits: tuple[VisitRow, ...]
    reports: tuple[ReportRow, ...]
    groups: tuple[GroupRow, ...]
    hours: tuple[HoursRow, ...]
    level_ups: tuple[timebank.LevelUp, ...]
    hours_spent: float
    events: tuple[EventRow, ...]
    good_news: tuple[GoodNews, ...]
    coming: ComingMonth
    audit_code: str = ""  # 审计校验码: the audit log's newest link when the report was made (app.db.audit.check_code)
    _figures: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def label(self) -> str:
        """"2026年10月"."""
        return f"{self.first.year}年{self.first.month}月"

    def visits_by_kind(self) -> list[tuple[str, str, int]]:
        """(kind, label, count) for every kind of visit, in the club's order, zeros included."""
        counts = Counter(v.kind for v in self.visits)
        return [(kind, label, counts.get(kind, 0)) for kind, label in visits.VISIT_KINDS.items()]

    def reports_by_kind(self) -> list[tuple[str, int, int, int, int]]:
        """(label, learnt, reported, closed, pending at the month's end) for every kind of must-report."""
        out = []
        for kind, label in visits.REPORT_KINDS.items():
            rows = [r for r in self.reports if r.kind == kind]
            out.append((label, sum(r.opened for r in rows), sum(r.reported for r in rows),
                        sum(r.closed for r in rows), sum(r.end_status != "closed" for r in rows)))
        return out

    def hours_by_source(self) -> list[tuple[str, float]]:
        return [(label, round(sum(getattr(h, key) for h in self.hours), 2))
                for key, label in (("visit", "走访"), ("shift", "值班"), ("activity", "活动"), ("other", "其他"))]

    def figures(self) -> dict[str, float]:
        """Every total, by code (see FIGURES): what the bulletin prints and what the return's summary holds."""
        if self._figures:
            return dict(self._figures)
        f: dict[str, float] = {}
        changes = Counter(c.change for c in self.roster_changes)
        for code in CHANGES:
            f[code] = changes.get(code, 0)
        f["visits"] = len(self.visits)
        for kind, _, count in self.visits_by_kind():
            f[f"visits_{kind}"] = count
        f["reports_opened"] = sum(r.opened for r in self.reports)
        f["reports_reported"] = sum(r.reported for r in self.reports)
        f["reports_closed"] = sum(r.closed for r in self.reports)
        f["reports_pending"] = sum(r.end_status != "closed" for r in self.reports)
        open_groups = [g for g in self.groups if g.state == GROUP_OPEN]
        f["aid_groups"] = len(open_groups)
        f["aid_one_on_one"] = sum(g.mode_label == aid_groups.MODES["one_on_one"] for g in open_groups)
        f["aid_many_help_one"] = sum(g.mode_label == aid_groups.MODES["many_help_one"] for g in open_groups)
        f["aid_formed"] = sum(g.formed for g in self.groups)
        f["aid_ended"] = sum(g.ended for g in self.groups)
        f["aid_covered"] = sum(g.coverage == COVERED for g in self.groups)
        f["aid_uncovered"] = sum(g.coverage == UNCOVERED for g in self.groups)
        f["aid_must_cover"] = f["aid_covered"] + f["aid_uncovered"]
        f["hours"] = round(sum(h.month for h in self.hours), 2)
        f["volunteers"] = len(self.hours)
        f["level_ups"] = sum(h.levelled_up for h in self.hours)
        meetings = [e for e in self.events if e.type == MEETING_TYPE]
        f["meetings"] = len(meetings)
        for kind, label in MEETING_KINDS.items():
            f[f"meetings_{kind}"] = sum(e.category == label for e in meetings)
        services = [e for e in self.events if e.type == ACTIVITY_TYPES["service"]]
        f["services"] = len(services)
        f["people_served"] = sum(e.served or 0 for e in services)
        f["activities"] = sum(e.type in (ACTIVITY_TYPES["event"], ACTIVITY_TYPES["class"]) for e in self.events)
        self._figures.update(f)
        return dict(f)

    def aid_changes(self) -> tuple[int, int]:
        """(helpers who joined a going group, helpers who left one) in the month."""
        return sum(g.helpers_joined for g in self.groups), sum(g.helpers_left for g in self.groups)


# ---------------------------------------------------------------- gathering


def _address(row: dict[str, Any]) -> str:
    return visits.address_of(row)


def _situations(value: Any) -> Sequence[str]:
    return aid_groups.situations_of(value)


def check_month(month: str, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The month's first and last days; a month that has not begun is refused with a reason."""
    today = today or datetime.date.today()
    try:
        first, last = rota.month_bounds(str(month or "").strip())
    except ValidationError:
        raise KnownError(f"月份应写成 YYYY-MM（如 {today:%Y-%m}）：{month}") from None
    if first > today:
        raise KnownError(f"{first.year}年{first.month}月还没有开始，不能做这个月的通报和报表")
    return first, last


def _roster_changes(db, first: str, last: str) -> tuple[RosterChange, ...]:
    return tuple(RosterChange(r["change"], r["on_date"], r["name"], r["sex"] or "", r["birth_date"] or "",
                              ids.mask_id(r["id_number"]), bool(r["is_member"]), _address(r))
                 for r in month_db.roster_changes(db, first, last))


def _visits(db, first: str, last: str) -> tuple[VisitRow, ...]:
    rows = visits.list_visits(db, start=first, end=last, valid_only=True)
    rows.sort(key=lambda r: (r["visit_date"], r["id"]))
    return tuple(VisitRow(r["visit_date"], r["name"], r["kind"], r["kind_label"], _address(r), "、".join(r["visitors"]),
                          r["done"], r["follow_up_on"] or "", r["person_id"]) for r in rows)


def _reports(db, first: str, last: str) -> tuple[ReportRow, ...]:
    out = []
    for r in month_db.reports_of_month(db, first, last):
        status = r["end_status"] or "open"
        if not (r["opened"] or r["reported"] or r["closed"] or status != "closed"):
            continue  # closed before the month began
        # Dates later than the month are not yet known at its end.
        reported_on = r["reported_on"] if r["reported_on"] and r["reported_on"] <= last else ""
        closed_on = r["closed_on"] if r["closed_on"] and r["closed_on"] <= last else ""
        out.append(ReportRow(r["learnt_on"], r["kind"], visits.REPORT_KINDS[r["kind"]], r["name"], r["summary"],
                             r["reported_to"] if reported_on else "", reported_on, closed_on, status,
                             bool(r["opened"]), bool(r["reported"]), bool(r["closed"])))
    return tuple(out)


def _on_roster(row: dict[str, Any], on: str) -> bool:
    return row["status"] == "active" or (row["status_date"] is not None and row["status_date"] > on)


def _groups(db, first: str, last: str, as_of: datetime.date) -> tuple[GroupRow, ...]:
    """Groups open at any time in the month, and the coverage at ``as_of`` worked out from the dated history."""
    on = as_of.isoformat()
    rules = aid_groups.must_cover_rules(db)
    must_cover = {}
    for row in month_db.people_with_situations_on(db, on):
        why = aid_groups.must_cover_reason(row, rules, as_of)
        if why:
            must_cover[row["person_id"]] = (row, why)
    groups = month_db.groups_of_month(db, first, last)
    members: dict[int, list[dict]] = {}
    for m in month_db.helpers_of(db, [g["id"] for g in groups]):
        members.setdefault(m["group_id"], []).append(m)
    rows, open_for = [], set()
    for g in groups:
        is_open = g["started_on"] <= on and (g["ended_on"] is None or g["ended_on"] > on)
        mine = members.get(g["id"], [])
        current = [m for m in mine if m["joined_on"] <= on and (m["left_on"] is None or m["left_on"] > on)]
        shown = current if is_open else [m for m in mine if m["left_on"] == g["ended_on"]] or mine
        shown = sorted(shown, key=lambda m: -m["is_lead"])
        coverage = ""
        if is_open and g["person_id"] in must_cover:
            open_for.add(g["person_id"])
            working = [m for m in current if _on_roster(m, on) and not m["helper_unavailable"]]
            coverage = COVERED if working else UNCOVERED
        formed = first <= g["started_on"] <= last
        ended = g["ended_on"] is not None and first <= g["ended_on"] <= last
        notes = []
        if formed:
            notes.append("本月成立")
        joined = [m for m in mine if first <= m["joined_on"] <= last and m["joined_on"] != g["started_on"]]
        left = [m for m in mine if m["left_on"] and first <= m["left_on"] <= last and m["left_on"] != g["ended_on"]]
        notes += [f"{m['name']}加入" for m in joined]
        notes += [f"{m['name']}退出" + (f"（{m['left_reason']}）" if m["left_reason"] else "") for m in left]
        if ended:
            notes.append("本月结束" + (f"（{g['end_reason']}）" if g["end_reason"] else ""))
        rows.append(GroupRow(g["name"], "、".join(_situations(g["situations"])), aid_groups.MODES[g["mode"]],
                             "、".join(m["name"] for m in shown), g["started_on"],
                             g["ended_on"] if ended or (g["ended_on"] and g["ended_on"] <= last) else "",
                             GROUP_OPEN if is_open else GROUP_ENDED, coverage, "；".join(notes), formed, ended,
                             len(joined), len(left)))
    for person_id, (row, why) in sorted(must_cover.items(), key=lambda item: item[1][0]["sort_key"]):
        if person_id not in open_for:
            rows.append(GroupRow(row["name"], "、".join(_situations(row["situations"])), "", "", "", "", GROUP_NONE,
                                 UNCOVERED, f"应覆盖（{why}），没有互助组", False, False, 0, 0))
    return tuple(rows)


def _hours(db, first: str, last: str) -> tuple[tuple[HoursRow, ...], tuple[timebank.LevelUp, ...]]:
    table = timebank.levels(db)
    ups = tuple(timebank.level_ups(db, first, last))
    upped = {u.person_id for u in ups}
    rows = tuple(HoursRow(r["name"], round(r["month"], 2) + 0.0, round(r["visit"], 2) + 0.0,
                          round(r["shift"], 2) + 0.0, round(r["activity"], 2) + 0.0, round(r["other"], 2) + 0.0,
                          round(r["until"], 2) + 0.0, timebank.level_of(round(r["until"], 2), table) or "",
                          r["person_id"] in upped)
                 for r in month_db.hours_of_month(db, first, last))
    return rows, ups


def _events(db, first: str, last: str) -> tuple[EventRow, ...]:
    rows = [EventRow(m["held_on"], MEETING_TYPE, MEETING_KINDS[m["kind"]], m["topics"], m["place"],
                     len(m["attendee_ids"]), None, None)
            for m in meetings_db.list_meetings(db, start=first, end=last, valid_only=True)]
    for a in month_db.activities_of_month(db, first, last):
        hours = 0.0
        for entry in a["participants"]:
            try:
                hours += float(entry[1])
            except (TypeError, ValueError, IndexError):
                hours += float(a["hours"])
        rows.append(EventRow(a["held_on"], ACTIVITY_TYPES.get(a["kind"], a["kind"]), a["project"] or "", a["title"],
                             a["place"], len(a["participants"]),
                             a["served_count"] if a["kind"] == "service" else None, round(hours, 2) + 0.0))
    rows.sort(key=lambda e: (e.on, e.type != MEETING_TYPE))
    return tuple(rows)


def _next_month(last: datetime.date) -> str:
    return (last + datetime.timedelta(days=1)).strftime("%Y-%m")


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _coming(db, last: datetime.date) -> ComingMonth:
    month = _next_month(last)
    first, end = rota.month_bounds(month)
    shifts = rota.month_rota(db, month)
    lines: dict[str, list] = {}
    duty: Counter = Counter()
    for s in shifts:
        line = lines.setdefault(s.slot_key, [s.slot_name, s.time, 0, 0, 0])
        line[2] += 1
        line[3] += s.need
        line[4] += min(len(s.people), s.need)
        duty.update(name for _, name, _ in s.people)
    age = visits.setting(db, "elderly_age")
    elderly = visits_db.elderly_members(db, _years_before(end, age).isoformat())
    festivals = []
    for festival in calendar_cn.festivals_between(first, end, visits.setting(db, "observed_days")):
        count = sum(1 for row in elderly if ids.age_on(datetime.date.fromisoformat(row["birth_date"]), festival.day) >= age)
        festivals.append(Greeting(festival.day, festival.name, count))
    birthdays = []
    for row in elderly:
        birth = datetime.date.fromisoformat(row["birth_date"])
        lunar = (row["lunar_birth_month"], row["lunar_birth_day"], bool(row["lunar_birth_leap"])) \
            if row["lunar_birth_month"] else None
        for day in calendar_cn.birthdays_between(first, end, birth=birth, lunar=lunar):
            years = day.year - birth.year
            if years >= age:
                note = f"农历{calendar_cn.lunar_date_text(*lunar)}" if lunar else \
                    "只知出生年月，本月内慰问" if row["birth_month_only"] else ""
                birthdays.append((day, row["sort_key"], Birthday(day, row["name"], years, note)))
    birthdays.sort(key=lambda item: (item[0], item[1]))
    return ComingMonth(month, any(s.people for s in shifts),
                       tuple(RotaLine(*line) for line in lines.values()),
                       tuple(sorted(duty.items(), key=lambda item: (-item[1], item[0]))),
                       tuple(festivals), tuple(b for _, _, b in birthdays), age)


def gather(db: sqlite_utils.Database, month: str, *, today: datetime.date | None = None) -> MonthReport:
    """Read everything the month's bulletin and return show. Raises KnownError for a malformed or future month."""
    today = today or datetime.date.today()
    first, last = check_month(month, today)
    as_of = min(today, last)
    a, b = first.isoformat(), last.isoformat()
    people, members = month_db.roster_size(db, as_of.isoformat())
    hours, ups = _hours(db, a, b)
    return MonthReport(
        club_name=str(get_setting(db, "club_name", "") or ""), month=first.strftime("%Y-%m"), first=first, last=last,
        made_on=today, as_of=as_of, people=people, members=members,
        roster_changes=_roster_changes(db, a, b), visits=_visits(db, a, b), reports=_reports(db, a, b),
        groups=_groups(db, a, b, as_of), hours=hours, level_ups=ups,
        hours_spent=round(month_db.hours_spent(db, a, b), 2) + 0.0, events=_events(db, a, b),
        good_news=tuple(list_items(db, first.strftime("%Y-%m"))), coming=_coming(db, last),
        audit_code=audit.check_code(audit.newest_link(db)))

