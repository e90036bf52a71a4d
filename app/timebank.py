"""The volunteer time bank (志愿服务时间银行): hours credited for service, withdrawn for help or exchanged for rewards, and levels.

A balance is the sum of the person's ledger entries and is never edited: a mistake is put right by a reversing
entry (``correct``). Levels follow the hours a volunteer has *earned*, so spending hours never lowers one.
"""

from __future__ import annotations

import datetime
import math
import operator
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.db.connection import driver as sqlite3  # SQLCipher's DB-API: its exceptions are the ones raised
import sqlite_utils

from app import corrections, ids
from app.accounts import Session
from app.db import people as people_db
from app.db import timebank as bank_db
from app.db import visits as visits_db
from app.db.connection import transaction
from app.db.settings import get_setting
from app.errors import InvalidRecord, KnownError, NotFound, ValidationError
from app.fields import Fields

# China's star-rated volunteer standard (中国注册志愿者星级认定, 《志愿服务记录办法》 and the local rules built
# on it) rates volunteers at 100 / 300 / 600 / 1000 / 1500 cumulative service hours; the club names the five
# steps by its own words. The setting "timebank_levels" ([["白金", 100], ...]) overrides.
LEVELS: list[tuple[str, float]] = [("白金", 100), ("黄金", 300), ("铂金", 600), ("钻石", 1000), ("皇冠", 1500)]
KINDS = {"deposit": "存入", "withdrawal": "支取", "exchange": "兑换", "correction": "更正"}
SOURCES = {"visit": "走访", "shift": "值班", "activity": "活动", "manual": "手工录入", "reward": "兑换奖品", "help": "求助"}
DEPOSIT_SOURCES = ("visit", "shift", "activity", "manual")
DEFAULT_VISIT_HOURS = 1.0
DEFAULT_SHIFT_HOURS = 3.0


class Entry(NamedTuple):
    date: str
    kind: str
    hours: float
    source: str
    note: str


@dataclass(frozen=True)
class Statement:
    person_id: int
    name: str
    balance: float
    earned_total: float
    level: str | None
    hours_this_year: float
    entries: list[Entry]

    def as_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "balance": self.balance, "earned_total": self.earned_total,
                "level": self.level, "entries": [e._asdict() for e in self.entries]}


@dataclass(frozen=True)
class LevelUp:
    person_id: int
    name: str
    old_level: str | None
    new_level: str
    earned: float


def fmt(hours: float) -> str:
    """Hours as a person writes them: 3, 1.5, 0.25."""
    return f"{round(hours, 2):g}"


# ---------------------------------------------------------------- levels

def levels(db: sqlite_utils.Database) -> list[tuple[str, float]]:
    """The club's levels, lowest first: the "timebank_levels" setting, else LEVELS."""
    raw = get_setting(db, "timebank_levels")
    if raw is None:
        return list(LEVELS)
    try:
        found = sorted(((str(name), float(hours)) for name, hours in raw), key=lambda item: item[1])
    except (TypeError, ValueError):
        raise KnownError("设置“timebank_levels”格式不对：应为 [[等级名称, 小时数], …]") from None
    if not found or any(hours <= 0 for _, hours in found):
        raise KnownError("设置“timebank_levels”格式不对：每个等级的小时数应大于 0")
    return found


def level_of(earned: float, table: list[tuple[str, float]] | None = None) -> str | None:
    """The highest level whose threshold ``earned`` hours reach; None below the first."""
    reached = None
    for name, threshold in table or LEVELS:
        if round(earned, 2) >= threshold:
            reached = name
    return reached


def next_level(earned: float, table: list[tuple[str, float]] | None = None) -> tuple[str, float] | None:
    """The next level and the hours still needed to reach it; None at the top."""
    for name, threshold in table or LEVELS:
        if round(earned, 2) < threshold:
            return name, round(threshold - earned, 2)
    return None


# ---------------------------------------------------------------- checks

