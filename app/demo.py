"""The demo club: a realistic made-up roster to practise on, the same people for the same seed."""

from __future__ import annotations

import datetime
import random

import sqlite_utils

from app import people
from app.db.settings import set_setting

# Reference day for ages, fixed so that a seed always gives the same people.
REFERENCE_DAY = datetime.date(2026, 1, 1)
MAX_PEOPLE = 200_000

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
    return {
        "name": surname + given, "sex": sex, "birth_date": birth.isoformat(), "id_number": number, "id_legacy": 0,
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


def make_demo(db: sqlite_utils.Database, *, count: int = 600, seed: int = 1, actor: str = "演示数据") -> int:
    """Fill an empty database with a demo club of ``count`` people; returns how many were added."""
    if not 1 <= count <= MAX_PEOPLE:
        raise ValueError(f"count must be 1..{MAX_PEOPLE}")
    if people.count_people(db):
        from app.errors import KnownError

        raise KnownError("数据库里已经有人员，演示数据只能放进空数据库")
    rng = random.Random(seed)
    used: set[str] = set()
    rows = [_person(rng, used) for _ in range(count)]
    people.add_many(db, rows, actor=actor)
    set_setting(db, "club_name", "胜利油田演示党员服务社", actor=actor)
    set_setting(db, "demo", True, actor=actor)
    return count
