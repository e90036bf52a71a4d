"""Visits, must-reports and the due list, as a duty volunteer and the director meet them."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import people, visits
from clubfile import cli_main as main, cli_process
from app.db.settings import set_setting
from app.errors import InvalidRecord

ROOT = Path(__file__).resolve().parent.parent
D = datetime.date


def add(db, **values) -> int:
    values.setdefault("name", "某人")
    return people.add_person(db, values, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    """A tiny club: two volunteers, an elderly member born 1940-03-15, a member who registered on 2026-10-01."""
    db = fresh_db
    ids = {
        "vol1": add(db, name="王志愿", birth_date="1960-05-01", is_volunteer=True),
        "vol2": add(db, name="李志愿", birth_date="1962-05-01", is_volunteer=True),
        "elder": add(db, name="张老", birth_date="1940-03-15", is_member=True, building="3", unit="1", room="101"),
        "newcomer": add(db, name="赵新", birth_date="1970-01-01", is_member=True, registered_on="2026-10-01"),
        "young": add(db, name="钱少", birth_date="1990-06-01", is_member=True),
    }
    return db, ids


def due(db, on, days=14, kind=None):
    items = visits.due_items(db, on, days)
    return [(i.name, i.kind, i.due.isoformat()) for i in items if kind is None or i.kind == kind]


def log(db, person, kind, day, by, **extra):
    return visits.log_visit(db, {"person_id": person, "kind": kind, "visit_date": day, "visitor_ids": by, **extra},
                            actor="值班员", today=D(2027, 12, 31))


# ---------------------------------------------------------------- logging visits

def test_a_visit_is_checked_like_the_form(club):
    db, ids = club
    with pytest.raises(InvalidRecord) as caught:
        visits.log_visit(db, {"person_id": ids["elder"], "kind": "picnic", "visit_date": "2026-13-01",
                              "visitor_ids": [ids["elder"]], "follow_up_on": "2026-01-01"}, actor="x", today=D(2026, 11, 22))
    assert caught.value.errors == {
        "kind": "请选择走访类别（报到、住院、特殊情况、节日慰问、支持党建）",
        "visit_date": "日期不存在：2026-13-01",
        "visitor_ids": "走访人不能是被走访的人自己",
    }
    with pytest.raises(InvalidRecord) as caught:
        visits.log_visit(db, {"person_id": ids["elder"], "kind": "festival", "visit_date": "2026-11-23",
                              "visitor_ids": []}, actor="x", today=D(2026, 11, 22))
    assert caught.value.errors == {"visit_date": "日期晚于今天", "visitor_ids": "请至少填一位走访的志愿者"}
    assert visits.list_visits(db) == []


def test_a_logged_visit_shows_in_the_log_and_the_timeline(club):
    db, ids = club
    log(db, ids["elder"], "festival", "2026-09-20", [ids["vol1"], ids["vol2"]], done="月饼")
    rows = visits.list_visits(db)
    assert [(r["name"], r["kind_label"], r["visitors"], r["done"]) for r in rows] == [
        ("张老", "高龄党员节日慰问", ["王志愿", "李志愿"], "月饼")]
    report = visits.open_report(db, {"person_id": ids["elder"], "kind": "serious_illness", "summary": "住院",
                                     "learnt_on": "2026-10-02"}, actor="x", today=D(2026, 11, 22))
    assert [(t.day, t.kind) for t in visits.timeline(db, ids["elder"])] == [("2026-10-02", "report"), ("2026-09-20", "visit")]
    assert report


def test_nobody_who_moved_away_is_visited(club):
    db, ids = club
    people.change_status(db, ids["vol2"], "moved_away", D(2026, 1, 1), actor="x")
    with pytest.raises(InvalidRecord) as caught:
        log(db, ids["elder"], "special", "2026-10-01", [ids["vol2"]])
    assert caught.value.errors["visitor_ids"] == "李志愿已迁出，不能再记录"


# ---------------------------------------------------------------- must-reports

def test_report_moves_open_reported_closed_with_a_dated_history(club):
    db, ids = club
    rid = visits.open_report(db, {"person_id": ids["elder"], "kind": "cadre_event", "summary": "九十大寿",
                                  "learnt_on": "2026-11-01"}, actor="值班员", today=D(2026, 11, 22))
    with pytest.raises(InvalidRecord) as caught:
        visits.mark_reported(db, rid, reported_to=" ", reported_on="2026-10-01", actor="x", today=D(2026, 11, 22))
    assert caught.value.errors == {"reported_to": "请填写报给了谁（如 老年服务部党支部）", "reported_on": "上报日期早于得知日期"}
    visits.mark_reported(db, rid, reported_to="老年服务部党支部", reported_on="2026-11-02", note="电话", actor="主任",
                         today=D(2026, 11, 22))
    visits.close_report(db, rid, closed_on="2026-11-10", note="已慰问", actor="主任", today=D(2026, 11, 22))
    assert [(e["on_date"], e["status"], e["note"], e["actor"]) for e in visits.report_history(db, rid)] == [
        ("2026-11-01", "open", "", "值班员"), ("2026-11-02", "reported", "电话", "主任"),
        ("2026-11-10", "closed", "已慰问", "主任")]
    with pytest.raises(InvalidRecord):
        visits.close_report(db, rid, closed_on="2026-11-11", actor="x", today=D(2026, 11, 22))


def test_an_unreported_report_becomes_overdue_after_the_set_days(club):
    db, ids = club
    visits.open_report(db, {"person_id": ids["young"], "kind": "concern", "summary": "路灯不亮",
                            "learnt_on": "2026-11-18"}, actor="x", today=D(2026, 11, 22))
    assert due(db, D(2026, 11, 20), kind="report_overdue") == []
    assert due(db, D(2026, 11, 21), kind="report_overdue") == [("钱少", "report_overdue", "2026-11-21")]
    set_setting(db, "report_overdue_days", 7, actor="主任")
    assert due(db, D(2026, 11, 22), kind="report_overdue") == []


def test_serious_illness_makes_a_hospital_visit_due_until_it_is_made(club):
    db, ids = club
    rid = visits.open_report(db, {"person_id": ids["young"], "kind": "serious_illness", "summary": "脑梗住院",
                                  "learnt_on": "2026-11-10"}, actor="x", today=D(2026, 11, 22))
    items = [i for i in visits.due_items(db, D(2026, 11, 22)) if i.kind == "hospital"]
    assert [(i.name, i.due, i.visit_kind, i.report_id) for i in items] == [("钱少", D(2026, 11, 13), "hospital", rid)]
    assert "脑梗住院" in items[0].reason and items[0].overdue_days(D(2026, 11, 22)) == 9
    log(db, ids["young"], "hospital", "2026-11-22", [ids["vol1"]])
    assert due(db, D(2026, 11, 22), kind="hospital") == []


# ---------------------------------------------------------------- registration and follow-ups

def test_registration_visit_due_within_the_set_days_and_gone_once_made(club):
    db, ids = club
    assert due(db, D(2026, 10, 10), days=14, kind="registration") == []
    assert due(db, D(2026, 10, 20), days=14, kind="registration") == [("赵新", "registration", "2026-10-31")]
    assert due(db, D(2026, 12, 31), days=0, kind="registration") == [("赵新", "registration", "2026-10-31")]
    log(db, ids["newcomer"], "registration", "2026-11-02", [ids["vol1"]])
    assert due(db, D(2026, 12, 31), kind="registration") == []


def test_follow_up_due_on_its_date_until_any_later_visit(club):
    db, ids = club
    log(db, ids["young"], "special", "2026-12-20", [ids["vol1"]], follow_up_on="2027-01-03")
    assert due(db, D(2026, 12, 25), days=7, kind="follow_up") == []
    assert due(db, D(2026, 12, 28), days=7, kind="follow_up") == [("钱少", "follow_up", "2027-01-03")]
    log(db, ids["young"], "special", "2027-01-02", [ids["vol2"]])
    assert due(db, D(2027, 1, 5), kind="follow_up") == []


# ---------------------------------------------------------------- festivals and birthdays

@pytest.mark.parametrize("on, expected", [
    (D(2026, 9, 14), [("中秋节", "2026-09-25")]),
    # Mid-Autumn passed three days ago without a visit: still listed, overdue, for a week after the day.
    (D(2026, 9, 28), [("中秋节", "2026-09-25"), ("国庆节", "2026-10-01"), ("重阳节", "2026-10-18")]),
    (D(2027, 1, 25), [("春节", "2027-02-06")]),
    (D(2026, 12, 24), []),
])
def test_festival_visits_for_elderly_members_around_year_ends(club, on, expected):
    db, _ = club
    items = [i for i in visits.due_items(db, on, 21 if on.month == 9 and on.day == 28 else 14) if i.kind == "festival"]
    assert [(i.reason.split("（")[0], i.due.isoformat()) for i in items] == expected
    assert all(i.name == "张老" for i in items)  # the 86-year-old member; not the young ones


def test_a_festival_visit_clears_the_festival(club):
    db, ids = club
    log(db, ids["elder"], "festival", "2026-09-20", [ids["vol1"]])
    assert due(db, D(2026, 9, 14), kind="festival") == []


def test_age_threshold_is_a_setting(club):
    db, _ = club
    set_setting(db, "elderly_age", 90, actor="主任")
    assert due(db, D(2026, 9, 14), kind="festival") == []


def test_solar_birthday_including_leap_day_births(fresh_db):
    db = fresh_db
    vol = add(db, name="王志愿", birth_date="1960-05-01", is_volunteer=True)
    add(db, name="孙闰", birth_date="1944-02-29", is_member=True)
    assert due(db, D(2027, 2, 20), kind="birthday") == [("孙闰", "birthday", "2027-02-28")]
    assert due(db, D(2028, 2, 20), kind="birthday") == [("孙闰", "birthday", "2028-02-29")]
    # Overdue for a week after the day, then it drops off.
    assert due(db, D(2027, 3, 7), days=0, kind="birthday") == [("孙闰", "birthday", "2027-02-28")]
    assert due(db, D(2027, 3, 8), days=0, kind="birthday") == []
    assert vol


def test_lunar_birthday_with_the_customary_rules(fresh_db):
    db = fresh_db
    add(db, name="周农", birth_date="1940-01-05", is_member=True, lunar_birthday="腊月三十")
    # 腊月 of lunar year 2026 has 29 days: the birthday is kept on 腊月廿九 = 2027-02-05.
    items = [i for i in visits.due_items(db, D(2027, 1, 25)) if i.kind == "birthday"]
    assert [(i.due, i.reason) for i in items] == [(D(2027, 2, 5), "87岁生日（农历腊月三十，2月5日）")]
    add(db, name="吴闰", birth_date="1940-06-01", is_member=True, lunar_birthday="闰四月初十")
    assert ("吴闰", "birthday", "2026-05-26") in due(db, D(2026, 5, 20))


def test_a_member_born_in_a_known_month_only_is_greeted_within_that_month(club):
    db, ids = club
    pid = add(db, name="刘淑珍", birth_date="1944年11月", is_member=True)
    reason = "82岁生日（只知出生年月：11月，本月内慰问）"
    assert [(i.name, i.due, i.reason) for i in visits.due_items(db, D(2026, 11, 20), 5) if i.kind == "birthday"] == [
        ("刘淑珍", D(2026, 11, 30), reason)]
    # not on an invented day: nothing on 1 November's week before the month is near
    assert not [i for i in visits.due_items(db, D(2026, 10, 1), 14) if i.kind == "birthday"]
    log(db, pid, "festival", "2026-11-25", [ids["vol1"]])
    assert not [i for i in visits.due_items(db, D(2026, 11, 26), 5) if i.kind == "birthday"]


# ---------------------------------------------------------------- the command line

def test_due_json_shape(club, db_path, capsys):
    db, ids = club
    assert main(["due", "--db", str(db_path), "--on", "2026-10-26", "--days", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == [{"person_id": ids["newcomer"], "name": "赵新", "kind": "registration", "due": "2026-10-31",
                    "reason": "10月1日报到，应在30天内走访"}]


def test_log_visit_from_the_command_line(club, db_path):
    db, ids = club
    run = cli_process(["log-visit", "--db", str(db_path), "--person", str(ids["newcomer"]),
                       "--kind", "registration", "--date", "2026-10-05", "--by", f"{ids['vol1']},{ids['vol2']}",
                       "--note", "送去党员活动日程"])
    assert run.returncode == 0, run.stderr
    row = visits.list_visits(db)[0]
    assert (row["name"], row["visitors"], row["notes"]) == ("赵新", ["王志愿", "李志愿"], "送去党员活动日程")
    bad = cli_process(["log-visit", "--db", str(db_path), "--person", "999", "--kind", "special",
                       "--by", str(ids["vol1"])])
    assert bad.returncode == 1
    assert bad.stderr.strip() == "错误：花名册里没有编号为 999 的人"


def test_the_command_line_takes_dates_as_the_forms_do(club, db_path, capsys):
    db, ids = club
    today = datetime.date.today()
    assert main(["due", "--db", str(db_path), "--on", "2026年10月26日", "--days", "5", "--json"]) == 0
    assert [item["kind"] for item in json.loads(capsys.readouterr().out)] == ["registration"]
    assert main(["log-visit", "--db", str(db_path), "--person", str(ids["newcomer"]), "--kind", "registration",
                 "--date", "昨天", "--by", str(ids["vol1"]), "--follow-up", f"{today.year + 1}年1月2日"]) == 0
    row = visits.list_visits(db)[0]
    assert (row["visit_date"], row["follow_up_on"]) == ((today - datetime.timedelta(days=1)).isoformat(),
                                                        f"{today.year + 1}-01-02")
    assert main(["log-visit", "--db", str(db_path), "--person", str(ids["newcomer"]), "--kind", "registration",
                 "--date", "4", "--by", str(ids["vol1"])]) == 1
    example = f"请写成 {today.isoformat()}、{today.month}月{today.day}日 或 今天"
    assert capsys.readouterr().err.strip() == f"错误：只写了数字“4”，看不出是哪一天，{example}"
    assert main(["due", "--db", str(db_path), "--on", "1203", "--json"]) == 1
    assert capsys.readouterr().err.strip() == f"错误：只写了数字“1203”，看不出是哪一天，{example}"


def test_demo_club_has_visits_reports_and_something_due(demo_db):
    assert len(visits.list_visits(demo_db)) > 10
    statuses = {r["status"] for r in visits.list_reports(demo_db)}
    assert statuses <= {"open", "reported", "closed"} and "closed" in statuses
    assert visits.due_items(demo_db, datetime.date.today(), 30)
