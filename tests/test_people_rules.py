"""The roster rules of the person form and of imports (app.people): what is accepted, filled in, or refused."""

from __future__ import annotations

import datetime

import pytest

from app.errors import InvalidRecord
from app.people import RosterFilter, SearchTerm, birth_text, clean_person, parse_search

TODAY = datetime.date(2025, 6, 1)
ZHANG_ID = "370502194503121018"  # born 1945-03-12, male


def clean(**raw):
    return clean_person(raw, today=TODAY)


def errors_of(**raw) -> dict[str, str]:
    with pytest.raises(InvalidRecord) as info:
        clean(**raw)
    return info.value.errors


@pytest.mark.parametrize("name", ["", "   ", "\u3000", None])
def test_a_name_is_required(name):
    assert errors_of(name=name) == {"name": "姓名不能为空"}


def test_names_are_tidied_and_limited():
    # Spaces that pad Chinese names in spreadsheets go; a space in a romanised name stays.
    assert clean(name="  张\u3000 三丰 ").values["name"] == "张三丰"
    assert clean(name=" Anna   Li ").values["name"] == "Anna Li"
    assert errors_of(name="张" * 31)["name"] == "姓名太长（最多30个字）"


def test_the_id_fills_in_birth_date_and_sex():
    cleaned = clean(name="张三丰", id_number="３７０５０２ 1945 0312 1018")
    values = cleaned.values
    assert (values["id_number"], values["birth_date"], values["sex"], values["id_legacy"]) == (
        ZHANG_ID, "1945-03-12", "男", 0)
    assert cleaned.remarks == []


def test_matching_birth_date_and_sex_are_accepted_in_any_form():
    values = clean(name="张三丰", id_number=ZHANG_ID, birth_date="1945年3月12日", sex="男性").values
    assert (values["birth_date"], values["sex"]) == ("1945-03-12", "男")


def test_birth_date_and_sex_that_disagree_with_the_id_are_refused():
    assert errors_of(name="张三丰", id_number=ZHANG_ID, birth_date="1945-03-13", sex="女") == {
        "birth_date": "出生日期与身份证号不符（身份证为 1945-03-12）",
        "sex": "性别与身份证号不符（身份证为 男）",
    }


def test_a_15_digit_id_is_accepted_and_flagged():
    cleaned = clean(name="李建国", id_number="370502450312101")
    assert cleaned.values["id_legacy"] == 1
    assert (cleaned.values["birth_date"], cleaned.values["sex"]) == ("1945-03-12", "男")
    assert len(cleaned.remarks) == 1 and "15位旧身份证号" in cleaned.remarks[0]


def test_a_bad_id_is_refused_with_its_reason():
    assert "校验位" in errors_of(name="张三丰", id_number="370502194503121019")["id_number"]


@pytest.mark.parametrize("phone, expected", [("138 0546 1111", "13805461111"), ("+86 138-0546-1111", "13805461111"),
                                             ("0546 8223344", "0546-8223344"), ("", "")])
def test_phone_numbers_are_tidied(phone, expected):
    assert clean(name="张三丰", phone=phone).values["phone"] == expected


@pytest.mark.parametrize("phone", ["1380546111", "12345", "电话"])
def test_a_bad_phone_number_is_refused(phone):
    reason = errors_of(name="张三丰", phone=phone)["phone"]
    assert "手机号" in reason or "电话号码" in reason


def test_party_membership_from_the_18th_birthday():
    values = clean(name="张三丰", id_number=ZHANG_ID, is_member=True, party_joined="1963-03-12",
                   party_branch=" 第一党支部 ").values
    assert (values["is_member"], values["party_joined"], values["party_branch"]) == (1, "1963-03-12", "第一党支部")
    assert errors_of(name="张三丰", id_number=ZHANG_ID, is_member=True, party_joined="1963-03-11") == {
        "party_joined": "入党时间应在年满18岁之后"}


def test_only_members_have_a_party_date_or_branch():
    assert errors_of(name="张三丰", party_joined="1970-01-01") == {"party_joined": "只有党员才填写入党时间"}
    assert clean(name="张三丰", party_branch="第一党支部").values["party_branch"] == ""


@pytest.mark.parametrize(
    "key, chosen, message",
    [
        # Each says what may be written instead.
        ("situations", ["富裕", "独居"], "未知的困难情况：富裕（可填 独居、空巢、孤寡、残疾、重病、特困、低保、失独）"),
        ("tags", ["歌手"], "未知的人才库标签：歌手（可填 五老志愿者、注册志愿者、讲师、顾问、文体骨干）"),
        ("posts", ["主任"], "未知的职务：主任（可填 巡逻队长、志愿队长、文体队长、宣传员、治安员、环境员、调解员、联络员、教育员）"),
    ],
)
def test_unknown_list_items_are_refused(key, chosen, message):
    assert errors_of(name="张三丰", **{key: chosen}) == {key: message}


@pytest.mark.parametrize(
    "written, stored",
    [
        (["低保"], ["低保"]), (["低保户"], ["低保"]), (["五保"], ["特困"]), (["五保户", "特困"], ["特困"]),
        (["三无人员"], ["特困"]), (["残疾人"], ["残疾"]), (["独居老人", "空巢老人"], ["独居", "空巢"]),
        (["失独"], ["失独"]), (["失独家庭"], ["失独"]), (["孤老"], ["孤寡"]), (["大病"], ["重病"]),
    ],
)
def test_the_common_words_for_hardship_are_understood(written, stored):
    assert clean(name="张三丰", situations=written).values["situations"] == stored


