"""The demo club: a realistic made-up roster to practise on, the same people for the same seed."""

from __future__ import annotations

import datetime
import random

import sqlite_utils

from app import (
    accounts, activities, aid_groups, awards, calendar_cn, certificates, meetings, people, rota, timebank, visits,
)
from app.errors import KnownError
from app.db import rota as rota_db
from app.db import timebank as bank_db
from app.db import visits as visits_db
from app.calendar_cn import add_months
from app.ids import age_on
from app.db import keyfile
from app.db.settings import set_setting

# Reference day for ages, fixed so that a seed always gives the same people.
REFERENCE_DAY = datetime.date(2026, 1, 1)
MAX_PEOPLE = 300_000

# Common surnames, roughly by frequency in Shandong, with a few whose reading differs as a surname.
_SURNAMES = ("王" * 12 + "李" * 10 + "张" * 10 + "刘" * 8 + "陈" * 5 + "杨" * 5 + "赵" * 4 + "黄" * 3 + "周" * 3
             + "吴" * 3 + "徐" * 3 + "孙" * 4 + "马" * 3 + "朱" * 2 + "胡" * 2 + "郭" * 2 + "何" * 2 + "高" * 3
             + "林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾"
             "夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇区查")
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官")
_MALE_GIVEN = "国建明志军伟文华德永成立振新春海平东光全兴福庆宝洪峰学祥树林保胜忠万俊荣长贵利强刚勇"
_FEMALE_GIVEN = "秀英兰桂芳玉珍凤华淑梅丽敏霞红云芬琴翠萍静燕娟霞素美荣爱香月彩金莲风琳慧"
# 东营市东营区 and 河口区 area codes: the oilfield's home.
_AREAS = ("370502", "370503", "370521", "370522", "370523")
_BRANCHES = ("老年服务部第一党支部", "老年服务部第二党支部", "老年服务部第三党支部")
_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                    "156", "158", "159", "177", "180", "182", "186", "187", "188", "189")


def _check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def ids_age(birth: datetime.date) -> int:
    return age_on(birth, REFERENCE_DAY)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def _person(rng: random.Random, used_ids: set[str]) -> dict:
    sex = rng.choice(people.SEXES)
    surname = rng.choice(_COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(_SURNAMES)
    pool = _MALE_GIVEN if sex == "男" else _FEMALE_GIVEN
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.75 else "")
    # Ages 50-98, weighted towards the elderly the clubs mostly serve.
    age = min(98, 50 + int(rng.triangular(0, 48, 22)))
    # Born between age+1 years and age years before the reference day: exactly ``age`` on that day.
    birth = _years_after(REFERENCE_DAY, -age - 1) + datetime.timedelta(days=1 + rng.randrange(365))
    while True:
        serial = rng.randrange(0, 500) * 2 + (1 if sex == "男" else 0)
        first17 = f"{rng.choice(_AREAS)}{birth:%Y%m%d}{serial:03d}"
        number = first17 + _check_digit(first17)
        if number not in used_ids:
            used_ids.add(number)
            break
    is_member = rng.random() < 0.45
    is_volunteer = rng.random() < (0.35 if is_member else 0.12) and age < 85
    situations: list[str] = []
    if rng.random() < 0.13:
        situations = rng.sample(people.SITUATIONS, k=1 if rng.random() < 0.7 else 2)
    tags: list[str] = []
    posts: list[str] = []
    if is_volunteer:
        tags.append("注册志愿者")
        if age >= 60 and rng.random() < 0.3:
            tags.append("五老志愿者")
        tags += [t for t in ("讲师", "顾问", "文体骨干") if rng.random() < 0.08]
        if rng.random() < 0.12:
            posts.append(rng.choice(people.POSTS))
    joined = None
    if is_member:
        joined = _years_after(birth, rng.randint(people.PARTY_MIN_AGE, min(45, age))) + datetime.timedelta(
            days=rng.randrange(300))
    status, status_date = "active", None
    roll = rng.random()
    if roll < 0.02:
        status, status_date = "moved_away", REFERENCE_DAY - datetime.timedelta(days=rng.randrange(1, 900))
    elif roll < 0.035 and age > 75:
        status, status_date = "deceased", REFERENCE_DAY - datetime.timedelta(days=rng.randrange(1, 900))
    # A few elderly people came from a list that had only 出生年月 and no ID number: kept as year and month.
    month_only = age >= 80 and serial % 37 == 0
    if month_only:
        used_ids.discard(number)
        number, birth = None, birth.replace(day=1)
    return {
        "name": surname + given, "sex": sex, "birth_date": birth.isoformat(), "birth_month_only": int(month_only),
        "id_number": number, "id_legacy": 0,
        "phone": rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}" if rng.random() < 0.9 else "",
        "building": str(rng.randint(1, 60)), "unit": str(rng.randint(1, 6)),
        "room": f"{rng.randint(1, 6)}0{rng.randint(1, 4)}",
        "is_resident": 1, "is_member": int(is_member),
        "party_joined": joined.isoformat() if joined else None,
        "party_branch": rng.choice(_BRANCHES) if is_member else "",
        "is_volunteer": int(is_volunteer),
        # In the roster's own order, as the person form stores them.
        "situations": [s for s in people.SITUATIONS if s in situations],
        "tags": [t for t in people.TALENT_TAGS if t in tags], "posts": posts,
        "notes": "", "status": status, "status_date": status_date.isoformat() if status_date else None,
    }


