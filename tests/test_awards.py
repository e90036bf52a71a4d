"""Certificates of service hours and their register; the yearly awards from hours, activities and feedback."""

from __future__ import annotations

import datetime
import json

import pytest

from app import activities, awards, certificates, people, timebank
from app.db import audit
from app.errors import InvalidRecord, NotFound
from app.reports.certificate import save_award_certificates, save_service_certificates

D = datetime.date
TODAY = D(2026, 11, 22)


def add(db, **values) -> int:
    values.setdefault("name", "某人")
    return people.add_person(db, {"is_volunteer": True, **values}, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    ids = {"wang": add(db, name="王秀英", sex="女", id_number="370502195003121227"),
           "li": add(db, name="李强明"), "zhao": add(db, name="赵大成"), "idle": add(db, name="钱闲")}
    dep = lambda who, hours, on, source="manual": timebank.deposit(  # noqa: E731
        db, ids[who], hours, on=on, source=source, note="服务", actor="主任")
    dep("wang", 40, "2026-03-01")
    dep("wang", 2, "2025-12-30")
    dep("li", 600, "2024-06-01")   # long service: reached 钻石 (1000 hours) before this year
    dep("li", 500, "2025-06-01")
    dep("li", 20, "2026-05-01")
    dep("zhao", 60, "2026-04-01")
    mistake = dep("zhao", 5, "2026-04-02")
    timebank.correct(db, mistake, reason="重复录入", actor="主任", on="2026-04-03")
    activity = activities.record_activity(db, {"kind": "service", "project": "义诊", "held_on": "2026-06-01",
                                               "hours": 3, "participants": [ids["wang"]]}, actor="主任", today=TODAY)
    activities.confirm_activity(db, activity, actor="主任", today=TODAY)
    return db, ids


def test_a_certificate_states_the_hours_and_service_of_the_period_and_is_numbered(club):
    db, ids = club
    cert = certificates.issue(db, ids["wang"], "2026-01-01", "2026-11-22", purpose="评优", actor="主任", today=TODAY)
    assert cert["number"] == "2026-0001" and cert["hours"] == 43.0
    assert cert["content"] == "参加服务活动 1 次（义诊）；其他志愿服务 1 次"
    second = certificates.issue(db, ids["zhao"], "2026-01-01", "2026-11-22", actor="主任", today=TODAY)
    assert second["number"] == "2026-0002" and second["hours"] == 60.0  # the reversed deposit is not counted
    assert [c["number"] for c in certificates.register(db, 2026)] == ["2026-0002", "2026-0001"]
    assert certificates.get(db, "2026-0001")["name"] == "王秀英"
    assert audit.history(db, "certificate", cert["id"])[0]["actor"] == "主任"
    text = "".join(certificates.wording(cert, people.get_person(db, ids["wang"]), "胜利党员服务社"))
    assert "37**************27" in text and "370502195003121227" not in text
    assert "43 小时（按实际服务时间记录，不含往返路程）" in text and "2026年1月1日 至 2026年11月22日" in text


def test_certificates_are_refused_without_hours_or_with_a_wrong_period(club):
    db, ids = club
    with pytest.raises(InvalidRecord) as caught:
        certificates.issue(db, ids["idle"], "2026-01-01", "2026-11-22", actor="主任", today=TODAY)
    assert caught.value.errors == {"period_start": "钱闲在这段时间没有记入服务时长，不能开具证明"}
    with pytest.raises(InvalidRecord) as caught:
        certificates.issue(db, ids["wang"], "2026-05-01", "2026-01-01", actor="主任", today=TODAY)
    assert caught.value.errors == {"period_end": "结束日期早于开始日期"}
    with pytest.raises(InvalidRecord) as caught:
        certificates.issue(db, ids["wang"], "2026-05-01", "2026-12-31", actor="主任", today=TODAY)
    assert "晚于今天" in caught.value.errors["period_end"]
    with pytest.raises(NotFound):
        certificates.get(db, "2026-0099")
    assert certificates.register(db) == []


def test_ranking_proposes_long_service_as_meritorious_and_the_years_best_as_most_beautiful(club):
    db, ids = club
    awards.record_feedback(db, ids["zhao"], "complaint", "值班迟到", given_by="居民", on="2026-05-01",
                           actor="主任", today=TODAY)
    awards.record_feedback(db, ids["wang"], "praise", "义诊耐心细致", given_by="张大妈", on="2026-06-02",
                           actor="主任", today=TODAY)
    ranked = {c.name: c for c in awards.ranking(db, 2026, today=TODAY)}
    assert set(ranked) == {"王秀英", "李强明", "赵大成"}  # 钱闲 gave no service this year
    wang = ranked["王秀英"]
    assert (wang.hours, wang.activities, wang.praise, wang.score) == (43.0, 1, 1, 43 + 5 + 10)
    assert ranked["赵大成"].score == 60 - 20 and ranked["赵大成"].proposed is None  # a complaint holds it back
    assert ranked["李强明"].proposed == "meritorious" and wang.proposed == "most_beautiful"
    last_year = {c.name: c for c in awards.ranking(db, 2025, today=TODAY)}  # totals as they stood at its end
    assert (last_year["李强明"].hours, last_year["李强明"].earned_total) == (500.0, 1100.0)
    assert (last_year["王秀英"].hours, last_year["王秀英"].earned_total) == (2.0, 2.0)
    assert set(last_year) == {"王秀英", "李强明"}


def test_the_directors_choice_is_recorded_with_its_figures_once_and_can_be_withdrawn(club):
    db, ids = club
    made = awards.confirm(db, 2026, [(ids["wang"], "most_beautiful"), (ids["li"], "meritorious")], actor="主任",
                          today=TODAY)
    assert len(made) == 2
    listed = awards.awards(db, 2026)
    assert [(a["name"], a["kind_label"]) for a in listed] == [("李强明", "功勋志愿者"), ("王秀英", "最美志愿者")]
    assert listed[1]["citation"] == "2026年志愿服务 43 小时，参加服务活动 1 次"
    assert listed[0]["citation"] == "2026年志愿服务 20 小时，累计服务 1120 小时"
    with pytest.raises(InvalidRecord) as caught:
        awards.confirm(db, 2026, [(ids["wang"], "most_beautiful")], actor="主任", today=TODAY)
    assert caught.value.errors == {"person_id": "王秀英已经是2026年最美志愿者了"}
    with pytest.raises(InvalidRecord) as caught:
        awards.confirm(db, 2026, [(ids["idle"], "most_beautiful")], actor="主任", today=TODAY)
    assert "没有服务时长" in caught.value.errors["person_id"]
    with pytest.raises(InvalidRecord):
        awards.confirm(db, 2027, [], actor="主任", today=TODAY)
    awards.withdraw(db, made[0], reason="本人谦让", actor="主任")
    assert [a["name"] for a in awards.awards(db, 2026)] == ["李强明"]
    with pytest.raises(InvalidRecord) as caught:
        awards.withdraw(db, made[0], reason="再撤", actor="主任")
    assert caught.value.errors == {"award_id": "这项评选已经撤销过了"}
    awards.confirm(db, 2026, [(ids["wang"], "most_beautiful")], actor="主任", today=TODAY)  # chosen again


def test_feedback_needs_a_kind_and_a_note(club):
    db, ids = club
    with pytest.raises(InvalidRecord) as caught:
        awards.record_feedback(db, ids["wang"], "gossip", " ", actor="主任", on="2027-01-01", today=TODAY)
    assert caught.value.errors == {"kind": "请选择表扬或意见", "note": "请写明评价的内容", "on_date": "日期晚于今天"}
    awards.record_feedback(db, ids["wang"], "praise", "帮忙修水管", actor="主任", today=TODAY)
    assert [(f["kind_label"], f["note"]) for f in awards.feedback_of(db, ids["wang"])] == [("表扬", "帮忙修水管")]


def test_certificates_print_from_the_register_and_the_awards(club, tmp_path):
    db, ids = club
    cert = certificates.issue(db, ids["wang"], "2026-01-01", "2026-11-22", actor="主任", today=TODAY)
    assert save_service_certificates(db, [cert["number"]], tmp_path / "c.pdf") == 1
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(InvalidRecord) as caught:
        save_award_certificates(db, 2026, tmp_path / "a.pdf")
    assert caught.value.errors == {"year": "2026年还没有确认的评选结果"}
    awards.confirm(db, 2026, [(ids["wang"], "most_beautiful")], actor="主任", today=TODAY)
    assert save_award_certificates(db, 2026, tmp_path / "a.pdf", on=TODAY) == 1


def test_the_command_line_issues_reprints_and_lists_certificates_and_confirms_awards(club, db_path, tmp_path, capsys):
    from clubfile import cli_main as main

    db, ids = club
    out = tmp_path / "证明.pdf"
    assert main(["certificate", "--db", str(db_path), "--person", str(ids["wang"]), "--from", "2026-01-01",
                 "--to", "2026-11-01", "--purpose", "评优", "--out", str(out)]) == 0
    assert f"已开具证明 {TODAY.year}-0001：43 小时" in capsys.readouterr().out and out.exists()
    assert main(["certificate", "--db", str(db_path), "--reprint", f"{TODAY.year}-0001",
                 "--out", str(tmp_path / "again.pdf")]) == 0
    assert main(["certificate", "--db", str(db_path), "--list", "--json"]) == 0
    capsys.readouterr()
    assert main(["certificate", "--db", str(db_path), "--list", "--json"]) == 0
    register = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["name"], r["purpose"]) for r in register] == [(f"{TODAY.year}-0001", "王秀英", "评优")]
    assert main(["certificate", "--db", str(db_path), "--person", str(ids["idle"]), "--out", str(out)]) == 1
    assert "钱闲在这段时间没有记入服务时长" in capsys.readouterr().err
    assert main(["awards", "--db", str(db_path), "--year", "2026", "--confirm-proposed", "--json",
                 "--pdf", str(tmp_path / "荣誉.pdf")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {(a["name"], a["kind"]) for a in result["awards"]} == {("王秀英", "most_beautiful"),
                                                                   ("赵大成", "most_beautiful"),
                                                                   ("李强明", "meritorious")}
    assert (tmp_path / "荣誉.pdf").exists()