def _hours(value: Any, field: str = "hours") -> float:
    try:
        hours = round(float(value), 2)
    except (TypeError, ValueError):
        raise InvalidRecord({field: f"时长应是数字：{value}"}) from None
    if not math.isfinite(hours) or hours <= 0:
        raise InvalidRecord({field: "时长应大于 0"})
    if hours > 1000:
        raise InvalidRecord({field: "一次记录的时长不能超过 1000 小时"})
    return hours


def _day(value: Any) -> str:
    if value in (None, ""):
        return datetime.date.today().isoformat()
    try:
        return ids.event_date(value, "on_date").isoformat()
    except ValidationError as exc:
        raise InvalidRecord({"on_date": exc.reason}) from None


def _active_person(db: sqlite_utils.Database, person_id: Any) -> dict[str, Any]:
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"person_id": f"花名册里没有编号为 {person_id} 的人"}) from None
    if person["status"] != "active":
        word = "已迁出" if person["status"] == "moved_away" else "已去世"
        raise InvalidRecord({"person_id": f"{person['name']}{word}，不能再记录"})
    return person


def _balance(db: sqlite_utils.Database, person_id: int) -> float:
    return round(bank_db.balance(db, person_id), 2)


def _short(have: float, want: float, verb: str = "支取") -> InvalidRecord:
    return InvalidRecord({"hours": f"余额不足：现有 {fmt(have)} 小时，要{verb} {fmt(want)} 小时"})


# ---------------------------------------------------------------- writes

def deposit(db: sqlite_utils.Database, person_id: int, hours: Any, *, on: Any, source: str, source_id: int | None = None,
            note: str = "", actor: str) -> int:
    """Credit hours of service; returns the entry's id. A visit or shift is credited once per person."""
    person = _active_person(db, person_id)
    if source not in DEPOSIT_SOURCES:
        raise InvalidRecord({"source": "请选择时长来源（走访、值班、活动、手工录入）"})
    values = {"person_id": person["id"], "on_date": _day(on), "kind": "deposit", "hours": _hours(hours),
              "source": source, "source_id": None if source_id is None else int(source_id), "note": ids.free_text(note)}
    try:
        return bank_db.insert_entry(db, values, actor=actor)
    except sqlite3.IntegrityError:
        if source in ("visit", "shift", "activity") and source_id is not None:
            raise InvalidRecord({"source_id": f"这次{SOURCES[source]}已经给{person['name']}记过时长了"}) from None
        raise


def withdraw(db: sqlite_utils.Database, person_id: int, hours: Any, *, on: Any = None, note: str, actor: str,
             visit_id: int | None = None) -> int:
    """The volunteer draws on their hours for help they need; refused when the balance is short.

    ``visit_id`` links the withdrawal to the recorded visit in which the help was given (a visit *to* this
    volunteer); the note says what the help was.
    """
    person = _active_person(db, person_id)
    want = _hours(hours)
    note = ids.free_text(note)
    if not note:
        raise InvalidRecord({"note": "请写明支取时长换来的帮助"})
    if visit_id is not None:
        try:
            visit = visits_db.get_visit(db, int(visit_id))
        except (NotFound, TypeError, ValueError):
            raise InvalidRecord({"visit_id": f"没有编号为 {visit_id} 的走访记录"}) from None
        if visit["person_id"] != person["id"]:
            raise InvalidRecord({"visit_id": f"第 {visit['id']} 次走访看望的不是{person['name']}"})
    day = _day(on)
    with transaction(db):
        have = _balance(db, person["id"])
        if have < want:
            raise _short(have, want)
        return bank_db.insert_entry(db, {"person_id": person["id"], "on_date": day, "kind": "withdrawal",
                                         "hours": -want, "source": "help", "note": note,
                                         "source_id": None if visit_id is None else int(visit_id)}, actor=actor)


