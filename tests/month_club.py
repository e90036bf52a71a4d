"""A small club whose October 2026 is known by heart: the figures the bulletin and the return must show.

Built through the same domain functions the window uses (activities, whose module is not this feature's, are
stored as plain audited rows). EXPECTED is worked out by hand from the records below, not by the app.
"""

from __future__ import annotations

import datetime
import io
import json

from app import aid_groups, good_news, meetings, people, timebank, visits
from app.db import audit
from app.db.settings import set_setting

MONTH = "2026-10"
TODAY = datetime.date(2026, 11, 5)  # the director makes October's bulletin early in November
CLUB = "幸福里党员服务社"
ACTOR = "测试"
# A valid 18-digit ID (GB 11643 check digit) whose full form must never reach the return.
FULL_ID = "370502194011030021"
NEWCOMER_ID = "370502196201010012"  # 陈志军, who registered in October: masked in 人员变动

EXPECTED = {
    "joined": 1, "moved_away": 1, "deceased": 1,
    "visits": 4, "visits_registration": 1, "visits_hospital": 1, "visits_special": 1, "visits_festival": 1,
    "visits_supporter": 0,
    "reports_opened": 2, "reports_reported": 1, "reports_closed": 1, "reports_pending": 2,
    "aid_groups": 1, "aid_one_on_one": 1, "aid_many_help_one": 0, "aid_formed": 1, "aid_ended": 1,
    "aid_must_cover": 3, "aid_covered": 1, "aid_uncovered": 2,
    "hours": 15, "volunteers": 2, "level_ups": 1,
    "meetings": 2, "meetings_council": 1, "meetings_release": 1, "meetings_joint": 0, "meetings_affairs": 0,
    "services": 1, "people_served": 35, "activities": 1,
}
NEWS = [("-减负增效：义务理发进楼栋", "张建国师傅每周三上门给行动不便的老人理发。"),
        ("重阳节文艺汇演", "二十多位老党员登台演出。")]


