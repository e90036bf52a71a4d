"""The roster search as a volunteer uses it: names, pinyin initials, ID and phone tails, buildings, filters."""

from __future__ import annotations

import pytest

from app.db.connection import open_database
from app.db.people import count_people, insert_many, insert_person, set_status, update_person
from app.people import search_people
from app.errors import InvalidRecord
from app.people import RosterFilter, clean_person

ACTOR = "测试"

# name, ID number, extra fields. IDs end in distinct 4-character tails; phones are chosen so that
# "12" is in two of them (张伟, 王秀英) and the birth date 19450312 of 张三丰 is inside 王秀英's phone.
ROSTER = [
    ("张三丰", "370502194503121018", dict(building="12号楼", unit="3单元", room="201室", phone="13805461111",
                                         is_member=True, party_joined="1965-07-01")),
    ("单雄信", "370502194005191013", dict(building="5", phone="13905462222", is_member=True,
                                         party_joined="1960-05-01", is_volunteer=True, tags=["注册志愿者", "讲师"])),
    ("曾国藩", "370502195208071016", dict(building="12", unit="1", phone="0546-8223344", is_volunteer=True,
                                         tags=["注册志愿者"])),
    ("解缙", "370502194810121034", dict(building="8")),
    ("仇英", "370502195511301056", dict(building="9")),
    ("覃明", None, dict(sex="男", birth_date="1951-01-01", building="10", phone="13705463333")),
    ("区小红", "37050219430909102X", dict(building="3", phone="15805464444", situations=["独居"])),
    ("查良镛", "370502192403221071", dict(building="6")),
    ("张丽", "370502194701011020", dict(building="12", unit="2", phone="13605465555", situations=["空巢", "残疾"])),
    ("张伟", "370502194604151072", dict(building="7", phone="13112345678")),
    ("王秀英", None, dict(sex="女", birth_date="1938-08-08", building="20", phone="13194503120",
                          situations=["独居"])),
    ("陈明", "370502195006171019", dict(building="15", is_member=True, party_joined="1975-01-01")),
    ("李建国", "370502194901011017", dict(building="12", phone="13912120000", is_member=True)),
    ("刘桂芳", None, dict(sex="女", birth_date="1930-01-01", building="2")),
]
INACTIVE = {"李建国": "moved_away", "刘桂芳": "deceased"}
ID_OF = {name: number for name, number, _ in ROSTER}
# Everyone still here, in the order a Chinese reader expects: 曾 (zeng) under Z, 单 (shan) under S.
BY_NAME = ["陈明", "区小红", "覃明", "仇英", "单雄信", "王秀英", "解缙", "曾国藩", "查良镛", "张丽", "张三丰", "张伟"]


def raw(name, id_number, extra):
    return {"name": name, "id_number": id_number, **extra}


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("roster") / "roster.sqlite")
    ids = {row[0]: insert_person(db, clean_person(raw(*row)).values, actor=ACTOR) for row in ROSTER}
    for name, status in INACTIVE.items():
        set_status(db, ids[name], status, "2024-05-01", actor=ACTOR)
    yield db
    db.close()


def names(db, text="", **filters) -> list[str]:
    """Who the director finds (a duty volunteer's ID-digit search is limited to what the mask shows: test_mask)."""
    return [p["name"] for p in search_people(db, RosterFilter(text=text, **{"full_ids": True, **filters}))]


# ---------------------------------------------------------------- typed text


@pytest.mark.parametrize(
    "query, expected",
    [
        ("张三丰", ["张三丰"]),
        ("三丰", ["张三丰"]),
        ("小红", ["区小红"]),
        ("张", ["张丽", "张三丰", "张伟"]),
        ("zsf", ["张三丰"]),
        ("ZSF", ["张三丰"]),
        ("ｚｓｆ", ["张三丰"]),  # full-width letters from a Chinese input method
        ("zhangsanfeng", ["张三丰"]),
        ("sanfeng", ["张三丰"]),
        ("zhang", ["张丽", "张三丰", "张伟"]),
        ("nobody", []),
    ],
)
def test_search_by_name_and_pinyin(roster, query, expected):
    assert names(roster, query) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("sxx", "单雄信"), ("dxx", "单雄信"), ("shanxiongxin", "单雄信"),
        ("zgf", "曾国藩"), ("cgf", "曾国藩"), ("zengguofan", "曾国藩"),
        ("xj", "解缙"),
        ("qy", "仇英"),
        ("qm", "覃明"),
        ("oxh", "区小红"),
        ("zly", "查良镛"),
    ],
)
def test_special_surnames_are_found_by_either_reading(roster, query, expected):
    assert names(roster, query) == [expected]


@pytest.mark.parametrize("name", [name for name, number, _ in ROSTER if number and name not in INACTIVE])
def test_search_by_the_last_four_characters_of_the_id(roster, name):
    tail = ID_OF[name][-4:]
    assert names(roster, tail) == [name]
    assert names(roster, tail.lower()) == [name]  # "102x" as typed


def test_search_by_the_whole_id(roster):
    assert names(roster, "370502194503121018") == ["张三丰"]


def test_digits_from_the_middle_of_an_id_do_not_find_its_owner(roster):
    # 19450312 is 张三丰's birth date inside his ID; it is also part of 王秀英's phone number.
    assert names(roster, "19450312") == ["王秀英"]
    assert names(roster, "0502194503") == []


