"""Chinese calendar for the club: lunar festivals, the observed fixed days, and birthdays (solar or lunar) in a given year."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar


def add_months(first: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after (or before, when negative) the month of ``first``."""
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Festival:
    key: str
    name: str
    day: datetime.date


LUNAR_FESTIVALS: tuple[tuple[str, str, int, int], ...] = (
    ("spring_festival", "春节", 1, 1),
    ("mid_autumn", "中秋节", 8, 15),
    ("double_ninth", "重阳节", 9, 9),
)
DEFAULT_OBSERVED: tuple[dict, ...] = (
    {"key": "party_day", "name": "建党节", "month": 7, "day": 1},
    {"key": "national_day", "name": "国庆节", "month": 10, "day": 1},
)

_MONTH_NAMES = "正二三四五六七八九十冬腊"
_DAY_NAMES = ("初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
              "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
              "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十")


def lunar_festival(key: str, year: int) -> datetime.date:
    """The Gregorian date of a lunar festival in the lunar year that begins in Gregorian ``year``."""
    for festival_key, _name, month, day in LUNAR_FESTIVALS:
        if festival_key == key:
            solar = Lunar.fromYmd(year, month, day).getSolar()
            return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())
    raise ValueError(f"未知的农历节日：{key}")


def _observed_day(entry: dict, year: int) -> Festival:
    label = (entry.get("name") or entry.get("key") or repr(entry)) if isinstance(entry, dict) else repr(entry)
    try:
        month, day = entry["month"], entry["day"]
        # 2001 is a common year: a fixed day that does not exist every year (29 February) is refused too.
        datetime.date(2001, month, day)
        return Festival(str(entry["key"]), str(entry["name"]), datetime.date(year, month, day))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"纪念日「{label}」设置无效：{entry!r}") from exc


def festivals_between(start: datetime.date, end: datetime.date,
                      observed: Iterable[dict] = DEFAULT_OBSERVED) -> list[Festival]:
    """Lunar festivals and observed fixed days dated in [start, end], by date."""
    observed = tuple(observed)
    for entry in observed:  # checked even when the window is empty, so a bad setting shows at once
        _observed_day(entry, 2001)
    found = []
    # Each festival here falls inside the Gregorian year its lunar year begins in (春节 to 重阳 by November).
    for year in range(start.year, end.year + 1):
        found += [Festival(key, name, lunar_festival(key, year)) for key, name, _m, _d in LUNAR_FESTIVALS]
        found += [_observed_day(entry, year) for entry in observed]
    return sorted((f for f in found if start <= f.day <= end), key=lambda f: (f.day, f.key))


def solar_birthday(birth: datetime.date, year: int) -> datetime.date:
    """The Gregorian birthday in ``year``."""
    try:
        return birth.replace(year=year)
    except ValueError:
        # Born on 29 February: the custom is to celebrate before the day rather than after it, so 28 February.
        return datetime.date(year, 2, 28)


@lru_cache(maxsize=512)
def _month_table(year: int) -> dict[int, tuple[datetime.date, int]]:
    """Lunar year ``year``'s ordinary months: month -> (Gregorian first day, length).

    Building LunarYear is slow (solar terms, new moons); due lists ask for the same few years thousands of times.
    """
    lunar_year = LunarYear.fromYear(year)
    table = {}
    for month in range(1, 13):
        lunar_month = lunar_year.getMonth(month)
        first = Solar.fromJulianDay(lunar_month.getFirstJulianDay())
        table[month] = (datetime.date(first.getYear(), first.getMonth(), first.getDay()), lunar_month.getDayCount())
    return table


def _check_lunar(month: int, day: int) -> None:
    if not (isinstance(month, int) and 1 <= month <= 12 and isinstance(day, int) and 1 <= day <= 30):
        raise ValueError(f"农历日期无效：{month}月{day}日")


def lunar_birthday(month: int, day: int, leap: bool, year: int) -> datetime.date:
    """The Gregorian date of a lunar birthday in the lunar year that begins in Gregorian ``year``.

    The lunar year runs from 春节 to 除夕, so a birthday late in 冬月 or in 腊月 usually falls in
    January or February of ``year + 1``: lunar_birthday(12, 1, False, 2026) is 2027-01-08.
    Custom: a person born in a leap month celebrates in the ordinary month of that number (most years have
    no leap month, and the ordinary month comes first); a person born on the 30th celebrates on the 29th
    in years when that month has only 29 days.
    """
    _check_lunar(month, day)
    first, length = _month_table(year)[month]
    return first + datetime.timedelta(days=min(day, length) - 1)


def birthdays_between(start: datetime.date, end: datetime.date, *, birth: datetime.date | None = None,
                      lunar: tuple[int, int, bool] | None = None) -> list[datetime.date]:
    """Every birthday in [start, end]: the lunar one (month, day, leap) if given, else the solar one.

    Occurrences before ``birth``, when it is known, are not birthdays and are left out.
    """
    if lunar is not None:
        month, day, leap = lunar
        _check_lunar(month, day)
        # Lunar year y spans late January of y to mid February of y + 1, so year start.year - 1 can reach in.
        found = [lunar_birthday(month, day, leap, y) for y in range(start.year - 1, end.year + 1)]
    elif birth is not None:
        found = [solar_birthday(birth, y) for y in range(start.year, end.year + 1)]
    else:
        raise ValueError("需要公历生日或农历生日")
    return [d for d in found if start <= d <= end and (birth is None or d >= birth)]


def lunar_date_text(month: int, day: int, leap: bool) -> str:
    """The date as volunteers read it: 正月初一, 闰四月三十, 腊月廿九."""
    _check_lunar(month, day)
    return ("闰" if leap else "") + _MONTH_NAMES[month - 1] + "月" + _DAY_NAMES[day - 1]


def to_lunar(day: datetime.date) -> tuple[int, int, int, bool]:
    """(lunar year, month, day, leap) of a Gregorian date."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return lunar.getYear(), abs(lunar.getMonth()), lunar.getDay(), lunar.getMonth() < 0