_DONE = ("米、油", "水果和牛奶", "慰问金 200 元", "帮助联系家政服务", "量血压，讲解用药", "送去党报党刊", "陪同去医院复查",
         "帮忙修理水龙头", "月饼和慰问信", "", "")
_SUMMARIES = {
    "concern": ("反映小区路灯不亮，晚上出行不便", "希望增加老年食堂供餐点", "关心医保报销新政策", "反映楼道堆放杂物有火灾隐患"),
    "cadre_event": ("老干部九十大寿，家属希望组织慰问", "老干部获评市级优秀共产党员", "老干部捐赠个人藏书给社区书屋"),
    "emergency": ("家中水管爆裂，老人独居无法处理", "老人在家摔倒，邻居发现后送医", "家中突发变故，需要帮扶"),
    "wide_impact": ("带头调解邻里纠纷，居民反响好", "义务清理小区绿地半年，带动多名居民参与"),
    "serious_illness": ("突发脑梗住院治疗", "确诊肺癌，在胜利医院住院", "心脏搭桥手术后在家休养"),
}


def _activity(rng: random.Random, rows: list[dict], ids: list[int], today: datetime.date) -> tuple[list, list, list]:
    """Visits and must-reports of the past year, dated relative to ``today`` so the due list has work in it."""
    def ago(low: int, high: int) -> datetime.date:
        return today - datetime.timedelta(days=rng.randint(low, high))

    active = [(pid, row) for pid, row in zip(ids, rows) if row["status"] == "active"]
    volunteers = [pid for pid, row in active if row["is_volunteer"]] or [pid for pid, _ in active[:5]]
    visits, reports, events = [], [], []

    def visit(person_id: int, kind: str, day: datetime.date, **extra) -> None:
        crew = [v for v in rng.sample(volunteers, k=min(len(volunteers), rng.choice((1, 1, 2)))) if v != person_id]
        if crew:
            visits.append({"person_id": person_id, "kind": kind, "visit_date": day.isoformat(),
                           "visitor_ids": crew, "done": rng.choice(_DONE), "notes": "", "follow_up_on": None, **extra})

    for pid, row in active:
        if row.get("registered_on"):
            registered = datetime.date.fromisoformat(row["registered_on"])
            if (today - registered).days > 45 or rng.random() < 0.3:
                visit(pid, "registration", min(today, registered + datetime.timedelta(days=rng.randint(3, 25))))
        if rng.random() < 0.06:
            kind = rng.choice(("special", "festival", "festival", "supporter", "hospital"))
            day = ago(1, 360)
            # Older follow-ups were done long ago; the recent ones are still open.
            follow = day + datetime.timedelta(days=rng.randint(7, 40)) if rng.random() < 0.25 and (today - day).days < 45 else None
            visit(pid, kind, day, follow_up_on=follow.isoformat() if follow else None)
        if rng.random() < 0.02:
            kind = rng.choice(list(_SUMMARIES))
            # One in four was learnt last month, so the bulletin a new user prints first has must-reports in it.
            learnt = add_months(today, -1) + datetime.timedelta(days=rng.randint(0, 27)) if not len(reports) % 4 \
                else ago(0, 200)
            roll = rng.random()
            status = "closed" if roll < 0.55 and (today - learnt).days > 10 else ("reported" if roll < 0.8 else "open")
            if status == "open" and (today - learnt).days > 12:
                status = "reported"  # a real club does not leave a report unsent for months
            index = len(reports)
            report = {"person_id": pid, "kind": kind, "summary": rng.choice(_SUMMARIES[kind]),
                      "learnt_on": learnt.isoformat(), "reported_to": "", "reported_on": None, "status": status,
                      "closed_on": None, "notes": ""}
            events.append({"report_index": index, "on_date": learnt.isoformat(), "status": "open", "note": ""})
            if status in ("reported", "closed"):
                reported = min(today, learnt + datetime.timedelta(days=rng.randint(0, 3)))
                report.update(reported_to="老年服务部党支部", reported_on=reported.isoformat())
                events.append({"report_index": index, "on_date": reported.isoformat(), "status": "reported",
                                "note": "电话报告支部书记"})
            if status == "closed":
                closed = min(today, learnt + datetime.timedelta(days=rng.randint(10, 40)))
                report["closed_on"] = closed.isoformat()
                events.append({"report_index": index, "on_date": closed.isoformat(), "status": "closed",
                               "note": "已妥善处理"})
            reports.append(report)
            if kind in ("serious_illness", "emergency") and (status == "closed" or (today - learnt).days > 6):
                visit(pid, "hospital" if kind == "serious_illness" else "special",
                      min(today, learnt + datetime.timedelta(days=rng.randint(0, 3))), report_index=index)
    return visits, reports, events


