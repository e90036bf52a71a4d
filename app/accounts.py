"""Accounts and roles: who is on duty, what each role may do, and passwords kept only as slow salted hashes.

Two roles. The director (主任) may do everything. A duty volunteer (值班志愿者) looks people up and records visits,
must-reports, services and activities, sees ID numbers masked, and may not do what ``DIRECTOR_ONLY`` names.
Repeated wrong passwords lock the account for a while, longer each time: a guess a second is not possible.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.db import accounts as accounts_db
from app.errors import InvalidRecord, KnownError, NotFound
from app.fields import Fields

ROLES = {"director": "主任", "duty": "值班志愿者"}
# What only the director may do, each worded to finish "只有主任可以…".
DIRECTOR_ONLY = {
    "full_ids": "查看或导出完整的身份证号",
    "accounts": "管理账户和角色",
    "settings": "修改设置",
    "audit": "查看审计日志",
    "import": "导入花名册",
    "restore": "从备份恢复数据",
    "awards": "确认年度评选",
    "confirm": "确认活动并记入时长",
}
MIN_PASSWORD = 4  # a four-digit PIN is what a 70-year-old volunteer will remember
FREE_TRIES = 3  # wrong passwords before the account locks for a while
LOCK_SECONDS = 15  # the first lock; each further wrong password doubles it …
MAX_LOCK_SECONDS = 600  # … up to ten minutes
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Session:
    """Who is at the desk: the name every write is recorded under, and what the role allows."""
    account_id: int | None
    name: str
    role: str

    def can(self, action: str) -> bool:
        return can(self.role, action)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def can(role: str, action: str) -> bool:
    return role == "director" or action not in DIRECTOR_ONLY


def require(session: Session, action: str) -> None:
    """Raise a KnownError saying only the director may, when the session's role may not."""
    if not session.can(action):
        raise KnownError(f"只有主任可以{DIRECTOR_ONLY[action]}")


# ---------------------------------------------------------------- passwords

def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2, maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found.hex(), digest)


def _check_password(password: Any, field: str = "password") -> str:
    password = "" if password is None else str(password)
    if len(password) < MIN_PASSWORD:
        raise InvalidRecord({field: f"密码至少 {MIN_PASSWORD} 位"})
    if len(password) > 200:
        raise InvalidRecord({field: "密码太长了（最多 200 位）"})
    return password


# ---------------------------------------------------------------- accounts

def has_accounts(db: sqlite_utils.Database) -> bool:
    return bool(accounts_db.accounts(db))


def accounts(db: sqlite_utils.Database, *, active_only: bool = False) -> list[dict[str, Any]]:
    rows = accounts_db.accounts(db, active_only=active_only)
    for row in rows:
        row["role_label"] = ROLES[row["role"]]
    return rows


def create_account(db: sqlite_utils.Database, name: Any, role: str, password: Any, *, actor: str) -> int:
    """Add an account; returns its id. Refused with a reason per field."""
    f = Fields()
    name = str(name or "").strip()
    f.first("name", (not name, "请填写姓名"), (len(name) > 20, "姓名太长了（最多 20 个字）"),
            (0 < len(name) <= 20 and accounts_db.find_account(db, name) is not None, f"已经有名为“{name}”的账户"))
    f.rule("role", role in ROLES, "请选择角色（主任或值班志愿者）")
    password = f.merge(_check_password, password)
    f.raise_if_any()
    return accounts_db.insert_account(db, {"name": name, "role": role, "password_hash": hash_password(password)},
                                      actor=actor)


def _account(db: sqlite_utils.Database, account_id: Any) -> dict[str, Any]:
    try:
        return accounts_db.get_account(db, int(account_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"account_id": f"没有编号为 {account_id} 的账户"}) from None


def _keeps_a_director(db: sqlite_utils.Database, account: dict[str, Any]) -> None:
    if account["role"] == "director" and account["active"] and accounts_db.count_directors(db) <= 1:
        raise InvalidRecord({"role": "这是唯一的主任账户：先给另一个人主任角色，再改这个账户"})


def set_role(db: sqlite_utils.Database, account_id: Any, role: str, *, actor: str) -> None:
    account = _account(db, account_id)
    if role not in ROLES:
        raise InvalidRecord({"role": "请选择角色（主任或值班志愿者）"})
    if role != account["role"]:
        _keeps_a_director(db, account)
        accounts_db.update_account(db, account["id"], {"role": role}, actor=actor)


