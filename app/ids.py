"""Resident ID numbers, phone numbers and dates: parsing, validation and masking."""

from __future__ import annotations

import datetime
import functools
import math
import operator
import re
from dataclasses import dataclass
from typing import Any

from app.errors import ValidationError
from app.paths import resources_dir

# Control characters no keyboard types (NUL, BEL, ESC …; tab and line breaks stay): they arrive only with pasted
# binary or scripted input, SQLite's text functions stop at a NUL (so "\x00" would pass as filled in and then fail
# the table's non-empty check), a terminal obeys an ESC, and neither a worksheet nor a PDF can hold them.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Full-width ASCII sits at a fixed offset from ASCII; U+3000 is the ideographic space.
_WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | _CONTROLS


def normalise(text: str) -> str:
    """Fold full-width ASCII and ideographic spaces to half-width, drop control characters and strip the ends.

    Inner spaces stay: names and addresses keep them; the ID and phone parsers drop them themselves.
    """
    return text.translate(_WIDTH_FOLD).strip()


def free_text(value) -> str:
    """A free-text field as stored (notes, topics, a reason): control characters dropped, the ends stripped.

    Nothing else changes: full-width letters, emoji, quotes and line breaks are kept as typed.
    """
    return str(value or "").translate(_CONTROLS).strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


# ---------------------------------------------------------------- resident ID numbers

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PROVINCES = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, *range(31, 38), *range(41, 47), *range(50, 55),
     *range(61, 66), 71, 81, 82, 83, 91]
)
# Excel shows a long number such as an ID as "3.70502E+17" and keeps only 15 significant digits.
_EXCEL_NUMBER = re.compile(r"\d+(?:\.\d+)?E\+?\d+")
_FIELD_ID = "id_number"
EXCEL_LOST_DIGITS = "身份证号被Excel存成了数字，末几位已丢失，请从原件重新录入"
# An 18-digit number that went through an Excel number cell keeps 15 significant digits: it ends in 000.
EXCEL_ROUNDED = "身份证号末三位是000，像是被Excel存成数字后丢了末几位，请从原件重新录入"