def photo_png(width: int = 900, height: int = 600) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (120, 170, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(90, 160, 90))
    draw.rectangle([width // 4, height // 5, width * 3 // 4, height // 3], fill=(200, 30, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _person(db, name: str, **fields) -> int:
    raw = {"name": name, "sex": fields.pop("sex", "男"), "birth_date": fields.pop("birth_date", "1950-05-05"), **fields}
    person_id, _ = people.add_person(db, raw, actor=ACTOR)
    return person_id


def _activity(db, kind: str, title: str, project: str, on: str, participants, served: int) -> None:
    audit.insert(db, "activity", {"kind": kind, "title": title, "project": project, "held_on": on, "place": "活动室",
                                  "hours": 2, "participants": json.dumps(participants), "served_count": served,
                                  "notes": "", "confirmed_at": None, "confirmed_by": None,
                                  "created_at": audit.now()}, actor=ACTOR)


def build(db) -> dict[str, int]:
    """Fill an empty database with the club; returns the people's ids by short name."""
    set_setting(db, "club_name", CLUB, actor=ACTOR)
    ids = {
        "wang": _person(db, "王秀英", sex="女", birth_date="1940-11-03", id_number=FULL_ID, is_member=True,
                        building="12", unit="3", room="201"),
        "zhang": _person(db, "张建国", birth_date="1958-03-01", is_volunteer=True),
        "li": _person(db, "李桂兰", sex="女", birth_date="1960-07-07", is_volunteer=True),
        "zhao": _person(db, "赵德明", birth_date="1945-02-02", situations=["特困"]),
        "liu": _person(db, "刘淑梅", sex="女", birth_date="1938-09-09", situations=["孤寡"]),
        "chen": _person(db, "陈志军", birth_date="1962-01-01", id_number=NEWCOMER_ID, is_member=True,
                        registered_on="2026-10-08"),
        "zhou": _person(db, "周永成", birth_date="1935-06-06"),
        "wu": _person(db, "吴玉珍", sex="女", birth_date="1955-04-04"),
        "sun": _person(db, "孙丽", sex="女", birth_date="1952-08-08", situations=["重病"]),
    }
    people.change_status(db, ids["zhou"], "deceased", datetime.date(2026, 10, 15), actor=ACTOR)
    people.change_status(db, ids["wu"], "moved_away", datetime.date(2026, 10, 20), actor=ACTOR)

    def visit(person, kind, on, by, done=""):
        visits.log_visit(db, {"person_id": ids[person], "kind": kind, "visit_date": on,
                              "visitor_ids": [ids[v] for v in by], "done": done}, actor=ACTOR, today=TODAY)

    visit("zhao", "supporter", "2026-09-28", ["li"])  # September: not October's
    visit("chen", "registration", "2026-10-10", ["zhang"])
    visit("wang", "festival", "2026-10-18", ["zhang", "li"], done="=SUM(A1:A9) 月饼和慰问信")
    visit("zhao", "special", "2026-10-21", ["li"])
    visit("wang", "hospital", "2026-10-25", ["zhang"])

    def report(person, kind, learnt, summary, reported=None, closed=None):
        rid = visits.open_report(db, {"person_id": ids[person], "kind": kind, "summary": summary,
                                      "learnt_on": learnt}, actor=ACTOR, today=TODAY)
        if reported:
            visits.mark_reported(db, rid, reported_to="老年服务部党支部", reported_on=reported, actor=ACTOR, today=TODAY)
        if closed:
            visits.close_report(db, rid, closed_on=closed, actor=ACTOR, today=TODAY)

    report("zhang", "concern", "2026-08-01", "反映路灯不亮", "2026-08-02", "2026-08-20")  # all done in August
    report("zhao", "concern", "2026-09-10", "+86 希望增加老年食堂供餐点", "2026-09-11", "2026-10-05")
    report("wang", "serious_illness", "2026-10-24", "突发脑梗住院治疗", "2026-10-25", "2026-11-02")
    report("liu", "emergency", "2026-10-28", "家中水管爆裂")

    aid_groups.create_group(db, ids["zhao"], [ids["zhang"]], actor=ACTOR, started_on="2026-10-03", today=TODAY)
    ended = aid_groups.create_group(db, ids["sun"], [ids["li"]], actor=ACTOR, started_on="2026-05-01", today=TODAY)
    aid_groups.end_group(db, ended, reason="病愈", actor=ACTOR, on="2026-10-12", today=TODAY)

    timebank.deposit(db, ids["zhang"], 98, on="2026-09-30", source="manual", note="往年时长", actor=ACTOR)
    timebank.deposit(db, ids["li"], 10, on="2026-10-05", source="manual", note="补录", actor=ACTOR)
    timebank.credit_visits_and_shifts(db, actor=ACTOR)  # one hour a visit: 张 3 in October (→ 101, 白金), 李 2
    timebank.withdraw(db, ids["zhang"], 1, on="2026-10-30", note="请人代买药", actor=ACTOR)

    for kind, on, topics in (("council", "2026-10-12", "楼道照明"), ("release", "2026-10-27", "十月工作通报"),
                             ("joint", "2026-09-20", "共驻共建")):
        meetings.record_meeting(db, {"kind": kind, "held_on": on, "topics": topics,
                                     "attendee_ids": [ids["zhang"], ids["li"]]}, actor=ACTOR, today=TODAY)
    _activity(db, "service", "十月义诊", "义诊", "2026-10-14", [[ids["zhang"], 2], [ids["li"], 2]], 35)
    _activity(db, "event", "重阳节文艺汇演", "", "2026-10-20", [[ids["li"], 3]], 0)
    _activity(db, "class", "剪纸课", "剪纸", "2026-09-15", [[ids["li"], 2]], 0)

    good_news.add_item(db, MONTH, title=NEWS[0][0], body=NEWS[0][1], photo=photo_png(), photo_name="理发.png",
                       actor=ACTOR)
    good_news.add_item(db, MONTH, title=NEWS[1][0], body=NEWS[1][1], actor=ACTOR)
    return ids
