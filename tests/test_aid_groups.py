"""Mutual-aid groups as the director keeps them: forming, changing, ending, coverage and proposals."""

from __future__ import annotations

import datetime
import json

import pytest

from app import aid_groups, aid_solver, people
from clubfile import cli_main as main
from app.db.settings import set_setting
from app.errors import InvalidRecord

D = datetime.date
ON = D(2026, 11, 22)


def add(db, **values) -> int:
    return people.add_person(db, values, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    p = {
        "wang": add(db, name="王志愿", sex="男", birth_date="1962-01-01", is_volunteer=True, building="3", aid_capacity=1),
        "li": add(db, name="李志愿", sex="女", birth_date="1960-01-01", is_volunteer=True, building="3"),
        "zhao": add(db, name="赵志愿", sex="男", birth_date="1958-01-01", is_volunteer=True, building="5",
                    situations=["独居"]),
        "poor": add(db, name="张特困", sex="男", birth_date="1950-01-01", building="3", situations=["特困"]),
        "sick": add(db, name="孙重病", sex="女", birth_date="1948-01-01", building="4", situations=["重病"]),
        "alone79": add(db, name="周独居", sex="女", birth_date="1947-12-01", building="3", situations=["独居"]),
        "alone85": add(db, name="吴独居", sex="男", birth_date="1941-01-01", building="9", situations=["独居"]),
    }
    return db, p


def make(db, person, helpers, **kw):
    return aid_groups.create_group(db, person, helpers, actor="主任", started_on=kw.pop("on", "2026-01-10"),
                                   today=ON, **kw)


def test_must_cover_follows_the_setting(club):
    db, p = club
    cov = aid_groups.coverage(db, ON)
    # 独居 counts from 80: 周独居 is 78, 吴独居 85; 赵志愿 (独居, 68) is not on the list.
    assert (cov.must_cover, cov.covered) == (3, 0)
    assert [(g.name, g.reason) for g in cov.uncovered] == [
        ("孙重病", "重病，没有互助组"), ("吴独居", "独居 · 85 岁，没有互助组"), ("张特困", "特困，没有互助组")]
    set_setting(db, "aid_must_cover", [{"situation": "独居", "min_age": 75}], actor="主任")
    assert [g.name for g in aid_groups.coverage(db, ON).uncovered] == ["吴独居", "周独居"]


def test_capacity_and_hardship_are_enforced_with_clear_messages(club):
    db, p = club
    make(db, p["poor"], [p["wang"]])
    with pytest.raises(InvalidRecord) as caught:
        make(db, p["sick"], [p["wang"]])
    assert caught.value.errors == {"helper_ids": "王志愿已帮扶 1 人，达到上限 1 人"}
    with pytest.raises(InvalidRecord) as caught:
        make(db, p["sick"], [p["zhao"]])
    assert caught.value.errors == {"helper_ids": "赵志愿本身有困难情况（独居），确需安排请由主任特批"}
    make(db, p["sick"], [p["zhao"]], override=True)
    with pytest.raises(InvalidRecord) as caught:
        make(db, p["poor"], [p["poor"]])
    assert "已有互助组" in caught.value.errors["person_id"]
    assert caught.value.errors["helper_ids"] == "被帮扶的人不能做自己的帮扶人"


def test_modes_and_helpers_joining_and_leaving_with_history(club):
    db, p = club
    with pytest.raises(InvalidRecord) as caught:
        make(db, p["sick"], [p["li"]], mode="many_help_one")
    assert caught.value.errors == {"helper_ids": "多帮一互助组至少要两位帮扶人"}
    group = make(db, p["sick"], [p["li"]])
    aid_groups.add_helper(db, group, p["wang"], actor="主任", on="2026-03-01", today=ON)
    row = aid_groups.list_groups(db)[0]
    assert (row["mode_label"], row["helpers"]) == ("多帮一", ["李志愿", "王志愿"])
    aid_groups.remove_helper(db, group, p["li"], reason="搬去女儿家", actor="主任", on="2026-06-01", today=ON)
    assert aid_groups.list_groups(db)[0]["helpers"] == ["王志愿"]
    with pytest.raises(InvalidRecord) as caught:
        aid_groups.remove_helper(db, group, p["wang"], reason="x", actor="主任", today=ON)
    assert "最后一位帮扶人" in caught.value.errors["helper_ids"]
    assert aid_groups.history(db, p["sick"]) == [
        "2026-03-01 至 今：王志愿（组长）帮扶孙重病（多帮一）",
        "2026-01-10 至 2026-06-01：李志愿帮扶孙重病（多帮一），搬去女儿家",
    ]
    aid_groups.end_group(db, group, reason="已康复", actor="主任", on="2026-10-01", today=ON)
    assert aid_groups.list_groups(db) == []
    assert aid_groups.history(db, p["li"]) == ["2026-01-10 至 2026-06-01：帮扶孙重病（多帮一），搬去女儿家"]


def test_a_group_whose_helpers_left_no_longer_covers(club):
    db, p = club
    make(db, p["poor"], [p["wang"]])
    assert "张特困" not in [g.name for g in aid_groups.coverage(db, ON).uncovered]
    people.change_status(db, p["wang"], "moved_away", D(2026, 11, 1), actor="主任")
    gap = next(g for g in aid_groups.coverage(db, ON).uncovered if g.name == "张特困")
    assert gap.reason == "特困，互助组的帮扶人都不能帮扶了（王志愿已迁出）"


def test_suggestions_cover_and_apply_as_groups(club, db_path, capsys):
    db, p = club
    assert main(["aid-suggest", "--db", str(db_path), "--json"]) == 0
    proposals = json.loads(capsys.readouterr().out)
    # 3号楼's 张特困 gets a same-building helper; 4号楼's 孙重病 a neighbour; 9号楼's 吴独居 no one near.
    assert {(x["person_id"], x["mode"]) for x in proposals} == {(p["poor"], "one_on_one"), (p["sick"], "one_on_one")}
    assert all(set(x) == {"person_id", "helper_ids", "mode", "why"} for x in proposals)
    assert main(["aid-suggest", "--db", str(db_path), "--json", "--apply"]) == 0
    capsys.readouterr()
    assert main(["aid-coverage", "--db", str(db_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["must_cover"], result["covered"]) == (3, 2)
    assert result["uncovered"] == [{"person_id": p["alone85"], "name": "吴独居", "reason": "独居 · 85 岁，没有互助组"}]


def test_the_roster_filters_to_the_uncovered(club, db_path, capsys):
    db, p = club
    make(db, p["poor"], [p["wang"]])
    assert [r["name"] for r in people.search_people(db, people.RosterFilter(uncovered=True))] == ["孙重病", "吴独居"]
    assert main(["people", "--db", str(db_path), "--uncovered", "--json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["孙重病", "吴独居"]


def test_helper_settings_on_the_person(club):
    db, p = club
    people.edit_person(db, p["li"], {**people.get_person(db, p["li"]), "aid_capacity": 0, "same_sex_only": True},
                       actor="主任")
    person = people.get_person(db, p["li"])
    assert (person["aid_capacity"], person["same_sex_only"]) == (0, 1)
    with pytest.raises(InvalidRecord) as caught:
        people.edit_person(db, p["li"], {**person, "aid_capacity": 99}, actor="主任")
    assert caught.value.errors == {"aid_capacity": "帮扶上限应为 0 到 20 人"}


def test_accepting_proposals_forms_groups_and_fills_a_group_that_lost_its_helpers(club):
    db, p = club
    group = make(db, p["sick"], [p["wang"]])
    people.change_status(db, p["wang"], "moved_away", D(2026, 11, 1), actor="主任")
    proposals = [aid_solver.Proposal(p["poor"], (p["li"],), "one_on_one", ("",)),
                 aid_solver.Proposal(p["sick"], (p["li"], p["zhao"]), "many_help_one", ("", ""))]
    made = aid_groups.apply_proposals(db, proposals, actor="主任", on=ON)
    assert made[1] == group
    shown = {g["name"]: (g["mode_label"], g["helpers"], g["started_on"]) for g in aid_groups.list_groups(db)}
    assert shown == {"张特困": ("一对一", ["李志愿"], "2026-11-22"),
                     # the helper who moved away is still a member until the director takes him out
                     "孙重病": ("多帮一", ["王志愿", "李志愿", "赵志愿"], "2026-01-10")}
    assert aid_groups.coverage(db, ON).covered == 2
    logged = db.execute("SELECT table_name, count(*) FROM audit_log WHERE actor = '主任' AND action = 'insert' "
                        "AND table_name LIKE 'aid_%' GROUP BY table_name").fetchall()
    assert sorted(logged) == [("aid_group", 2), ("aid_helper", 4)]


def test_proposals_that_no_longer_hold_are_refused_and_nothing_is_formed(club):
    db, p = club
    # 王志愿 helps one at most: the second proposal counts the first one's place.
    proposals = [aid_solver.Proposal(p["poor"], (p["wang"],), "one_on_one", ("",)),
                 aid_solver.Proposal(p["sick"], (p["wang"],), "one_on_one", ("",))]
    with pytest.raises(InvalidRecord) as caught:
        aid_groups.apply_proposals(db, proposals, actor="主任", on=ON)
    assert caught.value.errors == {"helper_ids": "王志愿已帮扶 1 人，达到上限 1 人"}
    assert aid_groups.list_groups(db) == []
    make(db, p["poor"], [p["li"]])
    with pytest.raises(InvalidRecord) as caught:   # proposed before 李志愿 was added by hand
        aid_groups.apply_proposals(db, [aid_solver.Proposal(p["poor"], (p["li"],), "one_on_one", ("",))],
                                   actor="主任", on=ON)
    assert caught.value.errors == {"helper_ids": "此人已在这个互助组里"}
    assert [g["helpers"] for g in aid_groups.list_groups(db)] == [["李志愿"]]
