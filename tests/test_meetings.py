"""The meetings register (会议): its rules, the listing, the quarterly 党建联席会 reminder and the command line."""

from __future__ import annotations

import datetime
import json

import pytest

from app import meetings, people
from app.accounts import Session
from app.corrections import Change
from clubfile import cli_main as main
from app.db import audit
from app.errors import InvalidRecord, NotFound

D = datetime.date
TODAY = D(2026, 11, 22)


def add(db, **values) -> int:
    values.setdefault("name", "某人")
    return people.add_person(db, values, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    ids = {"wang": add(db, name="王书记", is_member=True), "li": add(db, name="李社长"),
           "gone": add(db, name="赵迁")}
    people.change_status(db, ids["gone"], "moved_away", D(2026, 10, 1), actor="主任")
    return db, ids


def record(db, **raw):
    raw = {"kind": "council", "held_on": "2026-11-10", "topics": "楼道堆物清理", **raw}
    return meetings.record_meeting(db, raw, actor="主任", today=TODAY)


def test_a_meeting_is_recorded_with_its_attendees_and_an_audit_row(club):
    db, ids = club
    meeting_id = record(db, attendee_ids=[ids["wang"], str(ids["li"]), ids["wang"]], decisions="周六集中清理",
                        place=" 活动室 ")
    stored = meetings.get_meeting(db, meeting_id)
    assert stored["attendee_ids"] == [ids["wang"], ids["li"]] and stored["place"] == "活动室"
    assert audit.history(db, "meeting", meeting_id)[0]["actor"] == "主任"


def test_each_wrong_field_gets_its_own_chinese_reason(club):
    db, ids = club
    with pytest.raises(InvalidRecord) as caught:
        meetings.record_meeting(db, {"kind": "party", "held_on": "2026-12-01", "topics": "  ",
                                     "attendee_ids": [ids["gone"]]}, actor="主任", today=TODAY)
    assert caught.value.errors == {"kind": "请选择会议类别（议事会、发布会、党建联席会、社务会）",
                                   "held_on": "开会日期晚于今天", "topics": "请写明会议议题",
                                   "attendee_ids": "赵迁已迁出，不能再记为参会人"}
    with pytest.raises(InvalidRecord) as caught:
        record(db, held_on="", attendee_ids=[999])
    assert caught.value.errors == {"held_on": "请填写开会日期", "attendee_ids": "花名册里没有编号为 999 的人"}


def test_listing_by_year_newest_first_with_names(club):
    db, ids = club
    first = record(db, held_on="2025-12-30", kind="affairs")
    second = record(db, held_on="2026-03-01", attendee_ids=[ids["li"], ids["wang"]])
    third = record(db, held_on="2026-11-01", kind="release")
    assert [m["id"] for m in meetings.list_meetings(db)] == [third, second, first]
    year = meetings.list_meetings(db, 2026)
    assert [m["id"] for m in year] == [third, second]
    assert year[1]["attendees"] == ["李社长", "王书记"] and year[0]["kind_label"] == "发布会"


def test_a_correction_changes_only_what_changed_and_keeps_the_earlier_values(club):
    db, ids = club
    meeting_id = record(db)
    director = Session(None, "主任", "director")
    changed = meetings.correct_meeting(db, meeting_id, {"kind": "council", "held_on": "2026-11-10",
                                                        "topics": "楼道堆物清理", "decisions": "周六清理"},
                                       reason="漏记了决定", by=director, today=TODAY)
    assert changed == {"decisions": "周六清理"}
    assert meetings.list_meetings(db)[0]["state_label"] == "已更正"
    steps = meetings.meeting_history(db, meeting_id)
    assert [(s.action, s.reason) for s in steps] == [("record", ""), ("correct", "漏记了决定")]
    assert steps[1].changes == (Change("决定", "（空）", "周六清理"),)
    with pytest.raises(InvalidRecord, match="没有编号为 999 的会议记录"):
        meetings.correct_meeting(db, 999, {}, reason="x", by=director, today=TODAY)


def test_a_voided_meeting_stays_listed_and_no_longer_holds_the_quarter(club):
    db, _ = club
    joint = meetings.record_meeting(db, {"kind": "joint", "held_on": "2026-11-10", "topics": "联席"}, actor="主任",
                                    today=TODAY)
    assert meetings.joint_meeting_due(db, TODAY) is None
    meetings.void_meeting(db, joint, reason="其实是社务会，记重了", by=Session(None, "主任", "director"), today=TODAY)
    assert meetings.joint_meeting_due(db, TODAY) is not None
    assert [(m["id"], m["state_label"]) for m in meetings.list_meetings(db)] == [(joint, "已作废")]


def test_the_joint_meeting_is_due_each_quarter_until_one_is_held(club):
    db, _ = club
    assert meetings.joint_meeting_due(db, D(2026, 11, 22)) == {
        "kind": "meeting", "due": D(2026, 12, 31), "reason": "本季度（2026年第4季度）还没有召开党建联席会"}
    assert meetings.due(db, D(2026, 11, 22), 14) == []  # the quarter's end is more than a month off
    assert [i["due"] for i in meetings.due(db, D(2026, 12, 1), 14)] == [D(2026, 12, 31)]  # a month's notice
    assert [i["due"] for i in meetings.due(db, D(2026, 11, 22), 40)] == [D(2026, 12, 31)]  # or the longer window
    assert [i["due"] for i in meetings.due(db, D(2026, 12, 20), 14)] == [D(2026, 12, 31)]
    record(db, kind="council", held_on="2026-11-10")
    assert meetings.joint_meeting_due(db, D(2026, 12, 20)) is not None  # another kind of meeting does not count
    meetings.record_meeting(db, {"kind": "joint", "held_on": "2026-12-20", "topics": "联席"}, actor="主任",
                            today=D(2026, 12, 20))
    assert meetings.joint_meeting_due(db, D(2026, 12, 31)) is None
    assert meetings.due(db, D(2026, 12, 20), 14) == []
    # across the quarter end the new quarter starts with none
    assert meetings.joint_meeting_due(db, D(2027, 1, 1)) == {
        "kind": "meeting", "due": D(2027, 3, 31), "reason": "本季度（2027年第1季度）还没有召开党建联席会"}
    assert meetings.quarter_of(D(2026, 2, 28)) == (1, D(2026, 1, 1), D(2026, 3, 31))


def test_cli_lists_json_and_records(club, db_path, capsys):
    db, ids = club
    assert main(["meetings", "--db", str(db_path), "--record", "--kind", "joint", "--date", "2026-11-10",
                 "--topics", "联合走访", "--decisions", "每月一次", "--by", f"{ids['wang']}，{ids['li']}"]) == 0
    meeting_id = int(capsys.readouterr().out.split()[-1])
    assert main(["meetings", "--db", str(db_path), "--year", "2026", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"id": meeting_id, "kind": "joint", "held_on": "2026-11-10", "topics": "联合走访", "decisions": "每月一次",
         "attendee_ids": [ids["wang"], ids["li"]]}]
    assert main(["meetings", "--db", str(db_path), "--year", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_cli_refuses_a_meeting_without_topics(club, db_path, capsys):
    assert main(["meetings", "--db", str(db_path), "--record", "--kind", "council", "--date", "2026-11-10"]) == 1
    assert "请写明会议议题" in capsys.readouterr().err
    assert meetings.list_meetings(club[0]) == []