@functools.cache
def _region_codes() -> tuple[frozenset[str], int]:
    """Every GB/T 2260 code used since 1980 (old numbers carry retired codes), and the newest year the list knows.

    resources/regions/gbt2260.tsv, built by tools/region_codes.py from published datasets (see its README).
    """
    codes, newest = set(), 0
    with open(resources_dir() / "regions" / "gbt2260.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                newest = int(re.search(r"1980-(\d{4})", line).group(1))
                continue
            codes.add(line[:6])
    return frozenset(codes), newest


def is_region_code(code: str, birth_year: int | None = None) -> bool:
    """Whether six digits were ever a GB/T 2260 region code. A number issued after the list's newest year (a child
    born in a county made since) cannot be judged by it, and only its province is checked."""
    codes, newest = _region_codes()
    return code in codes or (birth_year is not None and birth_year > newest and int(code[:2]) in _PROVINCES)


@dataclass(frozen=True)
class ResidentId:
    number: str  # 18 or 15 characters: digits, with an upper-case final 'X' when present
    legacy: bool  # a 15-digit first-generation ID
    birth_date: datetime.date
    sex: str  # '男' or '女'


def _check_digit(first17: str) -> str:
    return _CHECK_CHARS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def parse_resident_id(text: str) -> ResidentId:
    """Validate an ID number as typed or imported; raise ValidationError naming the first problem."""
    number = _compact(text or "").upper()
    if not number:
        raise ValidationError("身份证号不能为空", _FIELD_ID)
    if _EXCEL_NUMBER.fullmatch(number):
        raise ValidationError(EXCEL_LOST_DIGITS, _FIELD_ID)
    if not re.fullmatch(r"[0-9X]+", number):
        raise ValidationError("身份证号含有非法字符", _FIELD_ID)
    if len(number) not in (15, 18):
        raise ValidationError(f"身份证号应为18位（旧证15位），现在是{len(number)}位", _FIELD_ID)
    legacy = len(number) == 15
    if "X" in (number if legacy else number[:17]):
        raise ValidationError("身份证号只有18位号码的最后一位可以是X", _FIELD_ID)
    if int(number[:2]) not in _PROVINCES:
        raise ValidationError("身份证号的地区码不存在", _FIELD_ID)

    digits = "19" + number[6:12] if legacy else number[6:14]
    try:
        birth = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError("身份证号中的出生日期不存在", _FIELD_ID) from None
    if birth > datetime.date.today():
        raise ValidationError("身份证号中的出生日期晚于今天", _FIELD_ID)
    if birth < datetime.date(1900, 1, 1):
        raise ValidationError("身份证号中的出生日期早于1900年", _FIELD_ID)

    if not is_region_code(number[:6], birth.year):
        raise ValidationError(f"身份证号前六位 {number[:6]} 不是地区码（哪一年的行政区划里都没有），请核对", _FIELD_ID)
    if not legacy:
        expected = _check_digit(number[:17])
        if number[17] != expected:
            if number.endswith("000"):
                raise ValidationError(EXCEL_ROUNDED, _FIELD_ID)
            raise ValidationError(f"身份证号校验位不对，应为 {expected}（请核对最后一位）", _FIELD_ID)
    sex_digit = number[14] if legacy else number[16]
    return ResidentId(number, legacy, birth, "男" if int(sex_digit) % 2 else "女")


def id_mismatches(rid: ResidentId, birth_date: datetime.date | None, sex: str | None) -> list[str]:
    """Sentences for each entered value that disagrees with the ID; values not entered are not checked."""
    problems = []
    if birth_date is not None and birth_date != rid.birth_date:
        problems.append(f"出生日期与身份证号不符（身份证为 {rid.birth_date.isoformat()}）")
    if sex and sex != rid.sex:
        problems.append(f"性别与身份证号不符（身份证为 {rid.sex}）")
    return problems


def upgrade_legacy_id(number15: str) -> str:
    """The 18-digit form of a 15-digit ID; an 18-digit ID comes back unchanged (normalised)."""
    rid = parse_resident_id(number15)
    if not rid.legacy:
        return rid.number
    first17 = rid.number[:6] + "19" + rid.number[6:]
    return first17 + _check_digit(first17)


# What a masked ID shows. The 8 digits after the region are the birth date, which the roster shows beside it, and
# the 3 after those the sequence (its last digit the sex): showing the region and the last 4, as before, gave the
# whole number back. Showing only the province (2) and the last 2 leaves, for someone whose birth date and sex are
# shown too, every region code of the province times about 9 sequence numbers per region that fit the check digit:
# 1,395 or more in Shandong (155 region codes), counted by tests/test_mask.py over the demo club.
MASK_HEAD, MASK_TAIL = 2, 2


def mask_id(number: str | None) -> str:
    """The first 2 and last 2 characters for display (a duty volunteer's view, exports, returns, certificates);
    anything too short is masked entirely."""
    number = _compact(number or "")
    if len(number) <= MASK_HEAD + MASK_TAIL + 6:
        return "*" * len(number)
    return number[:MASK_HEAD] + "*" * (len(number) - MASK_HEAD - MASK_TAIL) + number[-MASK_TAIL:]


# ---------------------------------------------------------------- phone numbers

_FIELD_PHONE = "phone"


def parse_phone(text: str) -> str:
    """A mobile as 11 digits, a landline as "0546-8123456" or bare local digits; "" stays "" (optional)."""
    raw = normalise(text or "")
    if not raw:
        return ""
    digits = re.sub(r"[\s\-()]", "", raw)
    had_country = False
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits, had_country = digits[len(prefix):], True
            break
    else:
        # A bare "86" is only a country code when a full mobile number follows it.
        if re.fullmatch(r"861\d{10}", digits):
            digits, had_country = digits[2:], True
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError("电话号码格式不对", _FIELD_PHONE)
    if had_country and digits[0] not in "01":
        digits = "0" + digits  # international form drops the trunk 0 of the area code

    if digits.startswith("1"):
        if len(digits) != 11:
            raise ValidationError(f"手机号应为11位，以1开头（现在是{len(digits)}位）", _FIELD_PHONE)
        if digits[1] in "012":
            raise ValidationError("手机号第二位应为3到9", _FIELD_PHONE)
        return digits
    if digits.startswith("0") and len(digits) > 1:
        # Beijing (010) and the 02x cities have 3-digit area codes; every other area code has 4.
        split = 3 if digits[1] in "12" else 4
        area, local = digits[:split], digits[split:]
        if len(local) not in (7, 8):
            raise ValidationError("电话号码格式不对", _FIELD_PHONE)
        return f"{area}-{local}"
    if len(digits) in (7, 8):
        return digits
    raise ValidationError("电话号码格式不对", _FIELD_PHONE)


# ---------------------------------------------------------------- dates

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # "1945-03-12 00:00:00" from spreadsheets
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日?)?"),
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?"),  # 19450312 or 194503
]
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_NUMBER = re.compile("[〇○零一二两三四五六七八九十]+")
EARLIEST = datetime.date(1900, 1, 1)


