"""The demo club (seed 7, 300 people from conftest): a believable roster, the same for the same seed."""

from __future__ import annotations

import datetime
import re

import pytest

from app import demo
from app.db.connection import open_database
from app.db.settings import get_setting
from app.errors import KnownError
from app.ids import age_on, parse_resident_id

DAY = demo.REFERENCE_DAY


def people(db) -> list[dict]:
    return list(db.query("SELECT * FROM person ORDER BY id"))


def date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_the_demo_has_300_people_each_with_an_audit_row(demo_db):
    assert len(people(demo_db)) == 300
    assert demo_db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'person' AND action = 'insert'"
                           ).fetchone()[0] == 300
    assert get_setting(demo_db, "club_name") == "胜利油田演示党员服务社"
    assert get_setting(demo_db, "demo") is True


def test_ages_are_those_of_a_retirees_club(demo_db):
    ages = [age_on(date(p["birth_date"]), DAY) for p in people(demo_db)]
    assert 50 <= min(ages) and max(ages) <= 98
    assert sum(age >= 70 for age in ages) > len(ages) / 3


def test_about_one_in_eight_has_a_hardship(demo_db):
    share = sum(p["situations"] != "[]" for p in people(demo_db)) / 300
    assert 0.10 <= share <= 0.15


def test_every_id_number_is_valid_and_agrees_with_birth_date_and_sex(demo_db):
    everyone = people(demo_db)
    # A few elders came from a list with only 出生年月: no ID, the birth kept as year and month.
    without = [p for p in everyone if not p["id_number"]]
    assert 0 < len(without) <= len(everyone) // 100
    assert all(p["birth_month_only"] == 1 and p["birth_date"].endswith("-01") for p in without)
    rows = [p for p in everyone if p["id_number"]]
    for p in rows:
        rid = parse_resident_id(p["id_number"])
        assert (rid.number, rid.legacy) == (p["id_number"], False)
        assert (rid.birth_date.isoformat(), rid.sex) == (p["birth_date"], p["sex"])
    assert len({p["id_number"] for p in rows}) == len(rows)


def test_members_joined_the_party_at_18_or_later(demo_db):
    too_young = [(p["name"], p["birth_date"], p["party_joined"]) for p in people(demo_db)
                 if p["is_member"] and age_on(date(p["birth_date"]), date(p["party_joined"])) < 18]
    assert too_young == []


def test_members_have_a_party_date_and_branch_and_others_have_none(demo_db):
    for p in people(demo_db):
        if p["is_member"]:
            assert p["party_joined"] and date(p["party_joined"]) < DAY
            assert p["party_branch"].endswith("党支部")
        else:
            assert (p["party_joined"], p["party_branch"]) == (None, "")


def test_volunteers_have_tags(demo_db):
    rows = people(demo_db)
    volunteers = [p for p in rows if p["is_volunteer"]]
    assert volunteers
    assert all("注册志愿者" in p["tags"] for p in volunteers)
    assert all(p["tags"] == "[]" and p["posts"] == "[]" for p in rows if not p["is_volunteer"])


def test_some_have_moved_away_or_died(demo_db):
    rows = people(demo_db)
    left = [p for p in rows if p["status"] != "active"]
    assert left and len(left) < len(rows) / 10
    # Moves and deaths of the generated people precede the reference day; the demo's later events
    # (a helper who moved away last week) are dated from today.
    assert all(p["status_date"] and date(p["status_date"]) <= datetime.date.today() for p in left)
    assert all(p["status_date"] is None for p in rows if p["status"] == "active")


def test_names_are_chinese(demo_db):
    for p in people(demo_db):
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p["name"]), p["name"]
        assert p["search_text"].startswith(" " + p["name"] + " ")


def make(path, count: int, seed: int) -> list[dict]:
    db = open_database(path)
    try:
        demo.make_demo(db, count=count, seed=seed)
        return [{k: v for k, v in p.items() if k not in ("created_at", "updated_at")} for p in people(db)]
    finally:
        db.close()


def test_the_same_seed_gives_the_same_people(tmp_path):
    first = make(tmp_path / "a.sqlite", 40, seed=3)
    assert make(tmp_path / "b.sqlite", 40, seed=3) == first
    other = make(tmp_path / "c.sqlite", 40, seed=4)
    assert [p["name"] for p in other] != [p["name"] for p in first]
    assert not {p["id_number"] for p in other} & {p["id_number"] for p in first}


def test_the_demo_goes_only_into_an_empty_database(demo_db):
    with pytest.raises(KnownError, match="已经有人员"):
        demo.make_demo(demo_db, count=5)
    assert len(people(demo_db)) == 300


@pytest.mark.parametrize("count", [0, demo.MAX_PEOPLE + 1])
def test_the_count_is_checked(fresh_db, count):
    with pytest.raises(ValueError):
        demo.make_demo(fresh_db, count=count)


def test_the_time_bank_registers_are_at_work(demo_db):
    import datetime

    from app import activities, awards, certificates, timebank

    today = datetime.date.today()
    listed = activities.list_activities(demo_db)
    waiting = [a for a in listed if not a["confirmed_at"]]
    assert len(listed) >= 12 and len(waiting) == 2  # the two latest are left for the director to confirm
    volunteer_day = next(a for a in listed if a["title"] == "学雷锋志愿服务日")
    first = volunteer_day["participants"][0][0]
    assert any(e.source == "activity" and e.note == "学雷锋志愿服务日"
               for e in timebank.statement(demo_db, first).entries)
    assert len(certificates.register(demo_db, today.year)) == 3
    assert awards.awards(demo_db, today.year - 1) and not awards.awards(demo_db, today.year)
    assert any(c.proposed for c in awards.ranking(demo_db, today.year))


@pytest.mark.parametrize("today", [datetime.date(2026, 12, 1), datetime.date(2026, 3, 20)])
def test_last_months_bulletin_of_the_practice_club_has_every_register_at_work(tmp_path, today):
    # The bulletin dialog offers last month first. The demo's meetings and activities stepped back 31 days a month,
    # which from December (or March) skipped November (or February): that bulletin said no meeting was held, and
    # it had no must-report, no new level and no new mutual-aid group either.
    from pdf_text import squeezed

    from app.reports.bulletin import EMPTY, save_bulletin

    db = open_database(tmp_path / "demo.sqlite")
    demo.make_demo(db, count=300, seed=7, today=today)
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    save_bulletin(db, last_month, tmp_path / "通报.pdf", today=today)
    db.close()
    text = squeezed(tmp_path / "通报.pdf")
    for section in ("reports", "level_ups", "services", "meetings", "activities"):
        assert EMPTY[section] not in text, section
    assert "本月互助组没有变化" not in text and "本月新成立" in text
    opened = re.search(r"本月得知(\d+)件", text)
    assert opened and int(opened.group(1)) > 0
