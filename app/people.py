"""Roster rules: what a person's record may hold, how it is checked, and how a roster search is read."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import sqlite_utils

from app import ids, names
from app.db import people as people_db
from app.errors import ValidationError
from app.fields import Fields

SITUATIONS = ("独居", "空巢", "孤寡", "残疾", "重病", "特困", "低保", "失独")
# The words offices write for these situations. 五保 (and the older 三无) became 特困 when the 2014 social assistance
# rules folded 农村五保供养 into 特困人员救助供养, so they are the same situation. 低保 (minimum living allowance) is a
# situation of its own: a household on 低保 has some income or able members, which 特困 excludes. 失独 (parents whose
# only child died) is its own too: such a couple may both be alive, which 孤寡 is not.
SITUATION_WORDS = {
    **{word: word for word in SITUATIONS},
    "独居老人": "独居", "空巢老人": "空巢", "空巢家庭": "空巢",
    "孤老": "孤寡", "孤寡老人": "孤寡",
    "残疾人": "残疾", "残障": "残疾", "伤残": "残疾",
    "大病": "重病", "重大疾病": "重病", "重病患者": "重病",
    "五保": "特困", "五保户": "特困", "三无": "特困", "三无人员": "特困", "特困户": "特困", "特困人员": "特困",
    "特困供养": "特困", "特困供养人员": "特困",
    "低保户": "低保", "低保对象": "低保", "最低生活保障": "低保",
    "失独家庭": "失独", "失独老人": "失独",
}
TALENT_TAGS = ("五老志愿者", "注册志愿者", "讲师", "顾问", "文体骨干")
# 三长 then 六员, in the order the club lists them.
POSTS = ("巡逻队长", "志愿队长", "文体队长", "宣传员", "治安员", "环境员", "调解员", "联络员", "教育员")
STATUSES = ("active", "moved_away", "deceased")
# Skills the duty rota's service projects ask for (磨刀, 维修, 理发, 义诊 …).
SKILLS = ("磨刀", "维修", "理发", "医护", "电脑", "书法", "文艺")
SEXES = ("男", "女")
PARTY_MIN_AGE = 18

_SEX_WORDS = {"男": "男", "男性": "男", "m": "男", "male": "男", "女": "女", "女性": "女", "f": "女", "female": "女"}
_ADDRESS_SUFFIX = {key: re.compile(pattern) for key, pattern in
                   (("building", r"(号楼|号|栋|幢|楼|#)$"), ("unit", r"(单元|门)$"), ("room", r"(室|号|户)$"))}
_SPACES = re.compile(r"\s+")
_PADDING = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class Cleaned:
    """A checked record ready to store, and remarks that do not stop saving it (a legacy ID, say)."""

    values: dict[str, Any]
    remarks: list[str] = field(default_factory=list)


def clean_person(raw: dict[str, Any], *, today: datetime.date | None = None) -> Cleaned:
    """Check a person's fields as typed or imported; raise InvalidRecord with a Chinese reason per bad field.

    The ID number, when given, decides the birth date and sex: entered values that disagree are errors,
    missing ones are filled in from it.
    """
    today = today or datetime.date.today()
    f = Fields()
    remarks: list[str] = []
    out: dict[str, Any] = {}

    name = _SPACES.sub(" ", ids.normalise(str(raw.get("name") or "")))
    # "李  娜": spreadsheets pad two-character names to line up with three-character ones.
    name = _PADDING.sub("", name)
    f.first("name", (not name, "姓名不能为空"), (len(name) > 30, "姓名太长（最多30个字）"))
    out["name"] = name

    def attempt(key: str, parse, *args):
        """A field left empty is None; a filled one parsed, or its reason kept beside it."""
        value = raw.get(key)
        return None if value in (None, "") else f.check(key, parse, value, *args)

    rid = attempt("id_number", ids.parse_resident_id)
    out["id_number"] = rid.number if rid else None
    out["id_legacy"] = int(bool(rid and rid.legacy))
    if rid and rid.legacy:
        remarks.append("这是15位旧身份证号，已标记，建议核对后换成18位")

    sex = attempt("sex", _parse_sex)
    read = attempt("birth_date", _read_past_date, "birth_date", today)
    birth = read.day if read else None
    month_only = bool(read and not read.day_known)
    if rid:
        # 出生年月 beside an ID: the ID gives the day, and must agree on the year and month.
        agrees = (birth.year, birth.month) == (rid.birth_date.year, rid.birth_date.month) if month_only else None
        if month_only and agrees:
            birth = rid.birth_date
        for key, problem in (("birth_date", birth and birth != rid.birth_date), ("sex", sex and sex != rid.sex)):
            if problem:
                f.refuse(key, next(m for m in ids.id_mismatches(rid, birth if key == "birth_date" else None,
                                                                 sex if key == "sex" else None)))
        birth = birth or rid.birth_date
        sex = sex or rid.sex
        month_only = False
    out["birth_date"] = birth.isoformat() if birth else None
    out["birth_month_only"] = int(month_only)
    out["sex"] = sex

    out["phone"] = attempt("phone", ids.parse_phone) or ""
    for key in ("building", "unit", "room"):
        out[key] = _ADDRESS_SUFFIX[key].sub("", ids.normalise(str(raw.get(key) or ""))).strip()

    for key in ("is_resident", "is_member", "is_volunteer"):
        out[key] = int(bool(raw.get(key, key == "is_resident")))
    joined = attempt("party_joined", _parse_past_date, "party_joined", today)
    f.first("party_joined", (joined and not out["is_member"], "只有党员才填写入党时间"),
            (joined and birth and ids.age_on(birth, joined) < PARTY_MIN_AGE, f"入党时间应在年满{PARTY_MIN_AGE}岁之后"))
    out["party_joined"] = joined.isoformat() if joined else None
    out["party_branch"] = ids.normalise(str(raw.get("party_branch") or "")) if out["is_member"] else ""

    for key, allowed, label in (("situations", SITUATIONS, "困难情况"), ("tags", TALENT_TAGS, "人才库标签"),
                                ("posts", POSTS, "职务")):
        chosen = list(raw.get(key) or [])
        if key == "situations":
            chosen = [SITUATION_WORDS.get(item, item) for item in chosen]
        out[key] = f.known(key, chosen, allowed,
                           lambda unknown: f"未知的{label}：{'、'.join(map(str, unknown))}（可填 {'、'.join(allowed)}）")
    out["notes"] = ids.free_text(raw.get("notes"))
    registered = attempt("registered_on", _parse_past_date, "registered_on", today)
    out["registered_on"] = registered.isoformat() if registered else None
    capacity = raw.get("aid_capacity", 2)
    out["aid_capacity"] = f.whole("aid_capacity", capacity if capacity not in (None, "") else 2, 0, 20,
                                  "帮扶上限应为 0 到 20 人")
    out["helper_unavailable"] = int(bool(raw.get("helper_unavailable")))
    out["same_sex_only"] = int(bool(raw.get("same_sex_only")))
    out["on_rota"] = int(bool(raw.get("on_rota")))
    out["skills"] = f.known("skills", raw.get("skills") or [], SKILLS, lambda unknown: f"未知的技能：{'、'.join(unknown)}")
    weekdays = sorted({int(d) for d in raw.get("rota_weekdays_off") or [] if str(d).isdigit()})
    f.rule("rota_weekdays_off", all(1 <= d <= 7 for d in weekdays), "星期应为 1 到 7")
    out["rota_weekdays_off"] = weekdays
    most = raw.get("rota_max_month")
    out["rota_max_month"] = None if most in (None, "") else f.whole("rota_max_month", most, 0, 62,
                                                                       "每月最多值班次数应为 0 到 62")
    prefers = raw.get("rota_prefers") or ""
    f.rule("rota_prefers", prefers in ("", "morning", "afternoon"), "偏好应为上午、下午或不限")
    out["rota_prefers"] = prefers
    lunar = attempt("lunar_birthday", parse_lunar_birthday)
    out["lunar_birth_month"], out["lunar_birth_day"], out["lunar_birth_leap"] = lunar or (None, None, 0)

    f.raise_if_any()
    out.update(derived_columns(name))
    return Cleaned(out, remarks)


_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "冬": 11, "十一": 11, "腊": 12, "十二": 12}
_LUNAR_UNITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LUNAR_TENS = {"初": 0, "十": 10, "廿": 20, "二十": 20, "三十": 30}


def _lunar_day(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in ("初十", "十"):
        return 10
    if text in ("二十", "三十"):
        return _LUNAR_TENS[text]
    for prefix, tens in _LUNAR_TENS.items():
        if text.startswith(prefix) and text[len(prefix):] in _LUNAR_UNITS:
            return tens + _LUNAR_UNITS[text[len(prefix):]]
    return None


def parse_lunar_birthday(value: Any) -> tuple[int, int, int] | None:
    """A birthday kept by the lunar calendar, as typed: "四月初八", "闰四月初八", "腊月廿三", "4-8", "闰4月8日".

    Returns (month, day, leap as 0/1), or None when empty. Raises ValidationError with a Chinese reason.
    """
    text = re.sub(r"\s", "", ids.normalise(str(value or ""))).removeprefix("农历")
    if not text:
        return None
    leap = text.startswith("闰")
    text = text.removeprefix("闰")
    match = re.fullmatch(r"(\d{1,2})[-/.月](\d{1,2})日?", text) or re.fullmatch(r"(正|腊|冬|十[一二]?|[一二三四五六七八九])月(.+)", text)
    month = day = None
    if match:
        first, second = match.groups()
        month = int(first) if first.isdigit() else _LUNAR_MONTHS.get(first)
        day = _lunar_day(second.removesuffix("日"))
    if not month or not day or not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValidationError("农历生日看不懂，请写成“四月初八”或“4-8”，闰月写“闰四月初八”", "lunar_birthday")
    return month, day, int(leap)


def _parse_sex(value: Any) -> str:
    sex = _SEX_WORDS.get(ids.normalise(str(value)).lower())
    if sex is None:
        raise ValidationError("性别应为“男”或“女”", "sex")
    return sex


def _parse_past_date(value: Any, key: str, today: datetime.date) -> datetime.date:
    return _read_past_date(value, key, today).day


def _read_past_date(value: Any, key: str, today: datetime.date) -> ids.ReadDate:
    read = ids.read_date(value, field=key)
    day = read.day
    # 1950年3月 this month is not later than today: compare months when the day is not known.
    if (day if read.day_known else day.replace(day=1)) > (today if read.day_known else today.replace(day=1)):
        raise ValidationError("日期晚于今天", key)
    if day.year < 1900:
        raise ValidationError("日期早于1900年", key)
    return read


def birth_text(person: dict[str, Any]) -> str:
    """A person's birth as the form and the roster show it: 1945-03-12, or 1950年3月 when only the month is known."""
    if not person.get("birth_date"):
        return ""
    if person.get("birth_month_only"):
        day = datetime.date.fromisoformat(person["birth_date"])
        return f"{day.year}年{day.month}月"
    return person["birth_date"]


