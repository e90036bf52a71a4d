"""What a write changed is recorded by the audited path as a typed value, whatever the domain function."""

from __future__ import annotations

import datetime

import pytest

from app import meetings, people, visits
from app.db.changes import Changes, Register, recording
from app.errors import InvalidRecord

TODAY = datetime.date.today()


def person(db, name="王秀英", volunteer=False) -> int:
    pid, _ = people.add_person(db, {"name": name, "sex": "女", "birth_date": "1950-03-05", "building": "12",
                                    "is_member": True, "is_volunteer": volunteer}, actor="主任")
    return pid


def test_a_visit_logged_is_a_change_of_the_visit_register_with_its_id(fresh_db):
    visited, visitor = person(fresh_db), person(fresh_db, "李强", volunteer=True)
    with recording(fresh_db) as changes:
        visit_id = visits.log_visit(fresh_db, {"person_id": visited, "kind": "special", "visit_date": TODAY.isoformat(),
                                               "visitor_ids": [visitor]}, actor="值班员")
    assert changes.value.registers == {Register.VISIT}
    assert changes.value.ids(Register.VISIT) == {visit_id}


def test_a_meeting_is_not_a_visit(fresh_db):
    with recording(fresh_db) as changes:
        meetings.record_meeting(fresh_db, {"kind": "council", "held_on": TODAY.isoformat(), "topics": "楼道照明"},
                                actor="主任")
    assert changes.value.touches(Register.MEETING) and not changes.value.touches(Register.VISIT, Register.PERSON)


def test_a_refused_write_records_nothing(fresh_db):
    with recording(fresh_db) as changes, pytest.raises(InvalidRecord):
        visits.log_visit(fresh_db, {"person_id": None, "kind": "", "visit_date": "", "visitor_ids": []}, actor="值班员")
    assert not changes.value


def test_a_bulk_insert_is_recorded_row_by_row(fresh_db):
    with recording(fresh_db) as changes:
        ids = people.add_many(fresh_db, [{"name": f"居民{i}"} for i in range(3)], actor="导入")
    assert changes.value.ids(Register.PERSON) == set(ids)


def test_recordings_nest_and_stop_when_their_block_ends(fresh_db):
    with recording(fresh_db) as outer:
        first = person(fresh_db)
        with recording(fresh_db) as inner:
            second = person(fresh_db, "李强")
    third = person(fresh_db, "赵敏")
    assert inner.value.ids(Register.PERSON) == {second}
    assert outer.value.ids(Register.PERSON) == {first, second} and third not in outer.value.ids(Register.PERSON)


def test_changes_add_up():
    both = Changes({Register.VISIT: frozenset({1})}) | Changes({Register.VISIT: frozenset({2}), Register.PERSON: frozenset()})
    assert both.ids(Register.VISIT) == {1, 2} and both.touches(Register.PERSON) and not both.touches(Register.ROTA)
    assert not Changes() and Changes.of(Register.SESSION).registers == {Register.SESSION}


def test_a_new_entry_is_told_from_a_correction_of_one(fresh_db):
    """What 撤销 may void: the row a write inserted in its register's main table, not one it only changed."""
    from app.accounts import Session

    visited, visitor = person(fresh_db), person(fresh_db, "李强", volunteer=True)
    with recording(fresh_db) as logged:
        visit_id = visits.log_visit(fresh_db, {"person_id": visited, "kind": "special", "visitor_ids": [visitor]},
                                    actor="值班员")
    assert logged.value.new_ids(Register.VISIT) == {visit_id}
    with recording(fresh_db) as corrected:
        visits.correct_visit(fresh_db, visit_id, {"notes": "补记"}, reason="漏记", by=Session(None, "主任", "director"))
    assert corrected.value.ids(Register.VISIT) == {visit_id} and corrected.value.new_ids(Register.VISIT) == set()
    assert corrected.value.touches(Register.CORRECTION)
    with recording(fresh_db) as news:
        from app import good_news

        item = good_news.add_item(fresh_db, TODAY.strftime("%Y-%m"), title="好事", actor="主任")
    assert news.value.new_ids(Register.GOOD_NEWS) == {item}  # a register whose table has another name