def exchange(db: sqlite_utils.Database, person_id: int, reward_id: int, *, on: Any = None, actor: str) -> int:
    """Exchange hours for a reward: the entry and the stock decrement in one transaction."""
    person = _active_person(db, person_id)
    day = _day(on)
    with transaction(db):
        try:
            reward = bank_db.get_reward(db, int(reward_id))
        except (NotFound, TypeError, ValueError):
            raise InvalidRecord({"reward_id": f"没有编号为 {reward_id} 的奖品"}) from None
        if not reward["active"]:
            raise InvalidRecord({"reward_id": f"“{reward['name']}”已下架，不能兑换"})
        if reward["stock"] <= 0:
            raise InvalidRecord({"reward_id": f"“{reward['name']}”已兑完，没有库存了"})
        have = _balance(db, person["id"])
        if have < reward["hours"]:
            raise _short(have, reward["hours"], "兑换")
        entry_id = bank_db.insert_entry(db, {"person_id": person["id"], "on_date": day, "kind": "exchange",
                                             "hours": -round(reward["hours"], 2), "source": "reward",
                                             "source_id": reward["id"], "note": reward["name"]}, actor=actor)
        bank_db.update_reward(db, reward["id"], {"stock": reward["stock"] - 1}, actor=actor)
    return entry_id


def correct(db: sqlite_utils.Database, entry_id: int, *, reason: str, actor: str, on: Any = None,
            by: Session | None = None, today: datetime.date | None = None) -> int:
    """Reverse a mistaken entry with an entry of the opposite sign (an exchange also returns the reward to stock).

    ``by`` is who asks, when a person at the desk does: the director may reverse any entry, a duty volunteer only
    one they recorded that day (app.corrections). A reversal made because its visit, shift or activity changed
    passes none: the change was allowed already.
    """
    reason = ids.free_text(reason)
    if not reason:
        raise InvalidRecord({"reason": "请写明更正的原因"})
    day = _day(on)
    if by is not None:
        actor = by.name
    with transaction(db):
        try:
            entry = bank_db.get_entry(db, int(entry_id))
        except (NotFound, TypeError, ValueError):
            raise InvalidRecord({"entry_id": f"没有编号为 {entry_id} 的时长记录"}) from None
        if by is not None:
            corrections.check_allowed(by, (entry["recorded_by"], entry["created_at"]), today)
        if entry["kind"] == "correction":
            raise InvalidRecord({"entry_id": "更正记录不能再更正；如有错，请重新记一笔"})
        if bank_db.correction_of(db, entry["id"]) is not None:
            raise InvalidRecord({"entry_id": f"第 {entry['id']} 条记录已经更正过了"})
        if entry["hours"] > 0:
            have = _balance(db, entry["person_id"])
            if have < entry["hours"]:
                raise _short(have, entry["hours"], "冲回")
        new_id = bank_db.insert_entry(db, {
            "person_id": entry["person_id"], "on_date": day, "kind": "correction", "hours": -entry["hours"],
            "source": entry["source"], "source_id": entry["source_id"], "corrects_id": entry["id"],
            "note": f"更正第 {entry['id']} 条：{reason}"}, actor=actor)
        if entry["kind"] == "exchange" and entry["source_id"] is not None:
            reward = bank_db.get_reward(db, entry["source_id"])
            bank_db.update_reward(db, reward["id"], {"stock": reward["stock"] + 1}, actor=actor)
    return new_id


def amend(db: sqlite_utils.Database, entry_id: int, hours: Any, *, on: Any = None, note: str = "", reason: str,
          by: Session, today: datetime.date | None = None) -> int:
    """Correct an entry typed in by hand (手工录入): reverse it and record the right hours, date and note; returns
    the new entry's id. Hours credited from a visit, a shift or an activity are corrected on that record instead,
    and a withdrawal or an exchange is reversed and made again."""
    try:
        entry = bank_db.get_entry(db, int(entry_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"entry_id": f"没有编号为 {entry_id} 的时长记录"}) from None
    if entry["kind"] != "deposit" or entry["source"] != "manual":
        where = SOURCES.get(entry["source"], "")
        raise InvalidRecord({"entry_id": f"这笔时长来自{where}：请更正那条{where}记录，或作废这笔时长后重新记录"
                             if entry["source"] in ("visit", "shift", "activity")
                             else "只有手工录入的时长可以更正；这一笔请作废后重新记录"})
    reason = corrections.reason_of(reason)
    values = {"hours": _hours(hours), "on_date": _day(on or entry["on_date"]), "note": ids.free_text(note)}
    with transaction(db):
        correct(db, entry["id"], reason=reason, by=by, on=entry["on_date"], actor=by.name, today=today)
        return bank_db.insert_entry(db, {"person_id": entry["person_id"], "kind": "deposit", "source": "manual",
                                         **values}, actor=by.name)