def derived_columns(name: str) -> dict[str, str]:
    """The columns the roster sorts and searches by, computed from the name whenever it is stored."""
    return {"sort_key": names.sort_key(name), "search_text": names.search_text(name)}


def check_status_change(status: str, on: datetime.date | None, *, today: datetime.date | None = None) -> None:
    today = today or datetime.date.today()
    if status not in STATUSES:
        raise ValidationError(f"未知的状态：{status}", "status")
    if status != "active" and on is None:
        raise ValidationError("请填写迁出或去世的日期", "status_date")
    if on and on > today:
        raise ValidationError("日期晚于今天", "status_date")


# ---------------------------------------------------------------- the roster search

@dataclass(frozen=True)
class RosterFilter:
    """What the roster shows: the typed text and the quick filters, as the GUI and the CLI both pass it."""

    text: str = ""
    members: bool = False
    volunteers: bool = False
    hardship: bool = False
    tag: str | None = None
    include_inactive: bool = False
    sort: str = "name"
    descending: bool = False
    uncovered: bool = False  # only people who must be covered by a mutual-aid group and are not
    full_ids: bool = False  # the searcher may see full ID numbers (a director): digits may match any ID tail


@dataclass(frozen=True)
class SearchTerm:
    """One word of the typed text, read as what it most likely is."""

    kind: str  # "text": name or pinyin; "digits": ID tail, phone or building; "building": 12号楼
    value: str