def set_active(db: sqlite_utils.Database, account_id: Any, active: bool, *, actor: str) -> None:
    """Switch an account off (or on again); accounts are never deleted, so the log keeps meaning."""
    account = _account(db, account_id)
    if not active:
        _keeps_a_director(db, account)
    accounts_db.update_account(db, account["id"], {"active": int(bool(active))}, actor=actor)


def set_password(db: sqlite_utils.Database, account_id: Any, password: Any, *, actor: str) -> None:
    account = _account(db, account_id)
    accounts_db.update_account(db, account["id"], {"password_hash": hash_password(_check_password(password)),
                                                   "failed_attempts": 0, "locked_until": None}, actor=actor)


def log_in(db: sqlite_utils.Database, name: Any, password: Any, *,
           now: datetime.datetime | None = None) -> Session:
    """The session for a right name and password. A wrong one is counted; after FREE_TRIES the account locks
    for LOCK_SECONDS, doubling with each further wrong password; the message says how long to wait."""
    now = now or datetime.datetime.now()
    account = accounts_db.find_account(db, str(name or "").strip())
    if account is None or not account["active"]:
        raise KnownError("没有这个账户，或账户已停用")
    if account["locked_until"] and now < datetime.datetime.fromisoformat(account["locked_until"]):
        wait = int((datetime.datetime.fromisoformat(account["locked_until"]) - now).total_seconds()) + 1
        raise KnownError(f"密码连续输错，请 {wait} 秒后再试")
    if not password_matches(str(password or ""), account["password_hash"]):
        failed = account["failed_attempts"] + 1
        changes: dict[str, Any] = {"failed_attempts": failed}
        message = f"密码不对（已连续输错 {failed} 次）"
        if failed >= FREE_TRIES:
            seconds = min(LOCK_SECONDS * 2 ** (failed - FREE_TRIES), MAX_LOCK_SECONDS)
            changes["locked_until"] = (now + datetime.timedelta(seconds=seconds)).isoformat(timespec="seconds")
            message += f"，请 {seconds} 秒后再试"
        accounts_db.update_account(db, account["id"], changes, actor=account["name"])
        raise KnownError(message)
    if account["failed_attempts"] or account["locked_until"]:
        accounts_db.update_account(db, account["id"], {"failed_attempts": 0, "locked_until": None},
                                   actor=account["name"])
    return Session(account["id"], account["name"], account["role"])


# ---------------------------------------------------------------- the audit viewer

TABLE_LABELS = {
    "person": "花名册", "visit": "走访", "must_report": "必报事项", "must_report_event": "必报事项进展", "aid_group": "互助组",
    "aid_helper": "互助组帮扶人", "hours_entry": "时间银行", "reward": "奖品", "meeting": "会议", "activity": "活动",
    "certificate": "志愿服务证明", "award": "年度评选", "feedback": "群众评价", "setting": "设置", "account": "账户",
    "access_log": "查看完整身份证号", "rota_assignment": "值班安排", "rota_swap": "换班", "shift_slot": "值班班次",
    "holiday": "节假日", "rota_month": "值班表", "bulletin_item": "好人好事", "rota_absence": "请假",
    "correction": "更正记录",
}


