"""The roster search over a real file: every name found, the index and the scan agreeing, pages, counts, upgrades."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import people
from app.db import people as people_db
from app.db.connection import open_database
from app.people import RosterFilter, count_matches, ensure_search_index, search_ids, search_page, search_people

DATA = Path(__file__).resolve().parent / "data"

PEOPLE = [
    {"name": "买买提·艾力", "phone": "13905461234", "building": "3"},
    {"name": "張三豐", "id_number": "370502194503121237", "building": "12"},
    {"name": "陳建國", "phone": "05468223344", "building": "7"},
    {"name": "尉迟恭", "building": "5"},
    {"name": "长孙无忌", "building": "5"},
    {"name": "万俟卨", "building": "5"},
    {"name": "单于明", "building": "6"},
    {"name": "都明", "building": "6"},
    {"name": "蔚华", "building": "6"},
    {"name": "隗明", "building": "6"},
    {"name": "重阳", "building": "6"},
    {"name": "单雄信", "building": "8"},
    {"name": "张三丰", "building": "9"},
    {"name": "王秀英", "phone": "13812345678", "building": "9", "is_member": True},
    {"name": "王秀兰", "building": "9", "is_volunteer": True},
]


@pytest.fixture
def club(fresh_db):
    for raw in PEOPLE:
        people.add_person(fresh_db, raw, actor="测试")
    return fresh_db


def names(db, text: str, **quick) -> list[str]:
    """Who the director finds (a duty volunteer's ID-digit search is limited to what the mask shows: test_mask)."""
    return [p["name"] for p in search_people(db, RosterFilter(text=text, **{"full_ids": True, **quick}))]


@pytest.mark.parametrize("typed, found", [
    ("maimaitiaili", ["买买提·艾力"]), ("mmtal", ["买买提·艾力"]), ("买买提艾力", ["买买提·艾力"]),
    ("买买提•艾力", ["买买提·艾力"]), ("艾力", ["买买提·艾力"]), ("aili", ["买买提·艾力"]),
    ("张三丰", ["張三豐", "张三丰"]), ("張三豐", ["張三豐", "张三丰"]), ("陈建国", ["陳建國"]), ("cjg", ["陳建國"]),
    ("yuchigong", ["尉迟恭"]), ("weichigong", ["尉迟恭"]), ("zhangsunwuji", ["长孙无忌"]), ("changsun", ["长孙无忌"]),
    ("moqixie", ["万俟卨"]), ("wansi", ["万俟卨"]), ("chanyu", ["单于明"]), ("danyuming", ["单于明"]),
    ("duming", ["都明"]), ("douming", ["都明"]), ("yuhua", ["蔚华"]), ("weihua", ["蔚华"]),
    ("weiming", ["隗明"]), ("kuiming", ["隗明"]), ("chongyang", ["重阳"]), ("zhongyang", ["重阳"]),
    ("sxx", ["单雄信"]), ("dxx", ["单雄信"]), ("王秀", ["王秀兰", "王秀英"]), ("秀英", ["王秀英"]),
    ("1237", ["張三豐"]), ("3X", []), ("1234", ["买买提·艾力", "王秀英"]), ("8223", ["陳建國"]), ("12号楼", ["張三豐"]),
    ("王 9号楼", ["王秀兰", "王秀英"]), ("xy 5678", ["王秀英"]),
])
def test_every_name_is_found(club, typed, found):
    assert sorted(names(club, typed)) == sorted(found)


def test_the_quick_filters_apply_with_the_index_too(club):
    assert names(club, "王秀", members=True) == ["王秀英"]
    assert names(club, "王秀", volunteers=True) == ["王秀兰"]


QUERIES = ["", "z", "zh", "zs", "zsf", "王", "王秀", "w", "wxy", "1", "12", "123", "1234", "05468223344", "3X", "9号楼",
           "ming", "m", "张", "張", "x", "xy 9号楼", "sanfeng", "ang"]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("sort, descending", [("name", False), ("name", True), ("birth_date", False)])
def test_the_index_and_the_scan_list_the_same_people_in_the_same_order(demo_db, monkeypatch, text, sort, descending):
    flt = RosterFilter(text=text, sort=sort, descending=descending, include_inactive=True)
    with_index = search_ids(demo_db, flt)
    monkeypatch.setattr(people_db, "INDEX_LIMIT", 0)  # never worth it: every search walks the roster
    assert search_ids(demo_db, flt) == with_index


@pytest.mark.parametrize("text", ["", "z", "王", "l", "1"])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_put_together_are_the_whole_list(demo_db, text, descending):
    flt = RosterFilter(text=text, descending=descending)
    whole = search_ids(demo_db, flt)
    page = search_page(demo_db, flt, limit=7)
    shown = list(page.ids)
    while not page.complete:
        page = search_page(demo_db, flt, after=page.cursor, limit=7)
        shown += page.ids
    assert shown == whole
    assert count_matches(demo_db, flt) == len(whole)


def test_a_search_the_index_narrows_comes_whole_on_its_first_page(demo_db):
    page = search_page(demo_db, RosterFilter(text="1234"), limit=1)
    assert page.complete and len(page.ids) == len(search_ids(demo_db, RosterFilter(text="1234")))


def test_a_count_is_given_up_when_a_newer_search_was_typed(demo_db):
    assert count_matches(demo_db, RosterFilter(text="z"), cancelled=lambda: True) is None
    # The connection is usable afterwards, and counts again when not cancelled.
    assert count_matches(demo_db, RosterFilter(text="z"), cancelled=lambda: False) == len(
        search_ids(demo_db, RosterFilter(text="z")))


def index_rows(db) -> set[tuple[str, str, int]]:
    return set(db.execute("SELECT kind, key, person_id FROM person_key").fetchall())


def expected_rows(db) -> set[tuple[str, str, int]]:
    return {(kind, key, pid) for pid, text, phone, number in
            db.execute("SELECT id, search_text, phone, id_number FROM person").fetchall()
            for kind, key in people_db.index_keys(text, phone, number)}


def test_the_index_follows_every_change_of_name_phone_and_id(club):
    pid = search_ids(club, RosterFilter(text="陈建国"))[0]
    person = people.get_person(club, pid)
    people.edit_person(club, pid, {**person, "name": "陳建民", "phone": "13700001111",
                                   "id_number": "370502195001011235"}, actor="测试")
    assert names(club, "陈建国") == [] and names(club, "cjm") == ["陳建民"]
    assert names(club, "8223") == [] and names(club, "0000111") == ["陳建民"] and names(club, "1235") == ["陳建民"]
    assert index_rows(club) == expected_rows(club)


def test_a_bulk_rebuild_in_sql_makes_the_rows_the_writes_make(demo_db):
    made_by_writes = index_rows(demo_db)
    assert made_by_writes == expected_rows(demo_db)
    people_db.fill_index(demo_db, 1)
    assert index_rows(demo_db) == made_by_writes


def test_people_stored_in_bulk_after_others_get_the_rows_one_write_at_a_time_gives(club):
    """A bulk store (an import, the demo club) makes its people's index rows in SQL, from the first new id on: the
    same rows as each person's own write, and none for the people already there."""
    before = index_rows(club)
    added = people_db.insert_many(club, [people.clean_person(raw).values for raw in (
        {"name": "欧阳 修", "phone": "0546-8123456", "id_number": "37050219600101123X"},
        {"name": "李娜2", "phone": "8123456"}, {"name": "單于明"}, {"name": "Anna"})], actor="测试")
    assert min(added) > max(pid for *_, pid in before)
    assert index_rows(club) == expected_rows(club) and before < index_rows(club)


def test_a_new_file_needs_no_rebuild(fresh_db):
    assert people_db.index_rules(fresh_db) == 1
    assert ensure_search_index(fresh_db) == 0


def test_an_older_file_has_its_words_made_again_and_then_finds_every_name(tmp_path):
    path = tmp_path / "v10.sqlite"
    shutil.copy(DATA / "schema_v10.sqlite", path)
    db = open_database(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE person SET name = '張三豐' WHERE name = '张三丰'")  # as another program may have typed it
        db.execute("COMMIT")
        assert not people_db.index_ready(db)
        before = names(db, "zgf")  # the older words still serve while the new ones are not made
        seen = []
        assert ensure_search_index(db, progress=lambda done, total: seen.append((done, total))) == db.execute(
            "SELECT count(*) FROM person").fetchone()[0]
        assert seen[-1][0] == seen[-1][1]
        assert people_db.index_ready(db) and ensure_search_index(db) == 0
        assert names(db, "zgf") == before == ["曾国藩"]
        assert names(db, "张三丰") == ["張三豐"] and names(db, "sanfeng") == ["張三豐"]
        assert index_rows(db) == expected_rows(db)
    finally:
        db.close()