def describe_entry(db: sqlite_utils.Database, entry_id: int) -> str:
    """"12月3日 王志愿 存入 2 小时"."""
    entry = bank_db.get_entry(db, int(entry_id))
    name = people_db.get_person(db, entry["person_id"])["name"]
    return f"{corrections.md(entry['on_date'])} {name} {KINDS[entry['kind']]} {fmt(abs(entry['hours']))} 小时"


def void_refusal(entry: dict[str, Any], by: Session, today: datetime.date | None = None) -> str | None:
    """Why ``by`` may not reverse (作废) this entry of ``entry_rows``, or None."""
    if entry["kind"] == "correction":
        return "这是一笔冲正，不能再作废；如有错，请重新记一笔"
    if entry.get("state") == "void":
        return "这笔时长已经冲正了"
    return corrections.refusal(by, (entry["recorded_by"], entry["created_at"]), today)


def amend_refusal(entry: dict[str, Any], by: Session, today: datetime.date | None = None) -> str | None:
    """Why ``by`` may not correct (更正) this entry of ``entry_rows``, or None."""
    why = void_refusal(entry, by, today)
    if why:
        return why
    if entry["source"] in ("visit", "shift", "activity"):
        where = SOURCES[entry["source"]]
        return f"这笔时长来自{where}：请更正那条{where}记录，时长会跟着改"
    if entry["kind"] != "deposit" or entry["source"] != "manual":
        return "只有手工录入的时长可以更正；这一笔请作废后重新记录"
    return None


