"""Duty rotas as the director plans them: slots by weekday and holidays, availability, repair, swaps, attendance."""

from __future__ import annotations

import datetime
import json

import pytest

from app import people, rota
from clubfile import cli_main as main
from app.db.settings import set_setting
from app.errors import InvalidRecord

D = datetime.date


def add(db, name, **values) -> int:
    return people.add_person(db, {"name": name, "is_volunteer": True, "on_rota": True, **values}, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    rota.ensure_defaults(db, actor="主任", today=D(2026, 11, 22))
    crew = {name: add(db, name) for name in ("甲", "乙", "丙", "丁", "戊", "己")}
    crew["理发师"] = add(db, "理发师", skills=["理发"])
    crew["剃头匠"] = add(db, "剃头匠", skills=["理发"], rota_weekdays_off=[5])
    return db, crew


def test_official_holidays_come_from_the_package_and_the_desk_closes_on_them(club):
    db, _ = club
    places = rota.month_slots(db, "2026-10")
    days = {p.slot.day for p in places if p.slot.key.endswith("desk_am")}
    assert D(2026, 10, 1) not in days and D(2026, 10, 7) not in days
    assert D(2026, 10, 10) in days  # 国庆调休上班 (a Saturday)
    set_setting(db, "desk_open_on_holidays", True, actor="主任")
    assert D(2026, 10, 1) in {p.slot.day for p in rota.month_slots(db, "2026-10") if p.slot.key.endswith("desk_am")}
    # Projects never run on a day off, whatever the setting.
    assert not [p for p in rota.month_slots(db, "2026-10") if p.slot.day == D(2026, 10, 2) and "haircut" in p.slot.key]


def test_a_missing_year_is_warned_about(club):
    db, _ = club
    assert rota.holiday_warning(db, D(2026, 11, 22)) is None or "2027" in rota.holiday_warning(db, D(2026, 11, 22))
    assert "2029" in rota.holiday_warning(db, D(2029, 3, 1))


def test_generate_respects_skill_and_availability_and_explains_gaps(club):
    db, crew = club
    plan = rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    shifts = rota.month_rota(db, "2026-12")
    haircut = [s for s in shifts if s.slot_key == "haircut"]
    assert haircut and all({p[0] for p in s.people} <= {crew["理发师"], crew["剃头匠"]} for s in haircut)
    # 剃头匠 never works Fridays, and haircuts are on Fridays: one of the two places stays empty, explained.
    assert all(s.unfilled_reason and "理发" in s.unfilled_reason for s in haircut)
    clinic = [s for s in shifts if s.slot_key == "clinic"]
    assert clinic[0].people == () and "医护" in clinic[0].unfilled_reason
    desk = [s for s in shifts if s.slot_key in ("desk_am", "desk_pm")]
    assert all(len(s.people) == 2 for s in desk)
    counts = [n for pid, n in plan.counts.items() if pid in {crew[c] for c in "甲乙丙丁戊己"}]
    assert max(counts) - min(counts) <= 1


def test_rerun_after_someone_drops_out_moves_only_their_shifts(club):
    db, crew = club
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    before = {(s.day, s.slot_key, p[0]) for s in rota.month_rota(db, "2026-12") for p in s.people}
    rota.add_absence(db, crew["甲"], "2026-12-15", "2026-12-31", "住院", actor="主任")
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    after = {(s.day, s.slot_key, p[0]) for s in rota.month_rota(db, "2026-12") for p in s.people}
    gone = before - after
    assert gone and all(pid == crew["甲"] and day >= D(2026, 12, 15) for day, _, pid in gone)
    assert len(after - before) == len(gone)


def test_hand_fixed_and_past_places_never_move(club):
    db, crew = club
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    first = next(s for s in rota.month_rota(db, "2026-12") if s.day == D(2026, 12, 1) and s.slot_key == "desk_am")
    busy = {p[0] for p in first.people}
    free = next(pid for name, pid in crew.items() if pid not in busy and name in "甲乙丙丁戊己")
    with pytest.raises(InvalidRecord):
        rota.assign(db, "2026-12-01", "haircut", free, actor="主任")  # no haircut on a Tuesday
    rota.add_absence(db, busy.pop(), "2026-12-01", "2026-12-01", "临时有事", actor="主任")
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 12, 2))  # 12-01 is in the past now
    again = next(s for s in rota.month_rota(db, "2026-12") if s.day == D(2026, 12, 1) and s.slot_key == "desk_am")
    assert {p[0] for p in again.people} == {p[0] for p in first.people}


