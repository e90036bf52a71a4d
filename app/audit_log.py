"""The audit log as the director reads it in the audit viewer (审计日志): the registers, columns, settings and
values in Chinese words, an identity number masked even here, and the log filtered by who, what, whom and when."""

from __future__ import annotations

import datetime
import json
from typing import Any

import sqlite_utils

from app.accounts import ROLES
from app.activities import ACTIVITY_KINDS
from app.awards import FEEDBACK_KINDS
from app.db import accounts as accounts_db
from app.ids import mask_id
from app.meetings import MEETING_KINDS
from app.visits import REPORT_KINDS, VISIT_KINDS

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
    "before": "原来", "after": "改为", "credit_no": "第几次记入", "corrects_id": "更正的是第几笔", "actor": "操作人",
    "at": "时间", "detail": "内容", "aid_capacity": "最多帮扶几人", "helper_unavailable": "暂停帮扶",
    "same_sex_only": "只帮扶同性别的人",
}
# The settings by the names the settings page gives them; a key not here is shown as it is.
SETTING_LABELS = {
    "club_name": "服务社名称", "branch_name": "上级党支部", "backup_folder": "备份文件夹", "text_scale": "文字大小",
    "language": "界面语言", "elderly_age": "高龄党员年龄", "registration_visit_days": "报到走访期限（天）",
    "report_overdue_days": "必报事项上报期限（天）", "report_visit_days": "必报事项看望期限（天）",
    "aid_must_cover": "必须有人结对帮扶的情况", "timebank_levels": "时间银行等级", "visit_hours": "每次走访记入时长",
    "desk_open_on_holidays": "节假日值班", "idle_lock_minutes": "无人操作自动回到登录（分钟）", "demo": "演示服务社",
    "award_counts": "年度评选名额",
}
_HIDDEN = {"created_at", "updated_at", "sort_key", "search_text", "sort"}
_VALUES = {"status": {"active": "在册", "moved_away": "迁出", "deceased": "去世"}, "role": ROLES,
           "state": {"valid": "有效", "corrected": "已更正", "void": "已作废"},
           "action": {"correct": "更正", "void": "作废", "view_full_id": "查看完整身份证号"},
           "key": SETTING_LABELS, "table_name": TABLE_LABELS, "value": {"true": "是", "false": "否"},
           "source": {"visit": "走访", "shift": "值班", "activity": "活动", "manual": "手工录入", "reward": "兑换奖品",
                      "help": "求助"}}
_KINDS = {"hours_entry": {"deposit": "存入", "withdrawal": "支取", "exchange": "兑换", "correction": "更正"},
          "meeting": MEETING_KINDS, "activity": ACTIVITY_KINDS, "visit": VISIT_KINDS, "must_report": REPORT_KINDS,
          "feedback": FEEDBACK_KINDS}


def _shown(table: str, key: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if key == "id_number":
        return mask_id(str(value))  # the log keeps it; the viewer does not show it again
    if key == "kind" and table in _KINDS:
        return _KINDS[table].get(value, str(value))
    if key in _VALUES and isinstance(value, str | int) and value in _VALUES[key]:
        return _VALUES[key][value]
    if (key.startswith("is_") or key == "active") and value in (0, 1, True, False):
        return "是" if value else "否"
    if key in ("before", "after") and isinstance(value, str) and value.startswith("{"):
        value = json.loads(value)  # a correction's fields before and after it
    if isinstance(value, dict):
        return "，".join(f"{FIELD_LABELS.get(k, k)} {_shown(table, k, v)}" for k, v in value.items()) or "（空）"
    if value is True or value is False:
        return "是" if value else "否"
    if key in ("at", "created_at") and isinstance(value, str):
        value = value.replace("T", " ")
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


def read(db: sqlite_utils.Database, *, actor: str | None = None, table: str | None = None,
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