def reverse_credits(db: sqlite_utils.Database, source: str, source_id: int, *, reason: str, actor: str,
                    person_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """Reverse the hours still credited from a visit, shift or activity (those of ``person_ids`` only, if given),
    each on its own date, so every month's hours read as if the mistake had not been made; returns the entries
    reversed. Refused, naming whose, when a volunteer has already spent them."""
    reversed_ = []
    for entry in bank_db.live_deposits(db, source, source_id):
        if person_ids is not None and entry["person_id"] not in person_ids:
            continue
        try:
            correct(db, entry["id"], reason=reason, actor=actor, on=entry["on_date"])
        except InvalidRecord as exc:
            name = people_db.get_person(db, entry["person_id"])["name"]
            raise InvalidRecord({"status": f"{name}：{exc.reason}（这笔时长已用掉，请主任先在时间银行里处理）"}) from None
        reversed_.append(entry)
    return reversed_


def credit_again(db: sqlite_utils.Database, source: str, source_id: int, person_id: int, hours: float, *, on: str,
                 note: str, actor: str) -> int:
    """Credit a visit, shift or activity to a person once more after a correction reversed the earlier credit."""
    return bank_db.insert_entry(db, {"person_id": int(person_id), "on_date": on, "kind": "deposit",
                                     "hours": round(float(hours), 2), "source": source, "source_id": int(source_id),
                                     "note": note,
                                     "credit_no": bank_db.next_credit_no(db, source, source_id, person_id)},
                                actor=actor)


def _stock(value: Any) -> int:
    try:
        count = int(value)
        if count < 0 or count != float(value):
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError("库存应是不小于 0 的整数", "stock") from None
    return count


def add_reward(db: sqlite_utils.Database, name: str, hours: Any, stock: Any, actor: str) -> int:
    """Add a reward to the director's catalogue: what it costs in hours and how many are in stock."""
    f = Fields()
    name = ids.free_text(name)
    f.rule("name", name, "请填写奖品名称")
    cost = f.merge(_hours, hours)
    count = f.check("stock", _stock, stock)
    f.raise_if_any()
    return bank_db.insert_reward(db, {"name": name, "hours": cost, "stock": count}, actor=actor)


rewards = bank_db.rewards


def shift_hours(start: str, end: str) -> float:
    """The hours a shift from ``start`` to ``end`` ("08:30") credits; DEFAULT_SHIFT_HOURS when they are not known."""
    try:
        a = datetime.datetime.strptime(start, "%H:%M")
        b = datetime.datetime.strptime(end, "%H:%M")
    except (TypeError, ValueError):
        return DEFAULT_SHIFT_HOURS
    hours = round((b - a).total_seconds() / 3600, 2)
    return hours if hours > 0 else DEFAULT_SHIFT_HOURS


def credit_visits_and_shifts(db: sqlite_utils.Database, *, actor: str, visit_hours: float | None = None) -> int:
    """Credit every visitor of every visit and every attended shift not yet credited; returns how many entries."""
    per_visit = _hours(visit_hours if visit_hours is not None else get_setting(db, "visit_hours", DEFAULT_VISIT_HOURS),
                       "visit_hours")
    with transaction(db):
        rows = [{"person_id": r["person_id"], "on_date": r["visit_date"], "kind": "deposit", "hours": per_visit,
                 "source": "visit", "source_id": r["visit_id"], "note": "走访"}
                for r in bank_db.uncredited_visits(db)]
        rows += [{"person_id": r["person_id"], "on_date": r["day"], "kind": "deposit",
                  "hours": shift_hours(r["start_time"], r["end_time"]), "source": "shift",
                  "source_id": r["assignment_id"], "note": r["slot_name"]}
                 for r in bank_db.uncredited_shifts(db)]
        bank_db.insert_entries(db, rows, actor=actor)
    return len(rows)


def uncredited(db: sqlite_utils.Database) -> int:
    """How many (visit, visitor) pairs and attended shifts are not yet credited: what the credit button would do."""
    return len(bank_db.uncredited_visits(db)) + len(bank_db.uncredited_shifts(db))


# ---------------------------------------------------------------- reading

def _r(hours: float) -> float:
    return round(hours, 2) + 0.0  # + 0.0: a reversed balance shows 0, not -0


def _statements(people: list[tuple[int, str]], rows: list[tuple], table: list[tuple[str, float]],
                year: int | None) -> list[Statement]:
    """Sum and group ledger rows (in id order, so an entry comes before its correction) into statements.

    Earned hours are deposits and reversals of deposits: spending hours never lowers a level, and reversing a
    withdrawal or an exchange (hours given back) never raises one.
    """
    this_year = str(year or datetime.date.today().year)
    shown = None if year is None else str(year)
    deposits: set[int] = set()
    sums: dict[int, list[float]] = {}
    lines: dict[int, list[tuple]] = {}
    make = tuple.__new__  # an Entry straight from the row's first five columns, without Python-level calls
    for row in rows:
        on_date, kind, hours, _, _, entry_id, person_id, corrects_id = row
        total = sums.get(person_id)
        if total is None:
            total = sums[person_id] = [0.0, 0.0, 0.0]
            lines[person_id] = []
        total[0] += hours
        if kind == "deposit":
            deposits.add(entry_id)
        if kind == "deposit" or (kind == "correction" and corrects_id in deposits):
            total[1] += hours
            if on_date.startswith(this_year):
                total[2] += hours
        if shown is None or on_date.startswith(shown):
            lines[person_id].append(make(Entry, row[:5]))
    out = []
    by_date = operator.itemgetter(0)
    for person_id, name in people:
        balance, earned, earned_year = sums.get(person_id, (0.0, 0.0, 0.0))
        entries = lines.get(person_id, [])
        entries.sort(key=by_date)  # stable: entries of one day stay in the order they were made
        out.append(Statement(person_id, name, _r(balance), _r(earned), level_of(_r(earned), table), _r(earned_year),
                             entries))
    return out


def statement(db: sqlite_utils.Database, person_id: int, year: int | None = None) -> Statement:
    """One person's balance, earned total, level, hours earned this year (or ``year``) and entries (of ``year`` if given)."""
    try:
        person = people_db.get_person(db, int(person_id))
    except (NotFound, TypeError, ValueError):
        raise NotFound(f"花名册里没有编号为 {person_id} 的人") from None
    return _statements([(person["id"], person["name"])], bank_db.entries(db, person["id"]), levels(db), year)[0]


def statements(db: sqlite_utils.Database, year: int | None = None) -> list[Statement]:
    """Every volunteer's statement (and anyone else's with entries), in roster order, from two queries."""
    return _statements(bank_db.ledger_people(db), bank_db.entries(db), levels(db), year)


@dataclass(frozen=True)
class Summary:
    """A statement without its entries: what the list of every volunteer shows."""
    person_id: int
    name: str
    balance: float
    earned_total: float
    level: str | None
    hours_this_year: float


def summaries(db: sqlite_utils.Database, year: int | None = None) -> list[Summary]:
    """Every volunteer's balance, earned total, level and hours earned in ``year`` (default this year), in roster
    order, from one grouped query: the same figures as ``statements`` without reading every entry into Python."""
    table = levels(db)
    shown = str(year or datetime.date.today().year)
    return [Summary(pid, name, _r(balance), _r(earned), level_of(_r(earned), table), _r(this_year))
            for pid, name, balance, earned, this_year in bank_db.sums(db, shown)]


def level_ups(db: sqlite_utils.Database, start: Any, end: Any) -> list[LevelUp]:
    """Who reached a higher level between ``start`` and ``end`` (inclusive), for the monthly bulletin."""
    first, last = _day(start), _day(end)
    if last < first:
        raise InvalidRecord({"end": "结束日期早于开始日期"})
    table = levels(db)
    rank = {name: i for i, (name, _) in enumerate(table)}
    found = []
    for row in bank_db.earned_between(db, first, last):
        old, new = level_of(row["before"], table), level_of(row["until"], table)
        if new is not None and (old is None or rank[new] > rank[old]):
            found.append(LevelUp(row["person_id"], row["name"], old, new, round(row["until"], 2)))
    return found


def ledger(db: sqlite_utils.Database, person_id: int) -> list[dict[str, Any]]:
    """A person's entries with their ledger numbers (the statement page reverses entries by number)."""
    return bank_db.entries(db, person_id)


def entry_rows(db: sqlite_utils.Database, person_id: int) -> list[dict[str, Any]]:
    """A person's entries newest first as the statement lists them: date, kind, hours, source, note, and ``state``
    (``void`` for an entry a correction has reversed), with who recorded each and when."""
    gone = bank_db.reversed_ids(db, person_id)
    rows = [{**row, "date": row["on_date"], "state": "void" if row["id"] in gone else "valid"}
            for row in bank_db.entry_rows(db, person_id)]
    rows.sort(key=lambda r: (r["date"], r["id"]), reverse=True)
    return rows


def printed_statement(db: sqlite_utils.Database, person_id: int) -> dict[str, Any]:
    """What one person's printed statement shows (ID masked), as the arguments of app.reports.statement."""
    result = statement(db, person_id)
    person = people_db.get_person(db, result.person_id)
    entries = [(e.date, KINDS.get(e.kind, e.kind), e.hours, SOURCES.get(e.source, e.source), e.note)
               for e in result.entries]
    return dict(club_name=get_setting(db, "club_name", "") or "", on=datetime.date.today(),
                name=result.name, masked_id=ids.mask_id(person.get("id_number")), level=result.level,
                balance=result.balance, earned_total=result.earned_total, hours_this_year=result.hours_this_year,
                next_level=next_level(result.earned_total, levels(db)), entries=entries)