@pytest.mark.parametrize("query, expected", [("5461111", ["张三丰"]), ("8223344", ["曾国藩"]),
                                             ("13605465555", ["张丽"])])
def test_search_by_part_of_a_phone_number(roster, query, expected):
    assert names(roster, query) == expected


def test_search_by_building(roster):
    assert names(roster, "12号楼") == ["曾国藩", "张丽", "张三丰"]
    assert names(roster, "１２号楼") == ["曾国藩", "张丽", "张三丰"]
    assert names(roster, "5栋") == ["单雄信"]
    # Bare digits are also a phone fragment: 张伟 (131 1234 5678) and 王秀英 (131 9450 3120) have "12" in theirs.
    assert names(roster, "12") == ["王秀英", "曾国藩", "张丽", "张三丰", "张伟"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("张 12号楼", ["张丽", "张三丰"]),
        ("张 12", ["张丽", "张三丰", "张伟"]),
        ("zhang 1018", ["张三丰"]),
        ("曾 5栋", []),
    ],
)
def test_all_terms_must_match(roster, query, expected):
    assert names(roster, query) == expected


# ---------------------------------------------------------------- quick filters, inactive people, order


@pytest.mark.parametrize(
    "filters, expected",
    [
        (dict(members=True), ["陈明", "单雄信", "张三丰"]),
        (dict(volunteers=True), ["单雄信", "曾国藩"]),
        (dict(hardship=True), ["区小红", "王秀英", "张丽"]),
        (dict(tag="讲师"), ["单雄信"]),
        (dict(tag="注册志愿者"), ["单雄信", "曾国藩"]),
        (dict(members=True, volunteers=True), ["单雄信"]),
        (dict(members=True, include_inactive=True), ["陈明", "李建国", "单雄信", "张三丰"]),
    ],
)
def test_quick_filters(roster, filters, expected):
    assert names(roster, **filters) == expected


def test_people_who_left_are_hidden_unless_asked_for(roster):
    assert names(roster, "李建国") == []
    assert names(roster, "ljg") == []
    assert names(roster, "李建国", include_inactive=True) == ["李建国"]
    assert names(roster, "刘桂芳", include_inactive=True) == ["刘桂芳"]
    assert len(names(roster)) == len(ROSTER) - len(INACTIVE)
    assert len(names(roster, include_inactive=True)) == count_people(roster) == len(ROSTER)


def test_sort_by_name_follows_pinyin(roster):
    assert names(roster) == BY_NAME
    assert names(roster, descending=True) == BY_NAME[::-1]


def test_sort_by_building_is_numeric(roster):
    buildings = [p["building"] for p in search_people(roster, RosterFilter(sort="building"))]
    assert buildings == ["3", "5", "6", "7", "8", "9", "10", "12", "12", "12", "15", "20"]


def test_rows_carry_lists_not_json(roster):
    [row] = search_people(roster, RosterFilter(text="sxx"))
    assert row["tags"] == ["注册志愿者", "讲师"]
    assert row["situations"] == []
    assert (row["sex"], row["birth_date"], row["building"]) == ("男", "1940-05-19", "5")


# ---------------------------------------------------------------- one person per ID number


def test_a_duplicate_id_number_names_the_other_person(fresh_db):
    first = insert_person(fresh_db, clean_person(raw(*ROSTER[0])).values, actor=ACTOR)
    with pytest.raises(InvalidRecord) as info:
        insert_person(fresh_db, clean_person({"name": "张三", "id_number": ID_OF["张三丰"]}).values, actor=ACTOR)
    assert "张三丰" in info.value.errors["id_number"]
    assert f"编号 {first}" in info.value.errors["id_number"]
    assert count_people(fresh_db) == 1


def test_changing_an_id_number_to_someone_elses_is_refused(fresh_db):
    insert_person(fresh_db, clean_person(raw(*ROSTER[0])).values, actor=ACTOR)
    other = insert_person(fresh_db, clean_person(raw(*ROSTER[1])).values, actor=ACTOR)
    changed = clean_person({**raw(*ROSTER[1]), "id_number": ID_OF["张三丰"], "party_joined": None}).values
    with pytest.raises(InvalidRecord) as info:
        update_person(fresh_db, other, changed, actor=ACTOR)
    assert "张三丰" in info.value.errors["id_number"]
    assert names(fresh_db, "sxx") == ["单雄信"] and names(fresh_db, ID_OF["单雄信"][-4:]) == ["单雄信"]


def test_insert_many_is_all_or_nothing(fresh_db):
    batch = [clean_person(raw(*row)).values for row in ROSTER[:3]]
    batch.append(clean_person({"name": "张三", "id_number": ID_OF["张三丰"]}).values)
    with pytest.raises(InvalidRecord) as info:
        insert_many(fresh_db, batch, actor=ACTOR)
    assert "重复的身份证号" in info.value.errors["id_number"]
    assert count_people(fresh_db) == 0
    assert fresh_db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_insert_many_stores_everyone_with_an_audit_row(fresh_db):
    ids = insert_many(fresh_db, [clean_person(raw(*row)).values for row in ROSTER[:5]], actor=ACTOR)
    assert len(ids) == len(set(ids)) == 5
    assert names(fresh_db, "zgf") == ["曾国藩"]
    assert fresh_db.execute("SELECT count(*) FROM audit_log WHERE action = 'insert' AND table_name = 'person'"
                            ).fetchone()[0] == 5
