"""Activities (活动): recording, the checks, confirming credits each participant once, and the listing."""

from __future__ import annotations

import datetime
import json

import pytest

from app.accounts import Session
from app import activities, people, timebank
from app.db import audit
from app.errors import InvalidRecord, NotFound, ValidationError

D = datetime.date
TODAY = D(2026, 11, 22)


def add(db, **values) -> int:
    values.setdefault("name", "某人")
    return people.add_person(db, {"is_volunteer": True, **values}, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    ids = {"wang": add(db, name="王秀英"), "li": add(db, name="李强明"), "gone": add(db, name="赵迁")}
    people.change_status(db, ids["gone"], "moved_away", D(2026, 10, 1), actor="主任")
    return db, ids


def record(db, **raw) -> int:
    raw = {"kind": "service", "project": "义诊", "held_on": "2026-11-15", "hours": "2.5", "place": "活动室",
           "served_count": "36", **raw}
    return activities.record_activity(db, raw, actor="主任", today=TODAY)


def test_an_activity_is_recorded_with_its_participants_and_audited(club):
    db, ids = club
    activity_id = record(db, participants=[ids["wang"], (ids["li"], 1.5), ids["wang"]])
    stored = activities.get_activity(db, activity_id)
    assert stored["title"] == "义诊"  # no title typed: the project names it
    assert stored["participants"] == [(ids["wang"], 2.5), (ids["li"], 1.5)]
    assert stored["served_count"] == 36 and stored["confirmed_at"] is None
    assert audit.history(db, "activity", activity_id)[0]["actor"] == "主任"


def test_each_wrong_field_gets_its_own_chinese_reason(club):
    db, ids = club
    with pytest.raises(InvalidRecord) as caught:
        activities.record_activity(db, {"kind": "party", "held_on": "2026-12-01", "hours": "0",
                                        "participants": [ids["gone"]], "served_count": "-3"},
                                   actor="主任", today=TODAY)
    assert caught.value.errors == {"kind": "请选择类别（服务、活动、课堂）", "title": "请填写活动名称",
                                   "held_on": "活动日期晚于今天：活动结束后再记录",
                                   "hours": "实际服务时长应大于 0 小时",
                                   "participants": "赵迁已迁出，不能再记为参加人",
                                   "served_count": "服务人次应是不小于 0 的整数"}
    with pytest.raises(InvalidRecord) as caught:
        record(db, hours="30", participants=[999])
    assert caught.value.errors == {"hours": "一次活动的服务时长不能超过 24 小时",
                                   "participants": "花名册里没有编号为 999 的人"}


def test_confirming_credits_each_participant_once_and_locks_the_activity(club):
    db, ids = club
    activity_id = record(db, title="义诊上午", participants=[ids["wang"], (ids["li"], 1.5)])
    assert activities.confirm_activity(db, activity_id, actor="主任", today=TODAY) == 2
    wang = timebank.statement(db, ids["wang"])
    assert wang.balance == 2.5
    assert wang.entries == [timebank.Entry("2026-11-15", "deposit", 2.5, "activity", "义诊上午")]
    assert timebank.statement(db, ids["li"]).balance == 1.5
    with pytest.raises(InvalidRecord) as caught:
        activities.confirm_activity(db, activity_id, actor="主任", today=TODAY)
    assert "已经在" in caught.value.errors["confirmed"]
    assert timebank.statement(db, ids["wang"]).balance == 2.5  # nothing credited twice
    with pytest.raises(InvalidRecord):
        timebank.deposit(db, ids["wang"], 2.5, on="2026-11-15", source="activity", source_id=activity_id, actor="主任")


def test_an_activity_without_participants_cannot_be_confirmed_but_can_be_corrected(club):
    db, ids = club
    activity_id = record(db)
    with pytest.raises(InvalidRecord) as caught:
        activities.confirm_activity(db, activity_id, actor="主任", today=TODAY)
    assert caught.value.errors == {"participants": "没有参加人，无法记入时长；请先添加参加人"}
    changed = activities.correct_activity(db, activity_id, {"kind": "service", "project": "义诊",
                                                            "held_on": "2026-11-15", "hours": "2.5", "place": "活动室",
                                                            "served_count": 36, "participants": [ids["li"]]},
                                          reason="漏记了参加人", by=Session(None, "主任", "director"), today=TODAY)
    assert set(changed) == {"participants"}
    assert activities.confirm_activity(db, activity_id, actor="主任", today=TODAY) == 1
    with pytest.raises(NotFound):
        activities.confirm_activity(db, 999, actor="主任", today=TODAY)


def test_a_participant_who_moved_away_after_recording_blocks_confirmation(club):
    db, ids = club
    activity_id = record(db, participants=[ids["li"]])
    people.change_status(db, ids["li"], "moved_away", D(2026, 11, 20), actor="主任")
    with pytest.raises(ValidationError) as caught:
        activities.confirm_activity(db, activity_id, actor="主任", today=TODAY)
    assert "李强明已迁出" in str(caught.value)
    assert activities.get_activity(db, activity_id)["confirmed_at"] is None


def test_listing_by_year_newest_first_with_names_and_totals(club):
    db, ids = club
    first = record(db, held_on="2025-12-05", kind="class", title="剪纸课", project="剪纸")
    second = record(db, held_on="2026-03-05", kind="event", title="志愿者日", participants=[ids["li"], ids["wang"]])
    listed = activities.list_activities(db, 2026)
    assert [a["id"] for a in listed] == [second]
    assert listed[0]["names"] == ["李强明", "王秀英"] and listed[0]["total_hours"] == 5.0
    assert listed[0]["kind_label"] == "活动"
    assert [a["id"] for a in activities.list_activities(db)] == [second, first]
    offered = activities.projects(db)
    assert set(offered[:2]) == {"义诊", "剪纸"} and "磨刀" in offered[2:] and len(offered) == len(set(offered))


def test_the_command_line_records_lists_and_confirms(club, db_path, capsys):
    from clubfile import cli_main as main

    db, ids = club
    assert main(["activities", "--db", str(db_path), "--record", "--project", "磨刀", "--date", "2026-11-20",
                 "--hours", "2", "--by", f"{ids['wang']}，{ids['li']}", "--served", "25"]) == 0
    activity_id = int(capsys.readouterr().out.split("编号 ")[1].split("（")[0])
    assert main(["activities", "--db", str(db_path), "--confirm", str(activity_id)]) == 0
    assert "给 2 位参加人记入时长" in capsys.readouterr().out
    assert main(["activities", "--db", str(db_path), "--confirm", str(activity_id)]) == 1
    assert "已经在" in capsys.readouterr().err
    assert main(["activities", "--db", str(db_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["title"] == "磨刀" and listed[0]["served_count"] == 25
    assert listed[0]["participants"] == [{"person_id": ids["wang"], "hours": 2.0}, {"person_id": ids["li"], "hours": 2.0}]
    assert main(["activities", "--db", str(db_path), "--record", "--date", "2026-11-20", "--hours", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "请填写活动名称" in err and "实际服务时长应大于 0 小时" in err