# Column names as the director reads them in the audit viewer; others are shown as they are.
FIELD_LABELS = {
    "name": "姓名", "sex": "性别", "birth_date": "出生日期", "id_number": "身份证号", "phone": "电话",
    "building": "楼号", "unit": "单元", "room": "室", "status": "状态", "status_date": "状态日期", "notes": "备注",
    "note": "说明", "is_member": "党员", "is_volunteer": "志愿者", "is_resident": "居民", "party_branch": "所在支部",
    "party_joined": "入党日期", "situations": "家庭情况", "tags": "特长", "posts": "岗位", "registered_on": "报到日期",
    "person_id": "人员编号", "kind": "类别", "hours": "时长", "on_date": "日期", "source": "来源",
    "source_id": "来源编号", "recorded_by": "记录人", "visit_date": "走访日期", "visitor_ids": "走访人",
    "done": "所做的事", "follow_up_on": "约定回访", "report_id": "必报事项编号", "held_on": "日期", "place": "地点",
    "topics": "议题", "decisions": "决定", "follow_ups": "后续落实", "attendee_ids": "参会人", "title": "名称",
    "project": "服务项目", "participants": "参加人", "served_count": "服务人次", "confirmed_at": "确认时间",
    "confirmed_by": "确认人", "role": "角色", "active": "使用中", "failed_attempts": "连续输错次数",
    "locked_until": "锁定到", "password_hash": "密码", "key": "设置项", "value": "值", "day": "日期",
    "slot_id": "班次", "confirmed": "出勤", "removed_at": "撤下时间", "removed_reason": "撤下原因",
    "group_id": "互助组", "helper_id": "帮扶人", "mode": "形式", "started_on": "开始日期", "ended_on": "结束日期",
    "end_reason": "结束原因", "joined_on": "加入日期", "left_on": "离开日期", "left_reason": "离开原因",
    "given_by": "评价人", "number": "证明编号", "purpose": "用途", "year": "年度", "citation": "事迹",
    "state": "更正状态", "reason": "原因", "action": "操作", "table_name": "台账", "row_id": "记录编号",
    "before": "原来", "after": "改为", "credit_no": "第几次记入",
}
_HIDDEN = {"created_at", "updated_at", "sort_key", "search_text", "sort"}
_VALUES = {"status": {"active": "在册", "moved_away": "迁出", "deceased": "去世"}, "role": ROLES,
           "state": {"valid": "有效", "corrected": "已更正", "void": "已作废"},
           "action": {"correct": "更正", "void": "作废"},
           "source": {"visit": "走访", "shift": "值班", "activity": "活动", "manual": "手工录入", "reward": "兑换奖品",
                      "help": "求助"}}
_KINDS = {"hours_entry": {"deposit": "存入", "withdrawal": "支取", "exchange": "兑换", "correction": "更正"},
          "meeting": {"council": "议事会", "release": "发布会", "joint": "党建联席会", "affairs": "社务会"},
          "activity": {"service": "服务", "event": "活动", "class": "课堂"},
          "feedback": {"praise": "表扬", "complaint": "意见"}}


def _shown(table: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if key == "id_number":
        from app.ids import mask_id

        return mask_id(str(value))  # the log keeps it; the viewer does not show it again
    if key == "kind" and table in _KINDS:
        return _KINDS[table].get(value, str(value))
    if key in _VALUES:
        return _VALUES[key].get(value, str(value))
    if (key.startswith("is_") or key == "active") and value in (0, 1, True, False):
        return "是" if value else "否"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def describe_change(row: dict[str, Any]) -> str:
    """An audit row in words: an update as "电话：旧 → 新", an insert as its first few filled-in values."""
    table = row["table_name"]
    before = json.loads(row["before"] or "null") or {}
    after = json.loads(row["after"] or "null") or {}
    label = lambda key: FIELD_LABELS.get(key, key)  # noqa: E731
    if row["action"] == "update":
        return "；".join(f"{label(k)}：{_shown(table, k, before.get(k))} → {_shown(table, k, v)}"
                        for k, v in after.items() if k not in _HIDDEN)
    filled = [f"{label(k)}：{_shown(table, k, v)}" for k, v in after.items()
              if k not in _HIDDEN and v not in (None, "", "[]", 0)]
    return "；".join(filled[:8])


def audit_log(db: sqlite_utils.Database, *, actor: str | None = None, table: str | None = None,
              person_id: int | None = None, start: Any = None, end: Any = None,
              limit: int = 2000) -> list[dict[str, Any]]:
    """The audit log newest first (at most ``limit`` rows), filtered; ``end`` is inclusive (a date)."""
    first = str(start) if start else None
    last = (datetime.date.fromisoformat(str(end)) + datetime.timedelta(days=1)).isoformat() if end else None
    rows = accounts_db.audit_rows(db, actor=actor, table=table, person_id=person_id, start=first, end=last,
                                  limit=limit)
    for row in rows:
        row["table_label"] = TABLE_LABELS.get(row["table_name"], row["table_name"])
    return rows


audit_actors = accounts_db.audit_actors
audit_tables = accounts_db.audit_tables