def test_list_items_keep_the_official_order():
    values = clean(name="张三丰", situations=["特困", "独居"], tags=["讲师", "注册志愿者"]).values
    assert (values["situations"], values["tags"]) == (["独居", "特困"], ["注册志愿者", "讲师"])


@pytest.mark.parametrize(
    "address, expected",
    [
        (dict(building="12号楼", unit="3单元", room="201室"), ("12", "3", "201")),
        (dict(building="１２栋", unit="3门", room="201号"), ("12", "3", "201")),
        (dict(building="12#", unit="3", room="201户"), ("12", "3", "201")),
        (dict(building="12", unit="", room=""), ("12", "", "")),
    ],
)
def test_address_suffixes_are_stripped(address, expected):
    values = clean(name="张三丰", **address).values
    assert (values["building"], values["unit"], values["room"]) == expected


@pytest.mark.parametrize(
    "key, raw",
    [
        ("birth_date", {"name": "张三丰"}),
        ("party_joined", {"name": "张三丰", "birth_date": "1945-03-12", "is_member": True}),
    ],
)
def test_dates_after_today_are_refused(key, raw):
    assert errors_of(**raw, **{key: "2025-06-02"}) == {key: "日期晚于今天"}
    assert clean(**raw, **{key: "2025-06-01"}).values[key] == "2025-06-01"


def test_every_bad_field_is_reported_at_once():
    errors = errors_of(name="", phone="123", sex="x", situations=["富裕"])
    assert set(errors) == {"name", "phone", "sex", "situations"}


def test_defaults_of_a_minimal_record():
    values = clean(name="覃明").values
    assert values == {
        "name": "覃明", "id_number": None, "id_legacy": 0, "birth_date": None, "birth_month_only": 0, "sex": None, "phone": "",
        "building": "", "unit": "", "room": "", "is_resident": 1, "is_member": 0, "is_volunteer": 0,
        "party_joined": None, "party_branch": "", "situations": [], "tags": [], "posts": [], "notes": "",
        "search_text": " 覃明 明 tanming ming tm qinming qm", "sort_key": "qin ming\t覃明",
        "registered_on": None, "lunar_birth_month": None, "lunar_birth_day": None, "lunar_birth_leap": 0,
        "aid_capacity": 2, "helper_unavailable": 0, "same_sex_only": 0,
        "on_rota": 0, "skills": [], "rota_weekdays_off": [], "rota_max_month": None, "rota_prefers": "",
    }


# ---------------------------------------------------------------- reading the search box


@pytest.mark.parametrize(
    "text, terms",
    [
        ("zsf", [("text", "zsf")]),
        ("ZSF 张", [("text", "zsf"), ("text", "张")]),
        ("1234", [("digits", "1234")]),
        ("102x", [("digits", "102X")]),
        ("12号楼", [("building", "12")]),
        ("１２号楼\u30003栋 5#", [("building", "12"), ("building", "3"), ("building", "5")]),
        ("张 12号楼 1018", [("text", "张"), ("building", "12"), ("digits", "1018")]),
        ("  ", []),
    ],
)
def test_parse_search_reads_each_word(text, terms):
    assert parse_search(text) == [SearchTerm(kind, value) for kind, value in terms]


def test_roster_filter_defaults_show_active_people_by_name():
    flt = RosterFilter()
    assert (flt.text, flt.include_inactive, flt.sort, flt.descending) == ("", False, "name", False)


# ---------------------------------------------------------------- births known by year and month

@pytest.mark.parametrize("written", ["1945.03", "1945.3", "1945年3月", "1945-03", "194503", "一九四五年三月"])
def test_a_year_and_month_beside_an_id_takes_the_day_from_the_id(written):
    values = clean(name="张三丰", id_number=ZHANG_ID, birth_date=written).values
    assert (values["birth_date"], values["birth_month_only"]) == ("1945-03-12", 0)


def test_a_year_and_month_that_disagrees_with_the_id_is_refused():
    assert errors_of(name="张三丰", id_number=ZHANG_ID, birth_date="1945.04") == {
        "birth_date": "出生日期与身份证号不符（身份证为 1945-03-12）"}
    assert errors_of(name="张三丰", id_number=ZHANG_ID, birth_date="1946年3月") == {
        "birth_date": "出生日期与身份证号不符（身份证为 1945-03-12）"}


@pytest.mark.parametrize("written", ["1950.03", "1950.3", "1950年3月", "1950-03", "195003"])
def test_without_an_id_the_birth_is_kept_as_year_and_month(written):
    values = clean(name="李秀英", birth_date=written).values
    assert (values["birth_date"], values["birth_month_only"]) == ("1950-03-01", 1)
    assert birth_text(values) == "1950年3月"


@pytest.mark.parametrize("written", ["1950年3月5号", "一九五〇年三月五日", "1950。3。5", "1950.3.5.", "1950-03-05"])
def test_whole_birth_dates_in_the_forms_people_write(written):
    values = clean(name="李秀英", birth_date=written).values
    assert (values["birth_date"], values["birth_month_only"]) == ("1950-03-05", 0)
    assert birth_text(values) == "1950-03-05"


def test_this_month_is_not_later_than_today():
    assert clean(name="新生", birth_date="2025年6月").values["birth_month_only"] == 1
    assert errors_of(name="新生", birth_date="2025年7月") == {"birth_date": "日期晚于今天"}