_BUILDING_WORD = re.compile(r"(\d+)(号楼|栋|幢|楼|#)")


def parse_search(text: str) -> list[SearchTerm]:
    """Split what was typed into terms that must all match: ``zsf``, ``张``, ``1234``, ``12号楼``.

    A name is read without its middle dots and in simplified characters (``買買提•艾力`` → ``买买提艾力``), as the
    words it is found by are stored.
    """
    terms = []
    for word in ids.normalise(text).lower().split():
        if match := _BUILDING_WORD.fullmatch(word):
            terms.append(SearchTerm("building", match.group(1)))
        elif re.fullmatch(r"\d+x?", word):
            terms.append(SearchTerm("digits", word.upper()))
        elif term := names.search_term(word):
            terms.append(SearchTerm("text", term))
    return terms


# Reading people needs no rule of its own: the roster's readers are the database's.
get_person = people_db.get_person
people_by_ids = people_db.people_by_ids
count_people = people_db.count_people
Page = people_db.Page


def _query(db: sqlite_utils.Database, flt: RosterFilter) -> people_db.RosterQuery:
    only = None
    if flt.uncovered:
        from app.aid_groups import coverage  # the aid groups build on the roster, not the other way round

        only = tuple(gap.person_id for gap in coverage(db).uncovered)
    return people_db.RosterQuery(
        terms=tuple((term.kind, term.value) for term in parse_search(flt.text)), members=flt.members,
        volunteers=flt.volunteers, hardship=flt.hardship, tag=flt.tag, include_inactive=flt.include_inactive,
        sort=flt.sort, descending=flt.descending, only_ids=only, id_tail=None if flt.full_ids else ids.MASK_TAIL)


