"""Tests for app.ids: what a user sees for each ID, phone and date they might type or import."""

import datetime

import pytest

from app.errors import ValidationError
from app.ids import (
    ReadDate,
    ResidentId,
    age_on,
    event_date,
    id_mismatches,
    mask_id,
    normalise,
    parse_date,
    parse_phone,
    parse_resident_id,
    past_date,
    read_date,
    upgrade_legacy_id,
)

D = datetime.date


def with_check(first17: str) -> str:
    """Independent ISO 7064 MOD 11-2 check digit (weights 2**(17-i) mod 11), to build test numbers."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return first17 + ("X" if value == 10 else str(value))


@pytest.mark.parametrize("text", ["0", "0-", "00", "+86", "-"])
def test_phone_fragments_are_refused_with_a_reason(text):
    with pytest.raises(ValidationError) as caught:
        parse_phone(text)
    assert caught.value.reason == "电话号码格式不对"


def test_reference_check_digit_agrees_with_the_published_example():
    assert with_check("11010519491231002") == "11010519491231002X"


def reason_of(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value


# ---------------------------------------------------------------- normalise

@pytest.mark.parametrize(
    "text, expected",
    [
        ("  张 三  ", "张 三"),
        ("\u3000王五\u3000", "王五"),
        ("１２３ＡＢｃ", "123ABc"),
        ("（北京）", "(北京)"),
        ("", ""),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


# ---------------------------------------------------------------- resident IDs

@pytest.mark.parametrize(
    "text, number, legacy, birth, sex",
    [
        ("11010519491231002X", "11010519491231002X", False, D(1949, 12, 31), "女"),
        ("11010519491231002x", "11010519491231002X", False, D(1949, 12, 31), "女"),
        ("370502194503121237", "370502194503121237", False, D(1945, 3, 12), "男"),
        ("３７０５０２１９４５０３１２１２３７", "370502194503121237", False, D(1945, 3, 12), "男"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", False, D(1949, 12, 31), "女"),
        (" 370502 19450312 1237 ", "370502194503121237", False, D(1945, 3, 12), "男"),
        ("370502\u300019450312\t1237", "370502194503121237", False, D(1945, 3, 12), "男"),
        ("370502450312123", "370502450312123", True, D(1945, 3, 12), "男"),
        ("110105491231002", "110105491231002", True, D(1949, 12, 31), "女"),
        (with_check("81000019000101004"), with_check("81000019000101004"), False, D(1900, 1, 1), "女"),
    ],
)
def test_valid_resident_ids(text, number, legacy, birth, sex):
    assert parse_resident_id(text) == ResidentId(number, legacy, birth, sex)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "身份证号不能为空"),
        ("   ", "身份证号不能为空"),
        ("370502194503121238", "身份证号校验位不对，应为 7（请核对最后一位）"),
        ("110105194912310021", "身份证号校验位不对，应为 X（请核对最后一位）"),
        # Excel kept 15 significant digits and padded with zeros: the check digit fails on the zeros.
        ("370502194503121000", "身份证号末三位是000，像是被Excel存成数字后丢了末几位，请从原件重新录入"),
        ("3.70502E+17", "身份证号被Excel存成了数字，末几位已丢失，请从原件重新录入"),
        ("3.70502194503121e17", "身份证号被Excel存成了数字，末几位已丢失，请从原件重新录入"),
        (with_check("11010519490230002"), "身份证号中的出生日期不存在"),
        (with_check("11010519491301002"), "身份证号中的出生日期不存在"),
        ("110105490230002", "身份证号中的出生日期不存在"),
        (with_check("11010520990101002"), "身份证号中的出生日期晚于今天"),
        (with_check("11010518991231002"), "身份证号中的出生日期早于1900年"),
        (with_check("99010519491231002"), "身份证号的地区码不存在"),
        (with_check("10010519491231002"), "身份证号的地区码不存在"),
        ("380502450312123", "身份证号的地区码不存在"),
        # Provinces exist, the six digits were never a region code in any revision since 1980.
        (with_check("37999919500305737"), "身份证号前六位 379999 不是地区码（哪一年的行政区划里都没有），请核对"),
        (with_check("91010119500305737"), "身份证号前六位 910101 不是地区码（哪一年的行政区划里都没有），请核对"),
        (with_check("37058819500305737"), "身份证号前六位 370588 不是地区码（哪一年的行政区划里都没有），请核对"),
        ("379999500305737", "身份证号前六位 379999 不是地区码（哪一年的行政区划里都没有），请核对"),
        ("37050219450312123", "身份证号应为18位（旧证15位），现在是17位"),
        ("3705021945031212370", "身份证号应为18位（旧证15位），现在是19位"),
        ("37050219450312123Y", "身份证号含有非法字符"),
        ("370502-19450312-1237", "身份证号含有非法字符"),
        ("37050219450312X237", "身份证号只有18位号码的最后一位可以是X"),
        ("37050245031212X", "身份证号只有18位号码的最后一位可以是X"),
    ],
)
def test_invalid_resident_ids(text, reason):
    error = reason_of(parse_resident_id, text)
    assert (error.reason, error.field) == (reason, "id_number")


@pytest.mark.parametrize(
    "code, birth, why",
    [
        ("110103", "1950", "崇文区, merged into 东城区 in 2010: old numbers keep it"),
        ("370521", "1950", "垦利县, a district (370505) since 2016"),
        ("379001", "1940", "青州市 while it was directly under the province (1986-1994)"),
        ("370505", "2018", "垦利区, new in 2016"),
        ("110100", "1960", "a city's own code, which some numbers of the 1980s carry"),
    ],
)
def test_retired_and_recent_region_codes_are_accepted(code, birth, why):
    assert parse_resident_id(with_check(f"{code}{birth}0305123")).number[:6] == code


def test_every_region_code_of_the_dataset_is_a_real_place():
    from app.ids import is_region_code

    assert is_region_code("370502") and is_region_code("110103") and not is_region_code("379999")
    # A county made after the newest year the list knows can only be judged by its province, for numbers of
    # people born since.
    assert is_region_code("379999", 2030) and not is_region_code("999999", 2030)


RID = parse_resident_id("11010519491231002X")


@pytest.mark.parametrize(
    "birth, sex, expected",
    [
        (D(1949, 12, 31), "女", []),
        (None, None, []),
        (None, "", []),
        (D(1949, 12, 30), None, ["出生日期与身份证号不符（身份证为 1949-12-31）"]),
        (None, "男", ["性别与身份证号不符（身份证为 女）"]),
        (
            D(1950, 1, 1),
            "男",
            ["出生日期与身份证号不符（身份证为 1949-12-31）", "性别与身份证号不符（身份证为 女）"],
        ),
    ],
)
def test_id_mismatches(birth, sex, expected):
    assert id_mismatches(RID, birth, sex) == expected


@pytest.mark.parametrize(
    "legacy, upgraded",
    [
        ("370502450312123", "370502194503121237"),
        ("110105491231002", "11010519491231002X"),
        ("１１０１０５ ４９１２３１ ００２", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),  # already 18 digits: unchanged
    ],
)
def test_upgrade_legacy_id_round_trip(legacy, upgraded):
    assert upgrade_legacy_id(legacy) == upgraded
    old, new = parse_resident_id(legacy), parse_resident_id(upgraded)
    assert (new.legacy, new.birth_date, new.sex) == (False, old.birth_date, old.sex)


def test_upgrade_legacy_id_rejects_an_invalid_number():
    assert reason_of(upgrade_legacy_id, "110105490230002").reason == "身份证号中的出生日期不存在"


@pytest.mark.parametrize(
    "number, masked",
    [
        ("11010519491231002X", "11**************2X"),  # the province and the last 2: not the birth date's place
        ("370502450312123", "37***********23"),
        (" ３７０５０２４５０３１２１２３ ", "37***********23"),
        ("", ""),
        (None, ""),
        ("1234567890", "**********"),
    ],
)
def test_mask_id(number, masked):
    assert mask_id(number) == masked
    assert sum(c != "*" for c in masked) <= 4


# ---------------------------------------------------------------- phone numbers

@pytest.mark.parametrize(
    "text, expected",
    [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("＋８６－１３８（００１３）８０００", "13800138000"),
        ("(+86) 199 1234 5678", "19912345678"),
        ("0546-8123456", "0546-8123456"),
        ("05468123456", "0546-8123456"),
        ("(0546) 8123456", "0546-8123456"),
        ("010-12345678", "010-12345678"),
        ("021 87654321", "021-87654321"),
        ("+86 546 8123456", "0546-8123456"),
        ("8123456", "8123456"),
        ("81234567", "81234567"),
        ("", ""),
        ("\u3000 ", ""),
    ],
)
def test_valid_phones(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("138001380001", "手机号应为11位，以1开头（现在是12位）"),
        ("1380013800", "手机号应为11位，以1开头（现在是10位）"),
        ("12800138000", "手机号第二位应为3到9"),
        ("138 0013 800a", "电话号码格式不对"),
        ("0546-812345", "电话号码格式不对"),
        ("12345", "手机号应为11位，以1开头（现在是5位）"),
        ("23456", "电话号码格式不对"),
        ("无", "电话号码格式不对"),
        ("+86", "电话号码格式不对"),
    ],
)
def test_invalid_phones(text, reason):
    error = reason_of(parse_phone, text)
    assert (error.reason, error.field) == (reason, "phone")


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize(
    "value, expected",
    [
        (D(1945, 3, 12), D(1945, 3, 12)),
        (datetime.datetime(1945, 3, 12, 8, 30), D(1945, 3, 12)),
        ("1945-03-12", D(1945, 3, 12)),
        ("1945-03-12 00:00:00", D(1945, 3, 12)),
        ("1945/3/12", D(1945, 3, 12)),
        ("1945.03.12", D(1945, 3, 12)),
        ("1945.3.12", D(1945, 3, 12)),
        ("1945年3月12日", D(1945, 3, 12)),
        ("1945 年 3 月 12 日", D(1945, 3, 12)),
        ("1945年3月", D(1945, 3, 1)),
        ("1945.3", D(1945, 3, 1)),
        ("1945-03", D(1945, 3, 1)),
        ("194503", D(1945, 3, 1)),
        ("19450312", D(1945, 3, 12)),
        ("１９４５－０３－１２", D(1945, 3, 12)),
        ("１９４５年３月１２日", D(1945, 3, 12)),
        # Excel serials: 1 is 1900-01-01, 59 is 1900-02-28, 60 is Excel's fictitious 1900-02-29.
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        (16508, D(1945, 3, 12)),
        (16510, D(1945, 3, 14)),
        (36526, D(2000, 1, 1)),
        (16508.75, D(1945, 3, 12)),
        ("16508", D(1945, 3, 12)),
        ("16508.0", D(1945, 3, 12)),
        ("１６５０８", D(1945, 3, 12)),
    ],
)
def test_valid_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("", "日期不能为空"),
        ("   ", "日期不能为空"),
        (None, "日期不能为空"),
        (60, "日期不存在（Excel 1900-02-29）"),
        ("60", "日期不存在（Excel 1900-02-29）"),
        (0, "日期格式无法识别：0"),
        (-5, "日期格式无法识别：-5"),
        (2958466, "日期格式无法识别：2958466"),
        (float("nan"), "日期格式无法识别：nan"),
        ("明年", "日期格式无法识别：明年"),
        ("1945-03/12", "日期格式无法识别：1945-03/12"),
        ("12/03/1945", "日期格式无法识别：12/03/1945"),
        ("1945-02-30", "日期不存在：1945-02-30"),
        ("19450230", "日期不存在：19450230"),
        ("1945年13月", "日期不存在：1945年13月"),
        ("194513", "日期不存在：194513"),
        ("  1945.02.29 ", "日期不存在：1945.02.29"),
    ],
)
def test_invalid_dates(value, reason):
    error = reason_of(parse_date, value, field="birth_date")
    assert (error.reason, error.field) == (reason, "birth_date")


def test_parse_date_default_field():
    assert reason_of(parse_date, "x").field == "date"


# ---------------------------------------------------------------- ages

@pytest.mark.parametrize(
    "birth, on, age",
    [
        (D(1945, 3, 12), D(2025, 3, 11), 79),
        (D(1945, 3, 12), D(2025, 3, 12), 80),
        (D(1945, 3, 12), D(2025, 12, 31), 80),
        (D(1944, 2, 29), D(2025, 2, 28), 80),
        (D(1944, 2, 29), D(2025, 3, 1), 81),
        (D(1944, 2, 29), D(2024, 2, 29), 80),
        (D(2025, 1, 1), D(2025, 1, 1), 0),
    ],
)
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


# ---------------------------------------------------------------- dates of events, as volunteers type them

TODAY = D(2026, 12, 3)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-02", D(2026, 12, 2)), ("2026.12.2", D(2026, 12, 2)), ("2026/12/2", D(2026, 12, 2)),
        ("2026年12月2日", D(2026, 12, 2)), ("2026 年 12 月 2 日", D(2026, 12, 2)), ("20261202", D(2026, 12, 2)),
        ("12月2日", D(2026, 12, 2)), ("12月2号", D(2026, 12, 2)), ("12-2", D(2026, 12, 2)), ("12.2", D(2026, 12, 2)),
        ("12/2", D(2026, 12, 2)), ("１２月２日", D(2026, 12, 2)), ("十二月二日", D(2026, 12, 2)),
        # month.day is a date form: 12.3 is 12月3日, today
        ("12.3", D(2026, 12, 3)), ("12.3.", D(2026, 12, 3)),
        # a day of this year still to come is last year's
        ("12-4", D(2025, 12, 4)), ("1月5日", D(2026, 1, 5)),
        ("2月29日", D(2024, 2, 29)),
        ("今天", D(2026, 12, 3)), ("昨天", D(2026, 12, 2)), ("前天", D(2026, 12, 1)),
        ("2026-12-02 10:30", D(2026, 12, 2)), (D(2026, 11, 1), D(2026, 11, 1)),
        (datetime.datetime(2026, 11, 1, 9, 0), D(2026, 11, 1)),
    ],
)
def test_event_dates_as_volunteers_type_them(text, expected):
    assert event_date(text, "visit_date", today=TODAY) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("12-4", D(2026, 12, 4)), ("12-2", D(2027, 12, 2)), ("12-3", D(2026, 12, 3)), ("明天", D(2026, 12, 4)),
     ("后天", D(2026, 12, 5)), ("2月29日", D(2028, 2, 29))],
)
def test_a_day_planned_ahead_is_the_next_such_day(text, expected):
    assert event_date(text, "follow_up_on", today=TODAY, ahead=True) == expected


EXAMPLE = "请写成 2026-12-03、12月3日 或 今天"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("4", f"只写了数字“4”，看不出是哪一天，{EXAMPLE}"),
        ("1203", f"只写了数字“1203”，看不出是哪一天，{EXAMPLE}"),
        (4, f"只写了数字“4”，看不出是哪一天，{EXAMPLE}"),
        (16508, f"只写了数字“16508”，看不出是哪一天，{EXAMPLE}"),
        ("2026年12月", f"“2026年12月”没有写哪一天，{EXAMPLE}"),
        ("2026-12", f"“2026-12”没有写哪一天，{EXAMPLE}"),
        ("明天", f"日期看不懂：明天，{EXAMPLE}"),
        ("下周", f"日期看不懂：下周，{EXAMPLE}"),
        ("1899-12-31", f"日期早于1900年：1899-12-31，{EXAMPLE}"),
        (D(1899, 12, 31), f"日期早于1900年：1899-12-31，{EXAMPLE}"),
        ("2026-13-01", "日期不存在：2026-13-01"),
        ("2月30日", "日期不存在：2月30日"),
        ("", "日期不能为空"),
        (None, "日期不能为空"),
    ],
)
def test_event_dates_refused_with_what_to_type(text, reason):
    error = reason_of(event_date, text, "visit_date", today=TODAY)
    assert (error.reason, error.field) == (reason, "visit_date")


def test_past_date_reads_the_short_forms_and_refuses_a_day_to_come():
    assert past_date("昨天", "held_on", TODAY) == D(2026, 12, 2)
    assert reason_of(past_date, "2026-12-04", "held_on", TODAY).reason == "日期晚于今天"


@pytest.mark.parametrize(
    "text, expected, day_known",
    [
        ("1950年3月5号", D(1950, 3, 5), True), ("一九五〇年三月五日", D(1950, 3, 5), True),
        ("一九五零年十二月二十五日", D(1950, 12, 25), True), ("1950。3。5", D(1950, 3, 5), True),
        ("1950.3.5.", D(1950, 3, 5), True), ("1950.03", D(1950, 3, 1), False), ("1950.3", D(1950, 3, 1), False),
        ("1950年3月", D(1950, 3, 1), False), ("一九五〇年三月", D(1950, 3, 1), False), ("1950-03", D(1950, 3, 1), False),
        ("195003", D(1950, 3, 1), False), ("19500305", D(1950, 3, 5), True), (16508, D(1945, 3, 12), True),
    ],
)
def test_roster_dates_as_people_write_them(text, expected, day_known):
    assert read_date(text) == ReadDate(expected, day_known)
    assert parse_date(text) == expected