def _aid_groups(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """Most people in hardship already have a mutual-aid group; a few do not, and one group lost its helper."""
    proposals = list(aid_groups.suggest(db, on=today).proposals)
    rng.shuffle(proposals)
    kept = proposals[:int(len(proposals) * 0.85)]
    for start in range(0, len(kept), 25):  # formed in batches over the past two years, the last one last month
        on = today - datetime.timedelta(days=rng.randint(30, 700))
        if start + 25 >= len(kept):
            on = add_months(today, -1) + datetime.timedelta(days=rng.randint(2, 20))
        aid_groups.apply_proposals(db, kept[start:start + 25], actor=actor, on=on)
    groups = aid_groups.list_groups(db)
    if groups:
        # One helper has since moved away: that person shows as uncovered, with the reason.
        lone = next((g for g in groups if len(g["helper_ids"]) == 1), None)
        if lone:
            people.change_status(db, lone["helper_ids"][0], "moved_away", today - datetime.timedelta(days=10),
                                 actor=actor)


def _rota(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """This month's and next month's rota, a few absences, and attendance confirmed for the days gone by."""
    members = [v["id"] for v in rota_db.rota_people(db)]
    if not members:
        return
    for person_id in rng.sample(members, k=min(3, len(members))):
        start = today + datetime.timedelta(days=rng.randint(-10, 20))
        rota.add_absence(db, person_id, start, start + datetime.timedelta(days=rng.randint(2, 7)),
                         rng.choice(("外出探亲", "住院检查", "照顾孙辈")), actor=actor)
    this_month = today.replace(day=1)
    next_month = add_months(this_month, 1)
    # Planned at the start of the month, so the past days have assignments to confirm.
    rota.generate(db, this_month.strftime("%Y-%m"), actor=actor, today=this_month)
    rota.generate(db, next_month.strftime("%Y-%m"), actor=actor, today=today)
    for shift in rota.month_rota(db, this_month.strftime("%Y-%m")):
        if shift.day < today:
            for _, _, assignment_id in shift.people:
                rota.confirm(db, assignment_id, rng.random() > 0.03, actor=actor, today=today)


def _time_bank(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """Hours credited for the visits and shifts, the volunteer day, a reward catalogue, and some hours spent."""
    rewards = [timebank.add_reward(db, name, hours, stock, actor) for name, hours, stock in (
        ("大米一袋（10斤）", 10, 30), ("理发券", 4, 50), ("体检套餐", 40, 5), ("保温杯", 15, 20))]
    timebank.credit_visits_and_shifts(db, actor=actor)
    volunteers = [row["id"] for row in rota_db.rota_people(db)] or []
    day = datetime.date(today.year, 3, 5) if today >= datetime.date(today.year, 3, 5) else datetime.date(today.year - 1, 3, 5)
    for person_id in volunteers:  # years of service before the app, entered once, so levels are at work
        timebank.deposit(db, person_id, rng.choice((30, 80, 150, 260, 340, 520, 700, 950)),
                         on=datetime.date(today.year - 1, 12, 31), source="manual", note="往年志愿服务时长（补录）",
                         actor=actor)
    if volunteers:  # 学雷锋志愿服务日: everyone on the rota served a morning
        volunteer_day = activities.record_activity(
            db, {"kind": "event", "title": "学雷锋志愿服务日", "project": "志愿者日", "held_on": day,
                 "place": "社区广场", "hours": 3, "participants": volunteers, "served_count": 260,
                 "notes": "义诊、磨刀、理发、维修、政策咨询一条街"}, actor=actor, today=today)
        activities.confirm_activity(db, volunteer_day, actor=actor, today=today)
    for person_id in rng.sample(volunteers, k=min(4, len(volunteers))):
        try:
            if rng.random() < 0.5:
                timebank.exchange(db, person_id, rng.choice(rewards[:2]), on=today, actor=actor)
            else:
                timebank.withdraw(db, person_id, 2, on=today, note="腿伤期间请志愿者代购买菜", actor=actor)
        except KnownError:
            pass  # not enough hours yet: a new volunteer


def _level_up_last_month(db: sqlite_utils.Database, today: datetime.date, actor: str) -> None:
    """Hours from an outside event entered for last month, taking the volunteer nearest a level over it, so last
    month's bulletin (the one a new user prints first) shows someone reaching a new level."""
    first, end = add_months(today, -1), add_months(today, 0) - datetime.timedelta(days=1)
    table = timebank.levels(db)
    near = []
    for row in bank_db.earned_between(db, first.isoformat(), end.isoformat()):
        upward = timebank.next_level(row["until"], table)
        if upward is not None and timebank.level_of(row["until"], table) == timebank.level_of(row["before"], table):
            near.append((upward[1], row["person_id"]))  # the hours still needed
    gap, person_id = min(near, default=(None, None))
    if gap is not None and gap <= 40:  # a day or two of service, not an invented year
        timebank.deposit(db, person_id, int(gap) + 2, on=end - datetime.timedelta(days=5), source="manual",
                         note="参加油田志愿服务日（外出，补记）", actor=actor)


def _meetings(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """A year of meetings: the monthly release meeting, councils, and the quarterly joint meeting — except this
    quarter's, so the reminder shows."""
    committee = [row["id"] for row in rota_db.rota_people(db)]
    if not committee:
        return
    this_quarter = (today.month - 1) // 3
    for months_ago in range(12, 0, -1):
        first = add_months(today, -months_ago)
        held = [("release", first + datetime.timedelta(days=26), "本月工作进展、政策宣传、好人好事",
                 "下月重点：冬季困难群众走访")]
        if months_ago % 2 == 0:
            held.append(("council", first + datetime.timedelta(days=10), "居民反映的楼道照明和停车问题",
                         "联系物业，两周内答复"))
        if first.month % 3 == 1 and not (first.year == today.year and (first.month - 1) // 3 == this_quarter):
            held.append(("joint", first + datetime.timedelta(days=15), "共驻共建：社区、物业、驻区单位联席",
                         "驻区单位认领三项微心愿"))
        for kind, day, topics, decisions in held:
            if day < today:
                meetings.record_meeting(db, {"kind": kind, "held_on": day, "place": "服务社会议室", "topics": topics,
                                             "decisions": decisions,
                                             "attendee_ids": rng.sample(committee, k=min(8, len(committee)))},
                                        actor=actor, today=today)


def _activities(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """A year of service sessions and classes (the last two waiting to be confirmed), residents' feedback,
    three certificates issued, and last year's awards confirmed, so every part of the time bank is at work."""
    volunteers = [row["id"] for row in rota_db.rota_people(db)]
    if not volunteers:
        return
    sessions = (("service", "义诊", "社区卫生站", 2.5, (30, 60)), ("service", "磨刀", "服务社门口", 2, (15, 30)),
                ("service", "理发", "服务社活动室", 3, (10, 25)), ("class", "剪纸", "老年活动中心", 2, (12, 20)),
                ("class", "合唱", "老年活动中心", 1.5, (20, 35)))
    made = []
    for months_ago in range(11, -1, -1):
        first = add_months(today, -months_ago)
        for kind, project, place, hours, served in rng.sample(sessions, k=2):
            day = first + datetime.timedelta(days=rng.randint(2, 25))
            if day > today:
                continue
            made.append(activities.record_activity(db, {
                "kind": kind, "project": project, "title": f"{project}{'课' if kind == 'class' else '服务'}",
                "held_on": day, "place": place, "hours": hours, "served_count": rng.randint(*served),
                "participants": rng.sample(volunteers, k=min(len(volunteers), rng.randint(3, 8)))},
                actor=actor, today=today))
    for activity_id in made[:-2]:
        activities.confirm_activity(db, activity_id, actor=actor, today=today)
    said = ("帮我修好了漏水的水龙头，特别热心", "义诊时耐心讲解用药，老人们都说好", "雨天坚持上门送药",
            "值班时态度和蔼，办事利索", "剪纸课教得细致，孙子都学会了")
    for person_id in rng.sample(volunteers, k=min(12, len(volunteers))):
        awards.record_feedback(db, person_id, "praise", rng.choice(said), given_by=rng.choice(
            ("12号楼居民", "老干部家属", "社区居委会", "7号楼张大妈")),
            on=today - datetime.timedelta(days=rng.randint(5, 300)), actor=actor, today=today)
    awards.record_feedback(db, volunteers[-1], "complaint", "值班时迟到半小时", given_by="来办事的居民",
                           on=today - datetime.timedelta(days=40), actor=actor, today=today)
    for person_id in volunteers[:3]:
        try:
            certificates.issue(db, person_id, datetime.date(today.year, 1, 1), today, purpose="评优",
                               actor=actor, today=today)
        except KnownError:
            pass  # no hours yet this year
    last_year = [(c.person_id, c.proposed) for c in awards.ranking(db, today.year - 1, today=today) if c.proposed]
    awards.confirm(db, today.year - 1, last_year, actor=actor, today=today)


_GOOD_NEWS = (
    ("义务理发进楼栋", "志愿者张师傅和李阿姨每周五带着工具上门，给行动不便的老人理发，这个月理了二十多位。",
     "义务理发", (70, 130, 180)),
    ("老党员捡到钱包交还失主", "12号楼的老党员在小区捡到一个装有现金和证件的钱包，当天交到服务社，值班志愿者联系上了失主。",
     None, None),
    ("雨天送药到家", "连续几天下雨，互助组的志愿者冒雨给独居老人送药、买菜，老人们拉着手不停道谢。",
     "冒雨送药", (90, 110, 140)),
    ("剪纸课作品展出", "老年活动中心剪纸课的三十多件作品在服务社展出，吸引了不少居民驻足。", None, None),
    ("邻里调解化纠纷", "调解员用了两个晚上，化解了两户邻居因漏水引起的矛盾，双方握手言和。", None, None),
)


def demo_photo(caption: str, sky: tuple[int, int, int], width: int = 960, height: int = 640) -> bytes:
    """A made-up "photo" for a good-news item, drawn in code (no picture files, no downloads): sky, lawn, a
    building, a red banner with the caption in the bundled font, and a row of people."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from app import paths

    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # the sky lightens towards the horizon
        shade = tuple(min(255, c + y // 3) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(96, 160, 80))
    draw.rectangle([width // 8, height // 4, width * 7 // 8, height * 2 // 3], fill=(225, 205, 170))
    for column in range(6):
        for row in range(3):
            x = width // 8 + 40 + column * (width * 3 // 4 - 80) // 6
            y = height // 4 + 30 + row * 70
            draw.rectangle([x, y, x + 60, y + 40], fill=(150, 190, 220))
    font = ImageFont.truetype(str(paths.font_file()), 64, index=0)
    box = draw.textbbox((0, 0), caption, font=font)
    banner_w = box[2] - box[0] + 80
    left = (width - banner_w) // 2
    draw.rectangle([left, 40, left + banner_w, 140], fill=(190, 20, 20))
    draw.text((left + 40, 90), caption, font=font, fill=(255, 230, 120), anchor="lm")
    for i in range(9):
        x = 80 + i * (width - 160) // 8
        colour = ((200, 60, 60), (60, 90, 170), (230, 170, 40))[i % 3]
        draw.ellipse([x - 18, height - 190, x + 18, height - 154], fill=(240, 200, 170))
        draw.rounded_rectangle([x - 26, height - 150, x + 26, height - 70], radius=12, fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _month_end(db: sqlite_utils.Database, rng: random.Random, today: datetime.date, actor: str) -> None:
    """What the bulletin and the return of last month and this month report beyond the registers above: the
    director's good news with photos, visits over the weeks, and people who moved away or died."""
    from app import good_news
    from app.db import month_report as month_db

    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    for index, (title, body, caption, sky) in enumerate(_GOOD_NEWS):
        month = last_month if index < 3 else this_month
        photo = demo_photo(caption, sky) if caption else None
        good_news.add_item(db, month.strftime("%Y-%m"), title=title, body=body, photo=photo,
                           photo_name=f"{caption}.jpg" if caption else "", actor=actor)
    # People with no part in the due list, the mutual-aid groups or the rota: their leaving changes only the roster.
    quiet = month_db.quiet_people(db)
    rng.shuffle(quiet)
    volunteers = [row["id"] for row in rota_db.rota_people(db)]
    visits = []
    for person in quiet[:45]:  # visits spread over last month and this one, so both months have a few dozen
        day = last_month + datetime.timedelta(days=rng.randint(0, (today - last_month).days))
        visits.append({"person_id": person["id"], "kind": rng.choice(("supporter", "special", "hospital")),
                       "visit_date": day.isoformat(), "visitor_ids": rng.sample(volunteers, k=min(2, len(volunteers))),
                       "done": rng.choice(_DONE), "notes": "", "follow_up_on": None})
    if visits and volunteers:
        visits_db.insert_many(db, visits, [], [], actor=actor)
        timebank.credit_visits_and_shifts(db, actor=actor)
    leaving = quiet[45:49]
    for person, status, day in zip(leaving, ("deceased", "moved_away", "deceased", "moved_away"),
                                   (last_month + datetime.timedelta(days=6), last_month + datetime.timedelta(days=17),
                                    max(this_month, today - datetime.timedelta(days=3)), today)):
        people.change_status(db, person["id"], status, day, actor=actor)


def _lunar_birthdays(rows: list[dict]) -> None:
    """Each row's birthday by the lunar calendar. Converted once per date, in date order: the conversion works
    out a whole lunar year and keeps only the last one, so 300,000 people in random order would take minutes."""
    lunar: dict[str, tuple[int, int, int, bool]] = {}
    for birth in sorted({row["birth_date"] for row in rows}):
        lunar[birth] = calendar_cn.to_lunar(datetime.date.fromisoformat(birth))
    for row in rows:
        _, month, day, leap = lunar[row["birth_date"]]
        row.update(lunar_birth_month=month, lunar_birth_day=day, lunar_birth_leap=int(leap))


def _corrections(db: sqlite_utils.Database, today: datetime.date) -> None:
    """Slips put right, as a club's log shows them: of the month's latest visits, one corrected (a note forgotten)
    and one voided (logged twice), each by the director with the reason."""
    from app.accounts import Session

    director = Session(None, DEMO_ACCOUNTS[0][0], "director")
    recent = [v for v in visits.list_visits(db, end=today.isoformat(), limit=10) if v["state"] == "valid"]
    if len(recent) < 2:
        return
    visits.correct_visit(db, recent[0]["id"], {"notes": "家属在场，老人情绪稳定"}, reason="漏记了备注", by=director,
                         today=today)
    visits.void_visit(db, recent[1]["id"], reason="同一次走访记了两遍", by=director, today=today)


DEMO_PASSWORD = "1234"  # printed on the practice club's log-in
DEMO_ACCOUNTS = (("演示主任", "director"), ("演示值班员甲", "duty"), ("演示值班员乙", "duty"))


def make_demo(db: sqlite_utils.Database, *, count: int = 600, seed: int = 1, actor: str = "演示数据",
              today: datetime.date | None = None) -> int:
    """Fill an empty database with a demo club of ``count`` people; returns how many were added.

    The people depend only on ``seed``; their visits and reports are dated relative to ``today`` (default:
    the real today), so the practice club always has something due.
    """
    today = today or datetime.date.today()
    if not 1 <= count <= MAX_PEOPLE:
        raise ValueError(f"count must be 1..{MAX_PEOPLE}")
    if people.count_people(db):
        raise KnownError("数据库里已经有人员，演示数据只能放进空数据库")
    rng = random.Random(seed)
    used: set[str] = set()
    rows = [_person(rng, used) for _ in range(count)]
    activity = random.Random(seed + 1)
    lunar_born: list[dict] = []
    for row in rows:
        row.update(registered_on=None, lunar_birth_month=None, lunar_birth_day=None, lunar_birth_leap=0,
                   aid_capacity=2, helper_unavailable=0, same_sex_only=0, on_rota=0, skills=[],
                   rota_weekdays_off=[], rota_max_month=None, rota_prefers="")
        birth = datetime.date.fromisoformat(row["birth_date"])
        # Some members registered with the club lately (报到); some elders keep their birthday by the lunar calendar.
        if row["is_member"] and row["status"] == "active" and activity.random() < 0.05:
            row["registered_on"] = (today - datetime.timedelta(days=activity.randint(1, 400))).isoformat()
        if ids_age(birth) >= 75 and activity.random() < 0.25 and not row["birth_month_only"]:
            lunar_born.append(row)
    _lunar_birthdays(lunar_born)
    committee = 0
    for row in rows:
        if row["is_volunteer"]:
            row["aid_capacity"] = activity.choice((1, 2, 2, 2, 3))
            # About two dozen committee volunteers take turns at the desk; some have a project's skill.
            if committee < 24 and row["status"] == "active" and ids_age(datetime.date.fromisoformat(row["birth_date"])) < 76:
                committee += 1
                row["on_rota"] = 1
                row["skills"] = [s for s in ("磨刀", "维修", "理发", "医护") if activity.random() < 0.18]
                row["rota_weekdays_off"] = activity.sample(range(1, 8), k=activity.choice((0, 0, 1, 2)))
                row["rota_prefers"] = activity.choice(("", "", "morning", "afternoon"))
                row["rota_max_month"] = activity.choice((None, None, None, 8, 10))
    person_ids = []
    for start in range(0, len(rows), 10_000):  # in slices: each is copied twice on its way in
        person_ids += people.add_many(db, rows[start:start + 10_000], actor=actor)
    visits_db.insert_many(db, *_activity(activity, rows, person_ids, today), actor=actor)
    _aid_groups(db, activity, today, actor)
    _rota(db, activity, today, actor)
    _time_bank(db, activity, today, actor)
    _meetings(db, activity, today, actor)
    _activities(db, activity, today, actor)
    # Its own random stream: the month-end data never shifts what the registers above were given.
    _month_end(db, random.Random(seed + 2), today, actor)
    _corrections(db, today)
    _level_up_last_month(db, today, actor)
    set_setting(db, "club_name", "胜利油田演示党员服务社", actor=actor)
    set_setting(db, "demo", True, actor=actor)
    if getattr(db, "key", None) is not None and keyfile.exists(db.path):
        keyfile.update(db.path, db.key, practice=True)  # the log-in says "every password is 1234" before opening
    if not accounts.has_accounts(db):  # the practice club's log-in: a director and two duty volunteers
        for name, role in DEMO_ACCOUNTS:
            accounts.create_account(db, name, role, DEMO_PASSWORD, actor=actor)
    return count