def search_ids(db: sqlite_utils.Database, flt: RosterFilter) -> list[int]:
    """The ids of all the people the roster shows for this filter, in its order (the CLI and exports use it)."""
    return people_db.search_ids(db, _query(db, flt))


def search_page(db: sqlite_utils.Database, flt: RosterFilter, *, after: tuple[str, int] | None = None,
                limit: int = 200, until: int | None = None) -> people_db.Page:
    """The people the roster shows, a page at a time when there are many (the window shows only what it needs);
    ``until``: a person the page must reach if the search lists them."""
    return people_db.search_page(db, _query(db, flt), after=after, limit=limit, until=until)


def why_not_found(db: sqlite_utils.Database, text: str, *, volunteers: bool = False) -> str:
    """Why a name typed into a picker finds nobody to choose, in a volunteer's words: the person has died or moved
    away, is not a volunteer (for a picker of volunteers), or is not on the roster at all."""
    shown = text.strip()
    anyone = people_by_ids(db, search_page(db, RosterFilter(text=shown, include_inactive=True), limit=5).ids[:5])
    if not anyone:
        return f"花名册里没有找到“{shown}”：少输几个字，或输入拼音首字母再试"
    gone = [p for p in anyone if p["status"] != "active"]
    if len(gone) == len(anyone):
        person = gone[0]
        on = f"（{person['status_date']}）" if person.get("status_date") else ""
        state = "已去世" if person["status"] == "deceased" else "已迁出"
        return f"{person['name']}{state}{on}，不能再选；人员的状态在花名册里查看"
    if volunteers:
        names = "、".join(dict.fromkeys(p["name"] for p in anyone if p["status"] == "active"))
        return f"{names}不是志愿者：要选的人须先在花名册里登记为志愿者"
    return f"花名册里没有找到“{shown}”"