def _cn_number(run: str, before_year: bool) -> str:
    """"一九五〇" before 年 reads digit by digit; "十二", "二十五", "三十一" as numbers."""
    if before_year or "十" not in run:
        return "".join(str(_CN_DIGITS[c]) for c in run if c in _CN_DIGITS) if run != "十" else "10"
    tens, _, units = run.partition("十")
    return str((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0))


def _date_text(text: str) -> str:
    """A typed date in the forms the parsers know: 一九五〇年三月五日 → 1950年3月5日, 5号 → 5日, 1950。3。5 → 1950.3.5,
    and the dot people put after the day ("1950.3.5.") dropped."""
    text = normalise(text)
    if "年" in text or "月" in text:
        text = _CN_NUMBER.sub(lambda m: _cn_number(m.group(), text[m.end():m.end() + 1] == "年"), text)
    text = text.replace("号", "日").replace("。", ".").replace("．", ".")
    return text.rstrip(".") if re.fullmatch(r"[\d.\s]+\.", text) else text


def _from_serial(serial: float, text: str, field: str) -> datetime.date:
    if not math.isfinite(serial) or not 1 <= serial < _EXCEL_MAX_SERIAL + 1:
        raise ValidationError(f"日期格式无法识别：{text}", field)
    day = int(serial)  # a fraction is the time of day
    if day == 60:
        raise ValidationError("日期不存在（Excel 1900-02-29）", field)
    # Excel counts a 1900-02-29 that never existed, so serials after it run one day ahead.
    base = datetime.date(1899, 12, 31) if day < 60 else datetime.date(1899, 12, 30)
    return base + datetime.timedelta(days=day)


@dataclass(frozen=True)
class ReadDate:
    """A date as read, and whether the text gave its day (1950年3月 does not: the day is the 1st)."""

    day: datetime.date
    day_known: bool = True


def read_date(
    text: str | int | float | datetime.date | datetime.datetime, *, field: str = "date"
) -> ReadDate:
    """A date as typed, pasted or imported from Excel, and whether it named the day (see parse_date)."""
    if isinstance(text, datetime.datetime):
        return ReadDate(text.date())
    if isinstance(text, datetime.date):
        return ReadDate(text)
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return ReadDate(_from_serial(text, str(text), field))
    if text is None or (isinstance(text, str) and not normalise(text)):
        raise ValidationError("日期不能为空", field)
    if not isinstance(text, str):
        raise ValidationError(f"日期格式无法识别：{text}", field)

    shown = normalise(text)
    read = _date_text(text)
    # Spaces inside "1945 年 3 月" are noise, but the one before a time of day is not.
    compact = re.sub(r"\s+", "", read) if "年" in read else read
    for form in _DATE_FORMS:
        m = form.fullmatch(compact)
        if m:
            parts = m.groupdict()
            try:
                day = datetime.date(int(parts["y"]), int(parts["m"]), int(parts.get("d") or 1))
            except ValueError:
                raise ValidationError(f"日期不存在：{shown}", field) from None
            return ReadDate(day, bool(parts.get("d")))
    if re.fullmatch(r"\d{1,7}(?:\.\d+)?", compact):
        return ReadDate(_from_serial(float(compact), shown, field))
    raise ValidationError(f"日期格式无法识别：{shown}", field)


