"""Corrections and voids (更正、作废) in every register, what follows from them, and who may make them."""

from __future__ import annotations

import datetime
import json

import month_club
import pdf_text
import pytest

from app import activities, awards, corrections, good_news, meetings, month_report, people, rota, timebank, visits
from app.accounts import Session
from clubfile import cli_main as main
from app.db import audit
from app.db.connection import open_database
from app.errors import InvalidRecord
from app.reports.bulletin import write_bulletin

D = datetime.date
TODAY = datetime.date.today()
DIRECTOR = Session(1, "主任", "director")
DUTY = Session(2, "值班员甲", "duty")
OTHER = Session(3, "值班员乙", "duty")


def add(db, **values) -> int:
    values.setdefault("name", "某人")
    return people.add_person(db, values, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    ids = {
        "wang": add(db, name="王志愿", birth_date="1960-05-01", is_volunteer=True, on_rota=True),
        "li": add(db, name="李志愿", birth_date="1962-05-01", is_volunteer=True, on_rota=True),
        "wei": add(db, name="韦芳玉", birth_date="1950-01-01", is_member=True,
                   registered_on=(TODAY - datetime.timedelta(days=40)).isoformat()),
        "zhao": add(db, name="赵新", birth_date="1970-01-01", is_member=True,
                    registered_on=(TODAY - datetime.timedelta(days=40)).isoformat()),
    }
    return db, ids


def due_names(db, kind="registration") -> list[str]:
    return sorted(item.name for item in visits.due_items(db, TODAY, 14) if item.kind == kind)


def log(db, person, by, *, actor="值班员甲", kind="registration", day=None, **extra) -> int:
    return visits.log_visit(db, {"person_id": person, "kind": kind, "visit_date": day or TODAY.isoformat(),
                                 "visitor_ids": by, **extra}, actor=actor)


def balance(db, person) -> float:
    return timebank.statement(db, person).balance


# ---------------------------------------------------------------- visits

def test_a_voided_visit_brings_its_due_item_back_and_reverses_its_hours(club):
    db, ids = club
    assert due_names(db) == ["赵新", "韦芳玉"]
    visit = log(db, ids["wei"], [ids["wang"], ids["li"]])
    assert due_names(db) == ["赵新"]
    timebank.credit_visits_and_shifts(db, actor="主任")
    assert balance(db, ids["wang"]) == 1 and balance(db, ids["li"]) == 1
    visits.void_visit(db, visit, reason="记重了", by=DUTY)
    assert due_names(db) == ["赵新", "韦芳玉"]
    assert balance(db, ids["wang"]) == 0 and balance(db, ids["li"]) == 0
    assert timebank.statement(db, ids["wang"]).earned_total == 0
    assert timebank.uncredited(db) == 0  # a void visit is never credited again
    listed = visits.list_visits(db)
    assert [(row["id"], row["state"], row["state_label"]) for row in listed] == [(visit, "void", "已作废")]
    assert visits.timeline(db, ids["wei"]) == []
    steps = visits.visit_history(db, visit)
    assert [(s.action, s.actor, s.reason) for s in steps] == [("record", "值班员甲", ""), ("void", "值班员甲", "记重了")]
    with pytest.raises(InvalidRecord, match="这条走访已经作废了"):
        visits.void_visit(db, visit, reason="再作废一次", by=DIRECTOR)
    with pytest.raises(InvalidRecord, match="这条走访已经作废了"):
        visits.correct_visit(db, visit, {"notes": "x"}, reason="改", by=DIRECTOR)


def test_a_visit_logged_to_the_wrong_person_moves_to_the_right_one(club):
    db, ids = club
    visit = log(db, ids["wei"], [ids["wang"]], done="送米")  # meant for 赵新
    timebank.credit_visits_and_shifts(db, actor="主任")
    assert due_names(db) == ["赵新"]
    changed = visits.correct_visit(db, visit, {"person_id": ids["zhao"]}, reason="记错了人", by=DUTY)
    assert changed == {"person_id": ids["zhao"]}
    assert due_names(db) == ["韦芳玉"]  # the first person's item is back, the right one's is done
    row = visits.list_visits(db)[0]
    assert (row["name"], row["state_label"], row["done"]) == ("赵新", "已更正", "送米")
    assert balance(db, ids["wang"]) == 1  # the same visitor went: the hours stand
    assert [s.changes for s in visits.visit_history(db, visit)][1] == (
        corrections.Change("被走访人", "韦芳玉", "赵新"),)
    assert [i.title for i in visits.timeline(db, ids["zhao"])] == ["报到走访"]
    assert visits.timeline(db, ids["wei"]) == []


def test_a_correction_of_the_date_and_the_visitors_moves_the_hours_with_it(club):
    db, ids = club
    visit = log(db, ids["wei"], [ids["wang"], ids["li"]], day="1900-01-04")  # "4" read as a date
    timebank.credit_visits_and_shifts(db, actor="主任")
    assert timebank.statement(db, ids["wang"], 1900).entries[0].date == "1900-01-04"
    visits.correct_visit(db, visit, {"visit_date": TODAY.isoformat(), "visitor_ids": [ids["wang"]]},
                         reason="日期写错了，李志愿没去", by=DIRECTOR)
    wang = timebank.statement(db, ids["wang"])
    assert wang.balance == 1 and wang.earned_total == 1
    assert sum(e.hours for e in wang.entries if e.date == "1900-01-04") == 0  # reversed where it was credited
    assert sum(e.hours for e in wang.entries if e.date == TODAY.isoformat()) == 1  # credited on the right day
    assert balance(db, ids["li"]) == 0
    assert timebank.uncredited(db) == 0
    # a second change of date moves it again: a credit number per source and person keeps one live credit
    visits.correct_visit(db, visit, {"visit_date": (TODAY - datetime.timedelta(days=1)).isoformat()},
                         reason="是昨天去的", by=DIRECTOR)
    assert balance(db, ids["wang"]) == 1


def test_a_correction_is_checked_like_the_form_and_needs_a_reason(club):
    db, ids = club
    visit = log(db, ids["wei"], [ids["wang"]])
    with pytest.raises(InvalidRecord) as caught:
        visits.correct_visit(db, visit, {"kind": "picnic", "visitor_ids": []}, reason=" ", by=DIRECTOR)
    assert caught.value.errors == {"reason": "请写明更正或作废的原因",
                                   "kind": "请选择走访类别（报到、住院、特殊情况、节日慰问、支持党建）",
                                   "visitor_ids": "请至少填一位走访的志愿者"}
    with pytest.raises(InvalidRecord, match="没有改动"):
        visits.correct_visit(db, visit, {"person_id": ids["wei"]}, reason="没改", by=DIRECTOR)
    with pytest.raises(InvalidRecord, match="没有编号为 999 的走访记录"):
        visits.void_visit(db, 999, reason="x", by=DIRECTOR)
    assert visits.list_visits(db)[0]["state"] == "valid"


def test_a_person_who_died_since_stays_on_the_visit_being_corrected(club):
    db, ids = club
    visit = log(db, ids["wei"], [ids["wang"]])
    people.change_status(db, ids["wei"], "deceased", TODAY, actor="主任")
    visits.correct_visit(db, visit, {"notes": "最后一次看望"}, reason="补记", by=DIRECTOR)
    with pytest.raises(InvalidRecord, match="韦芳玉已去世"):  # but nobody is moved onto a visit after death
        visits.correct_visit(db, log(db, ids["zhao"], [ids["wang"]]), {"person_id": ids["wei"]}, reason="x",
                             by=DIRECTOR)


# ---------------------------------------------------------------- who may

def test_a_duty_volunteer_may_change_only_their_own_entries_of_the_same_day(club, monkeypatch):
    db, ids = club
    mine = log(db, ids["wei"], [ids["wang"]], actor=DUTY.name)
    theirs = log(db, ids["zhao"], [ids["wang"]], actor=OTHER.name)
    with pytest.raises(InvalidRecord) as caught:
        visits.void_visit(db, theirs, reason="不是我记的", by=DUTY)
    assert caught.value.errors == {"status": "值班志愿者只能更正或作废自己当天记录的条目；这条是值班员乙记录的，"
                                             "请主任来更正或作废"}
    yesterday = TODAY - datetime.timedelta(days=1)
    monkeypatch.setattr(audit, "now", lambda: f"{yesterday.isoformat()}T16:30:00")
    old = log(db, ids["zhao"], [ids["li"]], actor=DUTY.name)
    monkeypatch.undo()
    with pytest.raises(InvalidRecord) as caught:
        visits.correct_visit(db, old, {"notes": "补记"}, reason="补记", by=DUTY)
    assert caught.value.errors == {"status": f"值班志愿者只能更正或作废当天记录的条目；这条是{yesterday.month}月"
                                             f"{yesterday.day}日记录的，请主任来更正或作废"}
    assert visits.may_change_visit(db, visits.get_visit(db, old), DUTY) is not None
    assert [row["state"] for row in visits.list_visits(db)] == ["valid"] * 3  # nothing was changed
    visits.void_visit(db, mine, reason="记错了", by=DUTY)
    visits.void_visit(db, theirs, reason="值班员乙记错了", by=DIRECTOR)
    visits.correct_visit(db, old, {"notes": "补记"}, reason="补记", by=DIRECTOR)
    assert visits.may_change_visit(db, visits.get_visit(db, mine), DUTY) == "这条走访已经作废了"


def test_a_duty_volunteer_may_reverse_only_their_own_hours_of_the_day(club):
    db, ids = club
    entry = timebank.deposit(db, ids["wang"], 2, on=TODAY, source="manual", note="义诊", actor=OTHER.name)
    with pytest.raises(InvalidRecord, match="这条是值班员乙记录的"):
        timebank.correct(db, entry, reason="记错", actor=DUTY.name, by=DUTY)
    timebank.correct(db, entry, reason="记错", actor=OTHER.name, by=OTHER)
    assert balance(db, ids["wang"]) == 0
    assert [r["state"] for r in timebank.entry_rows(db, ids["wang"])] == ["valid", "void"]  # newest first


def test_a_manual_entry_is_corrected_by_reversing_it_and_recording_the_right_hours(club):
    db, ids = club
    entry = timebank.deposit(db, ids["wang"], 20, on=TODAY, source="manual", note="义诊", actor=DUTY.name)
    timebank.amend(db, entry, 2, note="义诊", reason="多打了一个零", by=DUTY)
    assert balance(db, ids["wang"]) == 2
    visit = log(db, ids["wei"], [ids["wang"]])
    timebank.credit_visits_and_shifts(db, actor="主任")
    credited = next(r["id"] for r in timebank.entry_rows(db, ids["wang"]) if r["source"] == "visit")
    with pytest.raises(InvalidRecord, match="请更正那条走访记录"):
        timebank.amend(db, credited, 3, reason="x", by=DIRECTOR)
    assert visit


# ---------------------------------------------------------------- the month's figures and the bulletin

@pytest.fixture
def october(month_club_path):
    db = open_database(month_club_path)
    ids = {row["name"]: row["id"] for row in db.query("SELECT id, name FROM person")}
    yield db, ids
    db.close()


def october_visit(db, name, kind):
    return next(v["id"] for v in visits.list_visits(db, start="2026-10-01", end="2026-10-31")
                if v["name"] == name and v["kind"] == kind)


def test_the_bulletin_counts_without_the_void_visit_and_its_hours(october, tmp_path):
    db, ids = october
    figures = month_report.gather(db, month_club.MONTH, today=month_club.TODAY).figures()
    assert (figures["visits"], figures["visits_hospital"], figures["hours"], figures["level_ups"]) == (4, 1, 15, 1)
    visits.void_visit(db, october_visit(db, "王秀英", "hospital"), reason="住院看望其实是11月去的", by=DIRECTOR)
    report = month_report.gather(db, month_club.MONTH, today=month_club.TODAY)
    figures = report.figures()
    assert (figures["visits"], figures["visits_hospital"], figures["hours"]) == (3, 0, 14)
    assert figures["level_ups"] == 1  # 张建国 still reaches 100 hours (98 + two visits)
    visits.void_visit(db, october_visit(db, "王秀英", "festival"), reason="记重了", by=DIRECTOR)
    report = month_report.gather(db, month_club.MONTH, today=month_club.TODAY)
    figures = report.figures()
    assert (figures["visits"], figures["visits_festival"], figures["hours"], figures["level_ups"]) == (2, 0, 12, 0)
    path = tmp_path / "october.pdf"
    write_bulletin(path, report)
    text = pdf_text.squeezed(path)
    assert "本月走访2次，看望2人。" in text
    assert "本月2位志愿者共服务12小时" in text


def test_void_meetings_reports_and_activities_leave_the_month(october):
    db, ids = october
    before = month_report.gather(db, month_club.MONTH, today=month_club.TODAY).figures()
    council = next(m["id"] for m in meetings.list_meetings(db, 2026) if m["kind"] == "council")
    meetings.void_meeting(db, council, reason="开成了座谈会，不算议事会", by=DIRECTOR)
    emergency = next(r["id"] for r in visits.list_reports(db) if r["kind"] == "emergency")
    visits.void_report(db, emergency, reason="误报", by=DIRECTOR)
    service = next(a["id"] for a in activities.list_activities(db, 2026) if a["title"] == "十月义诊")
    activities.void_activity(db, service, reason="重复记录", by=DIRECTOR)
    after = month_report.gather(db, month_club.MONTH, today=month_club.TODAY).figures()
    assert after["meetings"] == before["meetings"] - 1 and after["meetings_council"] == 0
    assert after["reports_opened"] == before["reports_opened"] - 1
    assert after["reports_pending"] == before["reports_pending"] - 1
    assert (after["services"], after["people_served"]) == (0, 0)
    assert [item for item in visits.due_items(db, D(2026, 11, 5), 14) if item.report_id == emergency] == []


def test_good_news_voided_leaves_the_bulletin(october):
    db, _ = october
    first = good_news.list_items(db, month_club.MONTH)[0]
    good_news.void_item(db, first.id, reason="照片里的人不同意登", by=DIRECTOR)
    report = month_report.gather(db, month_club.MONTH, today=month_club.TODAY)
    assert [n.title for n in report.good_news] == [month_club.NEWS[1][0]]


# ---------------------------------------------------------------- must-reports

def test_a_must_report_corrected_keeps_its_progress_and_moves_its_first_step(club):
    db, ids = club
    learnt = TODAY - datetime.timedelta(days=10)
    report = visits.open_report(db, {"person_id": ids["wei"], "kind": "emergency", "summary": "水管爆裂",
                                     "learnt_on": learnt}, actor=DUTY.name)
    assert sorted(i.kind for i in visits.due_items(db, TODAY, 0) if i.report_id == report) == [
        "report_overdue", "special"]
    right = TODAY - datetime.timedelta(days=1)
    visits.correct_report(db, report, {"learnt_on": right.isoformat(), "summary": "楼上水管爆裂"}, reason="日期记错",
                          by=DUTY)
    assert [e["on_date"] for e in visits.report_history(db, report)] == [right.isoformat()]
    assert [i.kind for i in visits.due_items(db, TODAY, 0) if i.report_id == report] == []  # not yet overdue
    steps = visits.report_corrections(db, report)
    assert [c.label for c in steps[0].changes] == ["事情经过", "得知日期"]
    visits.mark_reported(db, report, reported_to="支部", reported_on=TODAY, actor="主任")
    with pytest.raises(InvalidRecord) as caught:
        visits.correct_report(db, report, {"learnt_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
                              reason="x", by=DIRECTOR, today=TODAY + datetime.timedelta(days=2))
    assert caught.value.errors == {"learnt_on": f"得知日期晚于上报日期（{TODAY.isoformat()}）"}
    visits.void_report(db, report, reason="不是必报的事", by=DIRECTOR)
    assert visits.list_reports(db)[0]["state_label"] == "已作废"
    with pytest.raises(InvalidRecord, match="已经作废了"):
        visits.close_report(db, report, closed_on=TODAY, actor="主任")


# ---------------------------------------------------------------- activities, feedback and the awards

def test_a_confirmed_activity_corrected_or_voided_moves_its_hours(club):
    db, ids = club
    activity = activities.record_activity(db, {"kind": "service", "title": "义诊", "held_on": TODAY, "hours": 2,
                                               "participants": [ids["wang"], ids["li"]]}, actor=DUTY.name)
    activities.confirm_activity(db, activity, actor="主任")
    activities.correct_activity(db, activity, {"participants": [(ids["wang"], 3), (ids["wei"], 2)]},
                                reason="李志愿没来，韦芳玉来了；王服务了 3 小时", by=DUTY)
    assert (balance(db, ids["wang"]), balance(db, ids["li"]), balance(db, ids["wei"])) == (3, 0, 2)
    assert activities.list_activities(db)[0]["state_label"] == "已更正"
    assert [c.label for c in activities.activity_history(db, activity)[1].changes] == ["参加人"]
    before = [c.person_id for c in awards.ranking(db, TODAY.year)]
    assert ids["wang"] in before
    activities.void_activity(db, activity, reason="这次义诊取消了", by=DIRECTOR)
    assert (balance(db, ids["wang"]), balance(db, ids["wei"])) == (0, 0)
    assert awards.ranking(db, TODAY.year) == []
    with pytest.raises(InvalidRecord, match="已经作废了"):
        activities.confirm_activity(db, activity, actor="主任")


def test_feedback_voided_no_longer_counts_in_the_ranking(club):
    db, ids = club
    timebank.deposit(db, ids["wang"], 5, on=TODAY, source="manual", note="服务", actor="主任")
    praise = awards.record_feedback(db, ids["wang"], "praise", "热心", actor=DUTY.name)
    complaint = awards.record_feedback(db, ids["wang"], "praise", "态度差", actor=DUTY.name)
    assert awards.ranking(db, TODAY.year)[0].praise == 2
    awards.correct_feedback(db, complaint, {"kind": "complaint"}, reason="是意见不是表扬", by=DUTY)
    wang = awards.ranking(db, TODAY.year)[0]
    assert (wang.praise, wang.complaints) == (1, 1)
    awards.void_feedback(db, praise, reason="记错了人", by=DUTY)
    wang = awards.ranking(db, TODAY.year)[0]
    assert (wang.praise, wang.complaints) == (0, 1)
    assert [(f["kind_label"], f["state_label"]) for f in awards.feedback_of(db, ids["wang"])] == [
        ("意见", "已更正"), ("表扬", "已作废")]
    assert awards.feedback_history(db, complaint)[1].changes == (corrections.Change("类别", "表扬", "意见"),)


# ---------------------------------------------------------------- the rota: attendance and swaps

@pytest.fixture
def shift(club):
    db, ids = club
    rota.ensure_defaults(db, actor="主任")
    day = TODAY - datetime.timedelta(days=1)
    assignment = rota.assign(db, day, "desk_am", ids["wang"], actor="主任")
    return db, ids, day, assignment


def test_attendance_corrected_and_voided_moves_the_shift_hours(shift):
    db, ids, day, assignment = shift
    rota.confirm(db, assignment, True, actor=DUTY.name)
    timebank.credit_visits_and_shifts(db, actor="主任")
    assert balance(db, ids["wang"]) == 3
    with pytest.raises(InvalidRecord, match="要改，请用“更正出勤…”"):
        rota.confirm(db, assignment, False, actor=DUTY.name)
    rota.correct_attendance(db, assignment, False, reason="他那天请假了", by=DUTY)
    assert balance(db, ids["wang"]) == 0
    states = rota.assignment_states(db, day.strftime("%Y-%m"))[assignment]
    assert (states["confirmed"], states["corrected"]) == ("absent", True)
    rota.correct_attendance(db, assignment, True, reason="请假的是下午", by=DUTY)
    assert balance(db, ids["wang"]) == 3  # credited again at once
    assert timebank.uncredited(db) == 0
    rota.void_attendance(db, assignment, reason="还没问清楚", by=DUTY)
    assert balance(db, ids["wang"]) == 0
    assert rota.assignment_states(db, day.strftime("%Y-%m"))[assignment]["confirmed"] is None
    assert [(s.action, [(c.before, c.after) for c in s.changes]) for s in rota.attendance_history(db, assignment)] == [
        ("correct", [("出勤", "缺勤")]), ("correct", [("缺勤", "出勤")]), ("void", [("出勤", "未确认")])]
    with pytest.raises(InvalidRecord, match="还没有确认出勤"):
        rota.void_attendance(db, assignment, reason="x", by=DIRECTOR)


def test_attendance_confirmed_by_another_volunteer_is_theirs_to_correct(shift):
    db, ids, _, assignment = shift
    rota.confirm(db, assignment, True, actor=OTHER.name)
    assert rota.attendance_refusal(db, assignment, DUTY).startswith("值班志愿者只能更正或作废自己当天记录的条目")
    with pytest.raises(InvalidRecord, match="这条是值班员乙记录的"):
        rota.correct_attendance(db, assignment, False, reason="x", by=DUTY)
    assert rota.attendance_refusal(db, assignment, OTHER) is None


def test_a_swap_voided_gives_the_place_back_and_a_swap_corrected_changes_who_took_it(shift):
    db, ids, day, assignment = shift
    third = add(db, name="孙志愿", is_volunteer=True, on_rota=True)
    rota.swap(db, assignment, ids["li"], reason="王志愿住院", actor=DUTY.name)
    month = day.strftime("%Y-%m")
    swap = rota.swaps(db, f"{month}-01", f"{month}-31")[0]

    def on_place():
        return [p[1] for s in rota.month_rota(db, month) if s.day == day and s.slot_key == "desk_am" for p in s.people]

    assert on_place() == ["李志愿"]
    rota.correct_swap(db, swap["id"], third, reason="顶班的是孙志愿", by=DUTY)
    assert on_place() == ["孙志愿"]
    assert rota.swaps(db, f"{month}-01", f"{month}-31")[0]["state"] == "corrected"
    rota.void_swap(db, swap["id"], reason="王志愿出院了，自己来了", by=DUTY)
    assert on_place() == ["王志愿"]
    steps = rota.swap_history(db, swap["id"])
    assert [(s.action, s.actor) for s in steps] == [("record", DUTY.name), ("correct", DUTY.name),
                                                    ("void", DUTY.name)]
    assert steps[1].changes == (corrections.Change("顶班的人", "李志愿", "孙志愿"),)
    with pytest.raises(InvalidRecord, match="这条换班记录已经作废了"):
        rota.void_swap(db, swap["id"], reason="x", by=DIRECTOR)


def test_a_swap_whose_shift_was_attended_is_not_undone(shift):
    db, ids, day, assignment = shift
    new = rota.swap(db, assignment, ids["li"], reason="换班", actor="主任")
    rota.confirm(db, new, True, actor="主任")
    swap = rota.swaps(db, day.isoformat(), day.isoformat())[0]
    with pytest.raises(InvalidRecord, match="请先作废出勤"):
        rota.void_swap(db, swap["id"], reason="x", by=DIRECTOR)


# ---------------------------------------------------------------- the command line

def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_lists_voids_and_corrects_visits(club, db_path, capsys):
    db, ids = club
    person, visitor = str(ids["wei"]), str(ids["wang"])
    code, out, _ = run(capsys, "log-visit", "--db", str(db_path), "--person", person, "--kind", "registration",
                       "--by", visitor, "--note", "送米", "--json")
    assert code == 0
    visit_id = json.loads(out)["visit_id"]
    code, out, _ = run(capsys, "visits", "--db", str(db_path), "--json")
    assert json.loads(out) == [{"visit_id": visit_id, "person_id": ids["wei"], "date": TODAY.isoformat(),
                                "kind": "registration", "by": [ids["wang"]], "note": "送米", "state": "valid"}]
    code, out, _ = run(capsys, "visits", "--db", str(db_path), "--correct", str(visit_id), "--person",
                       str(ids["zhao"]), "--kind", "special", "--reason", "记错了人")
    assert code == 0 and "已更正走访" in out
    code, out, _ = run(capsys, "visits", "--db", str(db_path), "--person", str(ids["zhao"]), "--json")
    assert [(v["person_id"], v["kind"], v["state"]) for v in json.loads(out)] == [(ids["zhao"], "special", "corrected")]
    code, out, _ = run(capsys, "visits", "--db", str(db_path), "--void", str(visit_id), "--reason", "记重了")
    assert code == 0 and f"已作废走访，编号 {visit_id}" in out
    code, out, _ = run(capsys, "visits", "--db", str(db_path), "--json")
    assert json.loads(out)[0]["state"] == "void"
    code, out, err = run(capsys, "visits", "--db", str(db_path))
    assert code == 0 and out.rstrip().endswith("已作废") and "共 1 条" in err
    assert due_names(db) == ["赵新", "韦芳玉"]


@pytest.mark.parametrize("args, why", [
    (["--void", "1"], "请用 --reason 写明更正或作废的原因"),
    (["--void", "1", "--reason", " "], "请写明更正或作废的原因"),
    (["--void", "99", "--reason", "x"], "没有编号为 99 的走访记录"),
    (["--correct", "1", "--reason", "x"], "请给出要更正的项"),
    (["--correct", "1", "--date", "2999-01-01", "--reason", "x"], "日期晚于今天"),
    (["--reason", "x"], "--reason 只在 --correct 或 --void 时使用"),
    (["--void", "1", "--kind", "special", "--reason", "x"], "作废时只需 --reason"),
    (["--person", "张"], "人员编号应是数字"),
])
def test_the_command_line_refuses_in_one_chinese_line(club, db_path, capsys, args, why):
    db, ids = club
    log(db, ids["wei"], [ids["wang"]])
    code, out, err = run(capsys, "visits", "--db", str(db_path), *args)
    assert code == 1 and out == ""
    assert err.startswith("错误：") and why in err and len(err.splitlines()) == 1
    assert visits.list_visits(db)[0]["state"] == "valid"
