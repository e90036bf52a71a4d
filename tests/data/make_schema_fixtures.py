"""Build the schema fixture files: one database file per released schema version.

Each ``schema_vN.sqlite`` is a small club database exactly as a user's file looked at schema version N, and
the migration tests upgrade a copy of every one of them to the latest version. The files are kept forever and
never regenerated once released (regenerating would test today's code against itself, not against the files
users really have): this script only creates the files that do not exist yet. When you add a migration step,
add a builder for the new version below, run the script once, and commit the new file.

    python tests/data/make_schema_fixtures.py
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import sqlite_utils  # noqa: E402

from app.db.connection import APPLICATION_ID  # noqa: E402
from app.db.migrations import migrate  # noqa: E402

ACTOR = "测试数据"
CLUB_NAME = "老库服务社"
# The people in schema_v2.sqlite; the migration tests search for them after the upgrade.
V2_PEOPLE = [
    {"name": "张三丰", "id_number": "370502194503121237", "phone": "13805461111", "building": "12号楼",
     "unit": "3单元", "room": "201室", "is_member": True, "party_joined": "1965-07-01"},
    {"name": "曾国藩", "sex": "男", "birth_date": "1950-11-26", "phone": "0546-8223344", "building": "7",
     "is_volunteer": True, "tags": ["注册志愿者"]},
    {"name": "区小红", "sex": "女", "birth_date": "1948-02-29", "building": "3", "situations": ["独居"]},
]


def _new(path: Path, version: int) -> sqlite_utils.Database:
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    db.execute("PRAGMA journal_mode = DELETE")
    migrate(db, APPLICATION_ID, target=version)
    return db


def build_v1(path: Path) -> None:
    db = _new(path, 1)
    db.execute("INSERT INTO setting (key, value) VALUES (?, ?)", ["club_name", f'"{CLUB_NAME}"'])
    db.close()


def build_v2(path: Path) -> None:
    from app.db.people import insert_person
    from app.db.settings import set_setting
    from app.people import clean_person

    db = _new(path, 2)
    set_setting(db, "club_name", CLUB_NAME, actor=ACTOR)
    for raw in V2_PEOPLE:
        insert_person(db, clean_person(raw).values, actor=ACTOR)
    db.close()


def build_v3(path: Path) -> None:
    from app.db import audit

    build_v2(path)
    db = _new(path, 3)
    audit.insert(db, "access_log", {"at": "2026-11-01T09:00:00", "actor": ACTOR, "action": "export_full_ids",
                                    "detail": "花名册.xlsx，3 人"}, actor=ACTOR)
    db.close()


def build_v4(path: Path) -> None:
    from app.db import audit

    # Today's code cannot build the older versions any more (they are kept, not rebuilt): start from v3's file.
    shutil.copy(HERE / "schema_v3.sqlite", path)
    db = _new(path, 4)
    audit.update(db, "person", 1, {"registered_on": "2026-10-01", "lunar_birth_month": 4, "lunar_birth_day": 8},
                 actor=ACTOR)
    report = audit.insert(db, "must_report", {
        "person_id": 2, "kind": "serious_illness", "summary": "突发脑梗住院", "learnt_on": "2026-10-20",
        "reported_to": "老年服务部党支部", "reported_on": "2026-10-21", "status": "reported", "closed_on": None,
        "notes": "", "created_at": "2026-10-20T10:00:00"}, actor=ACTOR)
    for on, status in (("2026-10-20", "open"), ("2026-10-21", "reported")):
        audit.insert(db, "must_report_event", {"report_id": report, "on_date": on, "status": status, "note": "",
                                               "actor": ACTOR, "at": on + "T10:00:00"}, actor=ACTOR)
    audit.insert(db, "visit", {"person_id": 2, "kind": "hospital", "visit_date": "2026-10-22", "done": "水果",
                               "notes": "", "follow_up_on": "2026-11-05", "report_id": report,
                               "visitor_ids": "[3]", "created_at": "2026-10-22T15:00:00"}, actor=ACTOR)
    db.close()


def build_v5(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v4.sqlite", path)
    db = _new(path, 5)
    audit.update(db, "person", 3, {"aid_capacity": 3, "is_volunteer": 1}, actor=ACTOR)
    group = audit.insert(db, "aid_group", {"person_id": 2, "mode": "one_on_one", "started_on": "2026-10-25",
                                           "ended_on": None, "end_reason": "", "notes": "",
                                           "created_at": "2026-10-25T09:00:00"}, actor=ACTOR)
    audit.insert(db, "aid_helper", {"group_id": group, "helper_id": 3, "is_lead": 1, "joined_on": "2026-10-25",
                                    "left_on": None, "left_reason": ""}, actor=ACTOR)
    db.close()


def build_v6(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v5.sqlite", path)
    db = _new(path, 6)
    audit.update(db, "person", 3, {"on_rota": 1, "skills": '["理发"]'}, actor=ACTOR)
    slot = audit.insert(db, "shift_slot", {"key": "desk_am", "name": "上午值班", "kind": "desk", "part": "morning",
                                           "start_time": "08:30", "end_time": "11:30", "need": 2,
                                           "weekdays": "[1,2,3,4,5,6,7]", "monthly_day": None, "place": "值班室",
                                           "skill": "", "active": 1, "sort": 1}, actor=ACTOR)
    audit.insert(db, "holiday", {"day": "2026-10-10", "kind": "workday", "name": "国庆节", "source": "lunar-python"},
                 actor=ACTOR)
    audit.insert(db, "rota_assignment", {"day": "2026-11-02", "slot_id": slot, "person_id": 3, "fixed": 0,
                                         "confirmed": "attended", "removed_at": None, "removed_reason": "",
                                         "created_at": "2026-11-01T08:00:00"}, actor=ACTOR)
    db.close()


def build_v7(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v6.sqlite", path)
    db = _new(path, 7)
    audit.insert(db, "reward", {"name": "理发券", "hours": 5.0, "stock": 10, "active": 1}, actor=ACTOR)
    for values in (
        {"person_id": 3, "on_date": "2026-10-22", "kind": "deposit", "hours": 1.0, "source": "visit", "source_id": 1,
         "corrects_id": None, "note": "走访"},
        {"person_id": 3, "on_date": "2026-11-02", "kind": "deposit", "hours": 3.0, "source": "shift", "source_id": 1,
         "corrects_id": None, "note": "上午值班"},
        {"person_id": 3, "on_date": "2026-11-05", "kind": "withdrawal", "hours": -1.5, "source": "help",
         "source_id": None, "corrects_id": None, "note": "请人代买药"},
    ):
        audit.insert(db, "hours_entry", {**values, "recorded_by": ACTOR, "created_at": "2026-11-05T09:00:00"},
                     actor=ACTOR)
    db.close()


def build_v8(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v7.sqlite", path)
    db = _new(path, 8)
    audit.insert(db, "meeting", {"kind": "joint", "held_on": "2026-11-10", "place": "社区活动室",
                                 "topics": "老年服务部与社区党建联席", "decisions": "每月第一周联合走访",
                                 "follow_ups": "", "attendee_ids": "[3]", "notes": "",
                                 "created_at": "2026-11-10T15:00:00"}, actor=ACTOR)
    db.close()


def build_v9(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v8.sqlite", path)
    db = _new(path, 9)
    audit.insert(db, "activity", {"kind": "service", "title": "义诊", "project": "义诊", "held_on": "2026-11-15",
                                  "place": "社区活动室", "hours": 2.5, "participants": "[[3, 2.5]]",
                                  "served_count": 18, "notes": "", "confirmed_at": None, "confirmed_by": None,
                                  "created_at": "2026-11-15T11:00:00"}, actor=ACTOR)
    audit.insert(db, "bulletin_item", {"month": "2026-11", "title": "服务社获评先进集体", "body": "",
                                       "photo": None, "photo_name": "", "sort": 0, "removed_at": None,
                                       "created_at": "2026-11-20T09:00:00"}, actor=ACTOR)
    db.close()


def build_v10(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v9.sqlite", path)
    db = _new(path, 10)
    audit.insert(db, "account", {"name": "刘主任", "role": "director",
                                 "password_hash": "scrypt$16384$8$1$00$00", "active": 1, "failed_attempts": 0,
                                 "locked_until": None, "created_at": "2026-11-22T09:00:00"}, actor=ACTOR)
    db.close()


def build_v11(path: Path) -> None:
    from app.db import audit

    shutil.copy(HERE / "schema_v10.sqlite", path)
    db = _new(path, 11)
    # A member whose birth is known by year and month only (出生年月 1944年11月, no ID number).
    audit.insert(db, "person", {"name": "刘淑珍", "sex": "女", "birth_date": "1944-11-01", "birth_month_only": 1,
                                "is_member": 1, "sort_key": "liu shu zhen", "search_text": "刘淑珍 liushuzhen lsz",
                                "created_at": "2026-12-03T09:00:00", "updated_at": "2026-12-03T09:00:00"}, actor=ACTOR)
    db.close()


def build_v12(path: Path) -> None:
    """The search index: the older people's words made again as the app does when it opens the file, and a person
    with a middle dot and traditional characters added since."""
    from app.db.people import insert_person
    from app.people import clean_person, ensure_search_index

    shutil.copy(HERE / "schema_v11.sqlite", path)
    db = _new(path, 12)
    ensure_search_index(db)
    insert_person(db, clean_person({"name": "買買提·艾力", "phone": "13905461234", "building": "3"}).values,
                  actor=ACTOR)
    db.close()


def build_v13(path: Path) -> None:
    """Corrections: the hospital visit of version 4 corrected (a note and the reason), its hour reversed on its own
    date and credited again (credit number 1), and the good-news item voided."""
    from app.db import audit

    shutil.copy(HERE / "schema_v12.sqlite", path)
    db = _new(path, 13)
    audit.update(db, "visit", 1, {"notes": "家属在场", "state": "corrected"}, actor=ACTOR)
    audit.insert(db, "correction", {"table_name": "visit", "row_id": 1, "action": "correct", "reason": "漏记了备注",
                                    "before": '{"notes": ""}', "after": '{"notes": "家属在场"}', "actor": ACTOR,
                                    "at": "2026-11-23T09:00:00"}, actor=ACTOR)
    audit.insert(db, "hours_entry", {"person_id": 3, "on_date": "2026-10-22", "kind": "correction", "hours": -1.0,
                                     "source": "visit", "source_id": 1, "corrects_id": 1, "note": "更正第 1 条：走访更正",
                                     "recorded_by": ACTOR, "created_at": "2026-11-23T09:00:00"}, actor=ACTOR)
    audit.insert(db, "hours_entry", {"person_id": 3, "on_date": "2026-10-22", "kind": "deposit", "hours": 1.0,
                                     "source": "visit", "source_id": 1, "corrects_id": None, "note": "走访",
                                     "credit_no": 1, "recorded_by": ACTOR, "created_at": "2026-11-23T09:00:00"},
                 actor=ACTOR)
    audit.update(db, "bulletin_item", 1, {"removed_at": "2026-11-23T09:00:00", "state": "void"}, actor=ACTOR)
    audit.insert(db, "correction", {"table_name": "bulletin_item", "row_id": 1, "action": "void",
                                    "reason": "重复", "before": "{}", "after": "{}", "actor": ACTOR,
                                    "at": "2026-11-23T09:00:00"}, actor=ACTOR)
    db.close()


BUILDERS = {1: build_v1, 2: build_v2, 3: build_v3, 4: build_v4, 5: build_v5, 6: build_v6, 7: build_v7,
            8: build_v8, 9: build_v9, 10: build_v10, 11: build_v11, 12: build_v12, 13: build_v13}


def main() -> None:
    for version, build in BUILDERS.items():
        path = HERE / f"schema_v{version}.sqlite"
        if version > 1 and not (HERE / f"schema_v{version - 1}.sqlite").exists() and not path.exists():
            print(f"waiting  {path.name} (needs schema_v{version - 1}.sqlite first)")
            continue
        if path.exists():
            print(f"kept     {path.name} (released files are never regenerated)")
            continue
        build(path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("VACUUM")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        conn.close()
        assert mode == "delete", mode
        print(f"created  {path.name}")


if __name__ == "__main__":
    main()