def volunteer_named(db: sqlite_utils.Database, name: str) -> int | None:
    """The one active volunteer of this exact name (the account at the desk, say), or None when none or several."""
    found = [p for p in people_by_ids(db, search_page(db, RosterFilter(text=name.strip(), volunteers=True),
                                                       limit=5).ids[:5]) if p["name"] == name.strip()]
    return found[0]["id"] if len(found) == 1 else None


def count_matches(db: sqlite_utils.Database, flt: RosterFilter,
                  cancelled: Callable[[], bool] | None = None) -> int | None:
    """How many people the roster lists for this filter; None if ``cancelled()`` turned true first."""
    return people_db.count_matches(db, _query(db, flt), cancelled)


def search_people(db: sqlite_utils.Database, flt: RosterFilter) -> list[dict[str, Any]]:
    return people_db.people_by_ids(db, search_ids(db, flt))


def ensure_search_index(db: sqlite_utils.Database,
                        progress: Callable[[int, int], None] | None = None) -> int:
    """Make every person's search words again when the file's were made by older rules (or before the index
    existed), then the index; returns how many people were done (0 when the file was up to date).

    Each chunk of people is its own transaction, so the window and other commands may write in between; the
    search reads the file without its index until the last step.
    """
    if people_db.index_rules(db) == names.RULES_VERSION:
        return 0
    total = people_db.count_people(db)
    people_db.set_index_rules(db, 0)
    done, after = 0, 0
    while chunk := people_db.people_names(db, after):
        people_db.store_search_words(db, [(pid, name, names.sort_key(name), names.search_text(name))
                                          for pid, name in chunk])
        done += len(chunk)
        after = chunk[-1][0]
        if progress is not None:
            progress(done, total)
    people_db.fill_index(db, names.RULES_VERSION)
    return done


def add_person(db: sqlite_utils.Database, raw: dict[str, Any], *, actor: str) -> tuple[int, list[str]]:
    """Check and store a new person; returns the id and remarks (a legacy ID, say). Raises InvalidRecord."""
    cleaned = clean_person(raw)
    return people_db.insert_person(db, cleaned.values, actor=actor), cleaned.remarks


def edit_person(db: sqlite_utils.Database, person_id: int, raw: dict[str, Any], *, actor: str) -> list[str]:
    """Check and store a person's changed fields; returns remarks. Raises InvalidRecord."""
    cleaned = clean_person(raw)
    people_db.update_person(db, person_id, cleaned.values, actor=actor)
    return cleaned.remarks


def change_status(db: sqlite_utils.Database, person_id: int, status: str, on: datetime.date | None, *,
                  actor: str) -> None:
    """Mark a person active, moved away or deceased from a date; never deleted. Raises ValidationError."""
    check_status_change(status, on)
    people_db.set_status(db, person_id, status, on.isoformat() if on and status != "active" else None, actor=actor)


def add_many(db: sqlite_utils.Database, values: list[dict[str, Any]], *, actor: str) -> list[int]:
    """Store many people already checked or generated (demo club, imports) in one transaction."""
    ensure_search_index(db)  # the words of the people already there follow the same rules as the new ones
    return people_db.insert_many(db, [{**v, **derived_columns(v["name"])} for v in values], actor=actor)


def id_number_for(db: sqlite_utils.Database, person_id: int, *, role: str, actor: str) -> str | None:
    """A person's full ID number for someone whose role may see it (recorded in the access log), else None."""
    from app import accounts
    from app.db.access import record_access

    if not accounts.can(role, "full_ids"):
        return None
    number = people_db.get_person(db, person_id)["id_number"]
    if number:
        record_access(db, "view_full_id", f"人员编号 {person_id}", actor=actor)
    return number
