"""Correcting and voiding entries (更正、作废): who may, the reason, and the history an entry keeps.

Every register forgives slips the same way. A wrong entry is *corrected* (its values change; the earlier ones stay
in the correction register beside who, when and why) or *voided* (it stays, marked 已作废, and counts nowhere: not
in the due list, the month's figures or the awards). The director may correct or void any entry; a duty volunteer
only what they recorded themselves the same day, so the desk can put right the slip it has just made and nobody
rewrites yesterday's ledger. Each register's module (visits, meetings, activities, awards, good_news, rota,
timebank) says what follows from a change of its entries; this module holds what they share.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import sqlite_utils

from app import ids
from app.accounts import Session
from app.db import corrections as corrections_db
from app.errors import InvalidRecord

STATES = {"valid": "有效", "corrected": "已更正", "void": "已作废"}
ACTIONS = {"record": "记录", "correct": "更正", "void": "作废"}
UNDO_REASON = "撤销"  # the reason a void made by the 撤销 button of a save's confirmation carries


@dataclass(frozen=True)
class Change:
    """One field of a correction, as the history shows it."""
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Step:
    """One line of an entry's history: recorded, corrected (with what changed) or voided, by whom, when, why."""
    at: str  # ISO date and time
    actor: str
    action: str  # a key of ACTIONS
    reason: str = ""
    changes: tuple[Change, ...] = ()

    @property
    def action_label(self) -> str:
        return ACTIONS[self.action]


def md(day: str | datetime.date) -> str:
    """"12月3日"."""
    day = day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day)[:10])
    return f"{day.month}月{day.day}日"


def reason_of(text: Any) -> str:
    """The reason as stored; refused when empty."""
    reason = ids.free_text(text)
    if not reason:
        raise InvalidRecord({"reason": "请写明更正或作废的原因"})
    if len(reason) > 200:
        raise InvalidRecord({"reason": "原因最多 200 个字"})
    return reason


def refusal(by: Session, recorded: tuple[str, str] | None, today: datetime.date | None = None) -> str | None:
    """Why ``by`` may not correct or void an entry recorded as ``recorded`` (who, when), or None when they may."""
    if by.role == "director":
        return None
    today = today or datetime.date.today()
    if recorded is None:
        return "值班志愿者只能更正或作废自己当天记录的条目；这条记录查不到记录人，请主任来更正或作废"
    actor, at = recorded
    if actor != by.name:
        return f"值班志愿者只能更正或作废自己当天记录的条目；这条是{actor}记录的，请主任来更正或作废"
    if at[:10] != today.isoformat():
        return f"值班志愿者只能更正或作废当天记录的条目；这条是{md(at)}记录的，请主任来更正或作废"
    return None


def check_allowed(by: Session, recorded: tuple[str, str] | None, today: datetime.date | None = None) -> None:
    """Raise InvalidRecord with the reason when ``by`` may not correct or void the entry."""
    why = refusal(by, recorded, today)
    if why:
        raise InvalidRecord({"status": why})


def check_not_void(row: Mapping[str, Any], what: str) -> None:
    if row.get("state") == "void":
        raise InvalidRecord({"status": f"这条{what}已经作废了"})


def changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the fields whose value differs; refused when nothing does."""
    after = {key: value for key, value in new.items() if old.get(key) != value}
    if not after:
        raise InvalidRecord({"status": "没有改动：请改正写错的地方后再保存"})
    return {key: old.get(key) for key in after}, after


def record(db: sqlite_utils.Database, table: str, row_id: int, action: str, reason: str, before: dict[str, Any],
           after: dict[str, Any], *, by: Session) -> int:
    """Add the correction or void to the register (inside the register's own transaction)."""
    return corrections_db.record(db, table, row_id, action, reason, before, after, actor=by.name)


def history(db: sqlite_utils.Database, table: str, row_id: int, labels: Mapping[str, str],
            show: Callable[[str, Any], str], *, recorded: tuple[str, str] | None = None) -> list[Step]:
    """The entry's history, oldest first: when it was recorded, then each correction (each changed field in
    words, through ``show(field, value)``, labelled by ``labels``) and void."""
    recorded = recorded if recorded is not None else corrections_db.inserted_by(db, table, row_id)
    steps = [Step(recorded[1], recorded[0], "record")] if recorded else []
    for row in corrections_db.history(db, table, row_id):
        changes = tuple(Change(label, show(key, row["before"].get(key)), show(key, row["after"][key]))
                        for key, label in labels.items() if key in row["after"])
        steps.append(Step(row["at"], row["actor"], row["action"], row["reason"], changes))
    return steps


def history_text(steps: list[Step]) -> list[str]:
    """The history in plain Chinese lines (the command line; the window words its own)."""
    lines = []
    for step in steps:
        line = f"{step.at[:16].replace('T', ' ')} {step.actor} {step.action_label}"
        if step.changes:
            line += "：" + "；".join(f"{c.label} {c.before} → {c.after}" for c in step.changes)
        if step.reason:
            line += f"（原因：{step.reason}）"
        lines.append(line)
    return lines


def blank(value: Any) -> str:
    return "（空）" if value in (None, "", []) else str(value)