def parse_date(
    text: str | int | float | datetime.date | datetime.datetime, *, field: str = "date"
) -> datetime.date:
    """A date as typed, pasted or imported from Excel; month-only forms give the 1st of the month.

    For a roster's dates (birth, joining the party), which arrive from spreadsheets: Excel serials, 194503,
    1950.3, 1950年3月5号, 一九五〇年三月五日 and 1950。3。5 are all read. Dates of events use event_date().
    """
    return read_date(text, field=field).day


# The forms of a day the club's volunteers write (event_date): the year may be left out, never the day.
_EVENT_FULL = re.compile(r"(?P<y>\d{4})(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME
                         + r"|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日?)")
_EVENT_SHORT = re.compile(r"(?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2})|月(?P<d2>\d{1,2})日?)")
_EVENT_YYYYMMDD = re.compile(r"(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)")
_RELATIVE = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "后天": 2}


def date_example(today: datetime.date) -> str:
    """What to type, shown in every refusal of a date: today's date in three forms."""
    return f"请写成 {today.isoformat()}、{today.month}月{today.day}日 或 今天"


def event_date(value: Any, field: str = "date", *, today: datetime.date | None = None,
               ahead: bool = False) -> datetime.date:
    """The day of an event as a volunteer types it (a visit, a meeting, a withdrawal, a follow-up …).

    Reads 2026-12-02, 2026.12.2, 2026/12/2, 2026年12月2日, 20261202, 12月2日, 12-2, 12.2, 12/2 (this year, or last
    year when that day has not come yet; with ``ahead``, for a day planned, this year or next year when it has
    passed), 今天, 昨天, 前天 (with ``ahead`` also 明天, 后天). Refuses a bare number ("4", "1203"), a month
    without its day and anything before 1900, each with an example of what to type.
    """
    today = today or datetime.date.today()
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        day = value
    else:
        if value is None or (isinstance(value, str) and not normalise(value)):
            raise ValidationError("日期不能为空", field)
        shown = normalise(str(value))
        text = re.sub(r"\s+(?!\d{1,2}:)", "", _date_text(str(value))) if not isinstance(value, bool) else ""
        day = _event_day(text, shown, field, today, ahead)
    if day < EARLIEST:
        raise ValidationError(f"日期早于1900年：{day.isoformat()}，{date_example(today)}", field)
    return day


def _event_day(text: str, shown: str, field: str, today: datetime.date, ahead: bool) -> datetime.date:
    if text in _RELATIVE and (ahead or _RELATIVE[text] <= 0):
        return today + datetime.timedelta(days=_RELATIVE[text])
    year = None
    if m := _EVENT_FULL.fullmatch(text) or _EVENT_YYYYMMDD.fullmatch(text):
        parts = m.groupdict()
        year, month, day = int(parts["y"]), int(parts.get("m") or parts.get("m2")), int(parts.get("d") or parts.get("d2"))
    elif m := _EVENT_SHORT.fullmatch(text):
        month, day = int(m.group("m")), int(m.group("d") or m.group("d2"))
    else:
        if re.fullmatch(r"\d+", text):
            reason = f"只写了数字“{shown}”，看不出是哪一天"
        elif re.fullmatch(r"(\d{4})(?:年(\d{1,2})月?|[-/.](\d{1,2}))", text):
            reason = f"“{shown}”没有写哪一天"
        else:
            reason = f"日期看不懂：{shown}"
        raise ValidationError(f"{reason}，{date_example(today)}", field)
    try:
        if year is not None:
            return datetime.date(year, month, day)
        # No year: the latest such day not after today, or with ``ahead`` the first not before it (2月29日 may be
        # years away).
        step = 1 if ahead else -1
        for offset in range(9):
            try:
                found = datetime.date(today.year + step * offset, month, day)
            except ValueError:
                if (month, day) == (2, 29):
                    continue
                raise
            if (found >= today) if ahead else (found <= today):
                return found
        raise ValueError(shown)
    except ValueError:
        raise ValidationError(f"日期不存在：{shown}", field) from None


def past_date(value, field: str, today: datetime.date, *, future: str = "日期晚于今天") -> datetime.date:
    """A date that has already come (a meeting held, an activity done); ``future`` says why a later one is refused."""
    day = event_date(value, field, today=today)
    if day > today:
        raise ValidationError(future, field)
    return day


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """Full years; someone born on 29 February turns a year older on 1 March in common years."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