def test_swap_is_recorded_and_attendance_confirmed(club):
    db, crew = club
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    shift = next(s for s in rota.month_rota(db, "2026-12") if s.day == D(2026, 12, 3) and s.slot_key == "desk_pm")
    taken = {p[0] for p in shift.people} | {p[0] for s in rota.today_duty(db, D(2026, 12, 3)) if s.part == "afternoon"
                                           for p in s.people}
    other = next(pid for name, pid in crew.items() if pid not in taken and name in "甲乙丙丁戊己")
    with pytest.raises(InvalidRecord) as caught:
        rota.swap(db, shift.people[0][2], other, reason=" ", actor="主任")
    assert caught.value.errors == {"reason": "请写明换班的原因"}
    new_id = rota.swap(db, shift.people[0][2], other, reason="家里有事", actor="值班员")
    swaps = rota.swaps(db, "2026-12-01", "2026-12-31")
    assert [(s["from_person"], s["to_person"], s["reason"], s["actor"]) for s in swaps] == [
        (shift.people[0][0], other, "家里有事", "值班员")]
    with pytest.raises(InvalidRecord):
        rota.confirm(db, new_id, True, actor="主任", today=D(2026, 12, 2))
    rota.confirm(db, new_id, True, actor="主任", today=D(2026, 12, 3))


def test_rota_json_shape(club, db_path, capsys):
    db, crew = club
    assert main(["rota", "--db", str(db_path), "--month", "2026-12", "--generate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["month"] == "2026-12" and set(out) == {"month", "shifts", "counts"}
    first = out["shifts"][0]
    assert set(first) == {"date", "slot", "need", "volunteer_ids", "unfilled_reason"}
    assert sum(out["counts"].values()) == sum(len(s["volunteer_ids"]) for s in out["shifts"])
    assert set(out["counts"]) == {str(pid) for pid in crew.values()}


def test_rota_pdf_and_xlsx_from_the_command_line(club, db_path, tmp_path):
    db, _ = club
    pdf, xlsx = tmp_path / "rota.pdf", tmp_path / "rota.xlsx"
    assert main(["rota", "--db", str(db_path), "--month", "2026-12", "--generate", "--pdf", str(pdf),
                 "--xlsx", str(xlsx)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-" and xlsx.stat().st_size > 0


def test_demo_club_has_a_rota_for_this_month(demo_db):
    month = datetime.date.today().strftime("%Y-%m")
    shifts = rota.month_rota(demo_db, month)
    assert shifts and sum(len(s.people) for s in shifts) > len(shifts)
    assert rota.today_duty(demo_db) is not None


def test_no_person_chosen_is_a_reason_not_a_crash(club):
    db, _ = club
    rota.generate(db, "2026-12", actor="主任", today=D(2026, 11, 22))
    shift = next(s for s in rota.month_rota(db, "2026-12") if s.people)
    for call in (lambda: rota.swap(db, shift.people[0][2], None, reason="有事", actor="x"),
                 lambda: rota.assign(db, "2026-12-01", "desk_am", None, actor="x"),
                 lambda: rota.add_absence(db, None, "2026-12-01", "2026-12-02", "x", actor="x")):
        with pytest.raises(InvalidRecord) as caught:
            call()
        assert caught.value.errors == {"person_id": "请选择一位志愿者"}


def test_shift_templates_are_added_changed_and_switched_off(club):
    db, crew = club
    with pytest.raises(InvalidRecord) as caught:
        rota.save_slot(db, {"name": "", "part": "noon", "need": 0, "start_time": "9点"}, actor="主任")
    assert set(caught.value.errors) == {"name", "part", "need", "start_time", "weekdays"}
    slot_id = rota.save_slot(db, {"name": "剪纸课", "kind": "project", "part": "afternoon", "start_time": "14:30",
                                  "end_time": "16:00", "need": 1, "weekdays": [3], "place": "活动室"}, actor="主任")
    wednesdays = [p for p in rota.month_slots(db, "2026-12") if p.slot_id == slot_id]
    assert [p.slot.day.isoweekday() for p in wednesdays] == [3] * 5
    rota.save_slot(db, {"name": "剪纸课", "kind": "project", "part": "afternoon", "need": 1, "monthly_day": 10,
                        "active": False}, actor="主任", slot_id=slot_id)
    assert not [p for p in rota.month_slots(db, "2026-12") if p.slot_id == slot_id]
